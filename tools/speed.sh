#!/usr/bin/env bash
# Speed at the floor: policycheck (NativeAOT) against a parse-only floor program and a hello world built the same way.
# Prints medians of RUNS (default 5) whole-process runs, peak memory and the ratios, in one run. A report, not a test.
# Usage: tools/speed.sh   (needs clang or gcc, and zlib1g-dev, for NativeAOT)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
source tools/aot.sh
dotnet publish src/PolicyCheck.Cli "${aot[@]}" -p:PolicyCheckAot=true -o "$out/tool" >"$out/publish.log" 2>&1 || { cat "$out/publish.log"; exit 1; }
dotnet publish tests/PolicyCheck.Benchmarks/Floor "${aot[@]}" -o "$out/floor" >"$out/publish.log" 2>&1 || { cat "$out/publish.log"; exit 1; }
publish_hello "$out/hello" >"$out/publish.log" 2>&1 || { cat "$out/publish.log"; exit 1; }
tool=$out/tool/policycheck floor=$out/floor/floor
"$floor" generate batch 20000 "$out/batch.jsonl"
"$floor" generate batch 200000 "$out/batch-200k.jsonl"
"$floor" generate policies 10000 "$out/policies"

peak() { # command... → peak resident MB
  /usr/bin/time -f %M -o "$out/rss" "$@" >/dev/null 2>&1 || true
  awk '{printf "%.1f", $1/1024}' "$out/rss"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a/b}'; }

batch_tool=$(median "$tool" simulate --batch "$out/batch.jsonl")
batch_floor=$(median "$floor" batch "$out/batch.jsonl")
batch_mem=$(peak "$tool" simulate --batch "$out/batch.jsonl")
batch_mem_200k=$(peak "$tool" simulate --batch "$out/batch-200k.jsonl")
lint_tool=$(median "$tool" lint "$out/policies")
lint_floor=$(median "$floor" files "$out/policies")
lint_one_core=$(median taskset -c 0 "$tool" lint "$out/policies")
sarif_tool=$(median "$tool" lint --format sarif "$out/policies")
junit_tool=$(median "$tool" lint --format junit "$out/policies")
ceiling=$(median "$floor" files-parallel "$out/policies")
ceiling_one_core=$(median taskset -c 0 "$floor" files-parallel "$out/policies")
one=examples/seed/inference-only/permission.json
one_tool=$(median "$tool" lint "$one")
hello=$(median "$out/hello/bin/hello")

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo); medians of $runs runs, $(date -u +%F)"
echo "simulate --batch, 20,000 lines ($(du -m "$out/batch.jsonl" | cut -f1) MB): ${batch_tool} ms; floor ${batch_floor} ms; ratio $(ratio "$batch_tool" "$batch_floor") (target <= 1.5)"
echo "simulate --batch, peak memory: ${batch_mem} MB at 20,000 lines, ${batch_mem_200k} MB at 200,000 lines (target <= 100 MB)"
echo "lint, 10,000 policies in 5,000 role folders: ${lint_tool} ms; floor ${lint_floor} ms; ratio $(ratio "$lint_tool" "$lint_floor") (target <= 2)"
echo "lint, 10,000 policies: ${lint_one_core} ms on 1 core; $(ratio "$lint_one_core" "$lint_tool")x faster on $(nproc) cores (target >= 2 on 2 cores)"
echo "floor on every core, the same files: ${ceiling_one_core} ms on 1 core, ${ceiling} ms on $(nproc); $(ratio "$ceiling_one_core" "$ceiling")x faster (what a core more gives reading and parsing them here)"
echo "lint --format sarif, the same 10,000 policies: ${sarif_tool} ms; --format junit ${junit_tool} ms (the text report ${lint_tool} ms)"
echo "lint one.json: ${one_tool} ms; NativeAOT hello world ${hello} ms; ratio $(ratio "$one_tool" "$hello") (target <= 3)"
