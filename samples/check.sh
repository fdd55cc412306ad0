#!/usr/bin/env bash
# Builds both samples (analyzers by ProjectReference and by the packed .nupkg) and checks the compiler output:
# every expected PC warning appears, and no AD0001 (analyzer crashed or failed to load) or CS9057 (analyzer built
# against a newer Roslyn than the SDK's) does. Unit tests run analyzers in-process and cannot catch those.
set -euo pipefail
cd "$(dirname "$0")"
rm -rf packages Sample.Package/obj Sample.Package/bin
dotnet pack ../analyzers/PolicyCheck.Analyzers.Package -c Release -o packages --nologo -v q >/dev/null
expected=(PC5001 PC5002 PC5003 PC5004 PC5005 PC3006)
status=0
for sample in Sample.ProjectReference Sample.Package; do
  log=$(dotnet build "$sample" -c Release --nologo -v q 2>&1 || true)
  for id in "${expected[@]}"; do
    if ! grep -q "warning $id:" <<<"$log"; then echo "FAIL $sample: no $id warning"; status=1; fi
  done
  for bad in AD0001 CS9057 "error "; do
    if grep -q "$bad" <<<"$log"; then echo "FAIL $sample: $bad in the build output"; grep "$bad" <<<"$log" | head -5; status=1; fi
  done
  # The policy files (AdditionalFiles by the package's PolicyCheckPolicyFiles globs), at their own lines and columns.
  for at in "iam/portkey/permission.json(10,9): warning PC2006:" "portkey-role.template.yaml(26,21): warning PC2006:"; do
    if ! grep -qF "$at" <<<"$log"; then echo "FAIL $sample: no '$at' in the build output"; status=1; fi
  done
  count=$(grep -c "warning PC" <<<"$log" || true)
  echo "$sample: $count PolicyCheck warning(s), expected ids ${expected[*]} present: $([ $status = 0 ] && echo yes || echo no)"
done
exit $status
