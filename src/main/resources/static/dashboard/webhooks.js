// Webhooks: the subscriptions and a new one (its signing secret shown once), and one
// subscription with its delivery log, redelivery, secret rotation and deletion. Reading
// needs webhooks:read; every change is offered only with webhooks:write.

import {get, send} from './api.js';
import {announce, badge, facts, fill, h, problemBox, table, time} from './dom.js';

const PREFIX = 'io.pinpointimport.';
// The service's event types (EventTypes); the browser test keeps this list equal to it.
const TYPES = ['import.submitted', 'import.submitting', 'import.started', 'import.progressed', 'import.succeeded',
  'import.partially-succeeded', 'import.failed', 'import.cancelled', 'import.requeued', 'import-role.created',
  'import-role.repaired', 'import-role.drift-found', 'import-role.deleted', 'webhook.disabled',
  'webhook.enabled'];
const PENDING_POLL_MS = 2000;

const lacks = (scope, what) => h('p', {class: 'card'}, `Your credentials lack the scope ${scope}, which ${what} needs. `
  + 'Ask the operators for a key with it.');

/** The subscriptions, and the form that adds one. */
export function list(container, ctx) {
  const results = h('div', null, h('p', {class: 'muted'}, 'Loading...'));
  const created = h('div', {class: 'action-result'});
  let hooks = null;
  let failed = false;
  fill(container, h('section', {'aria-labelledby': 'webhooks-title'},
    h('div', {class: 'head'}, h('h1', {id: 'webhooks-title'}, 'Webhooks')),
    h('p', {class: 'muted'}, 'Signed HTTP callbacks (Standard Webhooks, CloudEvents JSON) for each event, '
      + 'retried with backoff; a subscription that keeps failing is disabled.'),
    created,
    ctx.can('webhooks:read') ? results : lacks('webhooks:read', 'listing subscriptions'),
    ctx.can('webhooks:write') ? createForm(ctx, created, (hook) => { hooks = null; refresh(); return hook; }) : null));

  function draw() {
    if (!hooks.length) {
      fill(results, h('p', {class: 'empty'}, 'No webhook subscriptions yet.',
        ctx.can('webhooks:write') ? ' Add one with the form below.' : ''));
      return;
    }
    fill(results, table('Webhook subscriptions', ['State', 'URL', 'Events', 'Application', 'Created', 'By'],
      hooks.map((w) => h('tr', {'data-id': w.id},
        h('td', null, state(w)),
        h('td', {class: 'wrap url'}, h('a', {href: `#/webhooks/${w.id}`, class: 'mono'}, w.url),
          w.description ? h('div', {class: 'muted'}, w.description) : null),
        h('td', null, types(w.eventTypes)),
        h('td', {class: 'mono'}, w.applicationId || 'every application'),
        h('td', null, time(w.createdAt)),
        h('td', null, w.createdBy)))));
  }

  async function refresh() {
    if (!ctx.can('webhooks:read')) return;
    try {
      const answer = await get('/api/v1/webhooks');
      if (answer.changed || !hooks || failed) {
        hooks = answer.data;
        draw();
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

function state(w) {
  return w.enabled ? badge('ENABLED') : h('span', {class: 'badge s-disabled', title: w.disabledReason || ''}, 'DISABLED');
}

function types(list) {
  if (!list || !list.length) return h('span', {class: 'muted'}, 'every event');
  return h('ul', {class: 'plain'}, list.map((t) => h('li', {class: 'mono nowrap'}, t.replace(PREFIX, ''))));
}

function createForm(ctx, result, onCreated) {
  const hint = (id, text) => h('p', {class: 'hint', id: `${id}-hint`}, text);
  const input = (id, name, attrs) => h('input', {id, name, spellcheck: 'false', autocomplete: 'off',
    'aria-describedby': `${id}-hint ${id}-error`, ...attrs});
  const field = (id, label, el, text) => h('div', {class: 'field'}, h('label', {for: id}, label), el, hint(id, text),
    h('p', {class: 'field-error', id: `${id}-error`}));
  const mayRoles = ctx.can('import-roles:read');
  const form = h('form', {class: 'card stack', 'aria-labelledby': 'new-webhook-title', novalidate: true, onsubmit: submit},
    h('h2', {id: 'new-webhook-title'}, 'Add a webhook'),
    field('w-url', 'URL', input('w-url', 'url', {type: 'url', required: true, placeholder: 'https://hooks.example.com/pinpoint'}),
      'HTTPS; deliveries are POSTed here. Private and loopback addresses are refused unless allow-listed.'),
    field('w-description', 'Description', input('w-description', 'description', {maxlength: '1000'}), 'What it is for (optional).'),
    field('w-app', 'Application id', input('w-app', 'applicationId', {maxlength: '64'}),
      'Only events about this Pinpoint application (optional).'),
    h('fieldset', {'aria-describedby': 'w-types-hint'}, h('legend', null, 'Event types'),
      h('p', {class: 'hint', id: 'w-types-hint'}, 'None ticked: every event your credentials may read.'),
      h('div', {class: 'checks'}, TYPES.filter((t) => mayRoles || !t.startsWith('import-role.')).map((t) =>
        h('label', {class: 'inline'}, h('input', {type: 'checkbox', name: 'eventTypes', value: PREFIX + t}), t)))),
    h('div', null, h('button', {type: 'submit', class: 'primary'}, 'Add webhook')));

  async function submit(event) {
    event.preventDefault();
    for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    for (const el of form.querySelectorAll('.field-error')) el.textContent = '';
    const data = new FormData(form);
    const text = (name) => String(data.get(name) || '').trim() || undefined;
    const body = {url: text('url'), description: text('description'), applicationId: text('applicationId'),
      eventTypes: data.getAll('eventTypes')};
    try {
      const hook = onCreated(await send('POST', '/api/v1/webhooks', body));
      form.reset();
      fill(result, secretBox(hook, 'created', ctx.can('webhooks:read')
        ? h('a', {href: `#/webhooks/${hook.id}`}, 'Open its delivery log') : null));
      announce('Webhook added; copy its secret now');
      result.querySelector('button').focus();
    } catch (error) {
      fill(result, problemBox(error));
      const ids = {url: 'w-url', description: 'w-description', applicationId: 'w-app'};
      for (const problem of (error.problem && error.problem.errors) || []) {
        const el = document.getElementById(ids[String(problem.field).replace(/\[.*$/, '')] || '');
        if (!el) continue;
        el.setAttribute('aria-invalid', 'true');
        document.getElementById(`${el.id}-error`).textContent = problem.message;
      }
      const invalid = form.querySelector('[aria-invalid]');
      if (invalid) invalid.focus();
    }
  }

  return form;
}

/** The secret of a created or rotated webhook: shown this once, with a copy button. */
function secretBox(hook, what, extra) {
  const status = h('p', {class: 'hint', role: 'status'});
  const value = h('code', {class: 'secret', id: 'webhook-secret'}, hook.secret);
  async function copy() {
    try {
      await navigator.clipboard.writeText(hook.secret);
      status.textContent = 'Copied to the clipboard.';
    } catch {
      // No clipboard access (an insecure origin, a refused permission): select it for Ctrl+C.
      window.getSelection().selectAllChildren(value);
      status.textContent = 'The browser refused to copy; the secret is selected: press Ctrl+C (Cmd+C).';
    }
  }
  return h('section', {class: 'warn secret-box', 'aria-labelledby': 'secret-title'},
    h('h2', {id: 'secret-title'}, `Signing secret ${what}`),
    h('p', null, h('strong', null, 'Copy it now: it is shown only this once.'), ' The service keeps no readable copy for '
      + 'you; leave this page and it is gone (rotate the secret to get a new one). Keep it out of chats, tickets and logs.'),
    h('div', {class: 'secret-row'}, value,
      h('button', {type: 'button', class: 'secondary', onclick: copy}, 'Copy secret')),
    status, extra);
}

/** One subscription with its delivery log. */
export function detail(container, ctx) {
  const [id] = ctx.match;
  if (!ctx.can('webhooks:read')) {
    fill(container, h('section', null, h('h1', null, 'Webhook'), lacks('webhooks:read', 'reading a subscription')));
    return null;
  }
  const write = ctx.can('webhooks:write');
  const title = h('h1', {id: 'webhook-title'}, 'Webhook');
  const actions = h('div', {class: 'actions'});
  const status = h('div', {class: 'action-result'});
  const about = h('div', null, h('p', {class: 'muted'}, 'Loading...'));
  const log = h('div', null);
  let hook = null;
  let deliveries = null;
  let timer = null;
  let gone = false;
  let failed = false;
  fill(container, h('section', {'aria-labelledby': 'webhook-title'},
    h('p', {class: 'crumbs'}, h('a', {href: '#/webhooks'}, 'Webhooks'), ' / ', h('span', {class: 'mono'}, id)),
    h('div', {class: 'head'}, title, actions), status, about,
    h('section', {class: 'card', 'aria-labelledby': 'deliveries-title'},
      h('h2', {id: 'deliveries-title'}, 'Delivery log'), log)));

  function confirmThen(question, label, run) {
    const cancel = () => { fill(status); actions.querySelector('button')?.focus(); };
    fill(status, h('div', {class: 'warn', role: 'alertdialog', 'aria-labelledby': 'confirm-text',
      onkeydown: (event) => { if (event.key === 'Escape') cancel(); }},
    h('p', {id: 'confirm-text'}, question),
    h('div', {class: 'actions'}, h('button', {type: 'button', class: 'danger', onclick: run}, label),
      h('button', {type: 'button', class: 'secondary', onclick: cancel}, 'Keep it'))));
    status.querySelector('button').focus();
  }

  async function rotate() {
    try {
      const rotated = await send('POST', `/api/v1/webhooks/${id}/rotate-secret`);
      fill(status, secretBox(rotated, 'rotated', h('p', {class: 'hint'}, 'Until ',
        time(rotated.previousSecretValidUntil), ' deliveries carry a second signature by the previous secret, '
        + 'so the receiver can switch over without losing one.')));
      announce('Secret rotated; copy the new one now');
      status.querySelector('button').focus();
      refresh();
    } catch (error) {
      fill(status, problemBox(error));
    }
  }

  async function enable() {
    try {
      hook = await send('POST', `/api/v1/webhooks/${id}/enable`);
      fill(status, h('p', {class: 'ok', role: 'status'}, 'Enabled again: its pending deliveries go out now.'));
      announce('Webhook enabled again');
      drawHook();
      refresh();
    } catch (error) {
      fill(status, problemBox(error));
    }
  }

  async function remove() {
    try {
      await send('DELETE', `/api/v1/webhooks/${id}`);
      gone = true;
      announce('Webhook deleted');
      ctx.go('#/webhooks');
    } catch (error) {
      fill(status, problemBox(error));
    }
  }

  async function redeliver(delivery) {
    try {
      await send('POST', `/api/v1/webhooks/${id}/deliveries/${delivery.id}/redeliver`);
      fill(status, h('p', {class: 'ok', role: 'status'}, `Delivery ${delivery.id} queued again.`));
      announce(`Delivery ${delivery.id} queued again`);
      refresh();
    } catch (error) {
      fill(status, problemBox(error));
    }
  }

  function drawHook() {
    title.replaceChildren('Webhook ', state(hook));
    fill(actions, write ? [
      hook.enabled ? null : h('button', {type: 'button', class: 'primary', onclick: enable}, 'Enable again'),
      h('button', {type: 'button', class: 'secondary', onclick: () => confirmThen('Rotate the signing secret? The new '
        + 'one is shown once; the current one keeps signing beside it for a while.', 'Rotate secret', rotate)}, 'Rotate secret'),
      h('button', {type: 'button', class: 'danger', onclick: () => confirmThen('Delete this subscription and its '
        + 'delivery log? Nothing more is delivered to it. This cannot be undone.', 'Delete for good', remove)}, 'Delete'),
    ] : null);
    fill(about,
      hook.enabled ? null : h('div', {class: 'problem', role: 'note'}, h('strong', null, 'Disabled: nothing is delivered'),
        h('p', null, hook.disabledReason || 'Its deliveries kept failing.')),
      h('section', {class: 'card', 'aria-labelledby': 'subscription-title'},
        h('h2', {id: 'subscription-title'}, 'Subscription'),
        facts([
          ['URL', h('span', {class: 'mono wrap'}, hook.url)],
          ['Description', hook.description],
          ['Events', types(hook.eventTypes)],
          ['Application', hook.applicationId ? h('span', {class: 'mono'}, hook.applicationId) : 'every application'],
          ['Created', time(hook.createdAt)],
          ['Created by', hook.createdBy],
          ['Previous secret signs until', hook.previousSecretValidUntil ? time(hook.previousSecretValidUntil) : null],
        ])));
  }

  function drawLog() {
    if (!deliveries.length) {
      fill(log, h('p', {class: 'empty'}, 'No deliveries yet: each matching event queues one.'));
      return;
    }
    fill(log, table('Deliveries, newest first', ['Delivery', 'Event', 'Status', 'Attempts', 'Response', 'Latency',
      'Last attempt', 'Next retry', 'Error', write ? 'Action' : null].filter(Boolean),
    deliveries.map((d) => h('tr', {'data-delivery': d.id},
      h('td', {class: 'mono'}, `#${d.id}`),
      h('td', {class: 'nowrap'}, h('span', {class: 'mono'}, d.eventType.replace(PREFIX, '')), h('div', {class: 'muted'}, `event ${d.eventId}`)),
      h('td', null, badge(d.status)),
      h('td', null, String(d.attempts)),
      h('td', null, d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : h('span', {class: 'muted'}, d.attempts ? 'no answer' : '-')),
      h('td', null, d.lastLatencyMs === null || d.lastLatencyMs === undefined ? '-' : `${d.lastLatencyMs} ms`),
      h('td', null, time(d.lastAttemptAt)),
      h('td', null, d.status !== 'PENDING' ? h('span', {class: 'muted'}, '-')
        : hook.enabled ? time(d.nextAttemptAt) : 'when enabled again'),
      h('td', {class: d.lastError ? 'wrap msg' : null}, d.lastError || ''),
      write ? h('td', null, h('button', {type: 'button', class: 'secondary small', 'aria-label': `Redeliver delivery ${d.id}`,
        onclick: () => redeliver(d)}, 'Redeliver')) : null))));
  }

  async function refresh() {
    clearTimeout(timer);
    if (gone) return;
    try {
      const [w, d] = await Promise.all([get(`/api/v1/webhooks/${id}`), get(`/api/v1/webhooks/${id}/deliveries`)]);
      if (w.changed || !hook || failed) { hook = w.data; drawHook(); }
      if (d.changed || w.changed || !deliveries || failed) { deliveries = d.data; drawLog(); }
      failed = false;
      // Deliveries change without an event of their own: look again while one is under way.
      if (hook.enabled && deliveries.some((x) => x.status === 'PENDING')) timer = setTimeout(refresh, PENDING_POLL_MS);
    } catch (error) {
      failed = true;
      if (!gone) fill(about, problemBox(error));
    }
  }

  refresh();
  const unsubscribe = ctx.onChange(() => refresh());
  return () => { gone = true; clearTimeout(timer); unsubscribe(); };
}
