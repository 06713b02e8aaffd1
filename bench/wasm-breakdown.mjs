// Where the wasm's bytes go: sections, and the code section by origin (our core, mbedTLS,
// nlohmann/json, libc++, ...) from the function names of the profiling build
// (cmake --build build/wasm -t logto_wasm_profile).
import { readFileSync } from 'node:fs';

function leb(bytes, pos) {
  let result = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[pos++];
    result += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return [result, pos];
  }
}

const SECTION_NAMES = { 0: 'custom', 1: 'type', 2: 'import', 3: 'function', 5: 'memory', 6: 'global', 7: 'export', 9: 'element', 10: 'code', 11: 'data', 12: 'datacount', 13: 'tag' };

// A demangled name without its parameter list and template arguments, e.g.
// "(anonymous namespace)::start" or "logto::Callback<…>::Impl<logto::Client::sign_in…>::call".
function shortName(name) {
  let out = '';
  let depth = 0;
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    if (c === '<') {
      if (depth++ === 0) out += '<…>';
    } else if (c === '>') {
      depth--;
    } else if (depth === 0) {
      if (c === '(' && !name.startsWith('(anonymous namespace)', i)) break;
      out += c;
    }
  }
  return out;
}

export function breakdown(path) {
  const bytes = readFileSync(path);
  const sections = [];
  let importedFunctions = 0;
  const bodySizes = [];
  const names = new Map();
  for (let pos = 8; pos < bytes.length; ) {
    const id = bytes[pos++];
    let size;
    [size, pos] = leb(bytes, pos);
    const start = pos;
    if (id === 2) {
      let p = start;
      let n;
      [n, p] = leb(bytes, p);
      for (let i = 0; i < n; i++) {
        let len;
        [len, p] = leb(bytes, p); p += len;
        [len, p] = leb(bytes, p); p += len;
        const kind = bytes[p++];
        if (kind === 0) { [, p] = leb(bytes, p); importedFunctions++; }
        else if (kind === 1) { p++; const flags = bytes[p++]; [, p] = leb(bytes, p); if (flags & 1) [, p] = leb(bytes, p); }
        else if (kind === 2) { const flags = bytes[p++]; [, p] = leb(bytes, p); if (flags & 1) [, p] = leb(bytes, p); }
        else if (kind === 3) p += 2;
        else if (kind === 4) { p++; [, p] = leb(bytes, p); }
      }
    } else if (id === 10) {
      let p = start;
      let n;
      [n, p] = leb(bytes, p);
      for (let i = 0; i < n; i++) {
        let len;
        [len, p] = leb(bytes, p);
        bodySizes.push(len);
        p += len;
      }
    } else if (id === 0) {
      let p = start;
      let len;
      [len, p] = leb(bytes, p);
      const name = bytes.subarray(p, p + len).toString();
      p += len;
      if (name === 'name') {
        while (p < start + size) {
          const sub = bytes[p++];
          let subSize;
          [subSize, p] = leb(bytes, p);
          const end = p + subSize;
          if (sub === 1) {
            let count;
            [count, p] = leb(bytes, p);
            for (let i = 0; i < count; i++) {
              let index;
              let l;
              [index, p] = leb(bytes, p);
              [l, p] = leb(bytes, p);
              names.set(index, bytes.subarray(p, p + l).toString());
              p += l;
            }
          }
          p = end;
        }
      }
    }
    sections.push({ name: SECTION_NAMES[id] ?? `#${id}`, size });
    pos = start + size;
  }
  const origin = (full) => {
    // binaryen names a body shared by identical functions after one of them
    const n = full.replace(/^byn\$mgfn-shared\$/, '');
    if (/^(malloc|free|calloc|realloc)$/.test(n)) return 'allocator (bindings/small_heap.cpp)';
    if (/^logto::Callback|__function/.test(n)) return 'our core: continuation callbacks';
    if (n.startsWith('logto::browser') || /^\(anonymous namespace\)::(create|destroy|start|resume|cancel|client|clients|no_client|code_challenge|verify_jws)\(/.test(n)) {
      return 'bindings (ours)';
    }
    if (n.startsWith('logto::')) return 'our core';
    if (/^(mbedtls|ecp_|mpi_)/.test(n)) return 'mbedTLS';
    if (n.startsWith('nlohmann')) return 'nlohmann/json';
    if (n.startsWith('std::')) return 'libc++';
    if (/embind|emscripten|__getTypeName|_embind/.test(n)) return 'embind / runtime';
    if (/Unwind|__cxa|__cxxabiv1/.test(n)) return 'exceptions runtime';
    return 'libc and the rest';
  };
  const byOrigin = new Map();
  bodySizes.forEach((size, i) => {
    const key = origin(names.get(i + importedFunctions) ?? '?');
    byOrigin.set(key, (byOrigin.get(key) ?? 0) + size);
  });
  const largest = bodySizes
    .map((size, i) => ({ size, name: shortName(names.get(i + importedFunctions) ?? '?') }))
    .sort((a, b) => b.size - a.size)
    .slice(0, +(process.env.TOPN ?? 10));
  return {
    sections: sections.filter((s) => s.name !== 'custom'),
    byOrigin: [...byOrigin].sort((a, b) => b[1] - a[1]),
    largest,
  };
}
