#!/usr/bin/env bash
# Demo step 60: settle every market whose oracle event has a Finalized event (written by the
# oracle's batch in the earlier steps), show the payout instructions, and check the invariants.
# Needs: MBP (the mbp command) and DB (JDBC URL shared with the other steps).
set -euo pipefail
: "${MBP:?set MBP to the mbp command, e.g. scripts/mbp}"
: "${DB:?set DB to the JDBC URL of the demo database}"
status=0
echo "== settle markets whose oracle event finalized"
$MBP --db "$DB" market settle --all || status=$?
$MBP --db "$DB" market list
echo "== payout instructions (sent over PIX by the payouts engine)"
$MBP --db "$DB" events tail -n 20 | grep -E 'MarketSettled|SettlementPayout' || echo "(none yet)"
echo "== invariants"
$MBP --db "$DB" market check
exit "$status"
