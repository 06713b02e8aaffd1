// SMS sign-in on the provider: the Twilio connector against a fake Twilio over HTTP and over
// HTTPS (a test CA made now), config checks and masking, the test send, error mapping, the
// dev inbox, one-time code rules and limits, no enumeration, and the phone flows through the
// experience API (register, sign in, password, forgot password).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { makeTestCa, startFakeTwilio, twilioConfig } from '../support/fake-twilio.mjs';
import { cli, cliAsync, cliFails, makeDataDir, startInteraction, startProvider } from '../support/provider-process.mjs';

const redirect = 'http://app.test/callback';
const RFC_VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
let twilio, provider, app;

before(async () => {
  twilio = await startFakeTwilio();
  const dataDir = makeDataDir();
  cli(dataDir, 'connector', 'set', 'twilio', '--config', JSON.stringify(twilioConfig(twilio.apiBase)));
  provider = await startProvider({ dataDir });
  app = cli(dataDir, 'app', 'create', '--name', 'Bookstore', '--redirect-uri', redirect);
});

after(async () => {
  await provider?.stop();
  provider?.cleanup();
  await twilio?.close();
});

async function exchange(callback) {
  const r = await fetch(`${provider.base}/oidc/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: app.id, code: new URL(callback).searchParams.get('code'), redirect_uri: redirect, code_verifier: RFC_VERIFIER }),
  });
  assert.equal(r.status, 200);
  const tokens = await r.json();
  return JSON.parse(Buffer.from(tokens.id_token.split('.')[1], 'base64url'));
}

test('Twilio config: every missing part named, {{code}} required, authToken never shown', () => {
  const dir = makeDataDir();
  const partial = twilioConfig('https://api.twilio.com', { templates: [{ usageType: 'SignIn', content: '{{code}}' }] });
  let r = cliFails(dir, ['connector', 'set', 'twilio', '--config', JSON.stringify(partial)]);
  assert.match(r.stderr, /templates for Register, ForgotPassword, Generic are missing; all four usage types are needed/);
  const noCode = twilioConfig('https://api.twilio.com');
  noCode.templates[1].content = 'Your code';
  r = cliFails(dir, ['connector', 'set', 'twilio', '--config', JSON.stringify(noCode)]);
  assert.match(r.stderr, /the SignIn template has no \{\{code\}\} placeholder/);
  const { accountSID, ...noSid } = twilioConfig('https://api.twilio.com');
  r = cliFails(dir, ['connector', 'set', 'twilio', '--config', JSON.stringify(noSid)]);
  assert.match(r.stderr, /accountSID is missing/);
  r = cliFails(dir, ['connector', 'set', 'twilio', '--config', JSON.stringify({ ...twilioConfig('x'), templates: [{ usageType: 'Login', content: '{{code}}' }] })]);
  assert.match(r.stderr, /usageType "Login" is not one of Register, SignIn, ForgotPassword, Generic/);
  cli(dir, 'connector', 'set', 'twilio', '--config', JSON.stringify(twilioConfig('https://api.twilio.com')));
  const shown = cli(dir, 'connector', 'show');
  assert.equal(shown.config.authToken, '********');
  assert.equal(shown.config.accountSID, 'AC0123456789abcdef0123456789abcdef');
  rmSync(dir, { recursive: true, force: true });
});

test('test send over HTTP: method, path, Basic auth, every form field, the rendered body', async () => {
  const before = twilio.requests.length;
  const out = await cliAsync(provider.dataDir, ['connector', 'test', '--phone', '090-1234-5678']);
  assert.deepEqual(out.json, { sent: true, to: '+819012345678' });
  const sent = twilio.requests[before];
  assert.equal(sent.method, 'POST');
  assert.equal(sent.path, '/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages.json');
  assert.equal(sent.user, 'AC0123456789abcdef0123456789abcdef');
  assert.equal(sent.pass, 'secret-auth-token');
  assert.equal(sent.contentType, 'application/x-www-form-urlencoded');
  assert.deepEqual(sent.form, {
    To: '+819012345678',
    MessagingServiceSid: 'MG0123456789abcdef0123456789abcdef',
    Body: 'Your Bookstore code is 123456',
    RiskCheck: 'enable',
  });
  await cliAsync(provider.dataDir, ['connector', 'test', '--phone', '+14155550123', '--config', JSON.stringify(twilioConfig(twilio.apiBase, { disableRiskCheck: true }))]);
  assert.equal(twilio.requests.at(-1).form.RiskCheck, 'disable');
  assert.ok(!provider.log().includes('secret-auth-token'), 'the auth token is never logged');
});

test('HTTPS with a test CA: trusted when named by SSL_CERT_FILE, refused otherwise', async () => {
  const ca = makeTestCa('localhost');
  const other = makeTestCa('localhost');
  const secure = await startFakeTwilio({ tls: ca });
  try {
    const config = JSON.stringify(twilioConfig(secure.apiBase));
    const dir = makeDataDir();
    const args = ['connector', 'test', '--phone', '+819012345678', '--config', config];
    const ok = await cliAsync(dir, args, { SSL_CERT_FILE: ca.caFile });
    assert.deepEqual(ok.json, { sent: true, to: '+819012345678' });
    assert.equal(secure.requests.at(-1).form.Body, 'Your Bookstore code is 123456');
    assert.equal(secure.requests.at(-1).pass, 'secret-auth-token');
    let r = await cliAsync(dir, args);
    assert.match(r.stderr, /Twilio could not be reached: the certificate of https:\/\/localhost:\d+ is not trusted/);
    r = await cliAsync(dir, args, { SSL_CERT_FILE: other.caFile });
    assert.match(r.stderr, /is not trusted/);
    rmSync(dir, { recursive: true, force: true });
  } finally {
    await secure.close();
    rmSync(ca.dir, { recursive: true, force: true });
    rmSync(other.dir, { recursive: true, force: true });
  }
});

test('Twilio error bodies reach the admin with Twilio’s code and message; the user sees a retry message', async () => {
  twilio.failWith(400, { code: 21211, message: "The 'To' number +819000000000 is not a valid phone number.", more_info: 'https://www.twilio.com/docs/errors/21211', status: 400 });
  try {
    const r = await cliAsync(provider.dataDir, ['connector', 'test', '--phone', '+819012345678']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /Twilio error 21211 \(HTTP 400\): The 'To' number \+819000000000 is not a valid phone number\. See https:\/\/www\.twilio\.com\/docs\/errors\/21211/);
    const { call } = await startInteraction(provider.base, app.id, redirect);
    const sent = await call('/verification-code', { phone: '+819011110000' });
    assert.equal(sent.status, 502);
    assert.deepEqual(sent.body, { code: 'connector.send_failed', message: 'We could not send the code. Try again later.' });
    assert.match(provider.log(), /SMS to \+819011110000 failed: Twilio error 21211/);
  } finally {
    twilio.failWith(null);
  }
  // A failed send does not count: the number can ask again at once.
  const { call } = await startInteraction(provider.base, app.id, redirect);
  assert.equal((await call('/verification-code', { phone: '+819011110000' })).status, 200);
});

test('register by phone and code: the ID token has the phone, verified', async () => {
  const { call } = await startInteraction(provider.base, app.id, redirect);
  const sent = await call('/verification-code', { phone: '+81 90-2222-3333' });
  assert.deepEqual(sent.body, { phone: '+819022223333', resendAfter: 60 });
  const message = twilio.requests.at(-1);
  assert.match(message.form.Body, /^Your Bookstore sign-up code is \d{6}$/);
  const verified = await call('/verification-code/verify', { phone: '+819022223333', code: twilio.lastCode('+819022223333') });
  assert.equal(verified.status, 200);
  const claims = await exchange(verified.body.redirectTo);
  assert.equal(claims.phone_number, '+819022223333');
  assert.equal(claims.phone_number_verified, true);

  // A known number signs in by code with the SignIn template (a user made by the admin).
  const known = cli(provider.dataDir, 'user', 'create', '--phone', '+819022224444', '--name', 'Known');
  const again = await startInteraction(provider.base, app.id, redirect);
  await again.call('/verification-code', { phone: '090 2222 4444' });
  assert.match(twilio.requests.at(-1).form.Body, /^Your Bookstore sign-in code is \d{6}$/);
  const second = await again.call('/verification-code/verify', { phone: '+819022224444', code: twilio.lastCode('+819022224444') });
  const knownClaims = await exchange(second.body.redirectTo);
  assert.equal(knownClaims.sub, known.id);
  assert.equal(knownClaims.name, 'Known');
});

test('code rules: wrong code counted, 10 tries burn it, single use, resend interval with retry-after', async () => {
  const phone = '+819033334444';
  const { call } = await startInteraction(provider.base, app.id, redirect);
  await call('/verification-code', { phone });
  const code = twilio.lastCode(phone);
  const wrongCode = code === '000000' ? '111111' : '000000';
  const wrong = await call('/verification-code/verify', { phone, code: wrongCode });
  assert.deepEqual([wrong.status, wrong.body.code, wrong.body.remainingAttempts], [422, 'verification_code.mismatch', 9]);
  const resend = await call('/verification-code', { phone });
  assert.equal(resend.status, 429);
  assert.equal(resend.body.code, 'verification_code.too_many_requests');
  const retryAfter = Number(resend.headers.get('retry-after'));
  assert.ok(retryAfter > 0 && retryAfter <= 60);
  for (let i = 0; i < 8; i++) await call('/verification-code/verify', { phone, code: wrongCode });
  const burned = await call('/verification-code/verify', { phone, code: wrongCode });
  assert.equal(burned.body.code, 'verification_code.exceeded_attempts');
  const late = await call('/verification-code/verify', { phone, code });
  assert.equal(late.body.code, 'verification_code.exceeded_attempts', 'the right code no longer works');

  const fresh = await startInteraction(provider.base, app.id, redirect);
  const phone2 = '+819044445555';
  await fresh.call('/verification-code', { phone: phone2 });
  const code2 = twilio.lastCode(phone2);
  assert.equal((await fresh.call('/verification-code/verify', { phone: phone2, code: code2 })).status, 200);
  const reuse = await fresh.call('/verification-code/verify', { phone: phone2, code: code2 });
  assert.equal(reuse.status, 404, 'the interaction is finished and the code spent');
});

test('invalid phone numbers get a field error', async () => {
  const { call } = await startInteraction(provider.base, app.id, redirect);
  for (const phone of ['12', '+81 12', 'call me', '+999 123456789']) {
    const r = await call('/verification-code', { phone });
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 'phone.invalid');
    assert.equal(r.body.field, 'phone');
  }
});

test('no enumeration: forgot password for an unknown phone looks the same and sends nothing', async () => {
  const { call } = await startInteraction(provider.base, app.id, redirect);
  const before = twilio.requests.length;
  const unknown = await call('/verification-code', { phone: '+819055556666', flow: 'ForgotPassword' });
  assert.deepEqual([unknown.status, unknown.body], [200, { phone: '+819055556666', resendAfter: 60 }]);
  assert.equal(twilio.requests.length, before, 'nothing delivered');

  cli(provider.dataDir, 'experience', 'set', '--json', JSON.stringify({ signInMode: 'SignIn' }));
  try {
    const signInOnly = await startInteraction(provider.base, app.id, redirect);
    const r = await signInOnly.call('/verification-code', { phone: '+819066667777' });
    assert.deepEqual([r.status, r.body], [200, { phone: '+819066667777', resendAfter: 60 }]);
    assert.equal(twilio.requests.length, before, 'no registration code sent when registration is off');
  } finally {
    cli(provider.dataDir, 'experience', 'set', '--json', '{}');
  }
});

test('register with a password, sign in with it, forgot password by SMS, then the new password', async () => {
  // A provider whose resend interval is 1 s, so one number can go through several flows.
  const dataDir = makeDataDir();
  writeFileSync(join(dataDir, 'provider.json'), JSON.stringify({ smsResendInterval: 1 }));
  cli(dataDir, 'connector', 'set', 'twilio', '--config', JSON.stringify(twilioConfig(twilio.apiBase)));
  cli(dataDir, 'experience', 'set', '--json', JSON.stringify({ signUp: { identifiers: ['phone'], password: true } }));
  const fast = await startProvider({ dataDir, extraArgs: ['--config', join(dataDir, 'provider.json')] });
  const local = cli(dataDir, 'app', 'create', '--name', 'Fast', '--redirect-uri', redirect);
  const phone = '+819077778888';
  const wait = () => new Promise((r) => setTimeout(r, 1100));
  try {
    const reg = await startInteraction(fast.base, local.id, redirect);
    assert.equal((await reg.call('/verification-code', { phone })).body.resendAfter, 1);
    const code = twilio.lastCode(phone);
    const missing = await reg.call('/verification-code/verify', { phone, code });
    assert.deepEqual([missing.status, missing.body.code], [400, 'password.required']);
    const weak = await reg.call('/verification-code/verify', { phone, code, password: 'short' });
    assert.deepEqual([weak.status, weak.body.code, weak.body.field], [400, 'user.weak_password', 'password']);
    const done = await reg.call('/verification-code/verify', { phone, code, password: 'first password' });
    assert.equal(done.status, 200, 'the code survived the two refused attempts');

    const byPassword = await startInteraction(fast.base, local.id, redirect);
    assert.equal((await byPassword.call('/password', { identifier: '090-7777-8888', password: 'first password' })).status, 200);

    await wait();
    const forgot = await startInteraction(fast.base, local.id, redirect);
    await forgot.call('/verification-code', { phone, flow: 'ForgotPassword' });
    assert.match(twilio.requests.at(-1).form.Body, /^Your Bookstore reset code is \d{6}$/);
    const reset = await forgot.call('/verification-code/verify', { phone, code: twilio.lastCode(phone), password: 'second password' });
    assert.equal(reset.status, 200);

    const oldPassword = await startInteraction(fast.base, local.id, redirect);
    assert.equal((await oldPassword.call('/password', { identifier: phone, password: 'first password' })).status, 422);
    assert.equal((await oldPassword.call('/password', { identifier: phone, password: 'second password' })).status, 200);
  } finally {
    await fast.stop();
    fast.cleanup();
  }
});

test('codes are stored hashed: the database holds no code in clear', async () => {
  const phone = '+819088889999';
  const { call } = await startInteraction(provider.base, app.id, redirect);
  await call('/verification-code', { phone });
  const code = twilio.lastCode(phone);
  for (const file of readdirSync(provider.dataDir).filter((f) => f.startsWith('provider.db'))) {
    assert.ok(!readFileSync(join(provider.dataDir, file)).includes(code), `${file} holds no ${code}`);
  }
});

test('per-IP cap: many numbers from one address get 429 with retry-after', async () => {
  const { call } = await startInteraction(provider.base, app.id, redirect);
  let limited;
  for (let i = 0; i < 40 && !limited; i++) {
    const r = await call('/verification-code', { phone: `+8190${String(30000000 + i)}` });
    if (r.status === 429) limited = r;
  }
  assert.ok(limited, 'the cap was reached');
  assert.equal(limited.body.code, 'verification_code.too_many_requests');
  assert.ok(Number(limited.headers.get('retry-after')) > 0);
});

test('dev inbox: the default in dev mode, shown on /dev/sms; off outside dev mode', async () => {
  const dev = await startProvider({ extraArgs: ['--dev'] });
  const prod = await startProvider();
  try {
    assert.match(dev.log(), /SMS connector dev inbox/);
    assert.match(prod.log(), /SMS connector none: configure one with 'connector set twilio'/);
    const devApp = cli(dev.dataDir, 'app', 'create', '--name', 'D', '--redirect-uri', redirect);
    const { call } = await startInteraction(dev.base, devApp.id, redirect);
    assert.equal((await call('/verification-code', { phone: '+819012340000' })).status, 200);
    const inbox = await (await fetch(`${dev.base}/dev/sms`, { headers: { accept: 'application/json' } })).json();
    assert.equal(inbox[0].to, '+819012340000');
    assert.match(inbox[0].code, /^\d{6}$/);
    assert.match(dev.log(), new RegExp(`dev SMS to \\+819012340000: .*${inbox[0].code}`));
    assert.match(await (await fetch(`${dev.base}/dev/sms`)).text(), /Dev SMS inbox/);
    assert.equal((await fetch(`${prod.base}/dev/sms`)).status, 404);
    const prodApp = cli(prod.dataDir, 'app', 'create', '--name', 'P', '--redirect-uri', redirect);
    const p = await startInteraction(prod.base, prodApp.id, redirect);
    const refused = await p.call('/verification-code', { phone: '+819012340000' });
    assert.deepEqual([refused.status, refused.body.code], [503, 'connector.not_configured']);
  } finally {
    for (const p of [dev, prod]) {
      await p.stop();
      p.cleanup();
    }
  }
});

test('management API: connector set, read back masked, test send before saving; experience settings', async () => {
  const token = readFileSync(join(provider.dataDir, 'admin-token'), 'utf8').trim();
  const api = (path, method = 'GET', body) =>
    fetch(`${provider.base}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
  const before = twilio.requests.length;
  const tested = await api('/api/connectors/twilio/test', 'POST', { phone: '+14155550199', config: twilioConfig(twilio.apiBase, { authToken: 'other-token' }) });
  assert.deepEqual(await tested.json(), { sent: true, to: '+14155550199' });
  assert.equal(twilio.requests[before].pass, 'other-token');
  const bad = await api('/api/connectors/twilio', 'PUT', { ...twilioConfig(twilio.apiBase), templates: [] });
  assert.equal(bad.status, 400);
  assert.match((await bad.json()).message, /templates for Register, SignIn, ForgotPassword, Generic are missing/);
  const put = await api('/api/connectors/twilio', 'PUT', twilioConfig(twilio.apiBase));
  assert.equal((await put.json()).config.authToken, '********');
  const [listed] = await (await api('/api/connectors')).json();
  assert.equal(listed.config.authToken, '********');
  twilio.failWith(401, { code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 });
  try {
    const failed = await api('/api/connectors/twilio/test', 'POST', { phone: '+14155550199' });
    assert.equal(failed.status, 502);
    assert.match((await failed.json()).message, /Twilio error 20003 \(HTTP 401\): Authenticate/);
  } finally {
    twilio.failWith(null);
  }
  const experience = await api('/api/sign-in-experience', 'PUT', { signUp: { identifiers: ['email', 'phone'], verify: false, password: true } });
  const saved = await experience.json();
  assert.deepEqual(saved.signUp, { identifiers: ['email', 'phone'], verify: true, password: true }, 'verify forced on');
  const refused = await api('/api/sign-in-experience', 'PUT', { signInMode: 'Everything' });
  assert.match((await refused.json()).message, /signInMode must be SignIn, Register or SignInAndRegister/);
  await api('/api/sign-in-experience', 'PUT', {});
});

