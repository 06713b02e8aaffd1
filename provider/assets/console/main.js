// The Console: an SPA signed in through this provider with our WASM SDK, like the Bookstore.
// One shell page for every /console path; the views are modules that draw from API data.
import LogtoClient from '/console/sdk/logto.mjs';

import { managementApi } from './api.js';
import { h } from './dom.js';
import { language, setLanguage, t } from './i18n.js';
import { applicationsView, applicationView, guideView } from './view-applications.js';
import { authorizationView } from './view-authorization.js';
import { connectorsView } from './view-connectors.js';
import { experienceView } from './view-experience.js';
import { setupView } from './view-setup.js';
import { userView, usersView } from './view-users.js';

const app = document.getElementById('app');
const config = await (await fetch('/api/console/config')).json();

const routes = [
  [/^\/console\/applications$/, applicationsView],
  [/^\/console\/applications\/([^/]+)$/, applicationView],
  [/^\/console\/applications\/([^/]+)\/guide$/, guideView],
  [/^\/console\/connectors$/, connectorsView],
  [/^\/console\/sign-in-experience$/, experienceView],
  [/^\/console\/users$/, usersView],
  [/^\/console\/users\/([^/]+)$/, userView],
  [/^\/console\/(api-resources|roles|organizations)$/, authorizationView],
];
const sections = [
  ['/console/applications', 'nav.applications'],
  ['/console/connectors', 'nav.connectors'],
  ['/console/sign-in-experience', 'nav.experience'],
  ['/console/users', 'nav.users'],
  ['/console/api-resources', 'nav.resources'],
  ['/console/roles', 'nav.roles'],
  ['/console/organizations', 'nav.organizations'],
];

function languageSwitch(redraw) {
  const other = language() === 'ja' ? 'en' : 'ja';
  return h('button', { type: 'button', class: 'link', lang: other, onclick: () => { setLanguage(other); redraw(); } }, other === 'ja' ? '日本語' : 'English');
}

function frame(content, { client, path, redraw } = {}) {
  document.documentElement.lang = language();
  const nav = client
    ? h('nav', { 'aria-label': t('nav.label') }, sections.map(([href, key]) => h('a', { href, 'aria-current': path.startsWith(href) ? 'page' : undefined }, t(key))))
    : null;
  app.replaceChildren(
    h('header', { class: 'top' }, h('a', { class: 'brand', href: '/console' }, 'logto-wasm ', h('span', null, 'Console')), h('div', { class: 'top-actions' }, languageSwitch(redraw), client && h('button', { type: 'button', class: 'secondary small', id: 'sign-out', onclick: () => client.signOut(`${config.endpoint}/console`) }, t('signOut')))),
    h('div', { class: 'body' }, nav, h('section', { class: 'content', id: 'content' }, content)),
  );
  app.removeAttribute('aria-busy');
}

async function start() {
  const path = location.pathname.replace(/\/+$/, '') || '/console';
  if (path === '/console/setup') {
    const draw = () => frame(setupView({ config, token: new URLSearchParams(location.search).get('token') ?? '', redraw: draw }), { redraw: draw });
    return draw();
  }
  const client = new LogtoClient({ endpoint: config.endpoint, appId: config.appId, scopes: ['all'], resources: [config.managementApi] });
  if (path === '/console/callback') {
    await client.handleSignInCallback(location.href);
    history.replaceState(null, '', '/console/applications');
    return start();
  }
  if (!(await client.isAuthenticated())) {
    const draw = () =>
      frame(
        h('div', { class: 'card narrow' }, h('h1', null, t('welcome.title')), h('p', null, config.setupRequired ? t('welcome.setup') : t('welcome.body')), h('button', { type: 'button', id: 'sign-in', onclick: () => client.signIn(`${config.endpoint}/console/callback`) }, t('signIn'))),
        { redraw: draw },
      );
    return draw();
  }
  const api = managementApi(client, config.managementApi);
  const go = (href) => {
    history.pushState(null, '', href);
    route();
  };
  async function route() {
    const current = location.pathname.replace(/\/+$/, '');
    const found = routes.map(([re, view]) => [current.match(re), view]).find(([m]) => m);
    if (!found) return go('/console/applications');
    const [match, view] = found;
    const redraw = () => route();
    frame(h('p', { class: 'loading' }, t('loading')), { client, path: current, redraw });
    try {
      const content = await view({ api, config, client, params: match.slice(1), go, redraw, query: new URLSearchParams(location.search) });
      frame(content, { client, path: current, redraw });
    } catch (error) {
      frame(h('p', { class: 'notice error', role: 'alert' }, error.message), { client, path: current, redraw });
    }
  }
  // Links inside the Console move without a reload.
  document.addEventListener('click', (event) => {
    const link = event.target.closest?.('a[href^="/console"]');
    if (!link || event.metaKey || event.ctrlKey || link.target) return;
    event.preventDefault();
    go(link.getAttribute('href'));
  });
  window.addEventListener('popstate', route);
  await route();
}

await start();
