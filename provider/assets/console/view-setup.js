// The first admin, from the one-time link the provider printed on its log.
import { field, h, notice } from './dom.js';
import { t } from './i18n.js';

export function setupView({ config, token, redraw }) {
  if (!config.setupRequired) {
    return h('div', { class: 'card narrow' }, h('h1', null, t('setup.title')), h('p', null, t('setup.done')), h('a', { class: 'button', href: '/console' }, t('signIn')));
  }
  const username = h('input', { name: 'username', autocomplete: 'username' });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'new-password' });
  const repeat = h('input', { name: 'repeat', type: 'password', autocomplete: 'new-password' });
  const status = h('div', { id: 'setup-status' });
  const submit = async (event) => {
    event.preventDefault();
    if (password.value !== repeat.value) return status.replaceChildren(notice('error', t('setup.mismatch')));
    const response = await fetch('/api/console/setup', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, username: username.value.trim(), password: password.value }) });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) return status.replaceChildren(notice('error', body.message ?? `HTTP ${response.status}`));
    config.setupRequired = false;
    history.replaceState(null, '', '/console/setup');
    document.getElementById('content').replaceChildren(h('div', { class: 'card narrow' }, h('h1', null, t('setup.title')), notice('success', t('setup.created', { name: body.username })), h('a', { class: 'button', href: '/console', id: 'to-sign-in' }, t('signIn'))));
  };
  return h('form', { class: 'card narrow', id: 'setup', onsubmit: submit },
    h('h1', null, t('setup.title')),
    h('p', null, t('setup.body')),
    !token && notice('error', t('setup.noToken')),
    field('setup-username', t('users.username'), username, { hint: t('setup.usernameHint') }),
    field('setup-password', t('users.password'), password, { hint: t('users.passwordHint') }),
    field('setup-repeat', t('setup.repeat'), repeat),
    status,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('setup.create'))));
}
