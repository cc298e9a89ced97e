// The audit trail: every authenticated POST, PUT and DELETE, newest first, with filters.

import {get, query} from './api.js';
import {fill, h, problemBox, table, time} from './dom.js';

/** The audit page. */
export function render(container, ctx) {
  const filter = {caller: ctx.params.get('caller') || '', action: ctx.params.get('action') || '',
    target: ctx.params.get('target') || ''};
  const results = h('div', null, h('p', {class: 'muted'}, 'Loading...'));
  const more = h('button', {type: 'button', class: 'secondary', hidden: true, onclick: () => load(cursor)}, 'Show older');
  let items = [];
  let cursor = null;
  let failed = false;
  const field = (id, name, label, hint) => h('div', {class: 'field'}, h('label', {for: id}, label),
    h('input', {id, name, value: filter[name], placeholder: hint, spellcheck: 'false'}));
  fill(container, h('section', {'aria-labelledby': 'audit-title'},
    h('div', {class: 'head'}, h('h1', {id: 'audit-title'}, 'Audit trail')),
    h('form', {class: 'filters', role: 'search', 'aria-label': 'Filter the audit trail', onsubmit: (event) => {
      event.preventDefault();
      const data = new FormData(event.target);
      ctx.go(`#/audit${query({caller: data.get('caller').trim(), action: data.get('action').trim(),
        target: data.get('target').trim()})}`);
    }},
    field('a-caller', 'caller', 'Caller', 'ci-pipeline'),
    field('a-action', 'action', 'Action', 'startImport'),
    field('a-target', 'target', 'Target', '/api/v1/imports/...'),
    h('div', {class: 'field'}, h('button', {type: 'submit', class: 'secondary'}, 'Apply'))),
    results, more));

  function draw() {
    if (!items.length) {
      fill(results, h('p', {class: 'empty'}, 'No audited calls match.'));
      return;
    }
    fill(results, table('Audited calls, newest first', ['When', 'Caller', 'Action', 'Target', 'Status', 'Problem', 'Took'],
      items.map((r) => h('tr', null, h('td', null, time(r.occurredAt)), h('td', null, r.caller),
        h('td', {class: 'mono'}, r.action), h('td', {class: 'mono wrap'}, link(r.target)),
        h('td', null, h('span', {class: `badge ${r.status < 400 ? 's-succeeded' : 's-failed'}`}, String(r.status))),
        h('td', {class: 'mono wrap'}, r.problemType ? r.problemType.replace(/^.*\//, '') : ''),
        h('td', null, `${r.durationMs} ms`)))));
    more.hidden = !cursor;
  }

  async function load(after) {
    try {
      const answer = await get(`/api/v1/audit${query({...filter, cursor: after, limit: 50})}`);
      if (!after && !answer.changed && items.length && !failed) return;
      failed = false;
      items = after ? items.concat(answer.data.items) : answer.data.items;
      cursor = answer.data.nextCursor;
      draw();
    } catch (error) {
      failed = true;
      fill(results, problemBox(error));
    }
  }

  load(null);
  return ctx.onChange(() => { if (!cursor || items.length <= 50) load(null); });
}

function link(target) {
  const match = /^\/api\/v1\/imports\/([0-9a-f-]{36})/.exec(target || '');
  if (match) return h('a', {href: `#/imports/${match[1]}`}, target);
  const role = /^\/api\/v1\/import-roles\/([^/?]+)$/.exec(target || '');
  if (role) return h('a', {href: `#/roles/${role[1]}`}, target);
  const hook = /^\/api\/v1\/webhooks\/([0-9a-f-]{36})/.exec(target || '');
  if (hook) return h('a', {href: `#/webhooks/${hook[1]}`}, target);
  return target;
}
