#!/usr/bin/env bash
# Demo step: acct-0002, the sample customer whose name variant is on the sample OFAC list (07-screening
# opened its alert), asks for a withdrawal late on the sample day, to its registered PIX key (read from
# the sample customers file, stored as a vault reference). 50-payouts screens every payee first and
# HOLDS this payout (PayoutHeld: nothing is sent) until a review; this step's only job is the request.
# Needs: MBP, DB, OUT. docs/screening.md#hooks, ADR 0717.
set -euo pipefail
: "${MBP:?set MBP to the mbp command}" "${DB:?set DB to the JDBC URL}"
ROOT="${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
OUT="${OUT:-$ROOT/out/demo}"
export MBP_VAULT_PASSPHRASE="${MBP_VAULT_PASSPHRASE:-mbp demo vault passphrase}"
export MBP_KEK_FILE="${MBP_KEK_FILE:-$OUT/keys/vault-kek.json}"
mkdir -p "$OUT/screening"
KEY="$(grep '"account":"acct-0002"' "$ROOT/samples/customers/2026-11-27.ndjson" | sed 's/.*"pix_key":"\([^"]*\)".*/\1/')"
printf '%s\n' "{\"type\":\"WithdrawalRequested\",\"stream\":\"acct-0002\",\"ts\":\"2026-11-27T19:58:00Z\",\"payload\":{\"withdrawal_id\":\"wd-demo-0002\",\"account\":\"acct-0002\",\"amount\":5000,\"pix_key\":\"$KEY\"}}" \
  > "$OUT/screening/acct-0002-withdrawal.ndjson"
echo "== acct-0002 withdraws R\$ 50.00 (its balance covers it); the key enters the log as a vault reference"
"$MBP" --db "$DB" events append --file "$OUT/screening/acct-0002-withdrawal.ndjson"
