// `npm run bench`: measures us and our peers in one run on this machine and prints a table of
// figures and ratios (ours / peer), also written to bench/results/latest.md. Benchmarks print
// figures; they never fail on a number. Needs a build (`npm run build`).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

import { measureConsole } from './console.mjs';
import { measureBrowser } from './sdk-browser.mjs';
import { measureSizes } from './sdk-size.mjs';
import { measureProviders } from './provider-load.mjs';
import { measureConcurrentPhoneSignIns, measureConcurrentSignIns, measureTokenExchange, profileTokenExchange } from './token-load.mjs';
import { measureSoak } from './soak.mjs';
import { measureStores } from './store-load.mjs';
import { measureVerification } from './verify.mjs';
import { breakdown } from './wasm-breakdown.mjs';
import { fmt } from './stats.mjs';

// What n Argon2id checks cost on every core of this machine, with the provider's settings.
function passwordBound(count) {
  const bin = process.env.LOGTO_PROVIDER_BIN ?? fileURLToPath(new URL('../build/native/provider/logto-provider', import.meta.url));
  const dir = execFileSync('mktemp', ['-d'], { encoding: 'utf8' }).trim();
  try {
    return JSON.parse(execFileSync(bin, ['--data-dir', dir, 'password-cost', '--count', String(count)], { encoding: 'utf8' }));
  } finally {
    execFileSync('rm', ['-rf', dir]);
  }
}

const lines = [];
const out = (line = '') => {
  console.log(line);
  lines.push(line);
};
const range = (s, d = 1) => `${fmt(s.median, d)} (${fmt(s.min, d)}–${fmt(s.max, d)})`;
const ratio = (a, b) => (b ? `${(a / b).toFixed(2)}×` : 'n/a');
const version = (cmd, args) => {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n')[0];
  } catch {
    return 'unknown';
  }
};

out('# Benchmarks');
out();
out(`Run ${new Date().toISOString()} on ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}; ${version('/usr/bin/chromium', ['--version'])}; ${version('emcc', ['--version'])}.`);
out('Each figure is a median with min–max; a ratio is ours / peer.');
out();

out('## SDK: bytes a page downloads');
out();
out('| bundle | raw | gzip -9 | gzip vs @logto/browser |');
out('| --- | ---: | ---: | ---: |');
const sizes = await measureSizes();
const logto = sizes.find((s) => s.name.startsWith('@logto/browser'));
for (const s of sizes) out(`| ${s.name} | ${s.raw} | ${s.gzip} | ${ratio(s.gzip, logto.gzip)} |`);
out();

out('### Where the wasm bytes go (profiling build with function names)');
out();
execFileSync('cmake', ['--build', fileURLToPath(new URL('../build/wasm', import.meta.url)), '--target', 'logto_wasm_profile'], { stdio: 'ignore' });
const w = breakdown(fileURLToPath(new URL('../build/wasm/bindings/logto_wasm_profile.wasm', import.meta.url)));
out(`Sections (bytes): ${w.sections.map((x) => `${x.name} ${x.size}`).join(', ')}.`);
out();
out('| code by origin | bytes |');
out('| --- | ---: |');
for (const [name, bytes] of w.byOrigin) out(`| ${name} | ${bytes} |`);
out();
out(`Largest functions: ${w.largest.map((f) => `${f.name} (${f.size})`).join(', ')}.`);
out();

