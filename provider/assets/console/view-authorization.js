// API resources with their permissions, roles holding permissions, organizations with members
// and the organization template: create, list, link and remove, through the management API.
import { field, h, notice } from './dom.js';
import { t } from './i18n.js';

function createForm(id, title, fields, onsubmit) {
  const status = h('div');
  return h('form', { class: 'card', id, onsubmit: async (event) => {
    event.preventDefault();
    try {
      await onsubmit(Object.fromEntries(fields.map(([name, , input]) => [name, input.value.trim()])));
    } catch (error) {
      status.replaceChildren(notice('error', error.message));
    }
  } }, h('h2', null, title), fields.map(([name, label, input]) => field(`${id}-${name}`, label, input)), status, h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('create'))));
}

const input = (name, placeholder) => h('input', { name, placeholder, autocomplete: 'off' });
const del = (onclick) => h('button', { type: 'button', class: 'danger secondary small', onclick }, t('delete'));

async function resourcesView({ api, redraw }) {
  const resources = (await api('GET', '/api/resources')).filter((r) => r.indicator !== 'https://default.logto.app/api');
  return h('div', null,
    h('h1', null, t('nav.resources')),
    resources.length ? resources.map((r) => h('div', { class: 'card', 'data-resource': r.indicator },
      h('h2', null, r.name), h('p', null, h('code', null, r.indicator)),
      h('ul', { class: 'tags' }, r.scopes.map((s) => h('li', null, s.name, ' ', h('button', { type: 'button', class: 'link', 'aria-label': `${t('remove')} ${s.name}`, onclick: async () => { await api('DELETE', `/api/resources/${r.id}/scopes/${s.id}`); await redraw(); } }, '×')))),
      createForm(`scope-${r.id}`, t('auth.addPermission'), [['name', t('auth.permission'), input('name', 'read:books')], ['description', t('auth.description'), input('description')]], async (body) => { await api('POST', `/api/resources/${r.id}/scopes`, body); await redraw(); }),
      del(async () => { if (confirm(t('auth.deleteConfirm', { name: r.name }))) { await api('DELETE', `/api/resources/${r.id}`); await redraw(); } }))) : h('p', { class: 'empty' }, t('auth.noResources')),
    createForm('create-resource', t('auth.newResource'), [['indicator', t('auth.indicator'), input('indicator', 'https://api.example.com')], ['name', t('app.name'), input('name')]], async (body) => { await api('POST', '/api/resources', body); await redraw(); }));
}

async function rolesView({ api, redraw }) {
  const [roles, resources, users] = await Promise.all([api('GET', '/api/roles'), api('GET', '/api/resources'), api('GET', '/api/users')]);
  const permissions = resources.flatMap((r) => r.scopes.map((s) => ({ ...s, label: `${r.name}: ${s.name}` })));
  return h('div', null,
    h('h1', null, t('nav.roles')),
    roles.map((role) => {
      const pick = h('select', { name: 'scope' }, permissions.map((p) => new Option(p.label, p.id)));
      const who = h('select', { name: 'user' }, users.map((u) => new Option(u.phone ?? u.username ?? u.id, u.id)));
      return h('div', { class: 'card', 'data-role': role.name },
        h('h2', null, role.name), role.description && h('p', null, role.description),
        h('ul', { class: 'tags' }, role.scopes.map((s) => h('li', null, s.name, ' ', h('button', { type: 'button', class: 'link', 'aria-label': `${t('remove')} ${s.name}`, onclick: async () => { await api('DELETE', `/api/roles/${role.id}/scopes/${s.id}`); await redraw(); } }, '×')))),
        h('div', { class: 'inline' }, field(`role-${role.id}-scope`, t('auth.permission'), pick), h('button', { type: 'button', class: 'secondary small', onclick: async () => { await api('POST', `/api/roles/${role.id}/scopes`, { scopeIds: [pick.value] }); await redraw(); } }, t('auth.add'))),
        h('div', { class: 'inline' }, field(`role-${role.id}-user`, t('auth.assignTo'), who), h('button', { type: 'button', class: 'secondary small', onclick: async () => { await api('POST', `/api/users/${who.value}/roles`, { roleIds: [role.id] }); await redraw(); } }, t('auth.assign'))),
        role.name !== 'console-admin' && del(async () => { await api('DELETE', `/api/roles/${role.id}`); await redraw(); }));
    }),
    createForm('create-role', t('auth.newRole'), [['name', t('app.name'), input('name', 'reader')], ['description', t('auth.description'), input('description')]], async (body) => { await api('POST', '/api/roles', body); await redraw(); }));
}

