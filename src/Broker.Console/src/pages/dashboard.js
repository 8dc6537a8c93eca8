import * as api from '../api.js';
import { h, replace, messages, ago, busy } from '../dom.js';
import { followPresence } from './presence.js';
import { startUnattended } from './sessions.js';

export const platforms = [
  { id: 'windows-exe', label: 'Windows (EXE)' },
  { id: 'windows-msi', label: 'Windows (MSI)' },
  { id: 'macos-pkg', label: 'macOS (PKG)' },
  { id: 'linux-x64', label: 'Linux x64' },
];

/** Per device group: its devices and how many are online, kept live by WatchPresence; the group's installers. */
export async function dashboardPage(main, { me, navigate }) {
  const region = messages();
  const list = h('div', { class: 'groups' });
  replace(main,
    h('div', { class: 'page-head' }, h('h1', {}, 'Dashboard'),
      h('p', { class: 'muted' }, `Signed in as ${me.displayName} (${me.role}). `,
        me.permissions.unattendedSupport ? 'Unattended support is on for you.' : 'Unattended support is off for you: you cannot connect to devices.')),
    region.element, list);

  let groups = [];
  const cards = new Map();

  const load = async () => {
    try {
      groups = await api.get('/api/dashboard');
      draw();
    } catch (error) {
      region.error(error);
    }
  };

  const draw = () => {
    cards.clear();
    if (groups.length === 0) {
      replace(list, h('p', { class: 'empty' }, 'No device groups are assigned to you yet. An admin assigns them on the Agents page.'));
      return;
    }
    replace(list, groups.map(group => {
      const card = h('section', { class: 'card group', 'aria-labelledby': `g-${group.deviceGroup.id}`, dataset: { groupId: group.deviceGroup.id } });
      cards.set(group.deviceGroup.id, card);
      drawGroup(group, card);
      return card;
    }));
  };

  const drawGroup = (group, card) => {
    const online = group.devices.filter(d => d.online).length;
    const downloads = messages();
    replace(card,
      h('h2', { id: `g-${group.deviceGroup.id}` }, group.deviceGroup.name),
      h('p', { class: 'count' }, h('strong', { class: 'online-count', dataset: { online: online } }, `${online} of ${group.devices.length}`),
        group.devices.length === 1 ? ' device online' : ' devices online'),
      group.devices.length === 0
        ? h('p', { class: 'empty' }, 'No devices yet. Install the group\'s installer on a computer to add it.')
        : h('ul', { class: 'devices' }, group.devices.map(device => h('li', { dataset: { deviceId: device.id, online: device.online } },
          h('span', { class: device.online ? 'dot on' : 'dot off', 'aria-hidden': 'true' }),
          h('span', { class: 'name' }, device.nickname, h('small', {}, ` ${device.computerName} · ${device.os}`)),
          h('span', { class: 'state' }, device.online ? 'online' : `offline, seen ${ago(device.lastSeenAt)}`),
          device.online && me.permissions.unattendedSupport
            ? h('button', { type: 'button', class: 'small', 'aria-label': `Connect to ${device.nickname}`, onclick: event => startUnattended(device, navigate, event.currentTarget, region) }, 'Connect')
            : null))),
      h('details', { class: 'installers' },
        h('summary', {}, 'Installers for this group'),
        h('p', { class: 'hint' }, 'Installed on a computer, it joins this group by itself, with the computer name as nickname.'),
        downloads.element,
        h('div', { class: 'actions' }, platforms.map(platform => h('button', {
          type: 'button', class: 'small',
          onclick: event => busy(event.currentTarget, downloads, async () => {
            const name = await api.download(`/api/device-groups/${group.deviceGroup.id}/installer/${platform.id}`, `${platform.id}-installer`);
            downloads.notice(`Downloaded ${name}.`);
          }),
        }, platform.label)))));
  };

  const find = id => groups.flatMap(g => g.devices).find(d => d.id === id);
  await load();
  return followPresence({
    find,
    changed: device => {
      const group = groups.find(g => g.deviceGroup.id === device.deviceGroupId);
      const card = cards.get(device.deviceGroupId);
      if (group && card) {
        const open = card.querySelector('details')?.open;
        drawGroup(group, card);
        if (open) card.querySelector('details').open = true;
      }
    },
    unknown: load,
    failed: error => region.error(`Live presence stopped: ${error.message}`),
  });
}
