#!/usr/bin/env bash
# Formal pack: TLC on every TLA+ spec (the broken Merkle variant must FAIL), the production oracle
# (failover hysteresis, dispute handling) driven along TLC's state graphs, evidence with manifest under
# out/evidence/S19_formal_audit/
set -euo pipefail
"$MBP" formal check
EV="$ROOT/out/evidence/S19_formal_audit"
echo "counterexample TLC found in the history-rewriting spec:"
sed -n '1,40p' "$EV/merkle_append_only_broken/counterexample.txt"
grep "^conformance" "$EV/summary.txt"
echo "manifest: $(grep -c '"sha256"' "$EV/manifest.json") files with SHA-256 in $EV/manifest.json"