test('config file: connector and sign-in experience stored on start; code expiry; per-phone cap', async () => {
  const dataDir = makeDataDir();
  const file = join(dataDir, 'provider.json');
  writeFileSync(file, JSON.stringify({
    smsResendInterval: 1,
    verificationCodeTtl: 1,
    connectors: { twilio: twilioConfig(twilio.apiBase) },
    signInExperience: { signInMode: 'SignInAndRegister', signUp: { identifiers: ['phone'], password: false } },
  }));
  const p = await startProvider({ dataDir, extraArgs: ['--config', file] });
  try {
    assert.match(p.log(), new RegExp(`SMS connector twilio \\(${twilio.apiBase.replace(/[/.]/g, '\\$&')}\\)`));
    assert.ok(!p.log().includes('secret-auth-token'));
    assert.equal(cli(dataDir, 'experience', 'show').signUp.password, false);
    const local = cli(dataDir, 'app', 'create', '--name', 'C', '--redirect-uri', redirect);

    // Expiry (1 s here, 600 s by default).
    const phone = '+819012121212';
    const a = await startInteraction(p.base, local.id, redirect);
    await a.call('/verification-code', { phone });
    const code = twilio.lastCode(phone);
    await new Promise((r) => setTimeout(r, 2100));
    const expired = await a.call('/verification-code/verify', { phone, code });
    assert.deepEqual([expired.status, expired.body.code], [422, 'verification_code.expired']);

    // At most 10 sends to one number per 10 minutes, whatever the interval.
    const capped = '+819013131313';
    const b = await startInteraction(p.base, local.id, redirect);
    let statuses = [];
    for (let i = 0; i < 11; i++) {
      statuses.push((await b.call('/verification-code', { phone: capped })).status);
      if (i < 10) await new Promise((r) => setTimeout(r, 1050));
    }
    assert.deepEqual(statuses, [...Array(10).fill(200), 429]);
  } finally {
    await p.stop();
    p.cleanup();
  }
});

test('a Twilio that never answers is a timeout error for the admin, not a hang', async () => {
  const { createServer } = await import('node:net');
  const silent = createServer(() => {}); // accepts, never answers
  await new Promise((r) => silent.listen(0, '127.0.0.1', r));
  try {
    const config = JSON.stringify(twilioConfig(`http://localhost:${silent.address().port}`));
    const r = await cliAsync(provider.dataDir, ['connector', 'test', '--phone', '+819012345678', '--config', config]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /Twilio could not be reached: http:\/\/localhost:\d+ did not answer within 10000 ms/);
  } finally {
    silent.close();
  }
});
