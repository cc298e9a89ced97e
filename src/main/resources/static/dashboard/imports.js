// Imports: the list with counts by state, filters and search; one import with its
// attempts, Pinpoint counters, failures, validation report and timeline.

import {get, query, send} from './api.js';
import {announce, badge, duration, facts, fill, h, problemBox, table, time} from './dom.js';

const STATES = ['QUEUED', 'SUBMITTING', 'RUNNING', 'SUCCEEDED', 'PARTIALLY_SUCCEEDED', 'FAILED', 'CANCELLED'];
const PAGE = 50;

/** The list of imports. */
export function list(container, ctx) {
  const filter = {
    state: ctx.params.get('state') || '',
    applicationId: ctx.params.get('applicationId') || '',
    segmentName: ctx.params.get('segmentName') || '',
  };
  let search = ctx.params.get('q') || '';
  let limit = PAGE;
  let page = null;
  let counts = null;
  let failed = false;

  const states = h('div', {class: 'states'});
  const results = h('div', {class: 'results', 'aria-live': 'off'});
  const more = h('button', {type: 'button', class: 'secondary', hidden: true, onclick: () => {
    limit = Math.min(limit + PAGE, 200);
    refresh(true);
  }}, 'Show more');
  const searchBox = h('input', {id: 'f-search', type: 'search', value: search, placeholder: 'id, S3 URL, segment, role...',
    oninput: () => { search = searchBox.value.trim(); draw(); }});

  function hash(next) {
    const merged = {...filter, q: search, ...next};
    return `#/imports${query(merged)}`;
  }

  const form = h('form', {class: 'filters', role: 'search', 'aria-label': 'Filter imports', onsubmit: (event) => {
    event.preventDefault();
    const data = new FormData(event.target);
    ctx.go(hash({state: data.get('state'), applicationId: data.get('applicationId').trim(),
      segmentName: data.get('segmentName').trim()}));
  }},
  h('div', {class: 'field'}, h('label', {for: 'f-state'}, 'State'),
    h('select', {id: 'f-state', name: 'state'}, h('option', {value: ''}, 'Any'),
      STATES.map((s) => h('option', {value: s, selected: s === filter.state}, s)))),
  h('div', {class: 'field'}, h('label', {for: 'f-app'}, 'Application id'),
    h('input', {id: 'f-app', name: 'applicationId', value: filter.applicationId, spellcheck: 'false'})),
  h('div', {class: 'field'}, h('label', {for: 'f-segment'}, 'Segment name'),
    h('input', {id: 'f-segment', name: 'segmentName', value: filter.segmentName})),
  h('div', {class: 'field'}, h('button', {type: 'submit', class: 'secondary'}, 'Apply')),
  h('div', {class: 'field grow'}, h('label', {for: 'f-search'}, 'Search shown imports'), searchBox));

  fill(container, h('section', {'aria-labelledby': 'imports-title'},
    h('div', {class: 'head'}, h('h1', {id: 'imports-title'}, 'Imports'),
      ctx.can('imports:write') ? h('a', {class: 'button primary', href: '#/start'}, 'Start an import') : null),
    states, form, results, more));

  function drawStates() {
    if (!counts) return;
    const chip = (state, label, count) => h('a', {href: hash({state}), class: `chip${filter.state === state ? ' on' : ''}`,
      'aria-current': filter.state === state ? 'true' : null},
    state ? badge(label) : h('span', {class: 'chip-label'}, label), h('span', {class: 'count'}, String(count)));
    fill(states, h('nav', {'aria-label': 'Imports by state'}, h('ul', null,
      h('li', null, chip('', 'All', counts.total)),
      STATES.map((s) => h('li', null, chip(s, s, counts.byState[s] || 0))))));
  }

  function draw() {
    if (!page) return;
    const needle = search.toLowerCase();
    const items = page.items.filter((imp) => !needle || [imp.id, imp.s3Url, imp.segmentName, imp.segmentId, imp.roleName,
      imp.roleArn, imp.applicationId, imp.requestedBy, imp.state, imp.error && imp.error.detail]
      .some((value) => value && String(value).toLowerCase().includes(needle)));
    more.hidden = !page.nextCursor || limit >= 200;
    if (!items.length) {
      const filtered = filter.state || filter.applicationId || filter.segmentName;
      fill(results, h('p', {class: 'empty'}, page.items.length ? 'No shown import matches the search.'
        : filtered ? ['No import matches these filters. ', h('a', {href: '#/imports'}, 'Show every import.')]
          : ['No imports yet. ', ctx.can('imports:write') ? h('a', {href: '#/start'}, 'Start one.') : null]));
      return;
    }
    fill(results, table('Imports, newest first', ['State', 'Import', 'S3 location', 'Segment', 'Progress', 'Created', 'By'],
      items.map((imp) => h('tr', {'data-id': imp.id},
        h('td', null, badge(imp.state)),
        h('td', null, h('a', {href: `#/imports/${imp.id}`, class: 'mono', 'aria-label': `Import ${imp.id}`}, imp.id.slice(0, 8))),
        h('td', {class: 'mono wrap'}, imp.s3Url, h('span', {class: 'muted'}, ` ${imp.format}`)),
        h('td', null, imp.segmentName || h('span', {class: 'mono'}, imp.segmentId || '')),
        h('td', null, progress(imp)),
        h('td', null, time(imp.createdAt)),
        h('td', null, imp.requestedBy)))),
    search ? h('p', {class: 'muted'}, `${items.length} of ${page.items.length} shown imports match.`) : null);
  }

  async function refresh(force) {
    try {
      const [c, p] = await Promise.all([get('/api/v1/imports/counts'),
        get(`/api/v1/imports${query({...filter, limit})}`)]);
      if (c.changed || force || !counts) { counts = c.data; drawStates(); }
      if (p.changed || force || !page || failed) { page = p.data; draw(); }
      failed = false;
    } catch (error) {
      failed = true;
      fill(results, problemBox(error));
    }
  }

  refresh(true);
  return ctx.onChange(() => refresh(false));
}

