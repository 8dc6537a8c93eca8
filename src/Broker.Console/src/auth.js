// The signed-in user's bearer token, kept in sessionStorage (this tab only, gone when it closes) and nowhere else.

const key = 'broker.token';
const listeners = new Set();
let timer;

/** The token and when it expires, or null when nobody is signed in (or the token has expired). */
export function current() {
  const stored = sessionStorage.getItem(key);
  if (!stored) return null;
  try {
    const token = JSON.parse(stored);
    if (!token.accessToken || new Date(token.expiresAt).getTime() <= Date.now()) return null;
    return token;
  } catch {
    return null;
  }
}

export function accessToken() {
  return current()?.accessToken ?? '';
}

/** Keeps a fresh token (from sign-in or a password change) and ends the sign-in when it expires. */
export function keep(token) {
  sessionStorage.setItem(key, JSON.stringify({ accessToken: token.accessToken, expiresAt: token.expiresAt }));
  schedule();
}

/** Signs out: forgets the token and tells the console why (null for a plain sign-out). */
export function end(reason = null) {
  const wasSignedIn = sessionStorage.getItem(key) !== null;
  sessionStorage.removeItem(key);
  clearTimeout(timer);
  // Several calls may fail at once with the same dead token: the sign-in ends once.
  if (wasSignedIn) for (const listener of listeners) listener(reason);
}

/** Called with the reason whenever the sign-in ends. */
export function onEnded(listener) {
  listeners.add(listener);
}

/** Ends the sign-in the moment its token expires, so the user is sent back to sign in instead of meeting errors. */
export function schedule() {
  clearTimeout(timer);
  const token = current();
  if (!token) return;
  const left = new Date(token.expiresAt).getTime() - Date.now();
  timer = setTimeout(() => end('Your sign-in has expired. Sign in again.'), Math.min(Math.max(left, 0), 2 ** 31 - 1));
}
