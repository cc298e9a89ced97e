// Tells the open view when to look again. With the service's event stream (announced by
// /me as `events`) it reads text/event-stream through fetch(), because EventSource
// cannot send the Authorization or X-Api-Key header; each event's data is a CloudEvent.
// Without one it polls: every POLL_MS while the tab is visible, and at once when it becomes
// visible again. Views fetch conditionally and re-render only what changed.

import {authHeaders} from './api.js';

const POLL_MS = 2000;
const STREAM_SAFETY_POLL_MS = 30000;
const listeners = new Set();
let timer = null;
let stream = null;
let mode = 'off';
let eventsPath = null;
let retryMs = 1000;
let reconnect = null;

function notify(event) {
  for (const listener of listeners) {
    try {
      listener(event);
    } catch (error) {
      console.warn('A view failed to refresh', error);
    }
  }
}

function setMode(next) {
  mode = next;
  const label = document.getElementById('live-state');
  if (label) label.textContent = next === 'stream' ? 'Live' : next === 'poll' ? `Refreshing every ${POLL_MS / 1000} s` : '';
}

function schedule() {
  clearTimeout(timer);
  if (mode === 'off') return;
  timer = setTimeout(() => {
    if (document.visibilityState === 'visible') notify(null);
    schedule();
  }, mode === 'stream' ? STREAM_SAFETY_POLL_MS : POLL_MS);
}

async function readStream(signal) {
  const response = await fetch(eventsPath, {
    headers: {Accept: 'text/event-stream', ...authHeaders()}, signal, cache: 'no-store', credentials: 'omit',
  });
  const type = response.headers.get('Content-Type') || '';
  if (!response.ok || !type.startsWith('text/event-stream') || !response.body) return false;
  setMode('stream');
  retryMs = 1000;
  schedule();
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let data = [];
  for (;;) {
    const {value, done} = await reader.read();
    if (done) return true;
    buffer += value;
    let end;
    while ((end = buffer.search(/\r\n|\n|\r/)) >= 0) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + (buffer.startsWith('\r\n', end) ? 2 : 1));
      if (line === '') {
        if (data.length) notify(parse(data.join('\n')));
        data = [];
      } else if (line.startsWith('data:')) {
        data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
      }
    }
  }
}

function parse(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

async function connect() {
  clearTimeout(reconnect);
  if (!eventsPath || mode === 'off') return;
  if (stream) stream.abort();
  const controller = new AbortController();
  stream = controller;
  try {
    await readStream(controller.signal);
  } catch {
    if (controller.signal.aborted) return;
  }
  if (mode === 'off' || stream !== controller) return;
  // Stream ended or refused: poll until it is back.
  setMode('poll');
  schedule();
  reconnect = setTimeout(connect, retryMs);
  retryMs = Math.min(retryMs * 2, 60000);
}

/** Starts watching; `events` is the stream's path, or null to poll. */
export function start(events) {
  stop();
  eventsPath = events || null;
  setMode('poll');
  schedule();
  connect();
}

/** Stops watching (on sign-out). */
export function stop() {
  setMode('off');
  clearTimeout(timer);
  clearTimeout(reconnect);
  if (stream) stream.abort();
  stream = null;
}

/** Calls `listener(cloudEventOrNull)` on each change or poll tick; returns the unsubscribe function. */
export function onChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// Offline, an open stream may hang without ending: poll (and show what fails) until back online.
window.addEventListener('offline', () => {
  if (mode === 'off') return;
  clearTimeout(reconnect);
  if (stream) stream.abort();
  stream = null;
  setMode('poll');
  schedule();
  notify(null);
});

window.addEventListener('online', () => {
  if (mode === 'off') return;
  retryMs = 1000;
  notify(null);
  connect();
});

document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible' && mode !== 'off') notify(null);
});
