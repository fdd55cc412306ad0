#!/usr/bin/env bash
# The NuGet packages into folder OUT: PolicyCheck (the tool users install; it points at the RID packages),
# PolicyCheck.any (the JIT build, for any machine with .NET 10), PolicyCheck.Analyzers, and PolicyCheck.RID (NativeAOT)
# for each RID given. NativeAOT does not cross-compile between operating systems: pack a RID on its own OS
# (.github/workflows/release.yml packs each on a native runner). VERSION overrides the projects' version.
# Usage: tools/pack.sh OUT [RID...]      e.g. tools/pack.sh artifacts/packages linux-x64
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: tools/pack.sh OUT [RID...]" >&2; exit 2; }
mkdir -p "$1"
out=$(cd "$1" && pwd)
shift
cd "$(dirname "$0")/.."
common=(-c Release -p:PolicyCheckAot=true --nologo -v q -o "$out")
if [ -n "${VERSION:-}" ]; then common+=(-p:Version="$VERSION"); fi
# NativeAOT links with clang on Linux by default; gcc where clang is missing.
if [ "$(uname -s)" = Linux ] && ! command -v clang >/dev/null; then common+=(-p:CppCompilerAndLinker=gcc); fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet pack src/PolicyCheck.Cli "${common[@]}"
dotnet pack src/PolicyCheck.Cli "${common[@]}" -r any -p:PublishDir="$work/any/"
dotnet pack analyzers/PolicyCheck.Analyzers.Package "${common[@]}"
for rid in "$@"; do
  # A fresh publish folder: the package takes everything in it.
  dotnet pack src/PolicyCheck.Cli "${common[@]}" -r "$rid" -p:PublishDir="$work/$rid/"
done
ls "$out"
