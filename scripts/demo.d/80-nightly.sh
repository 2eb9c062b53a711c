#!/usr/bin/env bash
# Demo step: the nightly job for the sample day, then the day's evidence bundle checked the way an
# auditor would (signature, hashes, inclusion of every event, anchor on chain) and replayed offline.
# Expects: $MBP (the mbp command), $MBP_DB (the demo database, with the sample day's events), and a
# devchain already running (scripts/devchain start; port $MBP_DEVCHAIN_PORT).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MBP="${MBP:-$ROOT/scripts/mbp}"
DEMO_OUT="${MBP_DEMO_OUT:-$ROOT/out/demo}"
WORK="$DEMO_OUT/nightly"
PORT="${MBP_DEVCHAIN_PORT:-8545}"
RPC="http://127.0.0.1:$PORT"
DATE=2026-11-27
mkdir -p "$WORK"

# Local demo secrets only, the same as 30-custody: a throwaway passphrase and ganache's dev account.
export MBP_KEY_PASSPHRASE="${MBP_KEY_PASSPHRASE:-mbp demo passphrase}"
export MBP_KEYFILE="${MBP_KEYFILE:-$DEMO_OUT/custody/operator-keys.json}"
export MBP_CHAIN_KEY="${MBP_CHAIN_KEY:-$("$ROOT/scripts/devchain" key 2>/dev/null)}"

"$ROOT/scripts/devchain" status >/dev/null || { echo "80-nightly: no chain at $RPC: run scripts/devchain start" >&2; exit 5; }
if [[ ! -f "$MBP_KEYFILE" ]]; then
  $MBP keys init --name mbp.example/log
fi

echo "== nightly: seal, anchor, evidence bundle and public exports for $DATE"
rc=0
$MBP nightly --date "$DATE" --out "$WORK" --rpc "$RPC" --confirmations 2 --anchor-timeout 120 || rc=$?
# 69 = data not ready: only the public export has nothing for a day without events; the bundle is built.
[[ $rc -eq 0 || $rc -eq 69 ]] || exit $rc
$MBP jobs list | head -5

echo "== nightly: a second run of the same date is a no-op"
$MBP nightly --date "$DATE" --out "$WORK" --rpc "$RPC" --skip-anchor || [[ $? -eq 69 ]]

BUNDLE="$WORK/evidence/$DATE"
$MBP keys export-public --out "$WORK/operator.pub"
echo "== evidence: verify $BUNDLE (DSSE signature, file hashes, every event in the checkpoint, anchor on chain)"
$MBP evidence verify "$BUNDLE" --pubkey "$WORK/operator.pub" --rpc "$RPC"
echo "== evidence: replay offline from the bundle's events alone"
$MBP evidence replay "$BUNDLE"
echo "open $BUNDLE/manifest.json; the events are in $BUNDLE/evidence.sqlite (sqlite3 works on it)"