function progress(imp) {
  const percent = Math.round((imp.progress || 0) * 100);
  return h('span', {class: 'progress-cell'},
    h('progress', {max: '100', value: String(percent), 'aria-label': `Progress of import ${imp.id.slice(0, 8)}`}),
    ` ${percent}%`);
}

/** One import. */
export function detail(container, ctx) {
  const [id] = ctx.match;
  let current = null;
  let failed = false;
  const body = h('div', {'aria-live': 'off'}, h('p', {class: 'muted'}, 'Loading...'));
  const status = h('div', {class: 'action-result'});
  const title = h('h1', {id: 'import-title'}, 'Import ', h('span', {class: 'mono'}, id.slice(0, 8)));
  const actions = h('div', {class: 'actions'});
  fill(container, h('section', {'aria-labelledby': 'import-title'},
    h('p', {class: 'crumbs'}, h('a', {href: '#/imports'}, 'Imports'), ' / ', h('span', {class: 'mono'}, id)),
    h('div', {class: 'head'}, title, actions), status, body));

  async function act(verb) {
    try {
      current = await send('POST', `/api/v1/imports/${id}/${verb}`);
      fill(status, h('p', {class: 'ok', role: 'status'},
        verb === 'retry' ? 'Queued again as a new run.' : 'Cancelled.'));
      announce(verb === 'retry' ? 'Import queued again' : 'Import cancelled');
      draw();
      refresh();
    } catch (error) {
      fill(status, problemBox(error));
    }
  }

  function draw() {
    const imp = current;
    title.replaceChildren('Import ', h('span', {class: 'mono'}, imp.id.slice(0, 8)), ' ', badge(imp.state));
    const can = ctx.can('imports:write');
    fill(actions,
      can && imp.state === 'FAILED' ? h('button', {type: 'button', class: 'primary', onclick: () => act('retry')}, 'Retry') : null,
      can && (imp.state === 'QUEUED' || imp.state === 'SUBMITTING')
        ? h('button', {type: 'button', class: 'danger', onclick: () => act('cancel')}, 'Cancel') : null);
    const job = imp.pinpoint;
    const validation = imp.error && imp.error.validation;
    fill(body,
      imp.error ? h('div', {class: 'problem', role: 'note'}, h('strong', null, imp.error.title),
        h('p', null, imp.error.detail), h('p', {class: 'muted mono'}, imp.error.type)) : null,
      h('div', {class: 'progress-row'}, h('label', {for: 'import-progress'}, 'Progress'),
        h('progress', {id: 'import-progress', max: '100', value: String(Math.round(imp.progress * 100))}),
        h('span', null, `${Math.round(imp.progress * 100)}%`)),
      h('div', {class: 'grid'},
        h('section', {class: 'card', 'aria-labelledby': 'what-title'}, h('h2', {id: 'what-title'}, 'What'),
          facts([
            ['Application', h('span', {class: 'mono'}, imp.applicationId)],
            ['S3 location', h('span', {class: 'mono wrap'}, imp.s3Url)],
            ['Format', imp.format],
            ['Segment', imp.segmentName ? `${imp.segmentName} (new)` : null],
            ['Segment id', imp.segmentId ? h('span', {class: 'mono'}, imp.segmentId) : null],
            ['Role', imp.roleName ? h('a', {href: `#/roles/${encodeURIComponent(imp.roleName)}`}, imp.roleName) : null],
            ['Role ARN', imp.roleArn ? h('span', {class: 'mono wrap'}, imp.roleArn) : null],
            ['Register endpoints', imp.registerEndpoints ? 'yes' : 'no'],
            ['Requested by', imp.requestedBy],
          ])),
        h('section', {class: 'card', 'aria-labelledby': 'job-title'}, h('h2', {id: 'job-title'}, 'Pinpoint job'),
          job ? facts([
            ['Job id', h('span', {class: 'mono'}, job.jobId)],
            ['Job status', job.jobStatus],
            ['Pieces', `${job.completedPieces ?? 0} done, ${job.failedPieces ?? 0} failed of ${job.totalPieces ?? '?'}`],
            ['Endpoints processed', job.totalProcessed ?? 0],
            ['Endpoints failed', job.totalFailures ?? 0],
          ]) : h('p', {class: 'muted'}, 'Not submitted to Pinpoint yet.'),
          job && job.failures && job.failures.length ? h('div', null, h('h3', null, 'Failures'),
            h('ul', {class: 'failures'}, job.failures.map((f) => h('li', {class: 'mono wrap'}, f))),
            job.failuresTruncated ? h('p', {class: 'warn'}, `Truncated: Pinpoint keeps only the first ${job.failures.length} `
              + `failures of ${job.totalFailures}.`) : null) : null)),
      validation ? validationReport(validation) : null,
      h('section', {class: 'card', 'aria-labelledby': 'attempts-title'}, h('h2', {id: 'attempts-title'}, 'Attempts'),
        imp.attempts.length ? table('Submission attempts', ['#', 'Run', 'Outcome', 'Started', 'Took', 'Job', 'Message', 'AWS request id'],
          imp.attempts.map((a) => h('tr', null, h('td', null, a.number), h('td', null, a.run), h('td', null, a.outcome),
            h('td', null, time(a.startedAt)), h('td', null, duration(a.startedAt, a.finishedAt)),
            h('td', {class: 'mono'}, a.jobId || ''), h('td', {class: 'wrap'}, [a.errorCode, a.message].filter(Boolean).join(': ')),
            h('td', {class: 'mono'}, a.requestId || ''))))
          : h('p', {class: 'muted'}, 'No submission attempt yet.')),
      h('section', {class: 'card', 'aria-labelledby': 'timeline-title'}, h('h2', {id: 'timeline-title'}, 'Timeline'),
        timeline(imp)));
  }

  async function refresh() {
    try {
      const answer = await get(`/api/v1/imports/${id}`);
      if (answer.changed || !current || failed) {
        current = answer.data;
        draw();
      }
      failed = false;
    } catch (error) {
      failed = true;
      fill(body, problemBox(error));
    }
  }

  refresh();
  return ctx.onChange((event) => {
    if (!event || !event.subject || event.subject === id || String(event.subject).endsWith(id)) refresh();
  });
}

