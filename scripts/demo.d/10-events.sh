#!/usr/bin/env bash
# Foundation: migrate a fresh database, append the sample day, export it, show stats.
set -euo pipefail
"$MBP" --db "$DB" db migrate
"$MBP" --db "$DB" events append --file "$ROOT/samples/events/2026-11-27.ndjson"
"$MBP" --db "$DB" events export --format ndjson > "$OUT/events.ndjson"
"$MBP" --db "$DB" events export --format csv > "$OUT/events.csv"
echo "exported $(wc -l < "$OUT/events.ndjson") events to $OUT/events.ndjson and events.csv"
"$MBP" --db "$DB" events tail -n 3
"$MBP" --db "$DB" events stats
