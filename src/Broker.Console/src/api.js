// The broker's HTTP API: JSON with a bearer token; every refusal becomes an ApiError that says in words what went wrong.
import * as auth from './auth.js';

export class ApiError extends Error {
  constructor(status, message, errors) {
    super(message);
    this.status = status;
    this.errors = errors ?? {};
  }
}

/** A problem+json (RFC 9457) answer in words: its detail or title, then each validation error. */
export function problemWords(status, problem) {
  const parts = [];
  const hasErrors = Object.keys(problem?.errors ?? {}).length > 0;
  // A validation problem's title is generic ("One or more validation errors occurred."): its errors say more.
  const headline = problem?.detail || (hasErrors ? null : problem?.title);
  if (headline) parts.push(headline);
  for (const [name, list] of Object.entries(problem?.errors ?? {})) {
    for (const message of [].concat(list)) parts.push(name ? `${name}: ${message}` : message);
  }
  if (parts.length === 0) parts.push(statusWords(status));
  return parts.join(' ');
}

function statusWords(status) {
  switch (status) {
    case 400: return 'The broker refused the request as invalid.';
    case 401: return 'You are not signed in, or your sign-in has expired.';
    case 403: return 'You are not allowed to do this.';
    case 404: return 'Not found: it may have been removed.';
    case 409: return 'This conflicts with the current state; reload and try again.';
    case 413: return 'The file is too large for the broker.';
    case 429: return 'Too many attempts; wait a moment and try again.';
    default: return `The broker answered with status ${status}.`;
  }
}

/**
 * Calls the API. A 401 on any call but sign-in means the token no longer works (expired, password or role changed,
 * account deleted): the sign-in ends and the console returns to the sign-in page.
 */
export async function request(method, path, { body, raw, signIn = false, headers = {} } = {}) {
  const init = { method, headers: { Accept: 'application/json, application/problem+json', ...headers } };
  const token = auth.accessToken();
  if (token && !signIn) init.headers.Authorization = `Bearer ${token}`;
  if (raw !== undefined) {
    init.body = raw;
  } else if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }

  let response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    throw new ApiError(0, `Cannot reach the broker (${error.message}). Check your network and that the broker is running.`);
  }

  if (response.status === 401 && !signIn) {
    auth.end('Your sign-in has expired or is no longer valid. Sign in again.');
    throw new ApiError(401, 'Your sign-in has expired or is no longer valid. Sign in again.');
  }

  if (!response.ok) {
    let problem = null;
    try {
      problem = await response.json();
    } catch {
      // Not JSON: the status says it.
    }
    throw new ApiError(response.status, problemWords(response.status, problem), problem?.errors);
  }

  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') ?? '';
  return type.includes('json') ? response.json() : response;
}

export const get = (path, options) => request('GET', path, options);
export const post = (path, body, options) => request('POST', path, { ...options, body });
export const patch = (path, body, options) => request('PATCH', path, { ...options, body });
export const put = (path, raw, options) => request('PUT', path, { ...options, raw });
export const del = (path, options) => request('DELETE', path, options);

/** Query string from the members that have a value. */
export function query(parameters) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    if (value !== undefined && value !== null && value !== '') search.set(name, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Downloads a file the API serves behind the bearer token, under the name the broker gives it. */
export async function download(path, fallbackName) {
  const response = await request('GET', path, { headers: { Accept: '*/*' } });
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1] ?? /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = decodeURIComponent(name);
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return link.download;
}