function timeline(imp) {
  const events = [{at: imp.createdAt, text: `Accepted (QUEUED) from ${imp.requestedBy}`}];
  for (const a of imp.attempts) {
    events.push({at: a.startedAt, text: `Attempt ${a.number} (run ${a.run}) started`});
    if (a.finishedAt) events.push({at: a.finishedAt, text: `Attempt ${a.number}: ${a.outcome}${a.jobId ? `, job ${a.jobId}` : ''}`});
  }
  if (imp.submittedAt) events.push({at: imp.submittedAt, text: 'Pinpoint created the job'});
  if (imp.completedAt) events.push({at: imp.completedAt, text: `Ended ${imp.state}`});
  events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return h('ol', {class: 'timeline'}, events.map((e) => h('li', null, time(e.at), h('span', null, e.text))));
}

/** A validation report: totals, files and findings. */
export function validationReport(report) {
  const t = report.totals || {};
  const findings = [...(report.errors || []), ...(report.warnings || [])];
  return h('section', {class: 'card', 'aria-labelledby': 'validation-title'},
    h('h2', {id: 'validation-title'}, 'Validation report ', report.valid
      ? h('span', {class: 'badge s-succeeded'}, 'VALID') : h('span', {class: 'badge s-failed'}, 'INVALID')),
    facts([
      ['Location', h('span', {class: 'mono wrap'}, report.s3Url)],
      ['Mode', `${report.format}, ${report.mode}`],
      ['Files', `${t.filesChecked ?? 0} checked of ${t.files ?? 0}`],
      ['Rows', t.rows ?? 0],
      ['Errors', `${t.errors ?? 0} (${t.endpointsWithErrors ?? 0} endpoints)`],
      ['Warnings', t.warnings ?? 0],
    ]),
    report.files && report.files.length ? table('Files', ['Key', 'Size', 'Rows', 'Errors', 'Skipped'],
      report.files.map((f) => h('tr', null, h('td', {class: 'mono wrap'}, f.key), h('td', null, f.size),
        h('td', null, f.rows ?? ''), h('td', null, f.errors ?? ''), h('td', null, f.skipped || '')))) : null,
    findings.length ? table('Findings', ['Severity', 'Rule', 'Where', 'Field', 'Message'],
      findings.map((f) => h('tr', null, h('td', null, f.severity), h('td', {class: 'mono'}, f.rule),
        h('td', {class: 'mono wrap'}, `${f.key || ''}${f.line ? `:${f.line}` : ''}`), h('td', null, f.field || ''),
        h('td', {class: 'wrap'}, f.message)))) : h('p', {class: 'muted'}, 'No findings.'));
}
