import * as api from '../api.js';
import * as auth from '../auth.js';
import { h, replace, field, messages, busy } from '../dom.js';

/** Sign in with an agent's (or admin's) e-mail address and password. */
export function signInPage(main, { reason, signedIn }) {
  const region = messages();
  if (reason) region.notice(reason);
  const email = h('input', { type: 'email', name: 'email', autocomplete: 'username', required: true, id: 'email' });
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true, id: 'password' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
  const form = h('form', {
    class: 'card signin',
    onsubmit: event => {
      event.preventDefault();
      busy(submit, region, async () => {
        const token = await api.post('/api/auth/login', { email: email.value, password: password.value }, { signIn: true });
        auth.keep(token);
        signedIn();
      });
    },
  },
  h('h1', {}, 'Sign in to Broker'),
  region.element,
  field('E-mail address', email),
  field('Password', password),
  h('div', { class: 'actions' }, submit));
  replace(main, form);
  email.focus();
}
