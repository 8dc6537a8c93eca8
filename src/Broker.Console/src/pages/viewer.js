import * as api from '../api.js';
import * as live from '../live.js';
import { h, replace, messages, busy, when } from '../dom.js';
import { recentSessions } from './sessions.js';
import { setupMenu } from './setup.js';

/**
 * A session: the remote screen on a canvas with input; for an attended session also the support key, the customer's
 * state and the setup menu (the customer's screen shows once they have joined).
 */
export async function viewerPage(main, { me, parameters, navigate }) {
  const [sessionId] = parameters;
  const region = messages();
  // The session's own agent reads it; a colleague who reaches the device's group may still watch it, view-only.
  let session;
  try {
    session = await api.get(`/api/sessions/${sessionId}`);
  } catch (error) {
    if (error.status !== 404) throw error;
    session = { id: sessionId, kind: 'unattended', state: 'active', agentId: null, deviceId: null, watchOnly: true };
  }
  const cleanups = [];
  const ended = h('div', { class: 'ended', role: 'status' });
  const endButton = h('button', { type: 'button', class: 'danger', id: 'end-session', hidden: Boolean(session.watchOnly) }, 'End session');

  // The end arrives up to three ways (the stream completes, SessionEnded, the DELETE's answer): the first reason stays.
  let endedReason = null;
  const showEnded = reason => {
    endButton.disabled = true;
    if (endedReason && !reason) return;
    endedReason ??= reason;
    replace(ended, h('div', { class: 'notice', id: 'session-ended' }, 'The session has ended', endedReason ? `: ${endedReason}` : '.'));
    main.classList.add('session-ended');
  };
  endButton.addEventListener('click', () => busy(endButton, region, async () => {
    const result = await api.del(`/api/sessions/${sessionId}`);
    showEnded(result?.endedReason ?? 'The agent ended the session.');
  }));
  cleanups.push(live.onPush('session-ended', push => {
    if (push.sessionId === sessionId) showEnded(push.reason);
  }));

  const body = session.kind === 'unattended'
    ? screenView(session, { me, region, cleanups, showEnded, root: main })
    : attendedView(session, { me, region, cleanups, showEnded, root: main });
  replace(main,
    h('div', { class: 'page-head' },
      h('h1', {}, session.kind === 'unattended' ? 'Unattended session' : 'Attended session'),
      h('div', { class: 'actions' }, endButton)),
    region.element, ended, body);
  if (session.state === 'ended') showEnded(session.endedReason);
  return () => cleanups.forEach(cleanup => cleanup());
}

