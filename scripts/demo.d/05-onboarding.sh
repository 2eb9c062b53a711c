#!/usr/bin/env bash
# Demo step: KYC onboarding of the sample day's customers through the daemon (before anything pays
# out). The vault key is made; the KYC simulator and the daemon start on free 127.0.0.1 ports, sharing
# the callback secret; every customer of samples/customers is POSTed to /v2/accounts (stored pending
# at once, verified off the engine thread, the vendor's signed callbacks arriving twice for some);
# bad input is refused naming the field; then the vendor goes down and one late applicant stays
# pending: the subject 75-privacy erases (no relationship began, so no legal retention).
# The API is signed (docs/api-auth.md): a partner key (read, trade) is made first, every request goes
# through `mbp api call`, and the accounts the partner onboards are bound to it.
# Needs: MBP, DB (the demo database), OUT; curl (the simulator's stats). docs/runbooks/onboarding.md, docs/adr/0708.
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

echo "== an API key for the onboarding partner (the secret goes to a 0600 file, never to the log)"
rm -f "$WORK/partner.secret"
"$MBP" --db "$DB" api-keys create --client demo-partner --scopes read,trade --secret-out "$WORK/partner.secret" --now "$NOW" \
  | tee "$WORK/partner.key"
export MBP_API_KEY_ID="$(sed -n 's/^key_id: //p' "$WORK/partner.key")"
export MBP_API_SECRET_FILE="$WORK/partner.secret"

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
export MBP_API_URL="http://127.0.0.1:$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$WORK/daemon.out")"
echo "== KYC vendor (simulator, 20% of verdicts called back twice, signed) at $SIM; daemon at $MBP_API_URL"

post() { # key json -> the answer's body (signed by mbp api call)
  "$MBP" api call POST /v2/accounts --idempotency-key "$1" --body - <<<"$2"
}

echo "== unsigned, the API refuses (401): only health and market reads are public"
curl -s "$MBP_API_URL/v2/accounts/acct-0001"; echo

echo "== POST /v2/accounts for each customer of $(basename "$CUSTOMERS") but the late applicant (one signed request per line)"
grep -v "\"account\":\"$APPLICANT\"" "$CUSTOMERS" > "$WORK/to-onboard.ndjson"
"$MBP" api call POST /v2/accounts --lines --idempotency-key onb --body "$WORK/to-onboard.ndjson" > "$WORK/onboarded.txt"
n="$(wc -l < "$WORK/onboarded.txt")"
echo "$n customers posted: $(awk '{print $1}' "$WORK/onboarded.txt" | sort | uniq -c | awk '{printf "HTTP %s x%s  ", $2, $1}')"

FIRST="$(head -1 "$WORK/to-onboard.ndjson")"
echo "== the same request again (a client retry, signed anew): answered from the log, header Idempotent-Replayed"
"$MBP" api call POST /v2/accounts -i --idempotency-key onb-1 --body - <<<"$FIRST" | grep -i '^idempotent-replayed'
echo "== another key for an onboarded account: 409"
post "onb-1-again" "$FIRST"
echo "== bad input is refused naming the field, never echoing the value (it is personal data)"
post "bad-cpf" "$(sed 's/"cpf":"\([0-9]\{10\}\)\([0-9]\)"/"cpf":"\1x"/' <<<"$FIRST")"
post "bad-extra" "$(sed 's/}$/,"mother_name":"Maria"}/' <<<"$FIRST")"
post "bad-age" "$(sed 's/"birth_date":"[^"]*"/"birth_date":"2010-05-02"/' <<<"$FIRST")"
echo "== another client may not read the partner's account (403), the partner may"
rm -f "$WORK/other.secret"
OTHER="$("$MBP" --db "$DB" api-keys create --client demo-other --scopes read --secret-out "$WORK/other.secret" --now "$NOW" | sed -n 's/^key_id: //p')"
"$MBP" api call GET "/v2/accounts/$(sed 's/.*"account":"\([^"]*\)".*/\1/' <<<"$FIRST")" --key-id "$OTHER" --secret-file "$WORK/other.secret"

echo "== waiting for the vendor's verdicts (the engine never waits for them)"
for _ in $(seq 1 300); do
  decided="$(curl -s "$SIM/admin/stats" | sed 's/.*"decided":\([0-9]*\).*/\1/')"
  [[ "$decided" -ge "$n" ]] && break
  sleep 0.2
done
pending=1
for _ in $(seq 1 100); do
  pending="$("$MBP" --db "$DB" kyc review list --all | awk 'NR > 1 && $3 == "pending"' | wc -l)"
  [[ "$pending" -eq 0 ]] && break
  sleep 0.3
done
echo "vendor decided $decided; still pending: $pending"
echo "== GET /v2/accounts/acct-0001: cash and the KYC state, masked (no personal value)"
"$MBP" api call GET /v2/accounts/acct-0001

echo "== the vendor goes down; a late applicant ($APPLICANT) is stored pending all the same"
kill "$SIM_PID"; wait "$SIM_PID" 2>/dev/null || true; SIM_PID=""
post "onb-$APPLICANT" "$(grep "\"account\":\"$APPLICANT\"" "$CUSTOMERS")"
sleep 1
echo "$APPLICANT after the vendor call failed: $("$MBP" api call GET "/v2/accounts/$APPLICANT" | grep -o '"status":"[a-z]*"')"
kill -TERM "$D_PID"; wait "$D_PID" 2>/dev/null || true; D_PID=""
trap - EXIT
echo "== KYC states after onboarding"
"$MBP" --db "$DB" kyc review list --all | awk 'NR > 1 {n[$3]++} END {for (s in n) printf "%s %d  ", s, n[s]; print ""}'
