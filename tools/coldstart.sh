#!/usr/bin/env bash
# Cold start of `policycheck lint one.json`, whole process, NativeAOT, next to a NativeAOT hello world built the same way.
# Prints the median of N runs for both. Needs clang or gcc, and zlib1g-dev, for NativeAOT.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-21}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
aot=(-c Release -r linux-x64)
command -v clang >/dev/null || aot+=(-p:CppCompilerAndLinker=gcc)   # NativeAOT links with clang by default
dotnet publish src/PolicyCheck.Cli "${aot[@]}" -p:PolicyCheckAot=true -o "$out/tool" >/dev/null
# The same tool without the embedded AWS action catalogue: what the catalogue costs a lint that does not need it.
dotnet publish src/PolicyCheck.Cli "${aot[@]}" -p:PolicyCheckAot=true -p:EmbedCatalog=false -o "$out/nocat" >/dev/null 2>&1 || true
mkdir -p "$out/hello"
cat > "$out/hello/hello.csproj" <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><PublishAot>true</PublishAot>
  <InvariantGlobalization>true</InvariantGlobalization><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup>
</Project>
XML
echo 'System.Console.WriteLine("hello");' > "$out/hello/Program.cs"
dotnet publish "$out/hello/hello.csproj" "${aot[@]}" -o "$out/hello/bin" >/dev/null
median() { # command...
  local times=()
  for _ in $(seq "$runs"); do
    local s e
    s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N)
    times+=( $(( (e - s) / 1000 )) )
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}'
}
policy=examples/seed/inference-only/permission.json
tool_ms=$(median "$out/tool/policycheck" lint "$policy")
hello_ms=$(median "$out/hello/bin/hello")
nocat_ms=$( [ -x "$out/nocat/policycheck" ] && median "$out/nocat/policycheck" lint "$policy" || echo "n/a")
echo "cold start (median of $runs): policycheck lint one.json = ${tool_ms} ms; without the embedded catalogue = ${nocat_ms} ms; NativeAOT hello world = ${hello_ms} ms"
