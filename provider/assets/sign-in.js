// The sign-in page's script: drives the experience API (docs/provider.md) and nothing else.
const root = document.getElementById('experience');
const messages = JSON.parse(document.getElementById('messages').textContent);
const errorBox = document.getElementById('error');
const steps = ['phone-step', 'code-step', 'password-step'].map((id) => document.getElementById(id));
const state = { flow: 'SignIn', phone: '', timer: 0 };

const say = (text) => {
  errorBox.textContent = text;
};
const fill = (template, values) =>
  Object.entries(values).reduce((s, [k, v]) => s.replace(`{${k}}`, v), template);

function show(id) {
  for (const step of steps) step.hidden = step.id !== id;
  say('');
  const first = document.getElementById(id).querySelector('input:not([hidden]), select');
  if (first) first.focus();
}

function phoneOf(form) {
  const number = form.elements.phone.value.trim();
  return number.startsWith('+') ? number : `${form.elements.country.value}${number.replace(/^0/, '')}`;
}

async function call(path, body) {
  // The Console's live preview shows the page; nothing it does is sent.
  if (root.dataset.preview === 'true') return { ok: false, status: 0, data: { message: messages.previewOnly } };
  const response = await fetch(`/api/experience/${encodeURIComponent(root.dataset.interaction)}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': root.dataset.csrf },
    body: JSON.stringify(body),
  });
  let data = {};
  try {
    data = await response.json();
  } catch {}
  return { ok: response.ok, status: response.status, data };
}

function explain(result) {
  // A lockout or a limit says when to try again (whole minutes, at least one).
  const minutes = Math.max(1, Math.ceil((Number(result.data.retryAfter) || 60) / 60));
  say(fill(messages.errors[result.data.code] ?? messages.errors.generic, { minutes }));
}

function countdown(seconds) {
  const resend = document.getElementById('resend');
  clearInterval(state.timer);
  let left = seconds;
  const tick = () => {
    resend.disabled = left > 0;
    resend.textContent = left > 0 ? fill(messages.resendIn, { s: left }) : messages.resend;
    left -= 1;
    if (left < -1) clearInterval(state.timer);
  };
  tick();
  state.timer = setInterval(tick, 1000);
}

async function sendCode(phone) {
  const result = await call('/verification-code', { phone, flow: state.flow });
  if (!result.ok) return explain(result);
  state.phone = result.data.phone;
  document.getElementById('code-sent').textContent = fill(messages.codeSent, { phone: state.phone });
  document.getElementById('password-block').hidden = true;
  show('code-step');
  countdown(result.data.resendAfter);
}

async function busy(form, work) {
  const button = form.querySelector('button[type=submit]');
  button.disabled = true;
  try {
    await work();
  } catch {
    say(messages.errors.generic);
  }
  button.disabled = false;
}

document.getElementById('phone-step').addEventListener('submit', (event) => {
  event.preventDefault();
  busy(event.target, () => sendCode(phoneOf(event.target)));
});

document.getElementById('code-step').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = event.target;
  busy(form, async () => {
    const body = { phone: state.phone, code: form.elements.code.value.trim() };
    const block = document.getElementById('password-block');
    if (!block.hidden) body.password = form.elements.password.value;
    const result = await call('/verification-code/verify', body);
    if (result.ok) return window.location.assign(result.data.redirectTo);
    if (result.data.code === 'password.required') {
      document.getElementById('new-password-label').textContent =
        state.flow === 'ForgotPassword' ? messages.newPassword : messages.createPassword;
      block.hidden = false;
      form.elements.password.focus();
      return;
    }
    explain(result);
  });
});

document.getElementById('password-step').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = event.target;
  busy(form, async () => {
    // A username (letters in it: an admin made with `user create --username`) goes as typed.
    const typed = form.elements.phone.value.trim();
    const identifier = /[A-Za-z_]/.test(typed) ? typed : phoneOf(form);
    const result = await call('/password', { identifier, password: form.elements.password.value });
    if (result.ok) return window.location.assign(result.data.redirectTo);
    explain(result);
  });
});

document.getElementById('resend').addEventListener('click', () => sendCode(state.phone));

for (const link of document.querySelectorAll('[data-go]')) {
  link.addEventListener('click', () => {
    const target = link.dataset.go;
    if (target === 'forgot') {
      state.flow = 'ForgotPassword';
      document.getElementById('heading').textContent = messages.resetTitle;
      return show('phone-step');
    }
    if (target === 'back') return show(state.flow === 'ForgotPassword' || root.dataset.start === 'code' ? 'phone-step' : 'password-step');
    state.flow = 'SignIn';
    document.getElementById('heading').textContent = messages.title;
    show(target);
  });
}
