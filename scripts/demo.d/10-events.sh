#!/usr/bin/env bash
# Foundation: the event log on its own. A fresh database gets the sample day of mixed events
# (append, export, tail, stats); then the pipeline's database gets the day's PIX cash movements,
# the input the oracle, market and payout steps build on.
set -euo pipefail
FDB="jdbc:h2:file:$OUT/foundation/mbp"
"$MBP" --db "$FDB" db migrate
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
echo "== the pipeline database: the day's PIX deposits and withdrawals"
"$MBP" --db "$DB" db migrate
"$MBP" --db "$DB" events append --file "$ROOT/samples/events/2026-11-27-cash.ndjson"
