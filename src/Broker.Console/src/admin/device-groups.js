import * as api from '../api.js';
import { h, replace, messages, field, busy, confirmDialog, dialog, when } from '../dom.js';

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

  const rotate = async group => {
    if (!await confirmDialog(`Rotate the code of ${group.name}?`,
      'Installers downloaded before carry the old code, which then enrols nobody. Enrolled devices stay.', 'Rotate')) return;
    try {
      await api.post(`/api/device-groups/${group.id}/enrollment-code:rotate`, {});
      region.notice(`${group.name} has a new enrollment code.`);
      await load();
    } catch (error) {
      region.error(error);
    }
  };

  const revoke = async group => {
    if (!await confirmDialog(`Revoke the code of ${group.name}?`, 'Nobody can enrol into the group until the code is rotated.', 'Revoke')) return;
    try {
      await api.del(`/api/device-groups/${group.id}/enrollment-code`);
      region.notice(`The enrollment code of ${group.name} is revoked.`);
      await load();
    } catch (error) {
      region.error(error);
    }
  };

  const rename = group => dialog(`Rename ${group.name}`, ({ close, messages: dialogMessages }) => {
    const input = h('input', { type: 'text', value: group.name, required: true, maxlength: 100 });
    const save = h('button', { type: 'submit', class: 'primary' }, 'Save');
    return h('form', {
      onsubmit: event => {
        event.preventDefault();
        busy(save, dialogMessages, async () => {
          await api.patch(`/api/device-groups/${group.id}`, { name: input.value });
          close(true);
          await load();
        });
      },
    }, field('Name', input), h('div', { class: 'actions' }, save, h('button', { type: 'button', onclick: () => close(false) }, 'Cancel')));
  });

  const remove = async group => {
    if (!await confirmDialog(`Delete ${group.name}?`, 'A device group that still has devices cannot be deleted.', 'Delete')) return;
    try {
      await api.del(`/api/device-groups/${group.id}`);
      region.notice(`Deleted ${group.name}.`);
      await load();
    } catch (error) {
      region.error(error);
    }
  };

  await load();
}
