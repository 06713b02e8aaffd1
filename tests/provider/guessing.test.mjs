// No enumeration and a limit on guessing (docs/provider.md, "Guessing and enumeration"): a
// registered and an unregistered number get the same answers in every flow and sign-in mode (a
// decoy code stands in where nothing may be sent); failed passwords and codes lock an account
// and an address out for a while, stored across restarts, exact under concurrency, lifted by a
// right answer's reset or by the admin.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { cli, configRefusal, startInteraction, startProvider } from '../support/provider-process.mjs';

const redirect = 'http://app.test/callback';
const LOCKED = 'session.verification_blocked_too_many_attempts';

async function providerWith(settings, extraArgs = []) {
  const provider = await startProvider({ settings, extraArgs });
  const app = cli(provider.dataDir, 'app', 'create', '--name', 'A', '--redirect-uri', redirect);
  const ada = cli(provider.dataDir, 'user', 'create', '--username', 'ada', '--password', 'correct horse', '--phone', '+819012345678');
  return { provider, app, ada };
}

const password = async (base, appId, identifier, secret) => (await startInteraction(base, appId, redirect)).call('/password', { identifier, password: secret });

test('wrong passwords lock the account after the limit, for a known and an unknown identifier alike; a lockout survives kill -9; the admin lifts it', async () => {
  const settings = { lockout: { failuresPerAccount: 5, failuresPerIp: 0, lockoutSeconds: 1800 } };
  let { provider, app, ada } = await providerWith(settings);
  try {
    const answers = async (identifier) => {
      const out = [];
      for (let i = 0; i < 6; i++) out.push(await password(provider.base, app.id, identifier, 'wrong password'));
      return out;
    };
    for (const identifier of ['ada', 'nobody-here']) {
      const tries = await answers(identifier);
      assert.deepEqual(tries.map((t) => [t.status, t.body.code]), [...Array(5).fill([422, 'session.invalid_credentials']), [429, LOCKED]], identifier);
      const locked = tries[5];
      assert.equal(locked.headers.get('retry-after'), '1800');
      assert.equal(locked.body.retryAfter, 1800);
      assert.equal(locked.body.message, 'Too many failed attempts. Try again in 30 minutes.');
    }
    // Locked means locked: the right password is refused too.
    assert.equal((await password(provider.base, app.id, 'ada', 'correct horse')).status, 429);
    // Another identifier of the same account is the same account.
    assert.equal((await password(provider.base, app.id, '+819012345678', 'correct horse')).status, 429);

    await provider.kill9();
    provider = await startProvider({ dataDir: provider.dataDir, settings });
    assert.equal((await password(provider.base, app.id, 'ada', 'correct horse')).body.code, LOCKED, 'stored: a restart does not lift it');

    const unlocked = cli(provider.dataDir, 'user', 'unlock', ada.id);
    assert.deepEqual(unlocked, { unlocked: ada.id, lockoutsLifted: 1 });
    assert.equal((await password(provider.base, app.id, 'ada', 'correct horse')).status, 200);
  } finally {
    await provider.stop();
    provider.cleanup();
  }
});

test('a right password resets the account\'s count; the management API unlocks too', async () => {
  const { provider, app, ada } = await providerWith({ adminToken: 'admin-secret', lockout: { failuresPerAccount: 3, failuresPerIp: 0 } });
  try {
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 2; i++) assert.equal((await password(provider.base, app.id, 'ada', 'nope nope')).status, 422);
      assert.equal((await password(provider.base, app.id, 'ada', 'correct horse')).status, 200, `round ${round}: 2 failures, then the right one`);
    }
    for (let i = 0; i < 3; i++) await password(provider.base, app.id, 'ada', 'nope nope');
    assert.equal((await password(provider.base, app.id, 'ada', 'correct horse')).status, 429);
    const api = (path, method) => fetch(`${provider.base}${path}`, { method, headers: { authorization: 'Bearer admin-secret' } });
    const r = await api(`/api/users/${ada.id}/unlock`, 'POST');
    assert.equal(r.status, 200);
    assert.deepEqual(await r.json(), { unlocked: ada.id, lockoutsLifted: 1 });
    assert.equal((await password(provider.base, app.id, 'ada', 'correct horse')).status, 200);
    const missing = await api('/api/users/nobody/unlock', 'POST');
    assert.equal(missing.status, 404);
    assert.equal((await missing.json()).code, 'user.not_found');
  } finally {
    await provider.stop();
    provider.cleanup();
  }
});

