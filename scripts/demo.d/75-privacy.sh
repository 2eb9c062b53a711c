#!/usr/bin/env bash
# Demo step: data-subject requests after custody sealed and anchored the log. A customer's DSR
# export (everything we hold, decrypted, each read audited); then the late applicant of
# 05-onboarding (never verified, no money moved: no legal retention) asks for erasure and is
# crypto-shredded at once. Before that we keep a proof of their KycSubmitted event against the
# anchored checkpoint; after the erasure and a new seal that old proof still verifies, because the
# log kept the ciphertext the Merkle leaf hashes: only the key is gone.
# Needs: MBP, MBP_DB, OUT, the custody step's key file, and a devchain (else the chain check is offline).
set -euo pipefail
ROOT="${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
MBP="${MBP:-$ROOT/scripts/mbp}"
OUT="${OUT:-$ROOT/out/demo}"
WORK="$OUT/privacy"
PORT="${MBP_DEVCHAIN_PORT:-8545}"
RPC="http://127.0.0.1:$PORT"
mkdir -p "$WORK"
# Local demo secrets only, the same as 05-onboarding and 70-custody.
export MBP_VAULT_PASSPHRASE="${MBP_VAULT_PASSPHRASE:-mbp demo vault passphrase}"
export MBP_KEK_FILE="${MBP_KEK_FILE:-$OUT/keys/vault-kek.json}"
export MBP_KEY_PASSPHRASE="${MBP_KEY_PASSPHRASE:-mbp demo passphrase}"
export MBP_KEYFILE="${MBP_KEYFILE:-$OUT/custody/operator-keys.json}"
export MBP_OPERATOR="${MBP_OPERATOR:-demo-dpo}"

if ! "$MBP" privacy dsr --help >/dev/null 2>&1; then
  echo "75-privacy: skipped: this build has no \`mbp privacy dsr\` (issue 12's DSR commands are not merged yet)" >&2
  exit 0
fi
APPLICANT="$(cat "$OUT/kyc/late-applicant")"
CHECK=(--rpc "$RPC" --min-confirmations 2)
"$ROOT/scripts/devchain" status >/dev/null 2>&1 || { echo "75-privacy: no chain at $RPC: the anchor is checked offline" >&2; CHECK=(--offline); }

echo "== DSR export for acct-0001 (LGPD art. 18): everything we hold, decrypted, with where it is used"
"$MBP" privacy dsr export --account acct-0001 --out "$WORK/dsr-acct-0001.json"

SEQ="$("$MBP" events export --format ndjson | grep '"type":"KycSubmitted"' | grep "\"account\":\"$APPLICANT\"" \
  | sed 's/.*"seq":\([0-9]*\).*/\1/' | head -1)"
echo "== a proof of $APPLICANT's KycSubmitted (seq $SEQ) against the checkpoint anchored by custody"
"$MBP" proof export --seq "$SEQ" --out "$WORK/proof-before-erasure.json"
"$MBP" keys export-public --out "$WORK/operator.pub"
"$MBP" kyc show "$APPLICANT"

echo "== $APPLICANT asks for erasure: never verified, no money moved, so no legal retention applies"
"$MBP" privacy dsr erase --account "$APPLICANT"
echo "-- a second request finds nothing left; the export says so"
"$MBP" privacy dsr erase --account "$APPLICANT"
"$MBP" privacy dsr export --account "$APPLICANT" --out "$WORK/dsr-$APPLICANT.json"
if "$MBP" kyc show "$APPLICANT" --reveal --purpose "demo: try to read an erased subject" >/dev/null 2>"$WORK/reveal.err"; then
  echo "an erased subject was revealed!" >&2; exit 1
fi
echo "reveal refused: $(cat "$WORK/reveal.err")"

echo "== seal again, then check the old proof: the erased subject's event still verifies"
"$MBP" seal
"$MBP" verify-anchor --proof "$WORK/proof-before-erasure.json" --pubkey "$WORK/operator.pub" "${CHECK[@]}"
