#!/usr/bin/env bash
# Executions per second of each libFuzzer target (ASan + UBSan, build/fuzz), for ./benchmark's table (issue 13
# budget: >= 5,000 per target). A figure, never a test. Each target fuzzes SECONDS (default 30; its first seconds go
# to running the seeds) from an empty corpus over the generated seeds with tests/fuzz/run's options. Prints JSON
# [{target, seconds, executions, execs_per_s, execs_per_cpu_s}]: execs_per_s is libFuzzer's wall-clock average,
# execs_per_cpu_s the executions per second of CPU the target used, the figure to compare on a shared machine.
#   bench/fuzz-speed.sh [SECONDS]   (builds the targets and the seeds first)
set -uo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
cd "$KETADOSE_ROOT" || exit 1
seconds=${1:-30}
targets=()
for source in tests/fuzz/*.cpp; do targets+=("$(basename "$source" .cpp)"); done
mkdir -p build && exec 9>build/fuzz.lock && flock 9
{ ensure_fuzz_tools && build_fuzz "${targets[@]}" && node tests/fuzz/make-corpus.mjs build/fuzz/seeds; } >&2 || exit 1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd build/fuzz || exit 1
separator=""
echo "["
for target in "${targets[@]}"; do
  kind=api; [[ $target == site_* ]] && kind=site
  mkdir -p "$work/$target"
  TIMEFORMAT='%U %S'
  cpu=$( { time ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 "./$target" -max_total_time="$seconds" \
    "${FUZZ_RUN_OPTIONS[@]}" -max_len=$((64 * 1024 + 1024)) -dict="seeds/$kind.dict" "$work/$target" "seeds/$kind" \
    >"$work/$target.log" 2>&1; } 2>&1 )
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$target.log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$work/$target.log" | tail -1)
  per_cpu=$(echo "$cpu" | awk -v n="${runs:-0}" '{ s = $1 + $2; printf "%d", (s > 0 ? n / s : 0) }')
  printf '%s{"target":"%s","seconds":%d,"executions":%d,"execs_per_s":%d,"execs_per_cpu_s":%d}\n' "$separator" \
    "$target" "$seconds" "${runs:-0}" "${rate:-0}" "$per_cpu"
  separator=","
done
echo "]"
