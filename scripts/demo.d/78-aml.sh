#!/usr/bin/env bash
# Demo step: AML monitoring (docs/aml.md) over the sample day. Its own database (like 10-events'
# foundation one): the sample customers, the whole sample day of deposits, fills and withdrawals, and the
# clearly labelled hand-written file samples/aml/2026-11-27-suspicious.ndjson (structuring, rapid in-out,
# payouts of three accounts to one PIX key). `mbp aml run` prints the alert counts by scenario version;
# a re-run opens nothing; then one case is escalated into a COAF draft with its deadline and the sample
# day's own coincidence (a wash-repeated-pairs hit) is closed as a false positive.
# Needs: MBP, OUT. docs/runbooks/aml-review.md, ADRs 0713-0715.
set -euo pipefail
ROOT="${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
MBP="${MBP:-$ROOT/scripts/mbp}"
OUT="${OUT:-$ROOT/out/demo}"
WORK="$OUT/aml"
ADB="jdbc:h2:file:$WORK/mbp"
mkdir -p "$WORK"
# Local demo secrets only, the same defaults as 05-onboarding.
export MBP_VAULT_PASSPHRASE="${MBP_VAULT_PASSPHRASE:-mbp demo vault passphrase}"
export MBP_KEK_FILE="${MBP_KEK_FILE:-$OUT/keys/vault-kek.json}"
export MBP_OPERATOR="${MBP_OPERATOR:-carol}"
[[ -f "$MBP_KEK_FILE" ]] || "$MBP" --db "$ADB" privacy kek init

echo "== AML: the sample day and the labelled suspicious additions in $WORK"
"$MBP" --db "$ADB" kyc onboard --file "$ROOT/samples/customers/2026-11-27.ndjson" --now 2026-11-26T12:00:00Z > "$WORK/onboarding.txt"
"$MBP" --db "$ADB" events append --file "$ROOT/samples/events/2026-11-27.ndjson" > /dev/null
"$MBP" --db "$ADB" events append --file "$ROOT/samples/aml/2026-11-27-suspicious.ndjson" > /dev/null
"$MBP" --db "$ADB" aml run --date 2026-11-27 --now 2026-11-28T01:00:00Z
echo "-- the same day again (idempotent):"
"$MBP" --db "$ADB" aml run --date 2026-11-27 --now 2026-11-28T01:30:00Z | tail -1
"$MBP" --db "$ADB" aml alerts list

alert_of() { "$MBP" --db "$ADB" aml alerts list --status open | awk -v s="$1@" 'index($2, s) == 1 { print $1; exit }'; }
STRUCT="$(alert_of structuring)"
PAIRS="$(alert_of wash-repeated-pairs)"
echo "== review: escalate the structuring alert $STRUCT, close the sample day's coincidence $PAIRS"
"$MBP" --db "$ADB" aml cases open --alert "$STRUCT" --now 2026-11-30T12:00:00Z | head -1
"$MBP" --db "$ADB" aml cases assign --case CASE-000001 --to dave | head -1
"$MBP" --db "$ADB" aml cases decide --case CASE-000001 --escalate \
  --reason "three deposits just under the threshold in 80 minutes, no trading" --now 2026-11-30T15:00:00Z | head -3
"$MBP" --db "$ADB" aml cases open --alert "$PAIRS" --now 2026-11-30T12:05:00Z | head -1
"$MBP" --db "$ADB" aml cases decide --case CASE-000002 --close-false-positive \
  --reason "random retail flow: both accounts trade both outcomes all day" --now 2026-11-30T12:10:00Z | head -2
"$MBP" --db "$ADB" aml coaf list --now 2026-11-30T16:00:00Z
"$MBP" --db "$ADB" aml coaf export COAF-000001 --dir "$WORK/coaf"
echo "open alerts left for tomorrow's review: $("$MBP" --db "$ADB" aml alerts list --status open | tail -1)"
