// The dashboard shell: sign-in, the hash router (#/imports, #/imports/<id>, #/start, #/roles,
// #/roles/<name>, #/audit, #/webhooks, #/webhooks/<id>) and which actions the signed-in
// credential may take.

import {credential, get, ProblemError} from './api.js';
import {fill, h, problemBox} from './dom.js';
import * as live from './live.js';
import * as imports from './imports.js';
import * as roles from './roles.js';
import * as audit from './audit.js';
import * as start from './start.js';
import * as webhooks from './webhooks.js';

const view = document.getElementById('view');
const signIn = document.getElementById('sign-in');
let me = null;
let cleanup = null;

const routes = [
  {pattern: /^\/imports\/([0-9a-f-]{36})$/, section: 'imports', render: imports.detail},
  {pattern: /^\/imports$/, section: 'imports', render: imports.list},
  {pattern: /^\/start$/, section: 'start', render: start.render},
  {pattern: /^\/roles\/([\w+=,.@-]{1,64})$/, section: 'roles', render: roles.detail},
  {pattern: /^\/roles$/, section: 'roles', render: roles.list},
  {pattern: /^\/audit$/, section: 'audit', render: audit.render},
  {pattern: /^\/webhooks\/([0-9a-f-]{36})$/, section: 'webhooks', render: webhooks.detail},
  {pattern: /^\/webhooks$/, section: 'webhooks', render: webhooks.list},
];

function location() {
  const hash = window.location.hash.replace(/^#/, '') || '/imports';
  const [path, search] = hash.split('?');
  return {path, params: new URLSearchParams(search || '')};
}

/** Context handed to every view. */
function context(params, match) {
  return {
    me,
    params,
    match,
    can: (scope) => me.scopes.includes(scope),
    go: (hash) => { window.location.hash = hash; },
    onChange: live.onChange,
  };
}

function route() {
  if (!me) return;
  if (cleanup) cleanup();
  cleanup = null;
  const {path, params} = location();
  const found = routes.map((r) => ({r, m: r.pattern.exec(path)})).find((x) => x.m);
  for (const link of document.querySelectorAll('#nav a')) {
    if (found && link.dataset.section === found.r.section) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (!found) {
    fill(view, h('section', {class: 'card'}, h('h1', {tabindex: '-1'}, 'Not found'),
      h('p', null, 'No page here. ', h('a', {href: '#/imports'}, 'Go to the imports.'))));
  } else {
    fill(view);
    cleanup = found.r.render(view, context(params, found.m.slice(1).map(decodeURIComponent))) || null;
  }
  const heading = view.querySelector('h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    document.title = `${heading.textContent} - Pinpoint imports`;
    if (document.activeElement === document.body || document.activeElement === null
        || document.activeElement.closest('nav, #sign-in') || document.activeElement.id === 'main') {
      heading.focus({preventScroll: false});
    }
  }
}

function showSignIn(message) {
  me = null;
  live.stop();
  if (cleanup) cleanup();
  cleanup = null;
  fill(view);
  document.getElementById('nav').hidden = true;
  document.getElementById('who').hidden = true;
  signIn.hidden = false;
  document.getElementById('sign-in-error').textContent = message || '';
  document.title = 'Sign in - Pinpoint imports';
  document.getElementById('secret').focus();
}

async function enter() {
  try {
    me = (await get('/me')).data;
  } catch (error) {
    credential.clear();
    showSignIn(error instanceof ProblemError && error.status === 401
      ? 'The service did not accept this credential. Check it and try again.'
      : `The service could not be reached: ${error.message}`);
    return;
  }
  signIn.hidden = true;
  document.getElementById('nav').hidden = false;
  for (const link of document.querySelectorAll('#nav a[data-scopes]')) {
    link.hidden = !link.dataset.scopes.split(' ').some((scope) => me.scopes.includes(scope));
  }
  document.getElementById('who').hidden = false;
  document.getElementById('who-name').textContent = me.caller;
  document.getElementById('who-name').title = `Scopes: ${me.scopes.join(', ') || 'none'}`;
  live.start(me.events);
  route();
}

document.getElementById('sign-in-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = event.target;
  const secret = form.secret.value.trim();
  if (!secret) return;
  credential.set(form.kind.value, secret);
  form.secret.value = '';
  enter();
});

document.getElementById('sign-out').addEventListener('click', () => {
  credential.clear();
  showSignIn('Signed out.');
});

window.addEventListener('signed-out', () => {
  if (!me) return;
  credential.clear();
  showSignIn('Your credential is no longer accepted; sign in again.');
});

// The skip link must not change the hash: the hash is the router's.
document.querySelector('.skip').addEventListener('click', (event) => {
  event.preventDefault();
  document.getElementById('main').focus();
});

window.addEventListener('hashchange', route);

if (credential.get()) enter();
else showSignIn();

export {problemBox};
