import * as api from '../api.js';
import { h, replace, field, select, busy, messages } from '../dom.js';

const finalStates = ['declined', 'cancelled', 'completed'];

/**
 * The "Unattended Support" menu of an attended session and its "Set up" wizard: step-up password, the consent request
 * (with Cancel), nickname and device group, and the final message. The entry is disabled, with the reason shown, when
 * the broker says setup is not available.
 */
export function setupMenu(session, { me }) {
  const region = messages();
  const reason = h('p', { class: 'reason', id: 'setup-unavailable' });
  const item = h('button', { type: 'button', role: 'menuitem', id: 'setup-item', 'aria-describedby': 'setup-item-reason' }, 'Set up…');
  const itemReason = h('small', { id: 'setup-item-reason' });
  const list = h('div', { role: 'menu', class: 'menu-list', id: 'setup-menu', hidden: true, 'aria-label': 'Unattended Support' }, item, itemReason);
  const toggle = h('button', { type: 'button', id: 'unattended-menu', 'aria-haspopup': 'menu', 'aria-expanded': 'false', 'aria-controls': 'setup-menu' },
    'Unattended Support ▾');
  const wizard = h('div', { class: 'wizard', id: 'setup-wizard', hidden: true });
  let step = null;
  let latest = session;
  let finalMessage = null;
  // Whether this run of the wizard has asked the customer: only then does a final state (possibly an old one) end it.
  let requested = false;

  const openMenu = open => {
    list.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    if (open) item.focus();
  };
  toggle.addEventListener('click', () => openMenu(list.hidden));
  const menu = h('div', { class: 'menu' }, toggle, list);
  menu.addEventListener('focusout', event => {
    if (!menu.contains(event.relatedTarget) && !list.hidden) openMenu(false);
  });
  list.addEventListener('keydown', event => {
    if (event.key === 'Escape') {
      openMenu(false);
      toggle.focus();
    }
  });
  item.addEventListener('click', () => {
    if (item.getAttribute('aria-disabled') === 'true') return;
    openMenu(false);
    requested = false;
    finalMessage = null;
    step = null;
    show('password');
  });

  const show = next => {
    if (step === next) return;
    step = next;
    wizard.hidden = false;
    region.clear();
    replace(wizard, h('h3', {}, 'Set up unattended support'), region.element, steps[next]());
    wizard.querySelector('input, select, button')?.focus();
  };

  const steps = {
    password: () => {
      const password = h('input', { type: 'password', id: 'step-up-password', autocomplete: 'current-password', required: true });
      const submit = h('button', { type: 'submit', class: 'primary' }, 'Request access');
      return h('form', {
        onsubmit: event => {
          event.preventDefault();
          busy(submit, region, async () => {
            latest = await api.post(`/api/sessions/${session.id}/unattended-setup`, { password: password.value });
            requested = true;
            follow(latest);
          });
        },
      },
      h('p', {}, 'Enter your account password again to confirm it is you. The customer is then asked to allow unattended access.'),
      field('Your password', password),
      h('div', { class: 'actions' }, submit, h('button', { type: 'button', onclick: () => close() }, 'Cancel')));
    },
    requesting: () => {
      const cancel = h('button', { type: 'button', id: 'cancel-setup' }, 'Cancel');
      cancel.addEventListener('click', () => busy(cancel, region, async () => {
        latest = await api.del(`/api/sessions/${session.id}/unattended-setup`);
        follow(latest);
      }));
      return h('div', {},
        h('p', { class: 'requesting', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), 'Requesting unattended support access…'),
        h('p', { class: 'muted' }, 'The customer sees a consent prompt on their computer and may store their OS login there.'),
        h('div', { class: 'actions' }, cancel));
    },
    allowed: () => {
      const nickname = h('input', { type: 'text', id: 'setup-nickname', required: true, maxlength: 100, value: latest.customer?.computerName ?? '' });
      const groups = me.deviceGroups.map(g => ({ value: g.id, label: g.name }));
      const group = select(groups, groups[0]?.value, { id: 'setup-group', required: true });
      const submit = h('button', { type: 'submit', class: 'primary' }, 'Finish setup');
      return h('form', {
        onsubmit: event => {
          event.preventDefault();
          busy(submit, region, async () => {
            const done = await api.post(`/api/sessions/${session.id}/unattended-setup/complete`, { nickname: nickname.value, deviceGroupId: group.value });
            finalMessage = done.message;
            // A poll may have shown the final step already, without the broker's words: show them now.
            step = null;
            show('final');
          });
        },
      },
      h('p', { role: 'status' }, 'The customer allowed unattended access. Give the computer a nickname and choose its device group.'),
      field('Nickname', nickname),
      groups.length ? field('Device group', group) : h('p', { class: 'error' }, 'No device group is assigned to you: an admin must assign one first.'),
      h('div', { class: 'actions' }, submit));
    },
    final: () => h('div', {},
      h('p', { class: 'final', id: 'setup-final', role: 'status' }, finalMessage ?? finalWords(latest.unattendedSetup)),
      h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => close() }, 'Close'))),
  };

  const close = () => {
    step = null;
    wizard.hidden = true;
    replace(wizard);
    toggle.focus();
  };

  const follow = current => {
    const state = current.unattendedSetup.state;
    if (state === 'requesting-consent') show('requesting');
    else if (state === 'allowed') show('allowed');
    else if (finalStates.includes(state) && step && (step !== 'password' || requested)) show('final');
  };

  const update = current => {
    latest = current;
    const setup = current.unattendedSetup;
    if (setup.available) {
      item.removeAttribute('aria-disabled');
      item.disabled = false;
      item.title = '';
      reason.textContent = '';
      itemReason.textContent = '';
    } else {
      item.setAttribute('aria-disabled', 'true');
      item.disabled = true;
      item.title = setup.unavailableReason ?? '';
      reason.textContent = `Set up is unavailable: ${setup.unavailableReason}`;
      itemReason.textContent = setup.unavailableReason ?? '';
    }
    if (step) follow(current);
  };

  const progress = push => {
    if (push.state === 'declined' || push.state === 'cancelled') finalMessage = push.message;
    latest = { ...latest, unattendedSetup: { ...latest.unattendedSetup, state: push.state } };
    if (step) follow(latest);
  };

  update(session);
  return {
    element: h('section', { class: 'card setup' }, h('h2', {}, 'Unattended access'),
      menu, reason, wizard),
    update,
    progress,
  };
}

/** The final words when the broker's own did not reach this tab (e.g. the setup was finished in another one). */
function finalWords(setup) {
  switch (setup.state) {
    case 'declined': return 'Unattended support setup could not be completed: the customer declined.';
    case 'cancelled': return 'Unattended support setup was cancelled.';
    case 'completed': return setup.credentialStored
      ? 'Unattended support set up successfully.'
      : 'Unattended support set up. No login was stored: the customer will have to log in when you connect.';
    default: return '';
  }
}