test('30 wrong passwords at once against a limit of 10: exactly 10 are checked', async () => {
  const { provider, app } = await providerWith({ lockout: { failuresPerAccount: 10, failuresPerIp: 0 } });
  try {
    const interactions = await Promise.all(Array.from({ length: 30 }, () => startInteraction(provider.base, app.id, redirect)));
    const answers = await Promise.all(interactions.map((i) => i.call('/password', { identifier: 'ada', password: 'wrong password' })));
    assert.equal(answers.filter((a) => a.status === 422).length, 10);
    // The rest: told to wait while the ten are checked, or locked out once they failed.
    assert.equal(answers.filter((a) => a.status === 429).length, 20);
    assert.ok(answers.every((a) => a.status === 422 || [LOCKED, 'request.too_many_requests'].includes(a.body.code)));
    // Now the account is locked: its failures, not the attempts in flight, started it.
    assert.equal((await password(provider.base, app.id, 'ada', 'correct horse')).body.code, LOCKED);
  } finally {
    await provider.stop();
    provider.cleanup();
  }
});

test('concurrent right passwords are not failures: they never start a lockout', async () => {
  const { provider, app } = await providerWith({ lockout: { failuresPerAccount: 5, failuresPerIp: 0 } });
  try {
    const interactions = await Promise.all(Array.from({ length: 12 }, () => startInteraction(provider.base, app.id, redirect)));
    const answers = await Promise.all(interactions.map((i) => i.call('/password', { identifier: 'ada', password: 'correct horse' })));
    // Some may be asked to wait while five are being checked; none is locked out or refused as wrong.
    assert.ok(answers.every((a) => a.status === 200 || a.body.code === 'request.too_many_requests'), JSON.stringify(answers.map((a) => a.body.code)));
    assert.ok(answers.filter((a) => a.status === 200).length >= 5);
    assert.equal((await password(provider.base, app.id, 'ada', 'correct horse')).status, 200);
  } finally {
    await provider.stop();
    provider.cleanup();
  }
});

test('failures from one address lock that address out across identifiers', async () => {
  const { provider, app } = await providerWith({ trustProxy: true, lockout: { failuresPerAccount: 0, failuresPerIp: 4 } });
  try {
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await password(provider.base, app.id, `someone-${i}`, 'wrong password')).status);
    assert.deepEqual(statuses, [422, 422, 422, 422, 429]);
    // The right password of a real account, from the locked address: refused as well.
    assert.equal((await password(provider.base, app.id, 'ada', 'correct horse')).status, 429);
  } finally {
    await provider.stop();
    provider.cleanup();
  }
});

test('wrong SMS codes count toward the same lockout; the right code after it is refused until unlocked', async () => {
  const { provider, app, ada } = await providerWith({ lockout: { failuresPerAccount: 3, failuresPerIp: 0 } }, ['--dev']);
  try {
    const { call } = await startInteraction(provider.base, app.id, redirect);
    assert.equal((await call('/verification-code', { phone: '+819012345678' })).status, 200);
    const inbox = await (await fetch(`${provider.base}/dev/sms`, { headers: { accept: 'application/json' } })).json();
    const code = inbox.at(-1).code;
    const wrong = code === '000000' ? '111111' : '000000';
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push((await call('/verification-code/verify', { phone: '+819012345678', code: wrong })).body.code);
    assert.deepEqual(answers, Array(3).fill('verification_code.mismatch'));
    const locked = await call('/verification-code/verify', { phone: '+819012345678', code });
    assert.equal(locked.status, 429);
    assert.equal(locked.body.code, LOCKED);
    cli(provider.dataDir, 'user', 'unlock', ada.id);
    const signedIn = await call('/verification-code/verify', { phone: '+819012345678', code });
    assert.equal(signedIn.status, 200, 'the code itself was never burned (3 of its 10 tries)');
  } finally {
    await provider.stop();
    provider.cleanup();
  }
});

