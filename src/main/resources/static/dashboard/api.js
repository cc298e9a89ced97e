// The API client: credentials from this tab's session storage, problem+json errors, and
// conditional GETs (If-None-Match when the service sends ETags; unchanged bodies are
// reported as such either way, so views re-render only on change).

const STORAGE_KEY = 'pinpoint-import.credential';

/** The credential of this tab, or null. Never written anywhere but session storage. */
export const credential = {
  get() {
    try {
      return JSON.parse(sessionStorage.getItem(STORAGE_KEY));
    } catch {
      return null;
    }
  },
  set(kind, secret) {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify({kind, secret}));
  },
  clear() {
    sessionStorage.removeItem(STORAGE_KEY);
    cache.clear();
  },
};

/** The header that carries the credential. */
export function authHeaders() {
  const current = credential.get();
  if (!current) return {};
  return current.kind === 'bearer' ? {Authorization: `Bearer ${current.secret}`} : {'X-Api-Key': current.secret};
}

/** A failed call with its RFC 9457 problem. */
export class ProblemError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

const cache = new Map();

// A network failure (service down, connection refused) as a problem the views show like any other.
async function call(path, init) {
  try {
    return await fetch(path, init);
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new ProblemError(0, {title: 'Service unreachable',
      detail: 'The service could not be reached. The page tries again by itself.'});
  }
}

async function failure(response) {
  let problem;
  try {
    problem = await response.json();
  } catch {
    problem = {status: response.status, title: response.statusText || `HTTP ${response.status}`};
  }
  if (response.status === 401) window.dispatchEvent(new CustomEvent('signed-out', {detail: problem}));
  return new ProblemError(response.status, problem);
}

// The credential was removed (another tab signed out): no anonymous call is made.
function signedOut() {
  const problem = {status: 401, title: 'Signed out', detail: 'Sign in again.'};
  window.dispatchEvent(new CustomEvent('signed-out', {detail: problem}));
  return new ProblemError(401, problem);
}

/** GET a JSON resource: {data, changed}. */
export async function get(path, {signal} = {}) {
  if (!credential.get()) throw signedOut();
  const cached = cache.get(path);
  const headers = {Accept: 'application/json', ...authHeaders()};
  if (cached && cached.etag) headers['If-None-Match'] = cached.etag;
  const response = await call(path, {headers, signal, cache: 'no-store', credentials: 'omit'});
  if (response.status === 304 && cached) return {data: cached.data, changed: false};
  if (!response.ok) throw await failure(response);
  const text = await response.text();
  const changed = !cached || cached.text !== text;
  const data = changed ? JSON.parse(text) : cached.data;
  cache.set(path, {etag: response.headers.get('ETag'), text, data});
  if (cache.size > 200) cache.delete(cache.keys().next().value);
  return {data, changed};
}

/** POST, PUT or DELETE with a JSON body: the answer's JSON (or null), or a ProblemError. */
export async function send(method, path, body, headers = {}) {
  if (!credential.get()) throw signedOut();
  const response = await call(path, {
    method,
    headers: {Accept: 'application/json', ...(body === undefined ? {} : {'Content-Type': 'application/json'}),
      ...authHeaders(), ...headers},
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
    credentials: 'omit',
  });
  if (!response.ok) throw await failure(response);
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

/** A query string from the non-empty entries of an object. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') search.set(name, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
