import * as api from '../api.js';
import { h, replace, messages, field, checkbox, busy, confirmThen, formDialog } from '../dom.js';

/** User groups and their settings: unattended support and attended support on or off. */
export async function userGroupsPage(main) {
  const region = messages();
  const rows = h('tbody');
  const name = h('input', { type: 'text', id: 'user-group-name', required: true, maxlength: 100 });
  const unattended = checkbox('Unattended support', { id: 'user-group-unattended' });
  const attended = checkbox('Attended support', { id: 'user-group-attended', checked: true });
  const create = h('button', { type: 'submit', class: 'primary' }, 'Create user group');
  replace(main,
    h('div', { class: 'page-head' }, h('h1', {}, 'User groups')),
    region.element,
    h('form', {
      class: 'card inline-form',
      onsubmit: event => {
        event.preventDefault();
        busy(create, region, async () => {
          await api.post('/api/user-groups', { name: name.value, settings: { unattendedSupport: unattended.firstChild.checked, attendedSupport: attended.firstChild.checked } });
          region.notice(`Created ${name.value.trim()}.`);
          name.value = '';
          await load();
        });
      },
    }, h('h2', {}, 'New user group'), field('Name', name), unattended, attended, h('div', { class: 'actions' }, create)),
    h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, ['Name', 'Unattended support', 'Attended support', 'Agents', 'Actions'].map(c => h('th', { scope: 'col' }, c)))), rows)));

  const setting = (group, key, label) => {
    const box = h('input', { type: 'checkbox', checked: group.settings[key], 'aria-label': `${label} for ${group.name}` });
    box.addEventListener('change', () => busy(box, region, async () => {
      try {
        await api.patch(`/api/user-groups/${group.id}`, { settings: { [key]: box.checked } });
        region.notice(`${label} is now ${box.checked ? 'on' : 'off'} for ${group.name}.`);
      } catch (error) {
        box.checked = !box.checked;
        throw error;
      }
    }));
    return h('label', { class: 'check' }, box, box.checked ? ' on' : ' off');
  };

  const load = async () => {
    try {
      const groups = await api.get('/api/user-groups');
      replace(rows, groups.length === 0 ? h('tr', {}, h('td', { colspan: 5, class: 'empty' }, 'No user groups yet.')) : groups.map(group => h('tr', {},
        h('th', { scope: 'row' }, group.name),
        h('td', {}, setting(group, 'unattendedSupport', 'Unattended support')),
        h('td', {}, setting(group, 'attendedSupport', 'Attended support')),
        h('td', {}, String(group.agentCount)),
        h('td', { class: 'row-actions' },
          h('button', { type: 'button', class: 'small', onclick: () => rename(group) }, 'Rename'),
          h('button', { type: 'button', class: 'small danger', onclick: () => remove(group) }, 'Delete')))));
      rows.querySelectorAll('label.check').forEach(label => label.firstChild.addEventListener('change', () => { label.lastChild.textContent = label.firstChild.checked ? ' on' : ' off'; }));
    } catch (error) {
      region.error(error);
    }
  };

  const rename = async group => {
    const input = h('input', { type: 'text', value: group.name, required: true, maxlength: 100 });
    if (await formDialog(`Rename ${group.name}`, 'Save', [field('Name', input)], () => api.patch(`/api/user-groups/${group.id}`, { name: input.value }))) {
      await load();
    }
  };

  const remove = group => confirmThen(region, {
    title: `Delete ${group.name}?`,
    text: 'A user group that still has agents cannot be deleted.',
    confirmLabel: 'Delete',
    action: () => api.del(`/api/user-groups/${group.id}`),
    reload: load,
    done: `Deleted ${group.name}.`,
  });

  await load();
}
