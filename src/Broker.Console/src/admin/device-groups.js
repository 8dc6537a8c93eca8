import * as api from '../api.js';
import { h, replace, messages, field, busy, confirmThen, formDialog, when } from '../dom.js';

/** Device groups ("companies") and their enrollment codes: rotate (the old one stops working) or revoke. */
export async function deviceGroupsPage(main) {
  const region = messages();
  const rows = h('tbody');
  const name = h('input', { type: 'text', id: 'device-group-name', required: true, maxlength: 100 });
  const create = h('button', { type: 'submit', class: 'primary' }, 'Create device group');
  replace(main,
    h('div', { class: 'page-head' }, h('h1', {}, 'Device groups')),
    region.element,
    h('form', {
      class: 'card inline-form',
      onsubmit: event => {
        event.preventDefault();
        busy(create, region, async () => {
          await api.post('/api/device-groups', { name: name.value });
          region.notice(`Created ${name.value.trim()}.`);
          name.value = '';
          await load();
        });
      },
    }, h('h2', {}, 'New device group'), field('Name', name), h('div', { class: 'actions' }, create)),
    h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, ['Name', 'Enrollment code', 'Created', 'Actions'].map(c => h('th', { scope: 'col' }, c)))), rows)));

  const load = async () => {
    try {
      const groups = await api.get('/api/device-groups');
      replace(rows, groups.length === 0 ? h('tr', {}, h('td', { colspan: 4, class: 'empty' }, 'No device groups yet.')) : groups.map(group => h('tr', { dataset: { groupId: group.id } },
        h('th', { scope: 'row' }, group.name),
        h('td', {}, group.enrollmentCode ? h('code', { class: 'code' }, group.enrollmentCode) : h('span', { class: 'muted' }, 'revoked: nobody can enrol')),
        h('td', {}, when(group.createdAt)),
        h('td', { class: 'row-actions' },
          h('button', { type: 'button', class: 'small', onclick: () => rotate(group) }, 'Rotate code'),
          group.enrollmentCode ? h('button', { type: 'button', class: 'small', onclick: () => revoke(group) }, 'Revoke code') : null,
          h('button', { type: 'button', class: 'small', onclick: () => rename(group) }, 'Rename'),
          h('button', { type: 'button', class: 'small danger', onclick: () => remove(group) }, 'Delete')))));
    } catch (error) {
      region.error(error);
    }
  };

  const rotate = group => confirmThen(region, {
    title: `Rotate the code of ${group.name}?`,
    text: 'Installers downloaded before carry the old code, which then enrols nobody. Enrolled devices stay.',
    confirmLabel: 'Rotate',
    action: () => api.post(`/api/device-groups/${group.id}/enrollment-code:rotate`, {}),
    reload: load,
    done: `${group.name} has a new enrollment code.`,
  });

  const revoke = group => confirmThen(region, {
    title: `Revoke the code of ${group.name}?`,
    text: 'Nobody can enrol into the group until the code is rotated.',
    confirmLabel: 'Revoke',
    action: () => api.del(`/api/device-groups/${group.id}/enrollment-code`),
    reload: load,
    done: `The enrollment code of ${group.name} is revoked.`,
  });

  const rename = async group => {
    const input = h('input', { type: 'text', value: group.name, required: true, maxlength: 100 });
    if (await formDialog(`Rename ${group.name}`, 'Save', [field('Name', input)], () => api.patch(`/api/device-groups/${group.id}`, { name: input.value }))) {
      await load();
    }
  };

  const remove = group => confirmThen(region, {
    title: `Delete ${group.name}?`,
    text: 'A device group that still has devices cannot be deleted.',
    confirmLabel: 'Delete',
    action: () => api.del(`/api/device-groups/${group.id}`),
    reload: load,
    done: `Deleted ${group.name}.`,
  });

  await load();
}