async function organizationsView({ api, redraw }) {
  const [orgs, orgRoles, orgScopes, users] = await Promise.all([api('GET', '/api/organizations'), api('GET', '/api/organization-roles'), api('GET', '/api/organization-scopes'), api('GET', '/api/users')]);
  const details = await Promise.all(orgs.map((o) => api('GET', `/api/organizations/${o.id}`)));
  return h('div', null,
    h('h1', null, t('nav.organizations')),
    details.map((o) => {
      const who = h('select', { name: 'user' }, users.map((u) => new Option(u.phone ?? u.username ?? u.id, u.id)));
      return h('div', { class: 'card', 'data-organization': o.name },
        h('h2', null, o.name), o.description && h('p', null, o.description),
        h('table', { class: 'list' }, h('tbody', null, o.members.map((m) => {
          const role = h('select', { name: 'role', 'aria-label': t('auth.orgRole') }, orgRoles.map((r) => new Option(r.name, r.id)));
          return h('tr', null, h('td', null, m.phone ?? m.username ?? m.id), h('td', null, m.organizationRoles.map((r) => r.name).join(', ') || '—'), h('td', { class: 'row-actions' }, role, h('button', { type: 'button', class: 'secondary small', onclick: async () => { await api('POST', `/api/organizations/${o.id}/users/${m.id}/roles`, { organizationRoleIds: [role.value] }); await redraw(); } }, t('auth.add')), h('button', { type: 'button', class: 'danger secondary small', onclick: async () => { await api('DELETE', `/api/organizations/${o.id}/users/${m.id}`); await redraw(); } }, t('remove'))));
        }))),
        h('div', { class: 'inline' }, field(`org-${o.id}-user`, t('auth.addMember'), who), h('button', { type: 'button', class: 'secondary small', onclick: async () => { await api('POST', `/api/organizations/${o.id}/users`, { userIds: [who.value] }); await redraw(); } }, t('auth.add'))),
        del(async () => { await api('DELETE', `/api/organizations/${o.id}`); await redraw(); }));
    }),
    createForm('create-organization', t('auth.newOrganization'), [['name', t('app.name'), input('name')], ['description', t('auth.description'), input('description')]], async (body) => { await api('POST', '/api/organizations', body); await redraw(); }),
    h('h2', null, t('auth.template')),
    h('div', { class: 'card' }, h('h3', null, t('auth.orgPermissions')), h('ul', { class: 'tags' }, orgScopes.map((s) => h('li', null, s.name))), h('h3', null, t('auth.orgRoles')), h('ul', { class: 'tags' }, orgRoles.map((r) => h('li', null, `${r.name} (${r.scopes.map((s) => s.name).join(', ') || '—'})`)))),
    createForm('create-org-scope', t('auth.newOrgPermission'), [['name', t('auth.permission'), input('name', 'read:shelf')], ['description', t('auth.description'), input('description')]], async (body) => { await api('POST', '/api/organization-scopes', body); await redraw(); }),
    createForm('create-org-role', t('auth.newOrgRole'), [['name', t('app.name'), input('name', 'member')], ['description', t('auth.description'), input('description')]], async (body) => { await api('POST', '/api/organization-roles', body); await redraw(); }));
}

export async function authorizationView(context) {
  const [section] = context.params;
  if (section === 'roles') return rolesView(context);
  if (section === 'organizations') return organizationsView(context);
  return resourcesView(context);
}