// For each sign-in mode and flow: what a registered and an unregistered number are told, from
// the send to a wrong code, stripped of the number itself.
test('no enumeration: a registered and an unregistered number get the same answers in every flow and sign-in mode', async () => {
  const { provider, app } = await providerWith({ smsResendInterval: 1 }, ['--dev']);
  const known = '+819012345678';
  const inbox = async () => (await fetch(`${provider.base}/dev/sms`, { headers: { accept: 'application/json' } })).json();
  try {
    let fresh = 0;
    for (const signInMode of ['SignInAndRegister', 'SignIn', 'Register']) {
      cli(provider.dataDir, 'experience', 'set', '--json', JSON.stringify({ signInMode }));
      for (const flow of ['SignIn', 'Register', 'ForgotPassword']) {
        const seen = [];
        for (const phone of [known, `+8190555500${String(fresh++).padStart(2, '0')}`]) {
          if (phone === known) await new Promise((r) => setTimeout(r, 1100)); // its resend interval
          const { call } = await startInteraction(provider.base, app.id, redirect);
          const before = (await inbox()).length;
          const sent = await call('/verification-code', { phone, flow });
          const delivered = (await inbox()).slice(before);
          const verify = await call('/verification-code/verify', { phone, code: delivered[0]?.code === '000000' ? '111111' : '000000' });
          const again = await call('/verification-code/verify', { phone, code: delivered[0]?.code === '000000' ? '111111' : '000000' });
          const strip = (r) => [r.status, JSON.stringify({ ...r.body, phone: r.body.phone ? 'E164' : undefined })];
          seen.push({ sent: strip(sent), verify: strip(verify), again: strip(again), delivered: delivered.length });
        }
        const [registered, unregistered] = seen;
        const label = `${signInMode} / ${flow}`;
        assert.deepEqual([registered.sent, registered.verify, registered.again], [unregistered.sent, unregistered.verify, unregistered.again], label);
        if (registered.sent[0] === 200) {
          assert.equal(JSON.parse(registered.verify[1]).code, 'verification_code.mismatch', label);
          assert.equal(JSON.parse(registered.again[1]).remainingAttempts, 8, `${label}: attempts counted alike`);
        }
        // What may be delivered, is: a code to register a new number, to sign in or reset a known one.
        const expected = {
          'SignInAndRegister / SignIn': [1, 1],
          'SignInAndRegister / Register': [1, 1],
          'SignInAndRegister / ForgotPassword': [1, 0],
          'SignIn / SignIn': [1, 0],
          'SignIn / Register': [0, 0], // registration off: 403 for every number
          'SignIn / ForgotPassword': [1, 0],
          'Register / SignIn': [0, 1],
          'Register / Register': [0, 1],
          'Register / ForgotPassword': [1, 0],
        }[label];
        assert.deepEqual([registered.delivered, unregistered.delivered], expected, `${label}: deliveries`);
      }
    }
  } finally {
    cli(provider.dataDir, 'experience', 'set', '--json', '{}');
    await provider.stop();
    provider.cleanup();
  }
});

test('bad lockout settings are refused with a line that says what to fix', () => {
  const run = configRefusal;
  assert.match(run({ lockout: { maxAttempts: 5 } }), /lockout\.maxAttempts is not a setting \(failuresPerAccount, failuresPerIp, windowSeconds, lockoutSeconds\)/);
  assert.match(run({ lockout: { lockoutSeconds: 0 } }), /lockout\.lockoutSeconds must be a whole number from 1 to 86400/);
  assert.match(run({ lockout: { failuresPerIp: -3 } }), /lockout\.failuresPerIp must be a whole number from 0 to 1000000/);
  assert.match(run({ lockout: 5 }), /lockout must be an object/);
});
