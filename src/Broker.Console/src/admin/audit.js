import * as api from '../api.js';
import { h, replace, messages, field, when } from '../dom.js';

/** The audit log, newest first, filtered by time, actor, device and action. */
export async function auditPage(main) {
  const region = messages();
  const rows = h('tbody');
  const since = h('input', { type: 'datetime-local', id: 'audit-since' });
  const actor = h('input', { type: 'text', id: 'audit-actor', placeholder: 'e-mail address' });
  const deviceId = h('input', { type: 'text', id: 'audit-device', placeholder: 'device id' });
  const action = h('input', { type: 'text', id: 'audit-action', placeholder: 'e.g. session.start' });
  const limit = h('input', { type: 'number', id: 'audit-limit', min: 1, max: 1000, value: 100 });
  replace(main,
    h('div', { class: 'page-head' }, h('h1', {}, 'Audit log')),
    region.element,
    h('form', { class: 'filters', onsubmit: event => { event.preventDefault(); load(); } },
      field('Since', since), field('Actor', actor), field('Device', deviceId), field('Action', action), field('Limit', limit),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Filter'))),
    h('div', { class: 'table-wrap' }, h('table', { class: 'audit' },
      h('thead', {}, h('tr', {}, ['Time', 'Actor', 'Action', 'Target', 'Outcome', 'Address', 'Detail'].map(c => h('th', { scope: 'col' }, c)))), rows)));

  const load = async () => {
    try {
      const events = await api.get(`/api/audit${api.query({
        since: since.value ? new Date(since.value).toISOString() : '',
        actor: actor.value.trim(),
        deviceId: deviceId.value.trim(),
        action: action.value.trim(),
        limit: limit.value,
      })}`);
      region.clear();
      replace(rows, events.length === 0 ? h('tr', {}, h('td', { colspan: 7, class: 'empty' }, 'No events match.')) : events.map(e => h('tr', { class: `outcome-${e.outcome}` },
        h('td', {}, when(e.time)), h('td', {}, e.actor), h('td', {}, h('code', {}, e.action)), h('td', { class: 'wrap' }, e.target ?? ''),
        h('td', {}, e.outcome), h('td', {}, e.address ?? ''), h('td', { class: 'wrap' }, e.detail ?? ''))));
    } catch (error) {
      region.error(error);
    }
  };

  await load();
}
