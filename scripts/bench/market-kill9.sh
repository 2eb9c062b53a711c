#!/usr/bin/env bash
# Durability experiment for docs/benchmarks.md: stream orders at the daemon from 4 curl loops, kill -9 it
# mid-stream, and count acknowledged orders missing from the log. Run once with H2 WRITE_DELAY 0 (what
# Database sets on every H2 URL that names none, ADR 0004) and once with 500 ms (H2's default), set in the
# daemon's --db URL. Requests are signed with openssl (docs/api-auth.md). Usage: scripts/bench/market-kill9.sh [seconds]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
. "$ROOT/scripts/jdk"
JAR="$ROOT/cli/target/mbp.jar"
[[ -f "$JAR" ]] || (cd "$ROOT" && mvn -B -q -DskipTests package)
SECONDS_TO_RUN="${1:-4}"
sign() { # METHOD PATH BODY -> "timestamp signature" (docs/api-auth.md)
  local ts h
  ts="$(date +%s)"
  h="$(printf '%s' "$3" | openssl dgst -sha256 -r | cut -d' ' -f1)"
  echo "$ts $(printf '%s\n%s\n%s\n%s' "$ts" "$1" "$2" "$h" | openssl dgst -sha256 -hmac "$SECRET" -r | cut -d' ' -f1)"
}
post() { # PATH IDEMPOTENCY_KEY BODY -> HTTP status
  local s
  read -r -a s <<<"$(sign POST "$1" "$3")"
  curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$port$1" -H "Idempotency-Key: $2" -H "MBP-Key-Id: $KEY_ID" \
    -H "MBP-Timestamp: ${s[0]}" -H "MBP-Signature: ${s[1]}" -d "$3" || true
}
for wd in 0 500; do
  dir="$(mktemp -d)"
  DB="jdbc:h2:file:$dir/mbp;AUTO_SERVER=TRUE"
  java -jar "$JAR" --db "$DB" market create --id K --oracle-event EV --outcomes YES,NO --liquidity 100000000000 \
    --lp-account lp >/dev/null
  export MBP_VAULT_PASSPHRASE="bench throwaway passphrase" MBP_KEK_FILE="$dir/vault-kek.json"
  java -jar "$JAR" --db "$DB" privacy kek init >/dev/null
  KEY_ID="$(java -jar "$JAR" --db "$DB" api-keys create --client bench --scopes admin --secret-out "$dir/secret" | sed -n 's/^key_id: //p')"
  SECRET="$(cat "$dir/secret")"
  java -jar "$JAR" --db "$DB;WRITE_DELAY=$wd" daemon --port 0 >"$dir/out" 2>"$dir/err" &
  pid=$!
  until grep -q listening "$dir/out" 2>/dev/null; do sleep 0.1; done
  port="$(sed -n 's/.*:\([0-9]*\)$/\1/p' "$dir/out")"
  for c in 1 2 3 4; do
    post /v2/deposits "d$c" "{\"account\":\"a$c\",\"amount\":100000000000}" >/dev/null
  done
  for c in 1 2 3 4; do
    (
      i=0
      while :; do
        i=$((i + 1))
        # amounts differ so no two orders sign alike (a repeated signed write is refused as a replay)
        code="$(post /v2/orders "k$c-$i" "{\"market\":\"K\",\"account\":\"a$c\",\"outcome\":\"YES\",\"side\":\"buy\",\"amount\":$((1000 + i))}")"
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
