// Connectors → SMS: Twilio's parameters (the auth token masked once saved), the templates in a
// JSON editor checked as the provider checks them, a test send before "Save and Done", the
// connector's state; the dev SMS inbox in dev mode.
import { field, h, notice } from './dom.js';
import { t } from './i18n.js';

const USAGES = ['Register', 'SignIn', 'ForgotPassword', 'Generic'];
const MASK = '********';

export const DEFAULT_TEMPLATES = USAGES.map((usageType) => ({ usageType, content: `Your verification code is {{code}}` }));

// The provider's rules for `templates` (connectors/twilio.cpp), so the editor says what is
// wrong before anything is sent. Returns a message, or null.
export function templatesProblem(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return t('connector.templatesJson', { reason: error.message });
  }
  if (!Array.isArray(value)) return t('connector.templatesArray');
  const seen = new Set();
  for (const item of value) {
    if (!item || typeof item !== 'object' || typeof item.usageType !== 'string' || typeof item.content !== 'string') return t('connector.templatesShape');
    if (!USAGES.includes(item.usageType)) return t('connector.templatesUsage', { usage: item.usageType });
    if (!item.content.includes('{{code}}')) return t('connector.templatesCode', { usage: item.usageType });
    seen.add(item.usageType);
  }
  const missing = USAGES.filter((u) => !seen.has(u));
  if (missing.length) return t('connector.templatesMissing', { missing: missing.join(', ') });
  return null;
}

export async function connectorsView({ api, config, redraw }, state = {}) {
  const list = await api('GET', '/api/connectors');
  const saved = list.find((c) => c.name === 'twilio')?.config;
  const inputs = {
    accountSID: h('input', { name: 'accountSID', autocomplete: 'off', value: state.accountSID ?? saved?.accountSID ?? '' }),
    authToken: h('input', { name: 'authToken', type: 'password', autocomplete: 'off', value: state.authToken ?? '', placeholder: saved ? MASK : '' }),
    fromMessagingServiceSID: h('input', { name: 'fromMessagingServiceSID', autocomplete: 'off', value: state.fromMessagingServiceSID ?? saved?.fromMessagingServiceSID ?? '' }),
    apiBase: h('input', { name: 'apiBase', type: 'url', autocomplete: 'off', placeholder: 'https://api.twilio.com', value: state.apiBase ?? saved?.apiBase ?? '' }),
  };
  const templates = h('textarea', { name: 'templates', rows: 14, spellcheck: 'false', class: 'code' });
  templates.value = state.templates ?? JSON.stringify(saved?.templates ?? DEFAULT_TEMPLATES, null, 2);
  const templatesError = h('p', { class: 'error', id: 'templates-error', role: 'alert', hidden: true });
  const checkTemplates = () => {
    const problem = templatesProblem(templates.value);
    templatesError.textContent = problem ?? '';
    templatesError.hidden = !problem;
    templates.setAttribute('aria-invalid', problem ? 'true' : 'false');
    return problem;
  };
  templates.addEventListener('input', checkTemplates);
  const phone = h('input', { name: 'phone', type: 'tel', placeholder: '+819012345678', value: state.phone ?? '' });
  const status = h('div', { id: 'connector-status' }, state.notice && notice(state.notice[0], state.notice[1]));
  const fieldErrors = state.fieldErrors ?? {};
  const current = () => {
    const body = { accountSID: inputs.accountSID.value.trim(), fromMessagingServiceSID: inputs.fromMessagingServiceSID.value.trim(), templates: JSON.parse(templates.value) };
    if (inputs.apiBase.value.trim()) body.apiBase = inputs.apiBase.value.trim();
    // Left empty with a saved connector: the provider keeps the saved token.
    if (inputs.authToken.value || !saved) body.authToken = inputs.authToken.value;
    return body;
  };
  const snapshot = () => ({ accountSID: inputs.accountSID.value, authToken: inputs.authToken.value, fromMessagingServiceSID: inputs.fromMessagingServiceSID.value, apiBase: inputs.apiBase.value, templates: templates.value, phone: phone.value });
  const rerender = async (extra) => document.getElementById('content').replaceChildren(await connectorsView({ api, config, redraw }, { ...snapshot(), ...extra }));
  const required = () => {
    const errors = {};
    for (const key of ['accountSID', 'fromMessagingServiceSID']) if (!inputs[key].value.trim()) errors[key] = t('connector.required');
    if (!saved && !inputs.authToken.value) errors.authToken = t('connector.required');
    return errors;
  };
  const run = async (kind) => {
    const errors = required();
    if (Object.keys(errors).length || checkTemplates()) return rerender({ fieldErrors: errors, notice: ['error', t('connector.fix')] });
    try {
      if (kind === 'test') {
        if (!phone.value.trim()) return rerender({ fieldErrors: { phone: t('connector.phoneRequired') } });
        const result = await api('POST', '/api/connectors/twilio/test', { phone: phone.value.trim(), config: current() });
        return rerender({ notice: ['success', t('connector.testSent', { to: result.to })] });
      }
      await api('PUT', '/api/connectors/twilio', current());
      return rerender({ authToken: '', notice: ['success', t('connector.saved')] });
    } catch (error) {
      return rerender({ notice: ['error', error.message] });
    }
  };
  const remove = async () => {
    await api('DELETE', '/api/connectors/twilio');
    await redraw();
  };
  return h('div', null,
    h('h1', null, t('nav.connectors')),
    h('div', { class: 'card facts', id: 'connector-state' }, h('strong', null, t('connector.sms')), ' ', saved ? h('span', { class: 'badge on' }, t('connector.active')) : h('span', { class: 'badge' }, config.dev ? t('connector.devInbox') : t('connector.none')), config.dev && h('p', null, h('a', { href: '/dev/sms', target: '_blank', rel: 'noopener' }, t('connector.openInbox')))),
    h('form', { class: 'card', id: 'twilio', onsubmit: (e) => { e.preventDefault(); run('save'); } },
      h('h2', null, 'Twilio'),
      field('twilio-account', 'Account SID', inputs.accountSID, { error: fieldErrors.accountSID }),
      field('twilio-token', 'Auth Token', inputs.authToken, { hint: saved ? t('connector.tokenKept') : undefined, error: fieldErrors.authToken }),
      field('twilio-service', 'Messaging Service SID', inputs.fromMessagingServiceSID, { error: fieldErrors.fromMessagingServiceSID }),
      h('details', { open: Boolean(inputs.apiBase.value) }, h('summary', null, t('connector.advanced')), field('twilio-api-base', t('connector.apiBase'), inputs.apiBase, { hint: t('connector.apiBaseHint') })),
      h('div', { class: 'field' }, h('label', { for: 'twilio-templates' }, t('connector.templates')), h('p', { class: 'hint' }, t('connector.templatesHint')), Object.assign(templates, { id: 'twilio-templates' }), templatesError),
      h('div', { class: 'test-send' }, field('twilio-test-phone', t('connector.testPhone'), phone, { error: fieldErrors.phone }), h('button', { type: 'button', class: 'secondary', id: 'send-test', onclick: () => run('test') }, t('connector.sendTest'))),
      status,
      h('div', { class: 'actions' }, saved && h('button', { type: 'button', class: 'danger secondary', onclick: remove }, t('connector.remove')), h('button', { type: 'submit', id: 'save-connector' }, t('connector.saveDone')))));
}
