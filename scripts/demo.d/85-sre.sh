#!/usr/bin/env bash
# Demo step 85: resilience (issue 14). Scrapes the daemon's /metrics once, generates the SLO alert
# rules and checks them with promtool, runs one DR drill as the db-primary-loss game day and prints
# its RPO and RTO, runs the oracle-source-outage game day, records an incident, files the reports as
# S21 evidence and shows the S21 report and the DORA keys.
# Expects: $MBP (the mbp command) and $MBP_DB (the demo database). A part whose command is not in
# this build (`mbp slo`, `mbp dr drill`, /metrics) says so and the step goes on; the S21 report then
# says "no evidence" for it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MBP="${MBP:-$ROOT/scripts/mbp}"
DEMO_OUT="${MBP_DEMO_OUT:-$ROOT/out/demo}"
WORK="$DEMO_OUT/sre"
rm -rf "$WORK"
mkdir -p "$WORK"
has() { $MBP "$@" --help 2>/dev/null | grep -q "^Usage: mbp $* "; } # a command of this build?
field() { # file key: a top-level scalar of a JSON report
  tr -d '\n' <"$1" | sed -n "s/.*\"$2\" *: *\"\{0,1\}\([^,\"}]*\).*/\1/p"
}

echo "== metrics: scrape /metrics of a daemon once"
$MBP daemon --port 0 >"$WORK/daemon.out" 2>"$WORK/daemon.err" &
PID=$!
stop() {
  kill -TERM "$PID" 2>/dev/null || true
  wait "$PID" 2>/dev/null || true
}
trap stop EXIT
for _ in $(seq 1 600); do
  grep -q "listening on" "$WORK/daemon.out" 2>/dev/null && break
  kill -0 "$PID" 2>/dev/null || { cat "$WORK/daemon.err" >&2; exit 1; }
  sleep 0.1
done
PORT="$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$WORK/daemon.out")"
curl -s "http://127.0.0.1:$PORT/v2/health" >/dev/null
code="$(curl -s -o "$WORK/metrics.txt" -w '%{http_code}' "http://127.0.0.1:$PORT/metrics" || true)"
if [[ "$code" == 200 ]]; then
  echo "/metrics: $(grep -c '^# TYPE' "$WORK/metrics.txt") metric families, e.g.:"
  grep -v '^#' "$WORK/metrics.txt" | head -5
else
  echo "/metrics answered $code: no metrics endpoint in this build"
fi
stop
trap - EXIT

echo "== SLO rules: generate and check"
if has slo rules; then
  $MBP slo rules --out "$WORK/rules"
  if command -v promtool >/dev/null; then
    promtool check rules "$WORK"/rules/*.y*ml | tee "$WORK/promtool.txt"
    $MBP chaos record --kind rules-check --file "$WORK/promtool.txt" --name "promtool check rules (demo)"
  else
    echo "promtool not installed (Debian package prometheus): rules generated, not checked"
  fi
  if has slo report; then
    $MBP --json slo report --from 2026-11-27T00:00:00Z --to 2026-11-28T00:00:00Z >"$WORK/slo-report.json"
    $MBP chaos record --kind slo-report --file "$WORK/slo-report.json" --name "SLO report 2026-11-27 (demo)"
  fi
else
  echo "no \`mbp slo\` in this build: no rules generated"
fi

echo "== DR drill as a game day: the primary lost under load (db-primary-loss)"
rc=0
$MBP chaos run db-primary-loss --out "$WORK/gameday-dr" --seconds 10 || rc=$?
DRILL="$WORK/gameday-dr/scratch/drill/report.json"
if [[ -f "$DRILL" ]]; then
  $MBP chaos record --kind dr-drill --file "$DRILL" --name "demo drill"
  echo "measured RPO $(field "$DRILL" rpo_seconds) s ($(field "$DRILL" events_lost) acknowledged events lost), RTO $(field "$DRILL" rto_seconds) s, verified $(field "$DRILL" verified)"
else
  echo "no DR drill report (verdict: $(field "$WORK/gameday-dr/report.json" verdict))"
fi
[[ $rc -eq 0 || $rc -eq 3 ]] || exit $rc

echo "== game day: a whole region of oracle sources goes silent"
$MBP chaos run oracle-source-outage --out "$WORK/gameday-oracle"

echo "== incident: opened, updated, resolved (time to restore from impact start)"
id="$($MBP --json incident open --severity P3 --service oracle --title "demo: region sa-east oracle sources silent" \
  --started "$(date -u -d '-40 min' +%FT%TZ)" | field /dev/stdin incident)"
$MBP incident update "$id" --status identified --note "failover to TWAP held; no finalization without quorum" >/dev/null
$MBP incident resolve "$id" --rca "upstream provider outage in one region" --actions "add a third region's source" \
  --restored "$(date -u -d '-5 min' +%FT%TZ)"

echo "== S21 evidence: what reports/sre-dr.txt will say"
$MBP chaos list
echo "== DORA keys of this repository"
$MBP dora report --repo "$ROOT" || echo "(not a git checkout: no DORA report)"
