#!/usr/bin/env bash
# The action's install step: the PolicyCheck dotnet tool, on PATH for the next steps.
set -euo pipefail
args=(tool install --global PolicyCheck)
if [ -n "${INPUT_VERSION:-}" ]; then args+=(--version "$INPUT_VERSION"); fi
if [ -n "${INPUT_SOURCE:-}" ]; then args+=(--add-source "$INPUT_SOURCE"); fi
dotnet "${args[@]}"
echo "$HOME/.dotnet/tools" >> "${GITHUB_PATH:-/dev/null}"
