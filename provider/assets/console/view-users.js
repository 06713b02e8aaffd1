// Users: search by phone, username or name; details; create; delete; unlock after too many
// failed sign-ins.
import { field, h, notice } from './dom.js';
import { t } from './i18n.js';

const matches = (user, q) => [user.phone, user.username, user.name, user.id].some((v) => v && v.toLowerCase().includes(q));

export async function usersView({ api, redraw, query }) {
  const users = await api('GET', '/api/users');
  const q = (query.get('q') ?? '').trim().toLowerCase();
  const shown = q ? users.filter((u) => matches(u, q) || (u.phone && u.phone.replace(/\D/g, '').includes(q.replace(/\D/g, '') || '\0'))) : users;
  const status = h('div');
  const search = h('input', { type: 'search', name: 'q', value: query.get('q') ?? '', placeholder: t('users.searchHint') });
  const searchForm = h('form', { class: 'search', role: 'search', onsubmit: (e) => { e.preventDefault(); history.replaceState(null, '', `/console/users?q=${encodeURIComponent(search.value)}`); redraw(); } }, field('users-search', t('users.search'), search), h('button', { type: 'submit', class: 'secondary' }, t('users.searchButton')));
  const act = (fn, done) => async () => {
    try {
      await fn();
      await redraw();
      if (done) document.getElementById('users-status')?.replaceChildren(notice('success', done));
    } catch (error) {
      status.replaceChildren(notice('error', error.message));
    }
  };
  const rows = shown.map((u) =>
    h('tr', { 'data-user': u.id },
      h('td', null, h('a', { href: `/console/users/${u.id}` }, u.name ?? u.username ?? '—')),
      h('td', null, u.phone ?? '—'),
      h('td', null, u.username ?? '—'),
      h('td', null, h('code', null, u.id)),
      h('td', { class: 'row-actions' },
        h('button', { type: 'button', class: 'secondary small', onclick: act(() => api('POST', `/api/users/${u.id}/unlock`), t('users.unlocked')) }, t('users.unlock')),
        h('button', { type: 'button', class: 'danger secondary small', onclick: act(async () => { if (confirm(t('users.deleteConfirm', { name: u.phone ?? u.username ?? u.id }))) await api('DELETE', `/api/users/${u.id}`); }) }, t('delete')))));
  const inputs = { username: h('input', { name: 'username', autocomplete: 'off' }), phone: h('input', { name: 'phone', type: 'tel', placeholder: '+819012345678' }), name: h('input', { name: 'name' }), password: h('input', { name: 'password', type: 'password', autocomplete: 'new-password' }) };
  const createStatus = h('div');
  const create = async (event) => {
    event.preventDefault();
    const body = Object.fromEntries(Object.entries(inputs).map(([k, i]) => [k, i.value.trim() || undefined]));
    try {
      await api('POST', '/api/users', body);
      await redraw();
      document.getElementById('users-status')?.replaceChildren(notice('success', t('users.created')));
    } catch (error) {
      createStatus.replaceChildren(notice('error', error.message));
    }
  };
  return h('div', null,
    h('h1', null, t('nav.users')),
    h('div', { id: 'users-status' }, status),
    searchForm,
    shown.length
      ? h('table', { class: 'list', id: 'users' }, h('thead', null, h('tr', null, h('th', null, t('users.name')), h('th', null, t('users.phone')), h('th', null, t('users.username')), h('th', null, 'ID'), h('th', null, ''))), h('tbody', null, rows))
      : h('p', { class: 'empty' }, q ? t('users.noMatch') : t('users.none')),
    h('form', { class: 'card', id: 'create-user', onsubmit: create },
      h('h2', null, t('users.create')),
      field('user-username', t('users.username'), inputs.username),
      field('user-phone', t('users.phone'), inputs.phone, { hint: t('users.phoneHint') }),
      field('user-name', t('users.name'), inputs.name),
      field('user-password', t('users.password'), inputs.password, { hint: t('users.passwordHint') }),
      createStatus,
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('users.createButton')))));
}

// One user: identifiers, whether a password is set, roles and organizations, and the actions.
export async function userView({ api, params: [id], go }) {
  const [u, roles] = await Promise.all([api('GET', `/api/users/${encodeURIComponent(id)}`), api('GET', `/api/users/${encodeURIComponent(id)}/roles`)]);
  const status = h('div', { id: 'user-status' });
  const row = (label, value) => [h('dt', null, label), h('dd', null, value ?? '—')];
  return h('div', null,
    h('p', null, h('a', { href: '/console/users' }, `← ${t('nav.users')}`)),
    h('h1', null, u.name ?? u.phone ?? u.username ?? u.id),
    h('div', { class: 'card facts' }, h('dl', null,
      row('ID', h('code', null, u.id)),
      row(t('users.phone'), u.phone && `${u.phone}${u.phoneVerified ? ` (${t('users.verified')})` : ''}`),
      row(t('users.username'), u.username),
      row(t('users.name'), u.name),
      row(t('users.password'), u.hasPassword ? t('users.passwordSet') : t('users.passwordNone')),
      row(t('nav.roles'), roles.map((r) => r.name).join(', ') || null),
      row(t('users.createdAt'), new Date(u.createdAt * 1000).toLocaleString()))),
    status,
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'secondary', onclick: async () => { await api('POST', `/api/users/${u.id}/unlock`); status.replaceChildren(notice('success', t('users.unlocked'))); } }, t('users.unlock')),
      h('button', { type: 'button', class: 'danger secondary', onclick: async () => { if (confirm(t('users.deleteConfirm', { name: u.phone ?? u.username ?? u.id }))) { await api('DELETE', `/api/users/${u.id}`); go('/console/users'); } } }, t('delete'))));
}
