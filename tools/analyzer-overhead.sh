#!/usr/bin/env bash
# Build-time cost of the PolicyCheck analyzers on a generated 1,000-file C# project (target: <= 3% more wall time).
# Builds the same project with and without the analyzers, alternating, and prints the medians and their ratio.
# With a third argument, that many IAM policy files (in folders of two: a role each) are AdditionalFiles of the "with"
# builds, as the package adds them (target then: <= 5%).
# The builds use the compiler server, which keeps the analyzers loaded between builds as on a developer's machine and
# in the IDE; SHARED=false measures a fresh compiler per build (environments that set UseSharedCompilation=false).
# Usage: [SHARED=false] tools/analyzer-overhead.sh [runs (default 5)] [files (default 1000)] [policy files (default 0)]
set -euo pipefail
runs=${1:-5}
files=${2:-1000}
policies=${3:-0}
shared=${SHARED:-true}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"; [ "$shared" = true ] && dotnet build-server shutdown >/dev/null 2>&1 || true' EXIT
dotnet build "$repo/analyzers/PolicyCheck.Analyzers" -c Release --nologo -v q >/dev/null
bin="$repo/analyzers/PolicyCheck.Analyzers/bin/Release/netstandard2.0"
mkdir -p "$work/Big"
cat > "$work/Big/Big.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><TreatWarningsAsErrors>false</TreatWarningsAsErrors></PropertyGroup>
  <ItemGroup Condition="'\$(PolicyCheck)' == 'true'">
    <Analyzer Include="$bin/PolicyCheck.Analyzers.dll" />
    <Analyzer Include="$bin/PolicyCheck.Core.dll" />
    <AdditionalFiles Include="iam/**/*.json" />
  </ItemGroup>
</Project>
XML
for i in $(seq 1 "$files"); do
  cat > "$work/Big/File$i.cs" <<CS
namespace Big;
public sealed class Service$i
{
    private const string Endpoint = "https://aws-external-anthropic.us-west-2.api.aws/v1/messages";
    private const string Arn = "arn:aws:aws-external-anthropic:us-west-2:111122223333:workspace/wrkspc_$i";
    private static readonly string[] Actions = { "aws-external-anthropic:CreateInference", "s3:GetObject", "logs:PutLogEvents" };
    public string Name { get; set; } = "service-$i";
    public int Count(string text) { int n = 0; foreach (char c in text) if (c == ':') n++; return n + Actions.Length; }
    public string Describe(int x) => x switch { 0 => "zero", 1 => "one: " + Name, _ => \$"many {x} at {Endpoint} for {Arn}" };
    public async System.Threading.Tasks.Task<int> WorkAsync(int x) { await System.Threading.Tasks.Task.Yield(); return Count(Describe(x)) + $i; }
}
CS
done
# One planted mistake proves the analyzers really run in the "with" builds.
echo 'namespace Big; public static class Planted { public const string Host = "https://aws-external-anthropic.us-west-2.amazonaws.com"; }' > "$work/Big/Planted.cs"
for i in $(seq 1 "$policies"); do
  role="$work/Big/iam/role-$(( (i + 1) / 2 ))"
  mkdir -p "$role"
  if (( i % 2 == 1 )); then
    cat > "$role/permission.json" <<JSON
{"Version": "2012-10-17", "Statement": [
  {"Sid": "Claude", "Effect": "Allow", "Action": ["aws-external-anthropic:CreateInference", "aws-external-anthropic:CountTokens"], "Resource": "arn:aws:aws-external-anthropic:us-west-2:111122223333:workspace/wrkspc_$i"},
  {"Sid": "Logs", "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::logs-$i/portkey/*"}]}
JSON
  else
    cat > "$role/trust.json" <<JSON
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::299329113195:role/portkey-app"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "tenant-$i-4c1e9a2b-7d3f"}}}]}
JSON
  fi
done
if (( policies > 0 )); then
  # A planted policy mistake proves the policy files are linted in the "with" builds.
  mkdir -p "$work/Big/iam/planted"
  echo '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["aws-external-anthropic:CreateInference", "aws-external-anthropic:CountTokens", "aws-external-anthropic:CallWithBearerToken"], "Resource": "arn:aws:aws-external-anthropic:*:*:workspace/*"}]}' > "$work/Big/iam/planted/permission.json"
fi
dotnet restore "$work/Big" --nologo -v q >/dev/null
measure() {
  local start end
  start=$(date +%s%N)
  dotnet build "$work/Big" --no-restore --no-incremental --nologo -v q -p:UseSharedCompilation="$shared" -p:PolicyCheck="$1" >/dev/null
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}
measure false >/dev/null   # warm-up (build server, disk cache)
measure false >/dev/null   # the compiler server's own code tiers up over its first builds
if ! dotnet build "$work/Big" --no-restore --no-incremental --nologo -v q -p:UseSharedCompilation="$shared" -p:PolicyCheck=true 2>&1 | grep -q "warning PC5002"; then
  echo "the analyzers did not run (no PC5002 on the planted mistake)"; exit 1
fi
if (( policies > 0 )) && ! dotnet build "$work/Big" --no-restore --no-incremental --nologo -v q -p:UseSharedCompilation="$shared" -p:PolicyCheck=true 2>&1 | grep -q "permission.json(1,152): warning PC2006"; then
  echo "the policy files were not linted (no PC2006 on the planted policy)"; exit 1
fi
without=(); with=()
for r in $(seq 1 "$runs"); do
  without+=("$(measure false)")
  with+=("$(measure true)")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
m0=$(median "${without[@]}"); m1=$(median "${with[@]}")
echo "files: $files, policy files: $policies, runs: $runs, compiler server: $shared"
echo "without analyzers: ${without[*]} ms (median $m0 ms)"
echo "with analyzers:    ${with[*]} ms (median $m1 ms)"
target=$([ "$policies" -gt 0 ] && echo 5 || echo 3)
awk -v a="$m0" -v b="$m1" -v t="$target" 'BEGIN { printf "overhead: %+.1f%% (ratio %.3f; target <= +%d%%)\n", (b-a)*100/a, b/a, t }'
