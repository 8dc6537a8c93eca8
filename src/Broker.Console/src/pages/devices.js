import * as api from '../api.js';
import { h, replace, messages, field, select, formDialog, confirmThen, when, ago } from '../dom.js';
import { followPresence } from './presence.js';
import { startUnattended } from './sessions.js';

const methods = { 'attended-session': 'Attended session', installer: 'Installer', portal: 'Portal' };

/** The inventory: search and filters, and each device's facts; rename, move and remove. */
export async function devicesPage(main, { me, navigate }) {
  const region = messages();
  const groups = me.deviceGroups;
  const groupName = id => groups.find(g => g.id === id)?.name ?? 'another group';
  const q = h('input', { type: 'search', id: 'device-search', placeholder: 'Nickname, computer name or OS' });
  const group = select([{ value: '', label: 'All groups' }, ...groups.map(g => ({ value: g.id, label: g.name }))], '', { id: 'device-group-filter' });
  const online = select([{ value: '', label: 'Online and offline' }, { value: 'true', label: 'Online' }, { value: 'false', label: 'Offline' }], '',
    { id: 'device-online-filter' });
  const table = h('tbody');
  const summary = h('p', { class: 'muted', role: 'status' });
  let devices = [];

  replace(main,
    h('div', { class: 'page-head' }, h('h1', {}, 'Devices')),
    region.element,
    h('form', { class: 'filters', role: 'search', onsubmit: event => { event.preventDefault(); load(); } },
      field('Search', q), field('Device group', group), field('Status', online)),
    summary,
    h('div', { class: 'table-wrap' }, h('table', { class: 'devices-table' },
      h('thead', {}, h('tr', {}, ['Nickname', 'Computer name', 'OS', 'Device group', 'Enrolled', 'OS login stored', 'Status', 'Actions'].map(c => h('th', { scope: 'col' }, c)))),
      table)));

  const row = device => h('tr', { dataset: { deviceId: device.id, online: device.online } },
    h('th', { scope: 'row' }, device.nickname),
    h('td', {}, device.computerName),
    h('td', {}, device.os),
    h('td', {}, groupName(device.deviceGroupId)),
    h('td', {}, methods[device.enrollmentMethod] ?? device.enrollmentMethod, h('small', { class: 'muted block' }, `by ${device.enrolledBy}, ${when(device.enrolledAt)}`)),
    h('td', {}, device.credentialStored ? 'Yes' : 'No'),
    h('td', {}, h('span', { class: device.online ? 'dot on' : 'dot off', 'aria-hidden': 'true' }), device.online ? 'Online' : `Offline, last seen ${ago(device.lastSeenAt)}`,
      device.openSessions > 0 ? h('small', { class: 'muted block in-session' }, device.openSessions === 1 ? 'In a session' : `In ${device.openSessions} sessions`) : null),
    h('td', { class: 'row-actions' },
      device.online && me.permissions.unattendedSupport
        ? h('button', { type: 'button', class: 'small', 'aria-label': `Connect to ${device.nickname}`, onclick: e => startUnattended(device, navigate, e.currentTarget, region) }, 'Connect') : null,
      h('button', { type: 'button', class: 'small', 'aria-label': `Rename ${device.nickname}`, onclick: () => rename(device) }, 'Rename'),
      h('button', { type: 'button', class: 'small', 'aria-label': `Move ${device.nickname}`, onclick: () => move(device) }, 'Move'),
      h('button', { type: 'button', class: 'small danger', 'aria-label': `Remove ${device.nickname}`, onclick: () => remove(device) }, 'Remove')));

  const draw = () => {
    summary.textContent = `${devices.length} ${devices.length === 1 ? 'device' : 'devices'}, ${devices.filter(d => d.online).length} online`;
    replace(table, devices.length === 0 ? h('tr', {}, h('td', { colspan: 8, class: 'empty' }, 'No devices match.')) : devices.map(row));
  };

  let loading = 0;
  const load = async () => {
    const mine = ++loading;
    try {
      const found = await api.get(`/api/devices${api.query({ q: q.value.trim(), groupId: group.value, online: online.value })}`);
      if (mine !== loading) return;
      devices = found;
      region.clearError();
      draw();
    } catch (error) {
      region.error(error);
    }
  };

  const rename = async device => {
    const nickname = h('input', { type: 'text', value: device.nickname, required: true, maxlength: 100, id: 'rename-nickname' });
    if (await formDialog(`Rename ${device.nickname}`, 'Save', [field('Nickname', nickname)],
      () => api.patch(`/api/devices/${device.id}`, { nickname: nickname.value }))) {
      await load();
      region.notice(`Renamed to ${nickname.value.trim()}.`);
    }
  };

  const move = async device => {
    const target = select(groups.map(g => ({ value: g.id, label: g.name })), device.deviceGroupId, { id: 'move-group' });
    if (await formDialog(`Move ${device.nickname}`, 'Move', [field('Device group', target)],
      () => api.patch(`/api/devices/${device.id}`, { deviceGroupId: target.value }))) {
      await load();
      region.notice(`Moved ${device.nickname} to ${groupName(target.value)}.`);
    }
  };

  const remove = device => confirmThen(region, {
    title: `Remove ${device.nickname}?`,
    text: 'The device loses unattended access at once: its endpoint is disconnected and must be set up again to come back.',
    confirmLabel: 'Remove',
    action: () => api.del(`/api/devices/${device.id}`),
    reload: load,
    done: `Removed ${device.nickname}.`,
  });

  let typing;
  q.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(load, 250);
  });
  group.addEventListener('change', load);
  online.addEventListener('change', load);
  await load();

  return followPresence({
    find: id => devices.find(d => d.id === id),
    // Filtered by presence, a device that came or went changes the list; a count of sessions only its row.
    changed: (_, onlineChanged) => (online.value && onlineChanged ? load() : draw()),
    unknown: load,
    failed: error => region.error(`Live presence stopped: ${error.message}`),
  });
}
