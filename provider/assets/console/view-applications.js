// Applications: the list, the type and framework picker, the details (App ID, endpoint, URIs
// with "Save changes"), and the integration guide with the journey's snippets filled in.
import { copyButton, field, h, notice } from './dom.js';
import { t } from './i18n.js';

// Kept equal to js/package.json's version (tests/console checks it).
export const SDK_VERSION = '0.1.0';

const FRAMEWORKS = [
  { type: 'spa', id: 'webflow', name: 'Webflow' },
  { type: 'spa', id: 'vanilla', name: 'Vanilla JS' },
  { type: 'spa', id: 'react', name: 'React' },
  { type: 'spa', id: 'vue', name: 'Vue' },
  { type: 'native', id: 'native', name: 'iOS / Android' },
  { type: 'traditional', id: 'traditional', name: 'Express / Next.js' },
];

const errorFor = (error, name) => (error && error.field === name ? error.message : undefined);

export async function applicationsView({ api, go, query }) {
  const apps = (await api('GET', '/api/applications')).filter((a) => a.name !== 'Logto Console');
  const picked = FRAMEWORKS.find((f) => f.id === query.get('create'));
  const list = apps.length
    ? h('table', { class: 'list' }, h('thead', null, h('tr', null, h('th', null, t('app.name')), h('th', null, t('app.type')), h('th', null, t('app.id')))), h('tbody', null, apps.map((a) => h('tr', null, h('td', null, h('a', { href: `/console/applications/${a.id}` }, a.name)), h('td', null, t(`app.type.${a.type}`)), h('td', null, h('code', null, a.id))))))
    : h('p', { class: 'empty' }, t('app.none'));
  const picker = h(
    'div',
    { class: 'picker' },
    ['spa', 'native', 'traditional'].map((type) =>
      h('div', { class: 'picker-group' }, h('h3', null, t(`app.type.${type}`)), h('div', { class: 'cards' }, FRAMEWORKS.filter((f) => f.type === type).map((f) => h('a', { class: 'card framework', href: `/console/applications?create=${f.id}`, 'data-framework': f.id }, f.name)))),
    ),
  );
  let form = null;
  if (picked) {
    const name = h('input', { name: 'name', autocomplete: 'off' });
    const status = h('div');
    form = h(
      'form',
      {
        class: 'card create',
        onsubmit: async (event) => {
          event.preventDefault();
          try {
            const created = await api('POST', '/api/applications', { name: name.value.trim(), type: picked.type });
            go(`/console/applications/${created.id}${picked.id === 'webflow' || picked.id === 'vanilla' ? '/guide' : ''}`);
          } catch (error) {
            status.replaceChildren(notice('error', error.message));
          }
        },
      },
      h('h2', null, t('app.createTitle', { framework: picked.name })),
      field('app-name', t('app.name'), name, { hint: t('app.nameHint') }),
      status,
      h('div', { class: 'actions' }, h('a', { class: 'button secondary', href: '/console/applications' }, t('cancel')), h('button', { type: 'submit' }, t('app.create'))),
    );
  }
  return h('div', null, h('h1', null, t('nav.applications')), list, form ?? h('div', null, h('h2', null, t('app.new')), picker));
}

// Rows of URI inputs with add and remove; `bad` marks the row the API refused.
function uriList(name, values, bad) {
  const rows = h('div', { class: 'uri-rows', 'data-list': name });
  const add = (value = '') => {
    const input = h('input', { name, type: 'url', value, placeholder: 'https://', 'aria-label': t(`app.${name}`), 'aria-invalid': bad && value === bad ? 'true' : undefined });
    const row = h('div', { class: 'uri-row' }, input, h('button', { type: 'button', class: 'secondary small', 'aria-label': t('remove'), onclick: () => row.remove() }, '×'));
    rows.append(row);
  };
  (values.length ? values : ['']).forEach((v) => add(v));
  return { element: h('div', null, rows, h('button', { type: 'button', class: 'link', onclick: () => add() }, t('app.addUri'))), values: () => [...rows.querySelectorAll('input')].map((i) => i.value.trim()).filter(Boolean) };
}

// Checked here first, as the provider checks them: absolute http(s), no fragment.
export function uriProblem(uri) {
  try {
    const u = new URL(uri);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return t('app.uriScheme', { uri });
    if (uri.includes('#')) return t('app.uriFragment', { uri });
    return null;
  } catch {
    return t('app.uriInvalid', { uri });
  }
}

