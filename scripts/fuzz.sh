#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz/, clang with ASan and UBSan) and runs each for
# FUZZ_SECONDS (default 600: the bar in docs/fuzzing.md), FUZZ_JOBS targets at a time, from
# the seed corpora in tests/fuzz/corpus/. Prints each target's executions and findings and
# exits non-zero on the first crash, leak, sanitizer report or differential mismatch, with the
# input that caused it kept in .cache/fuzz/<target>/.
#   npm run fuzz                      # 10 minutes per target
#   FUZZ_SECONDS=5 bash scripts/fuzz.sh   # the smoke npm test runs
set -euo pipefail
source "$(dirname "$0")/lib.sh"
SECONDS_EACH="${FUZZ_SECONDS:-600}"
PARALLEL="${FUZZ_JOBS:-$(nproc)}"
BUILD="$ROOT/build/fuzz"
WORK="$CACHE/fuzz"
command -v clang++ >/dev/null || die "clang++ is missing: run scripts/setup.sh (Debian clang, libclang-rt-14-dev)"

if [ ! -f "$BUILD/CMakeCache.txt" ]; then
  CC=clang CXX=clang++ cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DLOGTO_FUZZ=ON -DLOGTO_BUILD_TESTS=OFF \
    "-DCMAKE_CXX_FLAGS=-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined" \
    "-DCMAKE_C_FLAGS=-fsanitize=fuzzer-no-link,address,undefined" >/dev/null
fi
TARGETS=(fuzz_json fuzz_json_differential fuzz_url fuzz_base64url fuzz_jws fuzz_oidc_responses
  fuzz_provider_params fuzz_provider_config fuzz_provider_settings)
say "building ${#TARGETS[@]} fuzz targets (clang, ASan + UBSan)"
cmake --build "$BUILD" -j "$(nproc)" --target "${TARGETS[@]}" >/dev/null

run_one() {
  local target="$1" dir="$WORK/$1"
  rm -rf "$dir" && mkdir -p "$dir/corpus" "$dir/seeds"
  cp "$ROOT/tests/fuzz/corpus/$target/"* "$dir/seeds/" 2>/dev/null || true
  # A fresh working corpus (the seeds stay as committed); dictionary-free, 4 KiB inputs.
  (cd "$dir" && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "$BUILD/tests/fuzz/$target" corpus seeds -max_total_time="$SECONDS_EACH" -max_len=4096 \
      -print_final_stats=1 -artifact_prefix="$dir/" >"$dir/log" 2>&1)
}

status=0
pids=()
names=()
for target in "${TARGETS[@]}"; do
  run_one "$target" &
  pids+=($!)
  names+=("$target")
  if [ ${#pids[@]} -ge "$PARALLEL" ]; then
    wait "${pids[0]}" || status=1
    pids=("${pids[@]:1}")
  fi
done
for pid in "${pids[@]}"; do wait "$pid" || status=1; done

printf '%-26s %14s %10s %8s  %s\n' target executions "exec/s" corpus findings
for target in "${TARGETS[@]}"; do
  log="$WORK/$target/log"
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  corpus=$(ls "$WORK/$target/corpus" 2>/dev/null | wc -l)
  found=$(ls "$WORK/$target" | grep -cE '^(crash|leak|timeout|oom)-' || true)
  printf '%-26s %14s %10s %8s  %s\n' "$target" "$execs" "$rate" "$corpus" "$found"
  if [ "$found" != "0" ]; then
    status=1
    grep -m1 -E 'ERROR|SUMMARY|runtime error|differ' "$log" | sed "s/^/  $target: /" || true
  fi
done
[ "$status" -eq 0 ] || die "a fuzz target found a problem: see $WORK/<target>/log and its crash-* input"
say "no findings"
