#!/usr/bin/env bash
# Demo step: KYC onboarding of the sample day's customers through the daemon (before anything pays
# out). The vault key is made; the KYC simulator and the daemon start on free 127.0.0.1 ports, sharing
# the callback secret; every customer of samples/customers is POSTed to /v2/accounts (stored pending
# at once, verified off the engine thread, the vendor's signed callbacks arriving twice for some);
# bad input is refused naming the field; then the vendor goes down and one late applicant stays
# pending: the subject 75-privacy erases (no relationship began, so no legal retention).
# Needs: MBP, DB (the demo database), OUT; curl. docs/runbooks/onboarding.md, docs/adr/0708.
set -euo pipefail
: "${MBP:?set MBP to the mbp command}" "${DB:?set DB to the JDBC URL}"
ROOT="${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
OUT="${OUT:-$ROOT/out/demo}"
CUSTOMERS="$ROOT/samples/customers/2026-11-27.ndjson"
CASH="$ROOT/samples/events/2026-11-27-cash.ndjson"
WORK="$OUT/kyc"
mkdir -p "$WORK"
# Local demo secrets only (like 70-custody's): a throwaway vault passphrase and callback secret.
export MBP_VAULT_PASSPHRASE="${MBP_VAULT_PASSPHRASE:-mbp demo vault passphrase}"
export MBP_KEK_FILE="${MBP_KEK_FILE:-$OUT/keys/vault-kek.json}"
export MBP_KYC_CALLBACK_SECRET="${MBP_KYC_CALLBACK_SECRET:-mbp demo kyc callback secret, 32+ bytes long}"
NOW=2026-11-27T08:00:00Z

echo "== the vault key (data/keys in production; here $MBP_KEK_FILE)"
[[ -f "$MBP_KEK_FILE" ]] || "$MBP" --db "$DB" privacy kek init --now "$NOW"

# The late applicant: the first customer with no cash movement on the sample day.
APPLICANT="$(grep -o '"account":"[^"]*"' "$CUSTOMERS" | cut -d'"' -f4 | while read -r a; do
  grep -q "\"account\":\"$a\"" "$CASH" || { echo "$a"; break; }; done)"
echo "$APPLICANT" > "$WORK/late-applicant"

SIM_PID="" D_PID=""
stop_all() {
  [[ -n "$D_PID" ]] && { kill -TERM "$D_PID" 2>/dev/null || true; wait "$D_PID" 2>/dev/null || true; }
  [[ -n "$SIM_PID" ]] && { kill "$SIM_PID" 2>/dev/null || true; wait "$SIM_PID" 2>/dev/null || true; }
  return 0
}
trap stop_all EXIT
wait_for() { # file pattern pid what
  for _ in $(seq 1 600); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    kill -0 "$3" 2>/dev/null || { echo "$4 failed to start:" >&2; cat "$1" "$1.err" >&2 2>/dev/null; exit 1; }
    sleep 0.1
  done
  echo "$4 did not start" >&2; exit 1
}

"$MBP" kyc-sim --port 0 --seed 2026 --latency-ms 40 --duplicate-pct 20 >"$WORK/sim.out" 2>"$WORK/sim.out.err" &
SIM_PID=$!
wait_for "$WORK/sim.out" "listening on" "$SIM_PID" "kyc-sim"
SIM="$(sed -n 's/^KYC simulator listening on //p' "$WORK/sim.out")"
"$MBP" --db "$DB" daemon --port 0 --kyc-provider "$SIM" --kyc-provider-timeout 2000 >"$WORK/daemon.out" 2>"$WORK/daemon.out.err" &
D_PID=$!
wait_for "$WORK/daemon.out" "listening on" "$D_PID" "daemon"
API="http://127.0.0.1:$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$WORK/daemon.out")/v2"
echo "== KYC vendor (simulator, 20% of verdicts called back twice, signed) at $SIM; daemon at $API"

post() { # key json -> "status body" on one line
  curl -s -w ' %{http_code}' -X POST "$API/accounts" -H "Idempotency-Key: $1" -H 'Content-Type: application/json' -d "$2"
}

echo "== POST /v2/accounts for each customer of $(basename "$CUSTOMERS") but the late applicant"
declare -A codes=()
n=0
while IFS= read -r line; do
  a="$(sed 's/.*"account":"\([^"]*\)".*/\1/' <<<"$line")"
  [[ "$a" == "$APPLICANT" ]] && continue
  c="$(post "onb-$a" "$line" | awk '{print $NF}')"
  codes[$c]=$(( ${codes[$c]:-0} + 1 ))
  n=$((n + 1))
done < "$CUSTOMERS"
echo "$n customers posted: $(for c in "${!codes[@]}"; do printf 'HTTP %s x%s  ' "$c" "${codes[$c]}"; done)"

FIRST="$(head -1 "$CUSTOMERS")"
echo "== the same request again (a client retry): answered from the log, header Idempotent-Replayed"
curl -s -D - -o /dev/null -X POST "$API/accounts" -H "Idempotency-Key: onb-acct-0001" -d "$FIRST" | grep -i '^idempotent-replayed'
echo "== another key for an onboarded account: 409"
post "onb-acct-0001-again" "$FIRST"; echo
echo "== bad input is refused naming the field, never echoing the value (it is personal data)"
post "bad-cpf" "$(sed 's/"cpf":"\([0-9]\{10\}\)\([0-9]\)"/"cpf":"\1x"/' <<<"$FIRST")"; echo
post "bad-extra" "$(sed 's/}$/,"mother_name":"Maria"}/' <<<"$FIRST")"; echo
post "bad-age" "$(sed 's/"birth_date":"[^"]*"/"birth_date":"2010-05-02"/' <<<"$FIRST")"; echo

echo "== waiting for the vendor's verdicts (the engine never waits for them)"
for _ in $(seq 1 300); do
  decided="$(curl -s "$SIM/admin/stats" | sed 's/.*"decided":\([0-9]*\).*/\1/')"
  [[ "$decided" -ge "$n" ]] && break
  sleep 0.2
done
pending=1
for _ in $(seq 1 100); do
  pending="$(while IFS= read -r line; do
      a="$(sed 's/.*"account":"\([^"]*\)".*/\1/' <<<"$line")"
      [[ "$a" == "$APPLICANT" ]] || curl -s "$API/accounts/$a"; echo; done < "$CUSTOMERS" | grep -c '"status":"pending"' || true)"
  [[ "$pending" -eq 0 ]] && break
  sleep 0.3
done
echo "vendor decided $decided; still pending: $pending"
echo "== GET /v2/accounts/acct-0001: cash and the KYC state, masked (no personal value)"
curl -s "$API/accounts/acct-0001"; echo

echo "== the vendor goes down; a late applicant ($APPLICANT) is stored pending all the same"
kill "$SIM_PID"; wait "$SIM_PID" 2>/dev/null || true; SIM_PID=""
post "onb-$APPLICANT" "$(grep "\"account\":\"$APPLICANT\"" "$CUSTOMERS")"; echo
sleep 1
echo "$APPLICANT after the vendor call failed: $(curl -s "$API/accounts/$APPLICANT" | grep -o '"status":"[a-z]*"')"
kill -TERM "$D_PID"; wait "$D_PID" 2>/dev/null || true; D_PID=""
trap - EXIT
echo "== KYC states after onboarding"
"$MBP" --db "$DB" kyc review list --all | awk 'NR > 1 {n[$3]++} END {for (s in n) printf "%s %d  ", s, n[s]; print ""}'