out('## SDK in headless Chromium (ours vs @logto/browser 3, same provider, ES384)');
out();
out('Ours and the peer alternate sample by sample. "4× CPU" is Chromium\'s CPU throttling (DevTools), how a mid-range phone sees it.');
out();
out('| measure | ours | @logto/browser | ratio |');
out('| --- | ---: | ---: | ---: |');
for (const cpuThrottle of [1, 4]) {
  const b = await measureBrowser({ cpuThrottle });
  const cpu = cpuThrottle === 1 ? '' : `, ${cpuThrottle}× CPU`;
  out(`| cold load → first isAuthenticated() (ms, n=${b.ours.cold.n}${cpu}) | ${range(b.ours.cold)} | ${range(b.peer.cold)} | ${ratio(b.ours.cold.median, b.peer.cold.median)} |`);
  out(`| … of which the page's first script → the answer: the SDK's own part (ms${cpu}) | ${range(b.ours.coldSdk)} | ${range(b.peer.coldSdk)} | ${ratio(b.ours.coldSdk.median, b.peer.coldSdk.median)} |`);
  out(`| cold load → first getRefreshToken(), which needs our core (ms, n=${b.ours.coldCore.n}${cpu}) | ${range(b.ours.coldCore)} | ${range(b.peer.coldCore)} | ${ratio(b.ours.coldCore.median, b.peer.coldCore.median)} |`);
  out(`| handleSignInCallback on loopback (ms, n=${b.ours.callback.n}${cpu}) | ${range(b.ours.callback)} | ${range(b.peer.callback)} | ${ratio(b.ours.callback.median, b.peer.callback.median)} |`);
  out(`| cached getAccessToken() per second (${b.ours.cachedPerSecond.n} × 1 s${cpu}) | ${range(b.ours.cachedPerSecond, 0)} | ${range(b.peer.cachedPerSecond, 0)} | ${ratio(b.ours.cachedPerSecond.median, b.peer.cachedPerSecond.median)} |`);
}
{
  // A network with a round trip to pay: ours asks for the JWKS while the code exchange is out
  // (the token request's `prefetch`), @logto/browser after its answer.
  const b = await measureBrowser({ latency: 40, loads: 3, callbacks: 10 });
  out(`| handleSignInCallback, 40 ms added to each request (ms, n=${b.ours.callback.n}) | ${range(b.ours.callback)} | ${range(b.peer.callback)} | ${ratio(b.ours.callback.median, b.peer.callback.median)} |`);
}
out();
out('On an insecure origin (http://site.test, no crypto.subtle: ours verifies with logto-crypto.mjs, mbedTLS; @logto/browser throws crypto_subtle_unavailable):');
out();
out('| measure | ours | @logto/browser |');
out('| --- | ---: | --- |');
{
  const b = await measureBrowser({ insecure: true, loads: 10, callbacks: 10 });
  out(`| cold load → first isAuthenticated() (ms, n=${b.ours.cold.n}) | ${range(b.ours.cold)} | cannot sign in |`);
  out(`| cold load → first getRefreshToken(), which needs our core (ms, n=${b.ours.coldCore.n}) | ${range(b.ours.coldCore)} | cannot sign in |`);
  out(`| handleSignInCallback on loopback (ms, n=${b.ours.callback.n}) | ${range(b.ours.callback)} | cannot sign in |`);
}
out();

out('## The Console (/console): bytes of its first screen and its first load in Chromium');
out();
{
  const c = await measureConsole();
  out(`${c.bytes.files} files (shell, stylesheet, modules, the SDK): ${c.bytes.raw} bytes raw, ${c.bytes.gzip} gzip -9, of which the SDK ${c.bytes.sdkGzip}. No peer: Logto's Console needs its own server and database.`);
  out();
  out('| measure | ms |');
  out('| --- | ---: |');
  for (const cpu of [1, 4]) out(`| navigation → the sign-in button (n=${c.firstLoad[cpu].n}${cpu === 1 ? '' : `, ${cpu}× CPU`}) | ${range(c.firstLoad[cpu])} |`);
  out();
}

out('## ID-token signature verification alone, per second (Chromium)');
out();
const v = await measureVerification();
out('| algorithm (3 × 1 s) | mbedTLS in WASM (logto-crypto, insecure origins) | WebCrypto (everywhere else) | ratio |');
out('| --- | ---: | ---: | ---: |');
for (const alg of ['ES384', 'RS256']) out(`| ${alg} | ${range(v[alg].wasm, 0)} | ${range(v[alg].webcrypto, 0)} | ${ratio(v[alg].wasm.median, v[alg].webcrypto.median)} |`);
out();

out('## Provider on loopback (ours vs oidc-provider 9; logto-loadgen, 50 keep-alive connections, 3 × 3 s each, taking turns)');
out();
out('Server CPU per request is the server process\'s user + system time over the round divided by the requests it answered: it does not depend on the load generator, which shares the two cores.');
out();
const p = await measureProviders();
out('| measure | ours | oidc-provider | ratio |');
out('| --- | ---: | ---: | ---: |');
for (const e of ['discovery', 'jwks']) {
  const o = p.ours.endpoints[e];
  const q = p.peer.endpoints[e];
  out(`| ${e}: requests/s | ${range(o.rps, 0)} | ${range(q.rps, 0)} | ${ratio(o.rps.median, q.rps.median)} |`);
  out(`| ${e}: p50 / p99 latency (ms) | ${fmt(o.p50.median, 1)} / ${fmt(o.p99.median, 1)} | ${fmt(q.p50.median, 1)} / ${fmt(q.p99.median, 1)} | p99 ${ratio(o.p99.median, q.p99.median)} |`);
  out(`| ${e}: server CPU per request (µs) | ${fmt(o.cpuUs.median, 0)} | ${fmt(q.cpuUs.median, 0)} | ${ratio(o.cpuUs.median, q.cpuUs.median)} |`);
}
out(`| resident memory idle (MiB) | ${fmt(p.ours.idleRssMiB)} | ${fmt(p.peer.idleRssMiB)} | ${ratio(p.ours.idleRssMiB, p.peer.idleRssMiB)} |`);
out(`| resident memory under load, peak (MiB) | ${fmt(p.ours.loadRssMiB)} | ${fmt(p.peer.loadRssMiB)} | ${ratio(p.ours.loadRssMiB, p.peer.loadRssMiB)} |`);
out();

