#!/usr/bin/env bash
# Foundation: the event log on its own. A fresh database gets the sample day of mixed events
# (append, export, tail, stats); then the pipeline's database gets the day's PIX cash movements,
# the input the oracle, market and payout steps build on.
set -euo pipefail
FDB="jdbc:h2:file:$OUT/foundation/mbp"
# Issue 12: a withdrawal's PIX key enters the log only as a vault reference, so the sample day's
# customers are onboarded (samples/customers/) before their withdrawals are appended (ADR 0703).
# Local demo secrets only: a throwaway vault passphrase (50-payouts uses the same defaults).
export MBP_VAULT_PASSPHRASE="${MBP_VAULT_PASSPHRASE:-mbp demo vault passphrase}"
export MBP_KEK_FILE="${MBP_KEK_FILE:-$OUT/keys/vault-kek.json}"
CUSTOMERS="$ROOT/samples/customers/2026-11-27.ndjson"
"$MBP" --db "$FDB" db migrate
[[ -f "$MBP_KEK_FILE" ]] || "$MBP" --db "$FDB" privacy kek init
"$MBP" --db "$FDB" kyc onboard --file "$CUSTOMERS" > "$OUT/foundation/onboarding.txt"
echo "onboarded $(grep -c . "$CUSTOMERS") customers (pending: no provider asked) into the foundation database"
"$MBP" --db "$FDB" events append --file "$ROOT/samples/events/2026-11-27.ndjson"
"$MBP" --db "$FDB" events export --format ndjson > "$OUT/foundation/events.ndjson"
"$MBP" --db "$FDB" events export --format csv > "$OUT/foundation/events.csv"
echo "exported $(wc -l < "$OUT/foundation/events.ndjson") events to $OUT/foundation/events.ndjson and events.csv"
"$MBP" --db "$FDB" events tail -n 3
"$MBP" --db "$FDB" events stats
# a bad line is refused whole (exit 4), naming line and field
if printf '%s\n' '{"type":"DepositReceived","stream":"a","ts":"2026-11-27T10:00:00Z","payload":{"account":"a","amount":12.5,"e2eid":"E1"}}' \
    | "$MBP" --db "$FDB" events append --file -; then echo "a float was accepted!" >&2; exit 1; fi

echo
echo "== the pipeline database: the day's PIX deposits and withdrawals of the customers 05-onboarding verified"
echo "   (only verified customers with the payouts consent are paid: ADR 0704)"
"$MBP" --db "$DB" db migrate
# The customers were onboarded through the daemon's POST /v2/accounts by 05-onboarding.sh.
"$MBP" --db "$DB" events append --file "$ROOT/samples/events/2026-11-27-cash.ndjson"
