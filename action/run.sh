#!/usr/bin/env bash
# The action's lint step (tested locally by ActionTests): lint, the counts as outputs, and with diff-base the diff.
# POLICYCHECK overrides the command (the tests point it at the built CLI).
set -uo pipefail
read -r -a pc <<< "${POLICYCHECK:-policycheck}"
read -r -a paths <<< "${INPUT_PATHS:-.}"
format=${INPUT_FORMAT:-github}
case "$format" in github|sarif) ;; *) echo "::error::format must be github or sarif, not '$format'"; exit 2 ;; esac
config=()
if [ -n "${INPUT_CONFIG:-}" ]; then config=(--config "$INPUT_CONFIG"); fi
baseline=()
if [ -n "${INPUT_BASELINE:-}" ]; then baseline=(--baseline "$INPUT_BASELINE"); fi
out=${GITHUB_OUTPUT:-/dev/null}
tmp=${RUNNER_TEMP:-$(mktemp -d)}
summary="$tmp/policycheck-summary.json"

# The counts, from the JSON report (exit code ignored here: the run below decides).
"${pc[@]}" lint "${paths[@]}" "${config[@]}" "${baseline[@]}" --format json --quiet --output "$summary" >/dev/null 2>&1
for kind in errors warnings notes; do
  n=$(sed -n "s/^ *\"$kind\": \([0-9]*\).*/\1/p" "$summary" 2>/dev/null | head -n 1)
  echo "$kind=${n:-0}" >> "$out"
done

status=0
if [ "$format" = sarif ]; then
  sarif="$tmp/policycheck.sarif"
  "${pc[@]}" lint "${paths[@]}" "${config[@]}" "${baseline[@]}" --fail-on "${INPUT_FAIL_ON:-error}" --format sarif --output "$sarif" || status=$?
  echo "sarif=$sarif" >> "$out"
else
  "${pc[@]}" lint "${paths[@]}" "${config[@]}" "${baseline[@]}" --fail-on "${INPUT_FAIL_ON:-error}" --format github || status=$?
fi

if [ -n "${INPUT_DIFF_BASE:-}" ]; then
  # What the change grants or breaks, as annotations on the changed lines.
  diff_status=0
  "${pc[@]}" diff --git "$INPUT_DIFF_BASE" "${paths[@]}" "${config[@]}" --fail-on "${INPUT_DIFF_FAIL_ON:-broken,new-access}" --format github || diff_status=$?
  if [ "$diff_status" -gt "$status" ]; then status=$diff_status; fi
fi
exit "$status"