out('## Authorization-code exchange under load (pre-minted codes, PKCE, ID token signed ES384; logto-loadgen, 50 connections)');
out();
out('One process each for the whole run (oidc-provider with an in-memory Map adapter, its cheapest store; ours with SQLite), a warm-up round of 300 codes each, then rounds of 1 000 codes taking turns. Without a resource both issue an opaque access token and sign one ES384 ID token.');
out();
const t = await measureTokenExchange();
out('| measure | ours | oidc-provider | ratio |');
out('| --- | ---: | ---: | ---: |');
out(`| requests/s (${t.rounds} rounds of ${t.codes} codes) | ${range(t.ours.rps, 0)} | ${range(t.peer.rps, 0)} | ${ratio(t.ours.rps.median, t.peer.rps.median)} |`);
out(`| p50 / p99 latency (ms) | ${fmt(t.ours.p50.median, 0)} / ${fmt(t.ours.p99.median, 0)} | ${fmt(t.peer.p50.median, 0)} / ${fmt(t.peer.p99.median, 0)} | p99 ${ratio(t.ours.p99.median, t.peer.p99.median)} |`);
out(`| server CPU per exchange (ms) | ${range(t.ours.cpuMs, 2)} | ${range(t.peer.cpuMs, 2)} | ${ratio(t.ours.cpuMs.median, t.peer.cpuMs.median)} |`);
out(`| succeeded / failed | ${t.ours.ok} / ${t.ours.failed} | ${t.peer.ok} / ${t.peer.failed} | |`);
out();
out('Profile of our provider during the exchange (perf, samples by library, then the top symbols):');
out();
out('```');
for (const line of (await profileTokenExchange()).lines) out(line);
out('```');
out();

out('## Our provider under 1 000 concurrent password sign-ins (interaction + sign-in page + password + code + token)');
out();
const bound = passwordBound(1000);
const closing = await measureConcurrentSignIns({ people: 1000 });
const idling = await measureConcurrentSignIns({ people: 1000, keepOpen: true });
out(`The Argon2 bound, measured in this run: ${bound.count} Argon2id checks on ${bound.threads} threads (every core) took ${fmt(bound.seconds)} s (\`logto-provider password-cost\`). The 1 000 people are driven by logto-loadgen, each on its own connection; once with the connection closed when the person is done, once left open and idle as a browser leaves it (parked, holding no worker, closed by the provider after 5 s idle).`);
out();
out('| finished connections | completed | failed | p50 (ms) | p99 (ms) | wall time (s) | wall / Argon2 bound |');
out('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const [label, c] of [['closed', closing], ['left open (idle)', idling]]) {
  out(`| ${label} | ${c.completed} / ${c.people} | ${c.failed}${c.failed ? ` (${JSON.stringify(c.failures)})` : ''} | ${fmt(c.p50, 0)} | ${fmt(c.p99, 0)} | ${fmt(c.wallSeconds)} | ${ratio(c.wallSeconds, bound.seconds)} |`);
}
out();

out('## Our provider under 1 000 concurrent phone sign-ins (interaction + SMS code to the dev inbox + registration + token)');
out();
const ph = await measureConcurrentPhoneSignIns({ people: 1000 });
out('| completed | failed | p50 (ms) | p99 (ms) | wall time (s) | SMS sent |');
out('| ---: | ---: | ---: | ---: | ---: | ---: |');
out(`| ${ph.completed} / ${ph.people} | ${ph.failed}${ph.failed ? ` (${JSON.stringify(ph.failures)})` : ''} | ${fmt(ph.p50, 0)} | ${fmt(ph.p99, 0)} | ${fmt(ph.wallSeconds)} | ${ph.smsSent} |`);
out();

