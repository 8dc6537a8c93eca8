import * as api from '../api.js';
import * as auth from '../auth.js';
import { h, replace, messages, field, busy } from '../dom.js';

/** Who is signed in, what they may do, and changing their own password (the first admin's one-time password, too). */
export async function accountPage(main, { me }) {
  const region = messages();
  const current = h('input', { type: 'password', id: 'current-password', autocomplete: 'current-password', required: true });
  const next = h('input', { type: 'password', id: 'new-password', autocomplete: 'new-password', required: true });
  const again = h('input', { type: 'password', id: 'repeat-password', autocomplete: 'new-password', required: true });
  const save = h('button', { type: 'submit', class: 'primary' }, 'Change password');
  replace(main,
    h('div', { class: 'page-head' }, h('h1', {}, 'Your account')),
    h('section', { class: 'card' },
      h('dl', { class: 'facts' },
        h('dt', {}, 'Name'), h('dd', {}, me.displayName),
        h('dt', {}, 'E-mail address'), h('dd', {}, me.email),
        h('dt', {}, 'Role'), h('dd', {}, me.role),
        h('dt', {}, 'User group'), h('dd', {}, me.userGroup.name),
        h('dt', {}, 'Unattended support'), h('dd', {}, me.permissions.unattendedSupport ? 'allowed' : 'not allowed'),
        h('dt', {}, 'Attended support'), h('dd', {}, me.permissions.attendedSupport ? 'allowed' : 'not allowed'),
        h('dt', {}, 'Device groups'), h('dd', {}, me.deviceGroups.length ? me.deviceGroups.map(g => g.name).join(', ') : 'none'))),
    h('form', {
      class: 'card inline-form',
      onsubmit: event => {
        event.preventDefault();
        if (next.value !== again.value) {
          region.error('The new password and its repetition differ.');
          return;
        }
        busy(save, region, async () => {
          // The change ends every earlier token of the account; the answer is this tab's new one.
          auth.keep(await api.post('/api/me/password', { currentPassword: current.value, newPassword: next.value }));
          current.value = next.value = again.value = '';
          region.notice('Your password is changed. Other sign-ins of your account have ended.');
        });
      },
    },
    h('h2', {}, 'Change your password'),
    region.element,
    field('Current password', current),
    field('New password', next),
    field('New password again', again),
    h('div', { class: 'actions' }, save)));
}
