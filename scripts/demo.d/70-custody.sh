#!/usr/bin/env bash
# Demo step: custody. Seal the log, anchor it on the local chain, export a proof for one event
# and verify it the way the public would. Expects: $MBP (the mbp command), $MBP_DB (the demo
# database), and a devchain already running (scripts/devchain start; port $MBP_DEVCHAIN_PORT).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MBP="${MBP:-$ROOT/scripts/mbp}"
WORK="${MBP_DEMO_OUT:-$ROOT/out/demo}/custody"
PORT="${MBP_DEVCHAIN_PORT:-8545}"
RPC="http://127.0.0.1:$PORT"
mkdir -p "$WORK"

# Local demo secrets only: a throwaway passphrase and ganache's well-known first dev account.
export MBP_KEY_PASSPHRASE="${MBP_KEY_PASSPHRASE:-mbp demo passphrase}"
export MBP_KEYFILE="${MBP_KEYFILE:-$WORK/operator-keys.json}"
export MBP_CHAIN_KEY="${MBP_CHAIN_KEY:-$("$ROOT/scripts/devchain" key 2>/dev/null)}"

"$ROOT/scripts/devchain" status >/dev/null || { echo "30-custody: no chain at $RPC: run scripts/devchain start" >&2; exit 5; }

echo "== custody: operator key"
if [[ ! -f "$MBP_KEYFILE" ]]; then
  $MBP keys init --name mbp.example/log
fi
$MBP keys list
$MBP keys export-public --out "$WORK/operator.pub"

echo "== custody: seal (re-hash the whole log, check the last checkpoint, sign a new one)"
$MBP seal

echo "== custody: anchor the checkpoint on the local chain (chain id 1337)"
$MBP anchor publish --rpc "$RPC" --confirmations 2 --timeout 120

echo "== custody: export a proof for event 0 and verify it as the public would"
$MBP proof export --seq 0 --out "$WORK/proof-0.json"
$MBP verify-anchor --proof "$WORK/proof-0.json" --pubkey "$WORK/operator.pub" --rpc "$RPC" --min-confirmations 2

echo "== custody: the anchors panel"
$MBP anchors report --out "$WORK/report" --rpc "$RPC" --confirmations 2
echo "open $WORK/report/index.html"