export async function applicationView({ api, config, params: [id], redraw, go }, state = {}) {
  const a = await api('GET', `/api/applications/${encodeURIComponent(id)}`);
  const errors = state.error;
  const name = h('input', { name: 'name', value: state.name ?? a.name });
  const redirects = uriList('redirectUris', state.redirectUris ?? a.redirectUris, errors?.value);
  const postLogout = uriList('postLogoutRedirectUris', state.postLogoutRedirectUris ?? a.postLogoutRedirectUris, errors?.value);
  const status = h('div', null, state.saved && notice('success', t('saved')), errors && !errors.field && notice('error', errors.message));
  const rerender = async (next) => {
    const content = await applicationView({ api, config, params: [id], redraw, go }, next);
    document.getElementById('content').replaceChildren(content);
  };
  const save = async (event) => {
    event.preventDefault();
    const body = { name: name.value.trim(), redirectUris: redirects.values(), postLogoutRedirectUris: postLogout.values() };
    for (const key of ['redirectUris', 'postLogoutRedirectUris']) {
      for (const uri of body[key]) {
        const problem = uriProblem(uri);
        if (problem) return rerender({ ...body, error: { field: key, value: uri, message: problem } });
      }
    }
    try {
      await api('PATCH', `/api/applications/${encodeURIComponent(id)}`, body);
      await rerender({ saved: true });
    } catch (error) {
      await rerender({ ...body, error: { field: error.field, value: error.data?.value, message: error.message } });
    }
  };
  const remove = async () => {
    if (!confirm(t('app.deleteConfirm', { name: a.name }))) return;
    await api('DELETE', `/api/applications/${encodeURIComponent(id)}`);
    go('/console/applications');
  };
  return h(
    'div',
    null,
    h('p', null, h('a', { href: '/console/applications' }, `← ${t('nav.applications')}`)),
    h('h1', null, a.name),
    h('div', { class: 'card facts' }, h('dl', null, h('dt', null, t('app.id')), h('dd', null, h('code', { id: 'app-id' }, a.id), copyButton(a.id, t('copy'))), h('dt', null, t('app.endpoint')), h('dd', null, h('code', { id: 'app-endpoint' }, config.endpoint), copyButton(config.endpoint, t('copy'))), h('dt', null, t('app.type')), h('dd', null, t(`app.type.${a.type}`)))),
    h('p', null, h('a', { class: 'button secondary', href: `/console/applications/${a.id}/guide` }, t('guide.open'))),
    h(
      'form',
      { class: 'card', onsubmit: save },
      field('app-name', t('app.name'), name, { error: errorFor(errors, 'name') }),
      h('div', { class: 'field' }, h('span', { class: 'label' }, t('app.redirectUris')), h('p', { class: 'hint' }, t('app.redirectHint')), redirects.element, errors?.field === 'redirectUris' && h('p', { class: 'error', role: 'alert' }, errors.message)),
      h('div', { class: 'field' }, h('span', { class: 'label' }, t('app.postLogoutRedirectUris')), h('p', { class: 'hint' }, t('app.postLogoutHint')), postLogout.element, errors?.field === 'postLogoutRedirectUris' && h('p', { class: 'error', role: 'alert' }, errors.message)),
      status,
      h('div', { class: 'actions' }, h('button', { type: 'button', class: 'danger secondary', onclick: remove }, t('delete')), h('button', { type: 'submit', id: 'save' }, t('saveChanges'))),
    ),
  );
}

// The journey's snippets with this app's endpoint and ID and the site URL the person types.
export function snippets({ endpoint, appId, site }) {
  const cdn = `https://cdn.jsdelivr.net/npm/logto-wasm@${SDK_VERSION}/dist/logto.mjs`;
  return {
    head: `<script type="module">\n  import LogtoClient from '${cdn}';\n  window.logtoClient = new LogtoClient({\n    endpoint: '${endpoint}',\n    appId: '${appId}',\n  });\n</script>`,
    signIn: `<script type="module">\n  document.getElementById('sign-in').addEventListener('click', () => {\n    logtoClient.signIn('${site}/callback');\n  });\n</script>`,
    callback: `<script type="module">\n  await logtoClient.handleSignInCallback(window.location.href);\n  window.location.assign('${site}');\n</script>`,
    signOut: `<script type="module">\n  document.getElementById('sign-out').addEventListener('click', () => {\n    logtoClient.signOut('${site}');\n  });\n</script>`,
    showHide: `<script type="module">\n  const isAuthenticated = await logtoClient.isAuthenticated();\n  document.getElementById('sign-in').style.display = isAuthenticated ? 'none' : 'block';\n  document.getElementById('sign-out').style.display = isAuthenticated ? 'block' : 'none';\n</script>`,
    redirectUri: `${site}/callback`,
    postLogoutUri: site,
  };
}

export async function guideView({ api, config, params: [id], query }) {
  const a = await api('GET', `/api/applications/${encodeURIComponent(id)}`);
  const siteInput = h('input', { type: 'url', name: 'site', value: query.get('site') ?? 'https://your-site.webflow.io', placeholder: 'https://your-site.webflow.io' });
  const body = h('div');
  const draw = () => {
    const site = siteInput.value.trim().replace(/\/+$/, '');
    const problem = uriProblem(site);
    if (problem) return body.replaceChildren(h('p', { class: 'error', role: 'alert' }, problem));
    const s = snippets({ endpoint: config.endpoint, appId: a.id, site });
    const block = (key, text) => h('div', { class: 'snippet' }, h('h3', null, t(`guide.${key}`)), h('p', { class: 'hint' }, t(`guide.${key}Hint`)), h('pre', { 'data-snippet': key }, h('code', null, text)), copyButton(text, t('copy')));
    body.replaceChildren(
      block('head', s.head),
      h('div', { class: 'snippet' }, h('h3', null, t('guide.uris')), h('p', { class: 'hint' }, t('guide.urisHint')), h('pre', { 'data-snippet': 'uris' }, h('code', null, `${s.redirectUri}\n${s.postLogoutUri}`))),
      block('signIn', s.signIn),
      block('callback', s.callback),
      block('signOut', s.signOut),
      block('showHide', s.showHide),
    );
  };
  siteInput.addEventListener('input', draw);
  draw();
  return h('div', null, h('p', null, h('a', { href: `/console/applications/${a.id}` }, `← ${a.name}`)), h('h1', null, t('guide.title', { name: a.name })), h('div', { class: 'card' }, field('guide-site', t('guide.site'), siteInput, { hint: t('guide.siteHint') })), body);
}
