import * as api from '../api.js';
import { h, replace, messages, busy, when } from '../dom.js';

const recentKey = 'broker.sessions';

/** Sessions started in this tab, newest first: what the API's list does not say (the support key, the device's nickname). */
export function recentSessions() {
  try {
    return JSON.parse(sessionStorage.getItem(recentKey) ?? '[]');
  } catch {
    return [];
  }
}

export function remember(session) {
  const list = [session, ...recentSessions().filter(s => s.id !== session.id)].slice(0, 20);
  sessionStorage.setItem(recentKey, JSON.stringify(list));
}

/** Starts an unattended session on a device and opens its viewer. */
export function startUnattended(device, navigate, button, region) {
  return busy(button, region, async () => {
    const started = await api.post('/api/sessions', { kind: 'unattended', deviceId: device.id });
    remember({ id: started.sessionId, kind: 'unattended', label: device.nickname, startedAt: new Date().toISOString() });
    navigate(`/sessions/${started.sessionId}`);
  });
}

/** Starts an attended session: the viewer shows the support key and the command the customer runs. */
export function startAttended(navigate, button, region) {
  return busy(button, region, async () => {
    const started = await api.post('/api/sessions', { kind: 'attended' });
    remember({ id: started.sessionId, kind: 'attended', label: `Support key ${started.supportKey}`, startedAt: new Date().toISOString(),
      supportKey: started.supportKey, supportKeyExpiresAt: started.supportKeyExpiresAt });
    navigate(`/sessions/${started.sessionId}`);
  });
}

export async function sessionsPage(main, { me, navigate }) {
  const region = messages();
  const start = h('button', { type: 'button', class: 'primary', id: 'start-attended', onclick: () => startAttended(navigate, start, region) },
    'Start attended session');
  const known = new Map(recentSessions().map(s => [s.id, s]));
  const sessions = await api.get('/api/sessions');
  const label = s => known.get(s.id)?.label
    ?? (s.customer ? `${s.customer.computerName} (${s.customer.os})` : s.kind === 'attended' ? 'waiting for the customer' : `device ${s.deviceId}`);
  const state = s => s.state === 'ended' ? `ended: ${s.endedReason ?? ''}` : s.state === 'waiting' ? 'waiting for the customer' : 'active';
  replace(main,
    h('div', { class: 'page-head' }, h('h1', {}, 'Sessions')),
    region.element,
    h('section', { class: 'card' },
      h('h2', {}, 'Attended support'),
      h('p', {}, 'Start a session and read the 9-digit support key to the customer, who joins with it. ',
        me.permissions.attendedSupport ? '' : 'Your permissions do not allow attended support sessions.'),
      h('div', { class: 'actions' }, start)),
    h('section', { class: 'card' },
      h('h2', {}, 'Unattended support'),
      h('p', {}, 'Connect to an online device from the ', h('a', { href: '#/' }, 'dashboard'), ' or the ', h('a', { href: '#/devices' }, 'devices page'), '.')),
    h('section', { class: 'card' },
      h('h2', {}, 'Your sessions'),
      sessions.length === 0 ? h('p', { class: 'empty' }, 'None yet.')
        : h('ul', { class: 'plain', id: 'session-list' }, sessions.map(s => h('li', { dataset: { state: s.state } },
          h('a', { href: `#/sessions/${s.id}` }, s.kind === 'attended' ? 'Attended' : 'Unattended', ': ', label(s)),
          h('small', { class: 'muted' }, ` · ${state(s)} · started ${when(s.createdAt)}`))))));
  if (!me.permissions.attendedSupport) start.disabled = true;
}
