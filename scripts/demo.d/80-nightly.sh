#!/usr/bin/env bash
# Demo step: the nightly job for the sample day, then the day's evidence bundle checked the way an
# auditor would (signature, hashes, inclusion of every event, anchor on chain) and replayed offline.
# Expects: $MBP (the mbp command), $MBP_DB (the demo database, after the oracle, market, settle,
# payouts and custody steps), and a devchain running (scripts/devchain start; port
# $MBP_DEVCHAIN_PORT); without a chain the anchor step is skipped (--skip-anchor) and says so.
# The oracle and settle steps find the earlier demo steps' work done and append nothing; payouts
# (no --psp: the simulator of 50-payouts is stopped) and recon (no --statement-dir: 50-payouts
# reconciled the day itself) report "skipped" in the job log.
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

CHAIN=(--rpc "$RPC" --confirmations 2 --anchor-timeout 120)
VERIFY_RPC=(--rpc "$RPC")
if ! "$ROOT/scripts/devchain" status >/dev/null 2>&1; then
  echo "80-nightly: no chain at $RPC (scripts/devchain start): the anchor step is skipped" >&2
  CHAIN=(--skip-anchor)
  VERIFY_RPC=()
fi
if [[ ! -f "$MBP_KEYFILE" ]]; then
  $MBP keys init --name mbp.example/log
fi

echo "== nightly: oracle, settle, payouts, recon, seal, anchor, evidence bundle and public exports for $DATE"
rc=0
$MBP nightly --date "$DATE" --out "$WORK" --oracle-every PT10M "${CHAIN[@]}" || rc=$?
# 69 = data not ready: only the public export has nothing for a day without events; the bundle is built.
[[ $rc -eq 0 || $rc -eq 69 ]] || exit $rc
$MBP jobs list | head -5

echo "== nightly: a second run of the same date is a no-op"
$MBP nightly --date "$DATE" --out "$WORK" --rpc "$RPC" --skip-anchor || [[ $? -eq 69 ]]

BUNDLE="$WORK/evidence/$DATE"
$MBP keys export-public --out "$WORK/operator.pub"
echo "== evidence: verify $BUNDLE (DSSE signature, file hashes, every event in the checkpoint, anchor on chain)"
$MBP evidence verify "$BUNDLE" --pubkey "$WORK/operator.pub" "${VERIFY_RPC[@]}"
echo "== evidence: replay offline from the bundle's events alone"
$MBP evidence replay "$BUNDLE"
echo "== evidence: the capability reports (oracle outcomes, settlements, payouts, reconciliation)"
head -n 3 "$BUNDLE"/reports/{oracle,settlements,payouts,reconciliation}.txt
echo "open $BUNDLE/manifest.json; the events are in $BUNDLE/evidence.sqlite (sqlite3 works on it)"
