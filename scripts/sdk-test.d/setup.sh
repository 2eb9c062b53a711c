# Sourced by scripts/sdk-test before the daemon starts, with mbp() on the test database and $WORK.
# Exports for the tests: MBP_SDK_KEY_ID / MBP_SDK_SECRET (left empty while the daemon does not sign).

# The oracle's sample day up to finalization (samples/oracle/README.md), so the oracle examples read real
# rounds and a real final answer. The disputes of the full demo are left out: they only cost time here.
S="$ROOT/samples/oracle"
T0=2026-11-27T00:00:00Z
mbp oracle source add --file "$S/sources.csv" --at "$T0" >/dev/null
mbp oracle committee add --file "$S/committee.csv" --at "$T0" >/dev/null
mbp oracle event add --file "$S/events.json" --at "$T0" >/dev/null
mbp oracle ingest --file "$S/reports.csv" --rejects "$WORK/reports.rejects.csv" --at 2026-11-28T00:00:00Z >/dev/null
mbp oracle aggregate --at "$T0" --until 2026-11-28T00:00:00Z --every PT10M >/dev/null
mbp oracle finalize --at 2026-11-28T02:00:00Z >/dev/null
