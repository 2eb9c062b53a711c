#!/usr/bin/env bash
# Payouts and D+1 reconciliation of the sample day (after 10-events appended it to $DB):
# start the PSP simulator on a free 127.0.0.1 port with injected failures, pay the day's
# withdrawals, fetch the D+1 statement (CSV and camt.053), reconcile, resolve the expected
# exceptions (duplicate lines: accept; the devolução: correct), reconcile again to 100%.
set -euo pipefail
: "${MBP:?set MBP to the mbp command}" "${DB:?set DB to the JDBC URL}"
ROOT="${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
OUT="${OUT:-$ROOT/out/demo}"
DAY=2026-11-27
NOW=2026-11-27T20:00:00Z
mkdir -p "$OUT/statements" "$OUT/recon"
# The PIX keys are read from the vault when paid (ADR 0703): 10-events' throwaway demo defaults.
export MBP_VAULT_PASSPHRASE="${MBP_VAULT_PASSPHRASE:-mbp demo vault passphrase}"
export MBP_KEK_FILE="${MBP_KEK_FILE:-$OUT/keys/vault-kek.json}"
PORT_FILE="$OUT/psp-sim.port"
rm -f "$PORT_FILE"

"$MBP" psp-sim --port 0 --port-file "$PORT_FILE" --seed 2026 --now "$NOW" \
  --error-pct 3 --timeout-pct 2 --timeout-ms 800 --duplicate-pct 2 --returns 1 --fee 10 \
  --deposits "$ROOT/samples/events/$DAY-cash.ndjson" > "$OUT/psp-sim.log" 2>&1 &
SIM=$!
trap 'kill "$SIM" 2>/dev/null || true; wait "$SIM" 2>/dev/null || true' EXIT
for _ in $(seq 1 150); do
  [[ -s "$PORT_FILE" ]] && break
  kill -0 "$SIM" 2>/dev/null || { echo "psp-sim failed to start:" >&2; cat "$OUT/psp-sim.log" >&2; exit 1; }
  sleep 0.2
done
[[ -s "$PORT_FILE" ]] || { echo "psp-sim did not start in 30 s" >&2; exit 1; }
PSP="http://127.0.0.1:$(cat "$PORT_FILE")"
echo "psp-sim at $PSP (3% 503s, 2% hidden successes, 2% duplicate lines, 1 devolução, fee R\$ 0.10)"

# Exit 3: the run did its work, but something was refused or held (ADR 0704, 0717): here acct-0002,
# held by screening (07-screening, 47-screening-hold). Anything else fails the step.
rc=0
"$MBP" --db "$DB" payouts run --date "$DAY" --psp "$PSP" --now "$NOW" --timeout-ms 400 || rc=$?
[[ "$rc" -eq 0 || "$rc" -eq 3 ]] || exit "$rc"
echo "-- payouts held by screening, waiting for review (docs/runbooks/sanctions-updates.md)"
"$MBP" --db "$DB" screening holds list
"$MBP" --db "$DB" screening holds list --json | grep -q '"account":"acct-0002"' \
  || { echo "acct-0002's payout was not held by screening" >&2; exit 1; }
"$MBP" --db "$DB" payouts list | tail -n 1
"$MBP" payouts statement --psp "$PSP" --date "$DAY" --format csv --out "$OUT/statements/$DAY.csv"
"$MBP" payouts statement --psp "$PSP" --date "$DAY" --format camt053 --out "$OUT/statements/$DAY.camt053.xml"

echo "-- recon before resolving exceptions"
"$MBP" --db "$DB" recon d1 --date "$DAY" --statement "$OUT/statements/$DAY.camt053.xml" --now 2026-11-28T06:00:00Z
"$MBP" --db "$DB" recon exceptions list --date "$DAY" --open
# One line per open exception, "<id> <kind>", from the text list (its last line is a count).
"$MBP" --db "$DB" recon exceptions list --date "$DAY" --open | awk 'NF > 3 {print $1, $3}' \
  | while read -r id kind; do
      # Balance exceptions (ADR 0509) are never expected here: left open, they fail the last step.
      case "$kind" in
        returned) action=correct; note="devolução confirmed by the PSP; recorded" ;;
        duplicate) action=accept; note="PSP delivered the line twice; ticket opened with the PSP" ;;
        *) continue ;;
      esac
      "$MBP" --db "$DB" recon exceptions resolve "$id" --action "$action" --note "$note" --author demo --now 2026-11-28T07:00:00Z
    done

echo "-- recon after resolving"
"$MBP" --db "$DB" recon d1 --date "$DAY" --fail-under 100 --report-dir "$OUT/recon" --now 2026-11-28T07:05:00Z
"$MBP" --db "$DB" payouts mttr --from "$DAY" --to "$DAY"
echo "statements in $OUT/statements, recon reports (txt, csv, json) in $OUT/recon"
