// Our embind runtime (bindings/js/embind-runtime.js), which replaces embind.js's for the
// functions our bindings register, tested through embind's C++ API in a probe module
// (tests/wasm/probe/embind_probe.cpp): conversions both ways, and each refusal with its message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const build = new URL('../../build/wasm/bindings/', import.meta.url);
const { default: createModule } = await import(new URL('embind_probe.mjs', build));
const probe = await createModule({ wasm: readFileSync(new URL('embind_probe.wasm', build)) });

test('strings cross both ways whole: empty, non-ASCII, astral, embedded NUL, large', () => {
  for (const text of ['', 'plain', 'é ü 中文', '😀 a\u{10FFFF}b', 'a\0b\0', 'x'.repeat(300_000)]) {
    assert.equal(probe.echo(text), text);
  }
  // The length the C++ side sees is the UTF-8 byte count, NULs included.
  assert.equal(probe.length('é\0😀'), 2 + 1 + 4);
  // A lone surrogate has no UTF-8 form: it arrives as U+FFFD (3 bytes), as TextEncoder writes it.
  assert.equal(probe.echo('a\uD800b'), 'a\uFFFDb');
  assert.equal(probe.length('\uDC00'), 3);
});

test('ints and void', () => {
  assert.equal(probe.add(2, 40), 42);
  assert.equal(probe.add(-5, 3), -2);
  assert.equal(probe.add(2147483647, 1), -2147483648); // int arithmetic, as in C++ wasm
  assert.equal(probe.nothing(), undefined);
});

test('a wrong argument count is refused, naming the function and both counts', () => {
  assert.throws(() => probe.add(1), { name: 'TypeError', message: 'function add called with 1 arguments, expected 2 args!' });
  assert.throws(() => probe.echo('a', 'b'), { name: 'TypeError', message: 'function echo called with 2 arguments, expected 1 args!' });
});

test('a non-string for std::string is refused, and nothing is left allocated', () => {
  for (const value of [42, null, undefined, { toString: () => 'x' }, new Uint8Array(2)]) {
    assert.throws(() => probe.echo(value), { name: 'TypeError', message: 'Cannot pass non-string to std::string' });
  }
});

test('a type without a registration fails the call and names the type', () => {
  assert.throws(() => probe.takesBool(true), { name: 'TypeError', message: /^Cannot call takesBool due to unbound types: 0x[0-9a-f]+$/ });
});

test('every string block is freed: 2 000 round trips of 256 KB leave the memory as it was', () => {
  const big = 'y'.repeat(256 * 1024);
  probe.echo(big); // the allocator's first growth
  const before = probe.memoryPages();
  for (let i = 0; i < 2000; i++) probe.echo(big);
  assert.equal(probe.memoryPages(), before);
});
