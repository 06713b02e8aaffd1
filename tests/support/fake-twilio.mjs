// A fake Twilio Messages API over HTTP or HTTPS: records every request as Twilio would see
// it (method, path, Basic credentials, form fields) so tests read the code out of the real
// Twilio-shaped request, and can answer with Twilio's error body. For HTTPS, makeTestCa()
// creates a CA and a server certificate with the openssl CLI at test time.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttp } from 'node:http';
import { createServer as createHttps } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function makeTestCa(hostname = 'localhost') {
  const dir = mkdtempSync(join(tmpdir(), 'logto-test-ca-'));
  const run = (...args) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  run('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=logto-wasm test CA', '-keyout', 'ca.key', '-out', 'ca.pem');
  run('req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${hostname}`, '-keyout', 'server.key', '-out', 'server.csr');
  writeFileSync(join(dir, 'ext.cnf'), `subjectAltName=DNS:${hostname}\n`);
  run('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-extfile', 'ext.cnf', '-out', 'server.pem');
  return {
    dir,
    caFile: join(dir, 'ca.pem'),
    key: readFileSync(join(dir, 'server.key')),
    cert: readFileSync(join(dir, 'server.pem')),
  };
}

export async function startFakeTwilio({ tls } = {}) {
  const requests = [];
  let reply = null; // {status, body} to answer with instead of success
  const hanging = new Map(); // phone -> promise that answers when released
  const handler = async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const auth = req.headers.authorization ?? '';
    const [user, pass] = Buffer.from(auth.replace(/^Basic /, ''), 'base64').toString().split(':');
    const form = Object.fromEntries(new URLSearchParams(body));
    requests.push({ method: req.method, path: req.url, user, pass, contentType: req.headers['content-type'], form });
    if (hanging.has(form.To)) await hanging.get(form.To);
    const out = reply ?? { status: 201, body: { sid: `SM${requests.length}`, status: 'queued' } };
    res.writeHead(out.status, { 'content-type': 'application/json' }).end(JSON.stringify(out.body));
  };
  const server = tls ? createHttps({ key: tls.key, cert: tls.cert }, handler) : createHttp(handler);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const scheme = tls ? 'https' : 'http';
  return {
    apiBase: `${scheme}://localhost:${server.address().port}`,
    requests,
    // The 6-digit code in the last message to `phone`.
    lastCode(phone) {
      const message = requests.findLast((r) => r.form.To === phone);
      return message && /\b(\d{6})\b/.exec(message.form.Body)?.[1];
    },
    failWith(status, body) {
      reply = status ? { status, body } : null;
    },
    // Messages to `phone` get no answer until the returned function is called.
    hangFor(phone) {
      let release;
      hanging.set(phone, new Promise((resolve) => (release = resolve)));
      return () => {
        hanging.delete(phone);
        release();
      };
    },
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

export function twilioConfig(apiBase, overrides = {}) {
  return {
    accountSID: 'AC0123456789abcdef0123456789abcdef',
    authToken: 'secret-auth-token',
    fromMessagingServiceSID: 'MG0123456789abcdef0123456789abcdef',
    templates: [
      { usageType: 'Register', content: 'Your Bookstore sign-up code is {{code}}' },
      { usageType: 'SignIn', content: 'Your Bookstore sign-in code is {{code}}' },
      { usageType: 'ForgotPassword', content: 'Your Bookstore reset code is {{code}}' },
      { usageType: 'Generic', content: 'Your Bookstore code is {{code}}' },
    ],
    apiBase,
    ...overrides,
  };
}
