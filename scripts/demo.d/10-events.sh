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
echo "== the pipeline database: the sample customers onboarded and verified (KYC simulator), then the day's PIX"
echo "   deposits and withdrawals (only verified customers with the payouts consent are paid: ADR 0704)"
"$MBP" --db "$DB" db migrate
KYC_LOG="$OUT/kyc-sim.log"
"$MBP" kyc-sim --port 0 --seed 2026 > "$KYC_LOG" 2>&1 &
KYC_SIM=$!
trap 'kill "$KYC_SIM" 2>/dev/null || true; wait "$KYC_SIM" 2>/dev/null || true' EXIT
for _ in $(seq 1 150); do
  grep -q "listening on" "$KYC_LOG" 2>/dev/null && break
  kill -0 "$KYC_SIM" 2>/dev/null || { echo "kyc-sim failed to start:" >&2; cat "$KYC_LOG" >&2; exit 1; }
  sleep 0.2
done
KYC_URL="$(sed -n 's/^KYC simulator listening on \(http:[^ ]*\)$/\1/p' "$KYC_LOG")"
[[ -n "$KYC_URL" ]] || { echo "kyc-sim did not start" >&2; cat "$KYC_LOG" >&2; exit 1; }
"$MBP" --db "$DB" kyc onboard --file "$CUSTOMERS" --provider "$KYC_URL" > "$OUT/onboarding.txt"
kill "$KYC_SIM" 2>/dev/null || true; wait "$KYC_SIM" 2>/dev/null || true
trap - EXIT
echo "onboarded and verified the sample customers (report: $OUT/onboarding.txt):"; tail -n 2 "$OUT/onboarding.txt"
"$MBP" --db "$DB" events append --file "$ROOT/samples/events/2026-11-27-cash.ndjson"
