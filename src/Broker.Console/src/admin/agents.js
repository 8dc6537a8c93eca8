import * as api from '../api.js';
import { h, replace, messages, field, select, busy, confirmThen, dialog } from '../dom.js';

const overrides = [
  { value: 'inherit', label: 'Inherit from user group' },
  { value: 'allow', label: 'Allow' },
  { value: 'deny', label: 'Deny' },
];
const roles = [{ value: 'agent', label: 'Agent' }, { value: 'admin', label: 'Admin' }];

/** Agents and admins: role, user group, the unattended-support override, and the device groups they reach. */
export async function agentsPage(main) {
  const region = messages();
  const rows = h('tbody');
  let userGroups = [];
  let deviceGroups = [];
  // Enabled once the user groups and device groups the form offers are loaded.
  const addButton = h('button', { type: 'button', class: 'primary', id: 'new-agent', disabled: true, onclick: () => edit(null) }, 'New agent');
  replace(main,
    h('div', { class: 'page-head' }, h('h1', {}, 'Agents'), h('div', { class: 'actions' }, addButton)),
    region.element,
    h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, ['Name', 'E-mail', 'Role', 'User group', 'Unattended support', 'Device groups', 'Actions'].map(c => h('th', { scope: 'col' }, c)))),
      rows)));

  const nameOf = (list, id) => list.find(x => x.id === id)?.name ?? '(deleted)';

  const load = async () => {
    try {
      const [agents, ug, dg] = await Promise.all([api.get('/api/agents'), api.get('/api/user-groups'), api.get('/api/device-groups')]);
      userGroups = ug;
      deviceGroups = dg;
      addButton.disabled = false;
      replace(rows, agents.map(agent => h('tr', { dataset: { agentId: agent.id } },
        h('th', { scope: 'row' }, agent.displayName),
        h('td', {}, agent.email),
        h('td', {}, agent.role),
        h('td', {}, nameOf(userGroups, agent.userGroupId)),
        h('td', {}, overrides.find(o => o.value === agent.unattendedSupport)?.label ?? agent.unattendedSupport),
        h('td', {}, agent.deviceGroupIds.length ? agent.deviceGroupIds.map(id => nameOf(deviceGroups, id)).join(', ') : '—'),
        h('td', { class: 'row-actions' },
          h('button', { type: 'button', class: 'small', onclick: () => edit(agent) }, 'Edit'),
          h('button', { type: 'button', class: 'small danger', onclick: () => remove(agent) }, 'Delete')))));
    } catch (error) {
      region.error(error);
    }
  };

  const edit = agent => dialog(agent ? `Edit ${agent.displayName}` : 'New agent', ({ close, messages: dialogMessages }) => {
    const email = h('input', { type: 'email', required: true, value: agent?.email ?? '', id: 'agent-email' });
    const displayName = h('input', { type: 'text', required: true, value: agent?.displayName ?? '', id: 'agent-name' });
    const password = h('input', { type: 'password', autocomplete: 'new-password', required: !agent, id: 'agent-password' });
    const role = select(roles, agent?.role ?? 'agent', { id: 'agent-role' });
    const userGroup = select(userGroups.map(g => ({ value: g.id, label: g.name })), agent?.userGroupId, { id: 'agent-user-group' });
    const override = select(overrides, agent?.unattendedSupport ?? 'inherit', { id: 'agent-override' });
    const groupBoxes = deviceGroups.map(g => h('label', { class: 'check' },
      h('input', { type: 'checkbox', value: g.id, checked: agent?.deviceGroupIds.includes(g.id) ?? false }), ' ', g.name));
    const save = h('button', { type: 'submit', class: 'primary' }, agent ? 'Save' : 'Create agent');
    return h('form', {
      onsubmit: event => {
        event.preventDefault();
        busy(save, dialogMessages, async () => {
          const body = {
            email: email.value,
            displayName: displayName.value,
            role: role.value,
            userGroupId: userGroup.value || null,
            unattendedSupport: override.value,
            deviceGroupIds: groupBoxes.map(l => l.firstChild).filter(b => b.checked).map(b => b.value),
          };
          if (password.value) body.password = password.value;
          if (agent) await api.patch(`/api/agents/${agent.id}`, body);
          else await api.post('/api/agents', body);
          close(true);
          region.notice(agent ? `Saved ${body.displayName}.` : `Created ${body.displayName}.`);
          await load();
        });
      },
    },
    field('E-mail address', email),
    field('Display name', displayName),
    field(agent ? 'New password (leave empty to keep it)' : 'Password', password),
    field('Role', role),
    userGroups.length ? field('User group', userGroup) : h('p', { class: 'error' }, 'Create a user group first.'),
    field('Unattended support', override, 'Allow or deny overrides the user group\'s setting for this agent.'),
    h('fieldset', {}, h('legend', {}, 'Device groups'), groupBoxes.length ? groupBoxes : h('p', { class: 'muted' }, 'No device groups yet.')),
    h('div', { class: 'actions' }, save, h('button', { type: 'button', onclick: () => close(false) }, 'Cancel')));
  });

  const remove = agent => confirmThen(region, {
    title: `Delete ${agent.displayName}?`,
    text: 'The account and its sign-ins end at once.',
    confirmLabel: 'Delete',
    action: () => api.del(`/api/agents/${agent.id}`),
    reload: load,
    done: `Deleted ${agent.displayName}.`,
  });

  await load();
}
