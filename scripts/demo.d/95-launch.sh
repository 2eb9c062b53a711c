#!/usr/bin/env bash
# Demo step (issue 16, launch pack): cut a release, rehearse the canary with its rollback, audit custody
# the way the auditors of roadmap §3.2 would, then ask the Go/No-Go question. On the demo's data the answer
# is NO-GO (exit 3) and the check names the red gates and those without evidence: that is the expected
# outcome here, not a failure of the demo. Expects $MBP, $MBP_DB, the devchain, and 80-nightly and
# 90-formal before it (an anchored checkpoint; the formal results in out/evidence/S19_formal_audit).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MBP="${MBP:-$ROOT/scripts/mbp}"
DEMO_OUT="${MBP_DEMO_OUT:-$ROOT/out/demo}"
WORK="$DEMO_OUT/launch"
PORT="${MBP_DEVCHAIN_PORT:-8545}"
RPC="http://127.0.0.1:$PORT"
mkdir -p "$WORK"
export MBP_KEY_PASSPHRASE="${MBP_KEY_PASSPHRASE:-mbp demo passphrase}"
export MBP_KEYFILE="${MBP_KEYFILE:-$DEMO_OUT/custody/operator-keys.json}"
export MBP_CHAIN_KEY="${MBP_CHAIN_KEY:-$("$ROOT/scripts/devchain" key 2>/dev/null)}"

echo "== release: cut v0.16.0-demo (manifest, SBOM, provenance, DSSE, Merkle root anchored)"
# The SBOM is bom.json beside the jar, written by the release profile (docs/releases.md); the demo's jar
# was built without it, so build the release way once. CycloneDX's makeBom declares that it needs
# online mode: under `mvn -o` it logs "requires online mode ... skipping" and writes nothing. So this
# build runs without -o; with the plugin and every dependency already in the local repository
# (~/.m2), Maven resolves everything there and opens no connection. If the plugin is not there, or
# the build writes no bom.json, the cut is skipped, saying why, and the gate says so: no evidence,
# never green.
JAR="$ROOT/cli/target/mbp.jar"
M2="${MAVEN_REPO:-$HOME/.m2/repository}"
SBOM_PLUGIN="$M2/org/cyclonedx/cyclonedx-maven-plugin/2.9.1/cyclonedx-maven-plugin-2.9.1.jar"
if [[ ! -f "$ROOT/cli/target/bom.json" ]]; then
  if [[ ! -f "$SBOM_PLUGIN" ]]; then
    echo "release: no SBOM: cyclonedx-maven-plugin 2.9.1 is not in $M2 (it needs one online build to fetch it)" >&2
  else
    (cd "$ROOT" && . scripts/jdk && mvn -B -q -pl cli -am -Prelease package -DskipTests) >&2 \
      || echo "release: the release build (-Prelease, not offline: makeBom requires online mode) failed; no bom.json" >&2
  fi
fi
RELEASE="$WORK/release"
rm -rf "$RELEASE"
if [[ -f "$ROOT/cli/target/bom.json" ]]; then
  rc=0
  $MBP release cut --version 0.16.0-demo --out "$RELEASE" --repo "$ROOT" --jar "$JAR" \
    --rpc "$RPC" --confirmations 2 --timeout 120 || rc=$?
  [[ $rc -eq 0 ]] || echo "release: cut exited $rc (4: this version was cut before in this database); the custody gate will show it" >&2
else
  echo "== release: skipped: no bom.json beside $JAR (the CycloneDX SBOM a release must carry; see above why it is missing)"
fi

echo "== canary: drill 5 -> 10 -> 20%, a fault at 20%, automatic rollback, replay identical"
CANARY="$WORK/canary"
rm -rf "$CANARY"
DRILL=()
[[ -f "$RELEASE/params.json" ]] && DRILL=(--release "$RELEASE")
rc=0
$MBP canary drill --out "$CANARY" "${DRILL[@]}" || rc=$?
[[ $rc -eq 0 ]] || echo "canary: the drill did not go as designed (exit $rc): see $CANARY/report.json" >&2
[[ -f "$CANARY/report.json" ]] && grep -o '"as_designed" *: *[a-z]*' "$CANARY/report.json" || true

echo "== audit: custody workpapers (seeded sample, proofs, every anchor on chain, key rotations)"
AUDIT="$ROOT/out/audit/demo-custody"   # where the Go/No-Go custody gate looks (out/audit/)
rm -rf "$AUDIT"
rc=0
$MBP audit custody --sample 16 --seed 2026 --out "$AUDIT" --rpc "$RPC" || rc=$?
[[ $rc -eq 0 || $rc -eq 3 ]] || exit $rc
sed -n '1,12p' "$AUDIT/report.md"

echo "== reconciliation streak over 14 days (the demo has one reconciled day: exit 3 expected)"
$MBP recon streak --days 14 --to 2026-11-27 | tail -n 3 || true

echo "== Go/No-Go: the seven gates from evidence (expected: NO-GO, exit 3)"
rc=0
$MBP gate check --date 2026-11-28 --out "$ROOT/out" --repo "$ROOT" --now 2026-11-28T08:00:00Z || rc=$?
if [[ $rc -eq 0 ]]; then
  echo "95-launch: the gate says GO on demo data; that is a bug in a gate" >&2
  exit 1
fi
[[ $rc -eq 3 ]] || exit $rc
$MBP gate check --json --date 2026-11-28 --out "$ROOT/out" --repo "$ROOT" --now 2026-11-28T08:00:00Z > "$WORK/gate.json" || true
echo "gate decision in $WORK/gate.json; the nightly records it before the seal (docs/gates.md)"
