// Start an import and validate a location, through the same API; offered only to
// credentials with the imports:write scope.

import {get, send} from './api.js';
import {announce, fill, h, problemBox} from './dom.js';
import {validationReport} from './imports.js';

/** The start-and-validate page. */
export function render(container, ctx) {
  if (!ctx.can('imports:write')) {
    fill(container, h('section', {'aria-labelledby': 'start-title'}, h('h1', {id: 'start-title'}, 'Start & validate'),
      h('p', {class: 'card'}, 'Your credentials lack the scope imports:write, which starting imports and validating '
        + 'locations need. Ask the operators for a key with it.')));
    return null;
  }
  const apps = h('datalist', {id: 'known-apps'});
  const locations = h('datalist', {id: 'known-locations'});
  const roles = h('select', {id: 's-role', name: 'roleName', required: true}, h('option', {value: ''}, 'Loading roles...'));
  const startStatus = h('div', {class: 'action-result'});
  const validateStatus = h('div', {class: 'action-result'});
  let idempotencyKey = crypto.randomUUID();

  const field = (id, label, input, hint) => h('div', {class: 'field'}, h('label', {for: id}, label), input,
    hint ? h('p', {class: 'hint', id: `${id}-hint`}, hint) : null, h('p', {class: 'field-error', id: `${id}-error`}));
  const text = (id, name, attrs = {}) => h('input', {id, name, spellcheck: 'false', autocomplete: 'off',
    'aria-describedby': `${id}-hint ${id}-error`, ...attrs});
  const formats = (id) => h('select', {id, name: 'format'}, h('option', {value: 'CSV'}, 'CSV'), h('option', {value: 'JSON'}, 'JSON'));

  const startForm = h('form', {class: 'stack', 'aria-labelledby': 'start-form-title', novalidate: true, onsubmit: start},
    h('h2', {id: 'start-form-title'}, 'Start an import'),
    field('s-app', 'Application id', text('s-app', 'applicationId', {required: true, list: 'known-apps'}),
      'The Pinpoint application (project) id: 32 hexadecimal characters.'),
    field('s-url', 'S3 location', text('s-url', 's3Url', {required: true, placeholder: 's3://bucket/prefix/',
      list: 'known-locations'}),
      'One file (s3://bucket/key) or every file under a prefix (s3://bucket/prefix/).'),
    field('s-format', 'Format', formats('s-format')),
    h('fieldset', null, h('legend', null, 'Segment'),
      h('label', {class: 'inline'}, h('input', {type: 'radio', name: 'segmentKind', value: 'name', checked: true}), 'Create a new segment'),
      h('label', {class: 'inline'}, h('input', {type: 'radio', name: 'segmentKind', value: 'id'}), 'Update an existing segment'),
      field('s-segment', 'Segment name or id', text('s-segment', 'segment', {required: true}))),
    field('s-role', 'Import role', roles, 'A role this service manages; Pinpoint assumes it to read the files.'),
    field('s-validation', 'Check the files first', h('select', {id: 's-validation', name: 'validation'},
      h('option', {value: 'SAMPLE'}, 'SAMPLE: the first rows of each file'),
      h('option', {value: 'FULL'}, 'FULL: every row'), h('option', {value: 'NONE'}, 'NONE'))),
    h('label', {class: 'inline'}, h('input', {type: 'checkbox', name: 'registerEndpoints', checked: true}), 'Register the endpoints'),
    h('div', null, h('button', {type: 'submit', class: 'primary'}, 'Start import')), startStatus);

  const validateForm = h('form', {class: 'stack', 'aria-labelledby': 'validate-form-title', novalidate: true, onsubmit: validate},
    h('h2', {id: 'validate-form-title'}, 'Validate a location'),
    h('p', {class: 'muted'}, 'Reads every file once, as Pinpoint would, and lists what it would reject. Nothing is imported.'),
    field('v-url', 'S3 location', text('v-url', 's3Url', {required: true, placeholder: 's3://bucket/prefix/',
      list: 'known-locations'})),
    field('v-format', 'Format', formats('v-format')),
    field('v-mode', 'Mode', h('select', {id: 'v-mode', name: 'mode'}, h('option', {value: 'FULL'}, 'FULL: every row'),
      h('option', {value: 'SAMPLE'}, 'SAMPLE: the first rows of each file'))),
    h('div', null, h('button', {type: 'submit', class: 'secondary'}, 'Validate')), validateStatus);

  fill(container, h('section', {'aria-labelledby': 'start-title'},
    h('h1', {id: 'start-title'}, 'Start & validate'), apps, locations,
    h('div', {class: 'grid'}, h('div', {class: 'card'}, startForm), h('div', {class: 'card'}, validateForm))));

  loadRoles();
  loadLocations();

  // The locations of recent imports, offered as suggestions (the local run's demo files among them).
  async function loadLocations() {
    if (!ctx.can('imports:read')) return;
    try {
      const page = (await get('/api/v1/imports?limit=50')).data;
      fill(locations, [...new Set(page.items.map((i) => i.s3Url))].map((url) => h('option', {value: url})));
    } catch {
      // Suggestions only: the form works without them.
    }
  }

  async function loadRoles() {
    if (!ctx.can('import-roles:read')) {
      roles.replaceWith(text('s-role', 'roleName', {required: true}));
      return;
    }
    try {
      const page = (await get('/api/v1/import-roles?size=100')).data;
      fill(roles, page.items.length ? null : h('option', {value: ''}, 'No managed roles: declare one first'),
        page.items.map((r) => h('option', {value: r.roleName}, `${r.roleName}${r.applicationId ? '' : ' (every application)'}`)));
      fill(apps, [...new Set(page.items.map((r) => r.applicationId).filter(Boolean))].map((id) => h('option', {value: id})));
      const first = page.items.find((r) => r.applicationId);
      const app = document.getElementById('s-app');
      if (first && !app.value) {
        app.value = first.applicationId;
        roles.value = first.roleName;
      }
    } catch (error) {
      fill(roles, h('option', {value: ''}, 'Roles could not be read'));
    }
  }

  function clearErrors(form) {
    for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    for (const el of form.querySelectorAll('.field-error')) el.textContent = '';
  }

  function showErrors(form, prefix, error, status) {
    fill(status, problemBox(error));
    const fields = {applicationId: 'app', s3Url: 'url', format: 'format', segmentName: 'segment', segmentId: 'segment',
      roleName: 'role', roleArn: 'role', validation: 'validation', mode: 'mode'};
    for (const problem of (error.problem && error.problem.errors) || []) {
      const input = document.getElementById(`${prefix}-${fields[problem.field]}`);
      if (!input) continue;
      input.setAttribute('aria-invalid', 'true');
      document.getElementById(`${input.id}-error`).textContent = problem.message;
    }
    const invalid = form.querySelector('[aria-invalid]');
    if (invalid) invalid.focus();
  }

  async function start(event) {
    event.preventDefault();
    const form = event.target;
    clearErrors(form);
    const data = new FormData(form);
    const segment = String(data.get('segment')).trim();
    const body = {applicationId: String(data.get('applicationId')).trim(), s3Url: String(data.get('s3Url')).trim(),
      format: data.get('format'), roleName: String(data.get('roleName') || '').trim() || undefined,
      validation: data.get('validation'), registerEndpoints: data.get('registerEndpoints') === 'on'};
    body[data.get('segmentKind') === 'id' ? 'segmentId' : 'segmentName'] = segment || undefined;
    try {
      const imp = await send('POST', '/api/v1/imports', body, {'Idempotency-Key': idempotencyKey});
      idempotencyKey = crypto.randomUUID();
      announce('Import started');
      ctx.go(`#/imports/${imp.id}`);
    } catch (error) {
      showErrors(form, 's', error, startStatus);
    }
  }

  async function validate(event) {
    event.preventDefault();
    const form = event.target;
    clearErrors(form);
    const data = new FormData(form);
    fill(validateStatus, h('p', {class: 'muted', role: 'status'}, 'Reading the files...'));
    try {
      const report = await send('POST', '/api/v1/validations',
        {s3Url: String(data.get('s3Url')).trim(), format: data.get('format'), mode: data.get('mode')});
      fill(validateStatus, validationReport(report));
      announce(report.valid ? 'The location is valid' : 'The location has errors');
    } catch (error) {
      showErrors(form, 'v', error, validateStatus);
    }
  }

  return null;
}