out('## Our provider on each store: SQLite, PostgreSQL, and two instances on PostgreSQL behind nginx (issue 18)');
out();
const st = await measureStores({ codes: 1000, people: 1000 });
out(`The code exchange (${st.codes} pre-minted codes, logto-loadgen's 50 connections) and ${st.people} concurrent password sign-ins, each setup in turn in this run; PostgreSQL 15 on a Unix socket on the same two cores, without fsync (its durability is not what is measured). Two instances share the two cores with each other and with PostgreSQL and nginx, so on this machine they show the cost of the extra hop, not added capacity.`);
out();
out('| setup | exchanges/s | exchange p99 (ms) | exchanges failed | sign-ins completed | sign-ins failed | sign-in p99 (ms) | sign-ins wall time (s) |');
out('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of st.rows) {
  out(`| ${r.label} | ${fmt(r.exchange.rps, 0)} | ${fmt(r.exchange.p99, 0)} | ${r.exchange.failed} | ${r.signIns.completed} / ${st.people} | ${r.signIns.failed}${r.signIns.failed ? ` (${JSON.stringify(r.signIns.failures)})` : ''} | ${fmt(r.signIns.p99, 0)} | ${fmt(r.signIns.wallSeconds)} |`);
}
out();

out('## Soak: a simulated hour (lifetimes ÷ 60, default rate limits, a bot on /oidc/auth)');
out();
const soak = await measureSoak({ seconds: 60 });
const k = soak.counts;
out(`${soak.seconds} s of wall time for ${soak.seconds * soak.scale / 60} simulated minutes; settings \`${JSON.stringify(soak.settings)}\`. ` +
  `People: ${k.signIns} sign-ins (${k.signInFailures} failed), ${k.refreshes} refreshes (${k.refreshFailures} failed), ${k.abandoned} abandoned sign-ins (${k.abandonedFailures} failed), ${k.idleFamilies} refresh families left idle to expire. ` +
  `Bot: ${k.botAccepted} requests admitted, ${k.botLimited} answered 429.`);
out();
const tables = ['interactions', 'sessions', 'grants', 'authorization_codes', 'refresh_tokens'];
out(`| wall s | simulated min | file + WAL (KiB) | file (KiB) | ${tables.join(' | ')} |`);
out(`| ---: | ---: | ---: | ---: | ${tables.map(() => '---:').join(' | ')} |`);
for (const x of soak.samples) {
  out(`| ${x.t} | ${x.simulatedMinutes} | ${fmt(x.dbBytes / 1024, 0)} | ${fmt(x.fileBytes / 1024, 0)} | ${tables.map((t) => x.rows[t]).join(' | ')} |`);
}
out();
out(`| latency p50 / p99 (ms) | first ${fmt(soak.edgeSeconds, 0)} s | last ${fmt(soak.edgeSeconds, 0)} s |`);
out('| --- | ---: | ---: |');
for (const kind of ['authorize', 'exchange', 'refresh']) {
  const a = soak.start[kind];
  const b = soak.end[kind];
  out(`| ${kind} (n ${a.n} / ${b.n}) | ${fmt(a.p50)} / ${fmt(a.p99)} | ${fmt(b.p50)} / ${fmt(b.p99)} |`);
}


// Earlier runs stay at the end of the file, newest first, so a reader sees what changed: the SDK
// size and browser tables of each (the provider's are rerun every time).
const dir = fileURLToPath(new URL('./results/', import.meta.url));
mkdirSync(dir, { recursive: true });
const earlier = (() => {
  try {
    return readFileSync(`${dir}latest.md`, 'utf8');
  } catch {
    return '';
  }
})();
const [previous, history = ''] = earlier.split('\n## Earlier runs\n');
const runLine = previous.match(/^Run (\S+)/m)?.[1];
const section = (title) => previous.match(new RegExp(`## ${title}[^\\n]*\\n([\\s\\S]*?)(?=\\n## |$)`))?.[1]?.trim();
const carried = runLine
  ? [`### ${runLine}`, '', section('SDK: bytes a page downloads')?.split('\n### ')[0] ?? '', '', section('SDK in headless Chromium') ?? '', ''].join('\n')
  : '';
lines.push('', '## Earlier runs', '', carried, history.trim());
writeFileSync(`${dir}latest.md`, `${lines.join('\n').replace(/\n{3,}/g, '\n\n')}\n`);
console.log(`\n[logto-wasm] written to bench/results/latest.md`);
