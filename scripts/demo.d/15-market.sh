#!/usr/bin/env bash
# Demo step 40: open prediction markets on the sample oracle events, start the settlement daemon
# on a free port, send a burst of orders through its /v2 API, show the markets, stop the daemon.
# Needs: MBP (the mbp command) and DB (JDBC URL shared with the other steps). Uses curl.
# The market outcomes must be the oracle's outcome names; override them if the oracle's samples differ:
#   PTAX_THRESHOLD (5.40)  COPOM_OUTCOMES (cut_50,...,hike_50)  MATCH_OUTCOMES (home,draw,away)
set -euo pipefail
: "${MBP:?set MBP to the mbp command, e.g. scripts/mbp}"
: "${DB:?set DB to the JDBC URL of the demo database}"
PTAX_THRESHOLD="${PTAX_THRESHOLD:-5.40}"
COPOM_OUTCOMES="${COPOM_OUTCOMES:-cut_50,cut_25,hold,hike_25,hike_50}"
MATCH_OUTCOMES="${MATCH_OUTCOMES:-home,draw,away}"

create() { # id oracle-event outcomes liquidity [extra args]
  local id="$1" event="$2" outcomes="$3" liquidity="$4"; shift 4
  if $MBP --db "$DB" market show --id "$id" >/dev/null 2>&1; then
    echo "market $id exists"
  else
    $MBP --db "$DB" market create --id "$id" --oracle-event "$event" --outcomes "$outcomes" \
      --fee-bps 200 --liquidity "$liquidity" --lp-account lp-mbp "$@"
  fi
}

echo "== markets on the sample oracle events"
create PTAX-2026-11-27-ABOVE-${PTAX_THRESHOLD} ptax-usdbrl-2026-11-27 YES,NO 5000000 --threshold "$PTAX_THRESHOLD"
create COPOM-2026-11-27 copom-2026-11-27 "$COPOM_OUTCOMES" 3000000
create BRASILEIRAO-FLA-PAL brasileirao-2026-r37-fla-pal "$MATCH_OUTCOMES" 2000000

WORK="$(mktemp -d)"
$MBP --db "$DB" daemon --port 0 >"$WORK/daemon.out" 2>"$WORK/daemon.err" &
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
[[ -n "$PORT" ]] || { echo "daemon did not start" >&2; cat "$WORK/daemon.err" >&2; exit 1; }
API="http://127.0.0.1:$PORT/v2"
echo "== daemon listening on $API (pid $PID)"

post() { # path idempotency-key json
  curl -s -o /dev/null -w '%{http_code}' -X POST "$API/$1" -H "Idempotency-Key: $2" \
    -H 'Content-Type: application/json' -d "$3"
}

RUN="demo-$(date +%s)"
ACCOUNTS=(ana bia caio duda enzo)
for a in "${ACCOUNTS[@]}"; do
  post deposits "$RUN-dep-$a" "{\"account\":\"$a\",\"amount\":500000}" >/dev/null
done

IFS=, read -r -a COPOM <<<"$COPOM_OUTCOMES"
IFS=, read -r -a MATCH <<<"$MATCH_OUTCOMES"
declare -A codes=()
for i in $(seq 1 120); do
  a="${ACCOUNTS[$((i % ${#ACCOUNTS[@]}))]}"
  case $((i % 3)) in
    0) m="PTAX-2026-11-27-ABOVE-${PTAX_THRESHOLD}"; o=$([[ $((i % 2)) == 0 ]] && echo YES || echo NO) ;;
    1) m="COPOM-2026-11-27"; o="${COPOM[$((i % ${#COPOM[@]}))]}" ;;
    2) m="BRASILEIRAO-FLA-PAL"; o="${MATCH[$((i % ${#MATCH[@]}))]}" ;;
  esac
  c="$(post orders "$RUN-o$i" "{\"market\":\"$m\",\"account\":\"$a\",\"outcome\":\"$o\",\"side\":\"buy\",\"amount\":$((500 + (i * 137) % 4000))}")"
  codes[$c]=$(( ${codes[$c]:-0} + 1 ))
done
echo "== burst of 120 orders: $(for c in "${!codes[@]}"; do printf '%s x%s  ' "$c" "${codes[$c]}"; done)"
# a retry with the same key is answered from the log, not executed twice
post orders "$RUN-o1" "{\"market\":\"COPOM-2026-11-27\",\"account\":\"bia\",\"outcome\":\"${COPOM[1]}\",\"side\":\"buy\",\"amount\":637}" >/dev/null
curl -s "$API/accounts/ana"; echo
curl -s "$API/health"; echo
stop
trap - EXIT
echo "== daemon stopped (SIGTERM drained it)"
$MBP --db "$DB" market list
