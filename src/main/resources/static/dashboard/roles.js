// Import roles: the managed roles with their state and drift (read live from IAM), and one
// role with its policies and a repair that PUTs its own declaration again.

import {get, query, send} from './api.js';
import {announce, badge, facts, fill, h, problemBox, table, time} from './dom.js';

/** The list of managed roles. */
export function list(container, ctx) {
  const page = Number(ctx.params.get('page') || 0);
  const results = h('div', null, h('p', {class: 'muted'}, 'Loading...'));
  const drifts = new Map();
  let roles = null;
  let failed = false;
  fill(container, h('section', {'aria-labelledby': 'roles-title'},
    h('div', {class: 'head'}, h('h1', {id: 'roles-title'}, 'Import roles'),
      h('button', {type: 'button', class: 'secondary', onclick: () => { drifts.clear(); checkDrift(); }}, 'Check drift again')),
    h('p', {class: 'muted'}, 'The IAM roles Pinpoint assumes to read S3, as this service declared them. '
      + 'Drift is read live from IAM.'),
    results));

  function draw() {
    if (!roles.items.length) {
      fill(results, h('p', {class: 'empty'}, 'No managed roles yet. Declare one with PUT /api/v1/import-roles/{roleName}.'));
      return;
    }
    fill(results, table('Managed import roles', ['Role', 'State', 'Drift', 'Application', 'Access', 'Declared', 'By'],
      roles.items.map((r) => h('tr', null,
        h('td', null, h('a', {href: `#/roles/${encodeURIComponent(r.roleName)}`}, r.roleName)),
        h('td', null, badge(r.state)),
        h('td', null, driftCell(drifts.get(r.roleName))),
        h('td', {class: 'mono'}, r.applicationId || 'every application'),
        h('td', null, r.access),
        h('td', null, time(r.declaredAt)),
        h('td', null, r.declaredBy)))),
    roles.totalPages > 1 ? h('p', {class: 'pager'},
      page > 0 ? h('a', {href: `#/roles${query({page: page - 1})}`}, 'Previous page') : null, ' ',
      `Page ${page + 1} of ${roles.totalPages}`, ' ',
      page + 1 < roles.totalPages ? h('a', {href: `#/roles${query({page: page + 1})}`}, 'Next page') : null) : null);
  }

  async function checkDrift() {
    if (!roles) return;
    draw();
    await Promise.all(roles.items.map(async (r) => {
      try {
        drifts.set(r.roleName, (await get(`/api/v1/import-roles/${encodeURIComponent(r.roleName)}`)).data.drift);
      } catch {
        drifts.set(r.roleName, null);
      }
    }));
    draw();
  }

  async function refresh() {
    try {
      const answer = await get(`/api/v1/import-roles${query({page, size: 20})}`);
      if (answer.changed || !roles || failed) {
        const first = !roles;
        roles = answer.data;
        draw();
        if (first) checkDrift();
      }
      failed = false;
    } catch (error) {
      failed = true;
      fill(results, problemBox(error));
    }
  }

  refresh();
  return ctx.onChange(() => refresh());
}

function driftCell(drift) {
  if (drift === undefined) return h('span', {class: 'muted'}, 'checking...');
  if (drift === null) return h('span', {class: 'muted'}, 'unknown');
  if (!drift.length) return h('span', {class: 'badge s-succeeded'}, 'NONE');
  return h('span', {class: 'badge s-failed', title: drift.map((d) => d.kind).join(', ')}, `${drift.length} DRIFT`);
}

/** One role. */
export function detail(container, ctx) {
  const [name] = ctx.match;
  const body = h('div', null, h('p', {class: 'muted'}, 'Reading the role from IAM...'));
  const status = h('div', {class: 'action-result'});
  const actions = h('div', {class: 'actions'});
  const title = h('h1', {id: 'role-title'}, 'Role ', name);
  fill(container, h('section', {'aria-labelledby': 'role-title'},
    h('p', {class: 'crumbs'}, h('a', {href: '#/roles'}, 'Roles'), ' / ', name),
    h('div', {class: 'head'}, title, actions), status, body));
  let role = null;
  let failed = false;

  async function repair() {
    const declaration = {applicationId: role.applicationId || undefined, access: role.access,
      s3Locations: role.access === 'SCOPED' ? role.s3Locations : undefined,
      kmsKeyArns: role.access === 'SCOPED' ? role.kmsKeyArns : undefined,
      description: role.description || undefined, tags: role.tags};
    try {
      const repaired = await send('PUT', `/api/v1/import-roles/${encodeURIComponent(name)}`, declaration);
      fill(status, h('div', {class: 'ok', role: 'status'}, h('p', null, `Repaired with ${repaired.actions.length} IAM call(s).`),
        repaired.actions.length ? h('ul', null, repaired.actions.map((a) => h('li', null, h('code', null, a.operation),
          a.awsRequestId ? h('span', {class: 'muted'}, ` request ${a.awsRequestId}`) : null))) : null));
      announce('Role repaired');
      refresh();
    } catch (error) {
      fill(status, problemBox(error));
    }
  }

  function draw() {
    title.replaceChildren('Role ', name, ' ', badge(role.state));
    fill(actions, ctx.can('import-roles:write') && role.drift.length
      ? h('button', {type: 'button', class: 'primary', onclick: repair}, 'Repair') : null);
    fill(body,
      h('div', {class: 'grid'},
        h('section', {class: 'card', 'aria-labelledby': 'decl-title'}, h('h2', {id: 'decl-title'}, 'Declaration'),
          facts([
            ['ARN', role.arn ? h('span', {class: 'mono wrap'}, role.arn) : 'not created'],
            ['Application', role.applicationId ? h('span', {class: 'mono'}, role.applicationId) : 'every application'],
            ['Access', role.access],
            ['S3 locations', role.s3Locations && role.s3Locations.length ? role.s3Locations.join(', ') : null],
            ['Description', role.description],
            ['Created in IAM', time(role.createdAt)],
            ['Adopted', role.adopted ? 'yes' : null],
            ['Managed policies', role.managedPolicyArns.length ? role.managedPolicyArns.join(', ') : 'none'],
          ])),
        h('section', {class: 'card', 'aria-labelledby': 'drift-title'}, h('h2', {id: 'drift-title'}, 'Drift'),
          role.drift.length ? h('ul', {class: 'drift'}, role.drift.map((d) => h('li', null,
            h('strong', null, d.kind), h('p', null, d.detail))))
            : h('p', {class: 'ok'}, 'None: IAM holds what was declared.'))),
      role.trustPolicy ? h('details', {class: 'card'}, h('summary', null, 'Trust policy as IAM holds it'),
        h('pre', {tabindex: '0'}, JSON.stringify(role.trustPolicy, null, 2))) : null,
      role.inlinePolicy ? h('details', {class: 'card'}, h('summary', null, 'Inline policy'),
        h('pre', {tabindex: '0'}, JSON.stringify(role.inlinePolicy, null, 2))) : null);
  }

  async function refresh() {
    try {
      const answer = await get(`/api/v1/import-roles/${encodeURIComponent(name)}`);
      if (answer.changed || !role || failed) {
        role = answer.data;
        draw();
      }
      failed = false;
    } catch (error) {
      failed = true;
      fill(body, problemBox(error));
    }
  }

  refresh();
  // Each look reads IAM: only on a change event, never on a polling tick.
  return ctx.onChange((event) => { if (event) refresh(); });
}
