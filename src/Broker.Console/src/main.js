// The console's shell: sign-in state, navigation and the hash router (#/devices …), so no server route is ever shadowed.
import * as auth from './auth.js';
import * as api from './api.js';
import * as live from './live.js';
import { h, replace, wordsOf } from './dom.js';
import { signInPage } from './pages/signin.js';
import { dashboardPage } from './pages/dashboard.js';
import { devicesPage } from './pages/devices.js';
import { sessionsPage } from './pages/sessions.js';
import { viewerPage } from './pages/viewer.js';
import { userGroupsPage } from './admin/user-groups.js';
import { agentsPage } from './admin/agents.js';
import { deviceGroupsPage } from './admin/device-groups.js';
import { installersPage } from './admin/installers.js';
import { auditPage } from './admin/audit.js';
import { accountPage } from './pages/account.js';

const routes = [
  { path: /^\/$/, title: 'Dashboard', page: dashboardPage },
  { path: /^\/devices$/, title: 'Devices', page: devicesPage },
  { path: /^\/sessions$/, title: 'Sessions', page: sessionsPage },
  { path: /^\/sessions\/([0-9a-f-]{36})$/, title: 'Viewer', page: viewerPage },
  { path: /^\/account$/, title: 'Your account', page: accountPage },
  { path: /^\/admin\/user-groups$/, title: 'User groups', page: userGroupsPage, admin: true },
  { path: /^\/admin\/agents$/, title: 'Agents', page: agentsPage, admin: true },
  { path: /^\/admin\/device-groups$/, title: 'Device groups', page: deviceGroupsPage, admin: true },
  { path: /^\/admin\/installers$/, title: 'Installers', page: installersPage, admin: true },
  { path: /^\/admin\/audit$/, title: 'Audit log', page: auditPage, admin: true },
];

const header = document.getElementById('top');
const main = document.getElementById('main');
let me = null;
let leave = null;
let signInReason = null;

/** Who is signed in (GET /api/me), loaded once per sign-in and again when asked. */
export async function whoAmI(fresh = false) {
  if (!me || fresh) me = await api.get('/api/me');
  return me;
}

export function navigate(path) {
  if (location.hash === `#${path}`) render();
  else location.hash = path;
}

function currentPath() {
  return location.hash.startsWith('#/') ? location.hash.slice(1).split('?')[0] : '/';
}

function nav(user) {
  const path = currentPath();
  const link = (href, label) => h('a', { href: `#${href}`, 'aria-current': path === href ? 'page' : false }, label);
  const admin = user.role === 'admin';
  return [
    h('a', { class: 'brand', href: '#/' }, 'Broker'),
    h('nav', { 'aria-label': 'Main' },
      h('ul', {},
        h('li', {}, link('/', 'Dashboard')),
        h('li', {}, link('/devices', 'Devices')),
        h('li', {}, link('/sessions', 'Sessions')),
        admin && h('li', { class: 'admin' }, link('/admin/user-groups', 'User groups')),
        admin && h('li', { class: 'admin' }, link('/admin/agents', 'Agents')),
        admin && h('li', { class: 'admin' }, link('/admin/device-groups', 'Device groups')),
        admin && h('li', { class: 'admin' }, link('/admin/installers', 'Installers')),
        admin && h('li', { class: 'admin' }, link('/admin/audit', 'Audit log')))),
    h('div', { class: 'who' },
      h('span', { class: 'live-state', id: 'live-state', role: 'status' }),
      h('a', { href: '#/account', class: 'account', title: `${user.email}: your account`, 'aria-current': path === '/account' ? 'page' : false }, user.displayName),
      h('button', { type: 'button', id: 'sign-out', onclick: () => signOut() }, 'Sign out')),
  ];
}

async function signOut(reason = null) {
  auth.end(reason);
}

auth.onEnded(reason => {
  me = null;
  signInReason = reason;
  live.stop();
  if (location.hash !== '#/signin') location.hash = '/signin';
  else render();
});

live.onState((state, error) => {
  const indicator = document.getElementById('live-state');
  if (!indicator) return;
  indicator.textContent = state === 'connected' ? '' : state === 'reconnecting' ? 'Live updates: reconnecting…'
    : error ? `Live updates stopped: ${live.hubWords(error)}` : '';
});

let drawing = 0;

async function render() {
  leave?.();
  leave = null;
  const path = currentPath();
  // A page still loading when the user (or an ended sign-in) moves on must not draw over the next one.
  const mine = ++drawing;
  const current = () => mine === drawing;

  if (!auth.current() || path === '/signin') {
    if (path !== '/signin' && !auth.current()) {
      if (sessionStorage.getItem('broker.token')) signInReason ??= 'Your sign-in has expired. Sign in again.';
      sessionStorage.removeItem('broker.token');
      location.hash = '/signin';
      return;
    }
    if (auth.current()) {
      location.hash = '/';
      return;
    }
    replace(header);
    document.title = 'Sign in · Broker';
    // The reason stays until the next sign-in, so the page says it however often it is drawn.
    leave = signInPage(main, { reason: signInReason, signedIn: () => { signInReason = null; navigate('/'); } });
    return;
  }

  let user;
  try {
    // Fresh on every page: an admin may have changed this agent's permissions or device groups meanwhile.
    user = await whoAmI(true);
  } catch (error) {
    if (!current()) return;
    replace(header);
    replace(main, h('div', { class: 'error', role: 'alert' }, wordsOf(error)));
    return;
  }

  if (!current()) return;
  const route = routes.find(r => r.path.test(path));
  replace(header, nav(user));
  if (!route) {
    document.title = 'Not found · Broker';
    replace(main, h('h1', {}, 'Not found'), h('p', {}, 'There is no such page. ', h('a', { href: '#/' }, 'Go to the dashboard.')));
    return;
  }
  if (route.admin && user.role !== 'admin') {
    document.title = `${route.title} · Broker`;
    replace(main, h('h1', {}, route.title), h('div', { class: 'error', role: 'alert' }, 'This page is for admins only.'));
    return;
  }

  document.title = `${route.title} · Broker`;
  // Each page draws into its own element: one that finishes loading after the user moved on draws into nothing visible.
  const view = h('div', { class: 'page' });
  replace(main, view);
  const parameters = route.path.exec(path).slice(1);
  try {
    const cleanup = (await route.page(view, { me: user, parameters, navigate, whoAmI })) ?? null;
    if (!current()) {
      cleanup?.();
      return;
    }
    leave = cleanup;
  } catch (error) {
    if (!current()) return;
    view.append(h('div', { class: 'error', role: 'alert' }, wordsOf(error)));
  }
  main.querySelector('h1')?.setAttribute('tabindex', '-1');
  if (document.activeElement === document.body || document.activeElement?.closest('nav')) main.querySelector('h1')?.focus({ preventScroll: true });
}

document.querySelector('.skip')?.addEventListener('click', event => {
  event.preventDefault();
  main.focus();
});
window.addEventListener('hashchange', render);
auth.schedule();
render();
