// Small DOM helpers. Values from the API are only ever set as text, never parsed as HTML.

/** Creates an element: h('a', {href: '#/x', class: 'c', onclick: fn}, 'text', child). */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else if (name === 'class') el.className = value;
    else if (name === 'value' || name === 'checked' || name === 'selected') el[name] = value;
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces an element's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A UTC timestamp as local date and time, with the exact value as its title. */
export function time(iso) {
  if (!iso) return h('span', {class: 'muted'}, '-');
  const date = new Date(iso);
  return h('time', {datetime: iso, title: iso}, date.toLocaleString(undefined,
    {year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit'}));
}

/** "3 s", "4 min", "2 h" between two instants. */
export function duration(fromIso, toIso) {
  if (!fromIso) return '';
  const ms = (toIso ? new Date(toIso) : new Date()) - new Date(fromIso);
  if (ms < 1000) return `${Math.max(0, ms)} ms`;
  if (ms < 60000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 3600000) return `${Math.round(ms / 60000)} min`;
  return `${(ms / 3600000).toFixed(1)} h`;
}

/** A state badge: the state in words (never colour alone). */
export function badge(state) {
  return h('span', {class: `badge s-${String(state).toLowerCase()}`}, state);
}

/** A definition list from [term, value] pairs, skipping empty values. */
export function facts(pairs) {
  return h('dl', {class: 'facts'}, pairs.filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([term, value]) => h('div', null, h('dt', null, term), h('dd', null, value))));
}

/** A table inside a focusable, labelled scroll container (narrow screens scroll it sideways). */
export function table(label, headers, rows) {
  return h('div', {class: 'scroll', tabindex: '0', role: 'region', 'aria-label': label},
    h('table', null,
      h('caption', {class: 'visually-hidden'}, label),
      h('thead', null, h('tr', null, headers.map((title) => h('th', {scope: 'col'}, title)))),
      h('tbody', null, rows)));
}

/** Tells screen readers what just happened. */
export function announce(text) {
  const region = document.getElementById('announce');
  region.textContent = '';
  setTimeout(() => { region.textContent = text; }, 50);
}

/** A problem answer as a readable alert: title, detail and each field error. */
export function problemBox(error) {
  const problem = error && error.problem ? error.problem : {title: 'Error', detail: String(error && error.message)};
  return h('div', {class: 'problem', role: 'alert'},
    h('strong', null, problem.title || `HTTP ${problem.status}`),
    problem.detail ? h('p', null, problem.detail) : null,
    Array.isArray(problem.errors) && problem.errors.length
      ? h('ul', null, problem.errors.map((e) => h('li', null, h('code', null, e.field), ': ', e.message))) : null);
}
