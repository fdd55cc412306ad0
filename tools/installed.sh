#!/usr/bin/env bash
# The tool as users get it: packs this machine's NativeAOT package (tools/pack.sh), installs PolicyCheck from the local
# folder feed with `dotnet tool install --global` into a fresh HOME (its own tool folder and NuGet cache, so no stale
# package is reused), runs the installed `policycheck lint examples/` (exit 1: the broken ones found), then prints the
# median whole-process time of `policycheck lint one.json`: the installed native tool, the `any` (JIT) fallback and a
# NativeAOT hello world, in one run. Needs clang or gcc, and zlib1g-dev, for NativeAOT. The timing is a report.
# Usage: tools/installed.sh      (RUNS=N for more runs; default 11)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-11}
repo=$(pwd)
rid=$(dotnet --info | sed -n 's/^ *RID: *//p' | head -n 1)
source tools/aot.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -rf artifacts/packages
bash tools/pack.sh artifacts/packages "$rid" >"$work/pack.log" 2>&1 || { cat "$work/pack.log"; exit 1; }

# As the README says (run from the repository):
mkdir -p "$work/home"
( export HOME="$work/home"; cd "$repo"
  dotnet tool install --global PolicyCheck --add-source artifacts/packages >"$work/install.log" 2>&1 \
    || { cat "$work/install.log"; exit 1; } )
native=$work/home/.dotnet/tools/policycheck
# The framework-dependent fallback, the package the pointer names for RIDs without a native build.
HOME="$work/home" dotnet tool install --tool-path "$work/any" PolicyCheck.any --add-source artifacts/packages >"$work/install.log" 2>&1 \
  || { cat "$work/install.log"; exit 1; }
any=$work/any/policycheck

target=$(readlink -f "$native")
case "$target" in */tools/any/"$rid"/policycheck) ;; *) echo "error: the installed tool is not the $rid native build: $target" >&2; exit 1 ;; esac
set +e
"$native" lint examples/ >"$work/lint.txt" 2>&1; code=$?
set -e
grep -E "^policycheck: " "$work/lint.txt" || true
if [ "$code" -ne 1 ]; then cat "$work/lint.txt" >&2; echo "error: the installed policycheck lint examples/ exited $code, expected 1" >&2; exit 1; fi
"$native" --version | head -n 1

publish_hello "$work/hello" >"$work/hello.log" 2>&1 || { cat "$work/hello.log"; exit 1; }
policy=examples/seed/inference-only/permission.json
native_ms=$(median "$native" lint "$policy")
any_ms=$(median "$any" lint "$policy")
hello_ms=$(median "$work/hello/bin/hello")
echo "installed tool, policycheck lint one.json (median of $runs, $(nproc) cores): native ($rid) ${native_ms} ms (target <= 25);" \
  "any (JIT) ${any_ms} ms; NativeAOT hello world ${hello_ms} ms; native/hello $(awk -v a="$native_ms" -v b="$hello_ms" 'BEGIN {printf "%.2f", a/b}') (target <= 3)"
