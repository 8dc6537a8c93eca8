// The agent hub (/hubs/agent) over SignalR with MessagePack: presence and frame streams, input, and the pushes
// SetupProgress and SessionEnded. One connection per signed-in tab, opened when a page first needs it.
import { HubConnectionBuilder, HttpTransportType, HubConnectionState, LogLevel } from '@microsoft/signalr';
import { MessagePackHubProtocol } from '@microsoft/signalr-protocol-msgpack';
import * as auth from './auth.js';
import * as api from './api.js';

// SignalR's own messages go to the browser's console as warnings; what matters to the user is shown on the page.
const logger = {
  log(level, message) {
    if (level >= LogLevel.Warning && level !== LogLevel.None) console.warn(`[live] ${message}`);
  },
};

let connection = null;
let starting = null;
const pushes = new EventTarget();
const stateListeners = new Set();

function build() {
  const hub = new HubConnectionBuilder()
    .withUrl('/hubs/agent', {
      accessTokenFactory: () => auth.accessToken(),
      transport: HttpTransportType.WebSockets,
      skipNegotiation: true,
    })
    .withHubProtocol(new MessagePackHubProtocol())
    .withAutomaticReconnect([0, 1000, 2000, 5000, 10000, 10000, 30000])
    .configureLogging(logger)
    .build();
  // The handlers return nothing: SignalR would send a returned value back as a client result, which these pushes are not.
  hub.on('SetupProgress', (sessionId, state, message) => {
    pushes.dispatchEvent(new CustomEvent('setup-progress', { detail: { sessionId, state, message } }));
  });
  hub.on('SessionEnded', (sessionId, reason) => {
    pushes.dispatchEvent(new CustomEvent('session-ended', { detail: { sessionId, reason } }));
  });
  hub.onreconnecting(error => tell('reconnecting', error));
  hub.onreconnected(() => tell('connected'));
  hub.onclose(error => tell('closed', error));
  return hub;
}

function tell(state, error) {
  for (const listener of stateListeners) listener(state, error);
}

/** The connected hub; starts it on first use. Fails with words when the broker cannot be reached. */
export async function hub() {
  if (!connection) connection = build();
  if (connection.state === HubConnectionState.Connected) return connection;
  if (connection.state === HubConnectionState.Disconnected) {
    starting ??= connection.start().then(
      () => {
        starting = null;
        tell('connected');
      },
      async error => {
        starting = null;
        // A browser does not tell why a WebSocket was refused: ask the API, which ends the sign-in if the token is what failed.
        await api.get('/api/me').catch(() => {});
        throw new Error(`Cannot open the live connection to the broker: ${hubWords(error)}`);
      });
  }
  if (starting) await starting;
  else await waitConnected(connection);
  return connection;
}

function waitConnected(hubConnection) {
  return new Promise((resolve, reject) => {
    const listener = state => {
      if (state === 'connected') {
        stateListeners.delete(listener);
        resolve();
      } else if (state === 'closed') {
        stateListeners.delete(listener);
        reject(new Error('The live connection to the broker closed.'));
      }
    };
    if (hubConnection.state === HubConnectionState.Connected) resolve();
    else stateListeners.add(listener);
  });
}

/** A hub error in words: the broker's message without SignalR's prefix. */
export function hubWords(error) {
  const text = error?.message ?? String(error);
  return text.replace(/^An unexpected error occurred invoking '\w+' on the server\.\s*/, '')
    .replace(/^.*HubException: /, '')
    .replace(/^Error: /, '') || 'the connection failed';
}

/** Calls back on 'connected', 'reconnecting' and 'closed'; returns a function that stops it. */
export function onState(listener) {
  stateListeners.add(listener);
  return () => stateListeners.delete(listener);
}

/** Listens to a push ('setup-progress' or 'session-ended'); returns a function that stops it. */
export function onPush(name, listener) {
  const handler = event => listener(event.detail);
  pushes.addEventListener(name, handler);
  return () => pushes.removeEventListener(name, handler);
}

/**
 * Subscribes to a server stream and subscribes again after each reconnect (a stream does not survive one).
 * Returns a function that ends it.
 */
export function follow(method, args, { next, error, complete, resubscribe = true }) {
  let subscription = null;
  let active = false;
  let stopped = false;
  const open = async () => {
    active = true;
    try {
      const connected = await hub();
      if (stopped) return;
      subscription = connected.stream(method, ...args).subscribe({
        next,
        error: e => {
          subscription = null;
          active = false;
          // A dropped connection ends the stream with an error; the reconnect opens it again.
          if (stopped || (resubscribe && connected.state !== HubConnectionState.Connected)) return;
          error?.(new Error(hubWords(e)));
        },
        complete: () => {
          subscription = null;
          active = false;
          if (!stopped) complete?.();
        },
      });
    } catch (e) {
      active = false;
      if (!stopped) error?.(e);
    }
  };
  const unlisten = onState(state => {
    if (state === 'connected' && !active && !stopped && resubscribe) open();
  });
  open();
  return () => {
    stopped = true;
    unlisten();
    subscription?.dispose();
  };
}

export async function invoke(method, ...args) {
  const connected = await hub();
  try {
    return await connected.invoke(method, ...args);
  } catch (error) {
    throw new Error(hubWords(error));
  }
}

/** Closes the connection (on sign-out). */
export async function stop() {
  const closing = connection;
  connection = null;
  starting = null;
  if (closing) await closing.stop();
}
