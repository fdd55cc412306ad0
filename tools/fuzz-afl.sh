#!/usr/bin/env bash
# Coverage-guided fuzzing of one reader with AFL++ and SharpFuzz (instrumented PolicyCheck assemblies).
# Needs: apt-get install afl++; dotnet tool install --global SharpFuzz.CommandLine.
# Usage: tools/fuzz-afl.sh policy|config|batch|template|plan|settings|parameters [seconds (default 60)]
# Crashing inputs land in $out/default/crashes; copy them to tests/PolicyCheck.Tests/BadInput/fuzz-crashers/<target>-….
set -euo pipefail
target=${1:-policy}
seconds=${2:-60}
repo=$(cd "$(dirname "$0")/.." && pwd)
out=${OUT:-$(mktemp -d)}
export PATH="$PATH:$HOME/.dotnet/tools"
dotnet publish "$repo/tests/PolicyCheck.Fuzz" -c Release -o "$out/bin" --nologo -v q >/dev/null
for dll in PolicyCheck.Core.dll PolicyCheck.Inputs.dll; do sharpfuzz "$out/bin/$dll" >/dev/null; done
mkdir -p "$out/seeds"
case "$target" in
  policy) find "$repo/examples" "$repo/tests/PolicyCheck.Tests/BadInput/corpus" -name '*.json' -size -8k -exec cp {} "$out/seeds/" \; ;;
  config) find "$repo/examples" -name policycheck.yml -exec sh -c 'cp "$1" "$2/$(echo "$1" | md5sum | cut -c1-8).yml"' _ {} "$out/seeds" \; ;;
  template) find "$repo/examples" "$repo/tests/PolicyCheck.Tests/BadInput/corpus" \( -name '*.yaml' -o -name '*.template.json' -o -name 'cfn-*' \) -size -8k -exec sh -c 'cp "$1" "$2/$(echo "$1" | md5sum | cut -c1-8)"' _ {} "$out/seeds" \; ;;
  plan) cp "$repo/examples/terraform/plan.json" "$out/seeds/" ;;
  settings) printf 'authType: assumedRole\nroleArn: arn:aws:iam::123456789012:role/portkey\nexternalIdEnv: EXT\nregion: us-west-2\nworkspaceId: wrkspc_01abc\n' > "$out/seeds/s.yml" ;;
  parameters) cp "$repo/examples/cloudformation/parameters.json" "$out/seeds/" ;;
  batch) printf '%s\n' '{"policies":[{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}],"action":"s3:GetObject","context":{"aws:TagKeys":["a"]}}' > "$out/seeds/one.jsonl" ;;
esac
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1
timeout --preserve-status "$seconds" afl-fuzz -i "$out/seeds" -o "$out/findings" -t 5000 -m none -- dotnet "$out/bin/PolicyCheck.Fuzz.dll" --afl "$target" >/dev/null 2>&1 || true
stats="$out/findings/default/fuzzer_stats"
if [ -f "$stats" ]; then
  execs=$(awk -F: '/^execs_done/ {gsub(/ /,"",$2); print $2}' "$stats")
  paths=$(awk -F: '/^corpus_count/ {gsub(/ /,"",$2); print $2}' "$stats")
  crashes=$(awk -F: '/^saved_crashes/ {gsub(/ /,"",$2); print $2}' "$stats")
  hangs=$(awk -F: '/^saved_hangs/ {gsub(/ /,"",$2); print $2}' "$stats")
  echo "afl $target: $execs inputs in ${seconds} s, $paths paths, $crashes crash(es), $hangs hang(s); findings in $out/findings"
else
  echo "afl $target: no stats (did afl-fuzz start? see $out)"; exit 1
fi