/** The remote screen: the device's, or the customer's computer in an attended session. */
function screenView(session, { me, region, cleanups, showEnded, root }) {
  const ended = () => root.classList.contains('session-ended');
  const attended = session.kind === 'attended';
  const canvas = h('canvas', {
    class: 'screen', tabindex: 0, width: 640, height: 360, id: 'screen',
    'aria-label': 'The remote screen. Click it to send mouse input; while it has focus, keys go to the remote computer.',
    dataset: { frames: 0, seq: 0 },
  });
  const context = canvas.getContext('2d');
  const stats = h('span', { class: 'stats', id: 'stats' },
    attended ? 'Waiting for the customer\'s screen (it shows once they have joined)…' : 'Waiting for the first frame…');
  const owner = session.agentId === me.id;
  const viewOnly = h('input', { type: 'checkbox', id: 'view-only', checked: !owner, disabled: !owner });
  const device = h('span', {}, 'the device');
  if (session.deviceId && !attended) {
    api.get(`/api/devices/${session.deviceId}`).then(d => replace(device, `${d.nickname} (${d.computerName}, ${d.os})`), () => {});
  }

  // Frames are drawn newest first: while one is decoding only the latest waits, older ones are skipped.
  let frames = 0;
  let pending = null;
  let drawing = false;
  let frameSize = { width: 640, height: 360 };
  const recent = [];
  const draw = async () => {
    if (drawing) return;
    drawing = true;
    try {
      while (pending) {
        const frame = pending;
        pending = null;
        await paint(frame);
        frames += 1;
        const now = Date.now();
        recent.push({ at: now, latency: now - frame.capturedAtUnixMs });
        while (recent.length && recent[0].at < now - 2000) recent.shift();
        canvas.dataset.frames = frames;
        canvas.dataset.seq = frame.seq;
        if (frames === 1) showStats();
      }
    } catch (error) {
      region.error(`A frame could not be drawn: ${error.message}`);
    } finally {
      drawing = false;
    }
  };
  const paint = async frame => {
    if (canvas.width !== frame.width || canvas.height !== frame.height) {
      canvas.width = frame.width;
      canvas.height = frame.height;
    }
    frameSize = { width: frame.width, height: frame.height };
    const data = typeof frame.data === 'string' ? Uint8Array.from(atob(frame.data), c => c.charCodeAt(0)) : frame.data;
    if (frame.codec === 'raw-bgra') {
      const pixels = new Uint8ClampedArray(frame.width * frame.height * 4);
      for (let i = 0; i < pixels.length; i += 4) {
        pixels[i] = data[i + 2];
        pixels[i + 1] = data[i + 1];
        pixels[i + 2] = data[i];
        pixels[i + 3] = 255;
      }
      context.putImageData(new ImageData(pixels, frame.width, frame.height), 0, 0);
    } else if (frame.codec === 'png' || frame.codec === 'jpeg') {
      const bitmap = await createImageBitmap(new Blob([data], { type: `image/${frame.codec}` }));
      context.drawImage(bitmap, 0, 0, frame.width, frame.height);
      bitmap.close();
    } else {
      throw new Error(`the codec ${frame.codec} is not one this viewer draws`);
    }
  };
  const showStats = () => {
    if (recent.length === 0) return;
    if (ended()) {
      stats.textContent = `Ended after ${frames} frames`;
      return;
    }
    const now = Date.now();
    const lastSecond = recent.filter(r => r.at >= now - 1000);
    const latency = Math.round(recent.reduce((sum, r) => sum + r.latency, 0) / recent.length);
    stats.textContent = `${lastSecond.length} fps · latency ${latency} ms · ${frameSize.width}×${frameSize.height} · frame ${canvas.dataset.seq}`;
  };
  const statsTimer = setInterval(showStats, 500);
  cleanups.push(() => clearInterval(statsTimer));

  cleanups.push(live.follow('WatchSession', [session.id], {
    next: frame => {
      pending = frame;
      draw();
    },
    error: error => region.error(`The screen stream stopped: ${error.message}`),
    complete: () => showEnded(null),
  }));

  // Input: positions in the frame's pixels; pointer moves at most one per animation frame, the newest.
  let lastSent = Promise.resolve();
  const send = input => {
    if (viewOnly.checked || ended()) return;
    lastSent = lastSent.then(() => live.invoke('SendInput', session.id, input)).catch(error => region.error(`Input was not sent: ${error.message}`));
  };
  const position = event => {
    const box = canvas.getBoundingClientRect();
    return {
      x: Math.round(Math.min(Math.max((event.clientX - box.left) / box.width, 0), 1) * (frameSize.width - 1)),
      y: Math.round(Math.min(Math.max((event.clientY - box.top) / box.height, 0), 1) * (frameSize.height - 1)),
    };
  };
  let move = null;
  canvas.addEventListener('pointermove', event => {
    if (move === null) requestAnimationFrame(() => { send({ kind: 'pointer-move', ...move }); move = null; });
    move = position(event);
  });
  canvas.addEventListener('pointerdown', event => {
    canvas.focus();
    send({ kind: 'pointer-down', ...position(event), button: event.button });
  });
  canvas.addEventListener('pointerup', event => send({ kind: 'pointer-up', ...position(event), button: event.button }));
  canvas.addEventListener('contextmenu', event => event.preventDefault());
  canvas.addEventListener('wheel', event => {
    event.preventDefault();
    send({ kind: 'wheel', ...position(event), key: event.deltaY > 0 ? 'down' : 'up' });
  }, { passive: false });
  canvas.addEventListener('keydown', event => {
    if (viewOnly.checked) return;
    // Tab leaves the canvas with Ctrl+Shift or Escape first; every other key goes to the remote computer.
    if (event.key === 'Escape') {
      canvas.blur();
      return;
    }
    event.preventDefault();
    send({ kind: 'key-down', key: event.key });
    if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) send({ kind: 'text', text: event.key });
  });
  canvas.addEventListener('keyup', event => {
    if (viewOnly.checked || event.key === 'Escape') return;
    event.preventDefault();
    send({ kind: 'key-up', key: event.key });
  });
  return h('div', { class: 'viewer' },
    h('div', { class: 'toolbar' },
      session.deviceId && !attended ? h('span', {}, 'Device: ', device) : null,
      stats,
      h('label', { class: 'check' }, viewOnly, ' View only'),
      owner ? null : h('span', { class: 'muted', id: 'watch-only' }, 'Another agent started this session: you watch it view-only.')),
    session.credentialStored === false && !attended
      ? h('p', { class: 'hint' }, 'No OS login is stored on this device: log in at the remote login screen if it shows one.') : null,
    h('div', { class: 'screen-wrap' }, canvas),
    h('p', { class: 'hint' }, 'Keys go to the remote computer while the screen has focus; press Escape to leave it.'));
}

function attendedView(session, { me, region, cleanups, showEnded, root }) {
  const known = recentSessions().find(s => s.id === session.id);
  const key = known?.supportKey;
  const server = location.origin;
  const status = h('p', { id: 'customer-status', role: 'status' });
  const container = h('div', { class: 'attended' });
  const menu = setupMenu(session, { me, region, cleanups, refresh: () => refresh() });

  const refresh = async () => {
    try {
      const current = await api.get(`/api/sessions/${session.id}`);
      replace(status, current.customer
        ? `${current.customer.computerName} (${current.customer.os}) ${current.customer.connected ? 'is connected.' : 'joined and is not connected now.'}`
        : 'Waiting for the customer to join…');
      menu.update(current);
      if (current.state === 'ended') {
        showEnded(current.endedReason);
        clearInterval(poll);
      }
    } catch (error) {
      region.error(error);
    }
  };
  // The broker pushes setup progress and the session's end, not the customer's join: that is checked every 2 s.
  const poll = setInterval(refresh, 2000);
  cleanups.push(() => clearInterval(poll));
  cleanups.push(live.onPush('setup-progress', push => {
    if (push.sessionId === session.id) {
      menu.progress(push);
      refresh();
    }
  }));
  live.hub().catch(error => region.error(error));

  replace(container,
    h('section', { class: 'card' },
      h('h2', {}, 'Support key'),
      key ? [
        h('p', { class: 'support-key', id: 'support-key' }, `${key.slice(0, 3)} ${key.slice(3, 6)} ${key.slice(6)}`),
        h('p', {}, 'Read the key to the customer. It works once, until ', when(known.supportKeyExpiresAt), '. On their computer they run:'),
        h('pre', { class: 'command', id: 'join-command' }, `broker-endpoint join --server ${server} --key ${key}`),
      ] : h('p', { class: 'muted' }, 'The support key was shown when the session started, in the tab that started it.'),
      status),
    menu.element,
    h('section', { class: 'card' },
      h('h2', {}, 'Customer\'s screen'),
      screenView(session, { me, region, cleanups, showEnded, root })));
  refresh();
  return container;
}
