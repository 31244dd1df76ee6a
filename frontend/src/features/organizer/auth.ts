import { ApiError, getJson, sendJson } from '../../api/http';
import type { Me } from '../../api/types';
import { errorMessage, t } from '../../i18n';
import { h } from '../../ui/dom';
import { button, errorBox, pageHeading, setStatus, showPage, statusLine } from '../../ui/widgets';

/**
 * The signed-in account with the role the area needs, or a sign-in form (POST /api/v1/auth/login sets
 * the session cookie and XSRF-TOKEN, which api/http.ts echoes on writes). Null when the page shows a form.
 */
export async function requireAccount(main: HTMLElement, role: 'ORGANIZER' | 'REVIEWER'): Promise<Me | null> {
  try {
    const me = await getJson<Me>('/api/v1/me');
    if (me.roles.includes(role) || (role === 'REVIEWER' && me.roles.includes('ADMIN'))) return me;
    showPage(main, t('auth.wrongRole'), pageHeading(t('auth.wrongRole')), h('p', {}, t('auth.wrongRoleText', { user: me.username })), signOutButton());
    return null;
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) {
      showPage(main, t('error.generic'), pageHeading(t('error.generic')), errorBox(error));
      return null;
    }
  }
  const username = h('input', { id: 'login-username', name: 'username', autocomplete: 'username', required: true });
  const password = h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const status = statusLine();
  const form = h(
    'form',
    { class: 'login-form', 'aria-labelledby': 'page-heading' },
    h('div', { class: 'field' }, h('label', { for: username.id }, t('auth.username')), username),
    h('div', { class: 'field' }, h('label', { for: password.id }, t('auth.password')), password),
    h('button', { type: 'submit', class: 'button' }, t('auth.signIn')),
    status,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    setStatus(status, t('page.loading'));
    try {
      await sendJson('POST', '/api/v1/auth/login', { username: username.value.trim(), password: password.value });
      location.reload();
    } catch (error) {
      setStatus(status, error instanceof ApiError && error.code === 'invalid-credentials' ? t('auth.invalid') : errorMessage(error), true);
      password.value = '';
      password.focus();
    }
  });
  showPage(main, t('auth.heading'), pageHeading(t(role === 'ORGANIZER' ? 'auth.organizerHeading' : 'auth.reviewerHeading')), form);
  return null;
}

export function signOutButton(): HTMLButtonElement {
  const b = button(t('auth.signOut'), { class: 'button secondary' });
  b.addEventListener('click', async () => {
    try {
      await sendJson('POST', '/api/v1/auth/logout');
    } finally {
      location.assign('/');
    }
  });
  return b;
}

export function accountBar(me: Me): HTMLElement {
  return h('div', { class: 'account-bar' }, h('p', {}, t('auth.signedInAs', { user: me.username, unit: me.orgUnit?.name ?? '' })), signOutButton());
}
