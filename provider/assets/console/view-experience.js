// Sign-in experience: sign-up identifiers, verification, password; sign-in methods; sign-in
// mode; a live preview of the real sign-in page with the unsaved settings, in either language,
// at phone and desktop widths.
import { h, notice } from './dom.js';
import { t } from './i18n.js';

const radio = (name, value, checked, label) => h('label', { class: 'choice' }, h('input', { type: 'radio', name, value, checked }), label);
const checkbox = (name, checked, label, disabled) => h('label', { class: 'choice' }, h('input', { type: 'checkbox', name, checked, disabled }), label);

// The form's settings in the provider's shape (store/connectors.cpp normalize_experience).
export function settingsFrom(form) {
  const v = (name) => form.elements[name];
  const methods = [];
  if (v('signInCode').checked || v('signInPassword').checked) {
    methods.push({ identifier: 'phone', verificationCode: v('signInCode').checked, password: v('signInPassword').checked });
  }
  return {
    signUp: { identifiers: v('identifiers').value === 'email-phone' ? ['email', 'phone'] : ['phone'], verify: true, password: v('signUpPassword').checked },
    signIn: { methods },
    signInMode: v('signInMode').value,
  };
}

export async function experienceView({ api, redraw }) {
  const saved = await api('GET', '/api/sign-in-experience');
  const method = saved.signIn.methods[0] ?? { verificationCode: true, password: false };
  const preview = h('iframe', { title: t('experience.preview'), id: 'preview', class: 'preview desktop' });
  const status = h('div', { id: 'experience-status' });
  const previewLang = { value: document.documentElement.lang === 'ja' ? 'ja' : 'en' };
  let form;
  const problem = () => {
    if (!form.elements.signInCode.checked && !form.elements.signInPassword.checked) return t('experience.needMethod');
    return null;
  };
  const update = () => {
    const message = problem();
    status.replaceChildren(message ? notice('error', message) : '');
    if (message) return;
    preview.src = `/sign-in/preview?lang=${previewLang.value}&settings=${encodeURIComponent(JSON.stringify(settingsFrom(form)))}`;
  };
  const save = async (event) => {
    event.preventDefault();
    const message = problem();
    if (message) return status.replaceChildren(notice('error', message));
    try {
      await api('PUT', '/api/sign-in-experience', settingsFrom(form));
      status.replaceChildren(notice('success', t('saved')));
    } catch (error) {
      status.replaceChildren(notice('error', error.message));
    }
  };
  form = h('form', { class: 'card', id: 'experience', onchange: update, onsubmit: save },
    h('fieldset', null, h('legend', null, t('experience.signUp')),
      h('p', { class: 'label' }, t('experience.identifier')),
      radio('identifiers', 'phone', saved.signUp.identifiers.length === 1, t('experience.phone')),
      radio('identifiers', 'email-phone', saved.signUp.identifiers.length === 2, t('experience.emailOrPhone')),
      checkbox('verify', true, t('experience.verify'), true),
      checkbox('signUpPassword', saved.signUp.password, t('experience.createPassword'))),
    h('fieldset', null, h('legend', null, t('experience.signIn')),
      h('p', { class: 'label' }, t('experience.signInBy')),
      checkbox('signInCode', method.verificationCode, t('experience.code')),
      checkbox('signInPassword', method.password, t('experience.password'))),
    h('fieldset', null, h('legend', null, t('experience.mode')),
      ['SignInAndRegister', 'SignIn', 'Register'].map((mode) => radio('signInMode', mode, saved.signInMode === mode, t(`experience.mode.${mode}`)))),
    status,
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'save-experience' }, t('saveChanges'))));
  const toolbar = h('div', { class: 'preview-toolbar', role: 'group', 'aria-label': t('experience.preview') },
    h('button', { type: 'button', class: 'secondary small', id: 'preview-phone', onclick: () => { preview.className = 'preview phone'; } }, t('experience.phoneWidth')),
    h('button', { type: 'button', class: 'secondary small', id: 'preview-desktop', onclick: () => { preview.className = 'preview desktop'; } }, t('experience.desktopWidth')),
    h('button', { type: 'button', class: 'secondary small', id: 'preview-lang', onclick: () => { previewLang.value = previewLang.value === 'ja' ? 'en' : 'ja'; update(); } }, t('experience.otherLanguage')));
  update();
  return h('div', null, h('h1', null, t('nav.experience')), h('div', { class: 'split' }, form, h('div', { class: 'card preview-pane' }, h('h2', null, t('experience.preview')), toolbar, preview)));
}
