#!/usr/bin/env bash
# Cold start of `policycheck lint one.json`, whole process, NativeAOT, next to a NativeAOT hello world built the same way.
# Prints the median of N runs for both. Needs clang or gcc, and zlib1g-dev, for NativeAOT.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-21}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
source tools/aot.sh
dotnet publish src/PolicyCheck.Cli "${aot[@]}" -p:PolicyCheckAot=true -o "$out/tool" >/dev/null
# The same tool without the embedded AWS action catalogue: what the catalogue costs a lint that does not need it.
dotnet publish src/PolicyCheck.Cli "${aot[@]}" -p:PolicyCheckAot=true -p:EmbedCatalog=false -o "$out/nocat" >/dev/null 2>&1 || true
publish_hello "$out/hello" >/dev/null
policy=examples/seed/inference-only/permission.json
tool_ms=$(median "$out/tool/policycheck" lint "$policy")
hello_ms=$(median "$out/hello/bin/hello")
nocat_ms=$( [ -x "$out/nocat/policycheck" ] && median "$out/nocat/policycheck" lint "$policy" || echo "n/a")
echo "cold start (median of $runs): policycheck lint one.json = ${tool_ms} ms; without the embedded catalogue = ${nocat_ms} ms; NativeAOT hello world = ${hello_ms} ms"
