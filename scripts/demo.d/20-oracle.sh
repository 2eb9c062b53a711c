#!/usr/bin/env bash
# Oracle demo step: the sample day 2026-11-27 (samples/oracle/README.md tells the story).
# Needs MBP (the mbp command, e.g. scripts/mbp) and DB (the --db JDBC URL) in the environment.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
S="$ROOT/samples/oracle"
: "${MBP:?set MBP to the mbp command}"
: "${DB:?set DB to the --db JDBC URL}"
OUT="${OUT:-$ROOT/out/oracle}"
mkdir -p "$OUT"
mbp() { $MBP --db "$DB" "$@"; }
T0=2026-11-27T00:00:00Z

echo "== oracle: sources, committee, events"
mbp oracle source add --file "$S/sources.csv" --at "$T0" >/dev/null
mbp oracle committee add --file "$S/committee.csv" --at "$T0"
mbp oracle source list
mbp oracle event add --file "$S/events.json" --at "$T0"

echo "== oracle: ingest the day's reports (rejects go to $OUT)"
mbp oracle ingest --file "$S/reports.csv" --rejects "$OUT/reports.rejects.csv" --at 2026-11-28T00:00:00Z
mbp oracle ingest --file "$S/reports-late.ndjson" --rejects "$OUT/reports-late.rejects.csv" --at 2026-11-28T00:00:00Z

echo "== oracle: rounds every 10 minutes; disputes on the match and the election"
mbp oracle aggregate --at "$T0" --until 2026-11-27T21:10:00Z --every PT10M
mbp oracle dispute open brasileirao-2026-r37-fla-pal --by acct-7781 --reason "late goal under VAR review" --at 2026-11-27T21:15:00Z
mbp oracle aggregate --at 2026-11-27T21:20:00Z --until 2026-11-27T23:10:00Z --every PT10M
mbp oracle dispute open eleicao-oab-sp-2026 --by chapa-2 --reason "recount requested in two zones" --at 2026-11-27T23:12:00Z
mbp oracle aggregate --at 2026-11-27T23:20:00Z
mbp oracle dispute open eleicao-oab-sp-2026 --by chapa-2 --reason "recount result not yet published" --at 2026-11-27T23:22:00Z
mbp oracle aggregate --at 2026-11-27T23:30:00Z --until 2026-11-28T00:00:00Z --every PT10M
mbp oracle dispute resolve eleicao-oab-sp-2026 --outcome chapa_1 --signer comite-ana --signer comite-bruno --at 2026-11-28T01:00:00Z

echo "== oracle: finalize after the dispute windows"
mbp oracle finalize --at 2026-11-28T02:00:00Z

echo "== oracle: the failover on the dólar blue, explained"
mbp oracle status usdars-blue-2026-11-27 --rounds 2

echo "== oracle: finalized outcomes"
mbp oracle event list
