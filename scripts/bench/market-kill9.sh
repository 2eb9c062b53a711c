#!/usr/bin/env bash
# Durability experiment for docs/benchmarks.md: stream orders at the daemon from 4 curl loops, kill -9 it
# mid-stream, and count acknowledged orders missing from the log. Run once with H2 WRITE_DELAY 0 (what
# Database sets on every H2 URL that names none, ADR 0004) and once with 500 ms (H2's default), set in the
# daemon's --db URL. Usage: scripts/bench/market-kill9.sh [seconds]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
. "$ROOT/scripts/jdk"
JAR="$ROOT/cli/target/mbp.jar"
[[ -f "$JAR" ]] || (cd "$ROOT" && mvn -B -q -DskipTests package)
SECONDS_TO_RUN="${1:-4}"
for wd in 0 500; do
  dir="$(mktemp -d)"
  DB="jdbc:h2:file:$dir/mbp;AUTO_SERVER=TRUE"
  java -jar "$JAR" --db "$DB" market create --id K --oracle-event EV --outcomes YES,NO --liquidity 100000000000 \
    --lp-account lp >/dev/null
  java -jar "$JAR" --db "$DB;WRITE_DELAY=$wd" daemon --port 0 >"$dir/out" 2>"$dir/err" &
  pid=$!
  until grep -q listening "$dir/out" 2>/dev/null; do sleep 0.1; done
  port="$(sed -n 's/.*:\([0-9]*\)$/\1/p' "$dir/out")"
  for c in 1 2 3 4; do
    curl -s -o /dev/null -X POST "http://127.0.0.1:$port/v2/deposits" -H "Idempotency-Key: d$c" \
      -d "{\"account\":\"a$c\",\"amount\":100000000000}"
  done
  for c in 1 2 3 4; do
    (
      i=0
      while :; do
        i=$((i + 1))
        code="$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$port/v2/orders" \
          -H "Idempotency-Key: k$c-$i" -d "{\"market\":\"K\",\"account\":\"a$c\",\"outcome\":\"YES\",\"side\":\"buy\",\"amount\":1000}" \
          || true)"
        [[ "$code" == 201 ]] && echo "k$c-$i" >>"$dir/acked"
        [[ "$code" == 000 ]] && break
      done
    ) &
  done
  sleep "$SECONDS_TO_RUN"
  kill -9 "$pid"
  wait 2>/dev/null || true
  java -jar "$JAR" --db "$DB" events export 2>/dev/null | grep -o '"idempotency_key":"k[^"]*"' \
    | sed 's/.*:"\(.*\)"/\1/' | sort -u >"$dir/present"
  sort -u "$dir/acked" >"$dir/acked.sorted"
  lost="$(comm -23 "$dir/acked.sorted" "$dir/present" | wc -l)"
  echo "WRITE_DELAY=${wd} ms: acknowledged $(wc -l <"$dir/acked.sorted"), in the log after kill -9: $(wc -l <"$dir/present"), acknowledged but lost: $lost"
  rm -rf "$dir"
done
