# Sourced by scripts/sdk-test before the daemon starts, with mbp() on the test database and $WORK.
# Exports for the tests: MBP_SDK_KEY_ID / MBP_SDK_SECRET (an admin key), MBP_SDK_TRADER_* (a bound read+trade key).

# Webhooks on (docs/webhooks.md): a throwaway key the subscriptions' secrets are derived from.
MBP_WEBHOOK_KEY="$(python3 -c 'import secrets; print(secrets.token_hex(32))')"
export MBP_WEBHOOK_KEY

# One oracle event of the sample day (samples/oracle/README.md), PTAX USD/BRL, up to finalization, so the
# oracle examples read real rounds and a real final answer; the other nine only cost time here.
S="$ROOT/samples/oracle"
EVENT=ptax-usdbrl-2026-11-27
python3 - "$S" "$WORK" "$EVENT" <<'PY'
import csv, json, sys
src, work, event = sys.argv[1:]
json.dump([e for e in json.load(open(f"{src}/events.json")) if e["id"] == event], open(f"{work}/events.json", "w"))
with open(f"{src}/reports.csv", newline="") as f, open(f"{work}/reports.csv", "w", newline="") as out:
    rows = csv.DictReader(f)
    w = csv.DictWriter(out, rows.fieldnames)
    w.writeheader()
    w.writerows(r for r in rows if r["event"] == event)
PY
T0=2026-11-27T00:00:00Z
mbp oracle source add --file "$S/sources.csv" --at "$T0" >/dev/null
mbp oracle committee add --file "$S/committee.csv" --at "$T0" >/dev/null
mbp oracle event add --file "$WORK/events.json" --at "$T0" >/dev/null
mbp oracle ingest --file "$WORK/reports.csv" --rejects "$WORK/reports.rejects.csv" --at 2026-11-28T00:00:00Z >/dev/null
mbp oracle aggregate --at "$T0" --until 2026-11-27T17:00:00Z --every PT10M >/dev/null
mbp oracle finalize --at 2026-11-28T02:00:00Z >/dev/null

# API keys (docs/api-auth.md): a throwaway vault holds their secrets. The examples sign with an admin key
# (markets are created with admin); a read+trade key bound to one account checks that a client acts only
# for its own accounts. Secrets go to files, never to the terminal.
export MBP_VAULT_PASSPHRASE="sdk-test $(python3 -c 'import secrets; print(secrets.token_hex(16))')"
export MBP_KEK_FILE="$WORK/keys/vault-kek.json"
mkdir -p "$WORK/keys"
mbp privacy kek init >/dev/null
key() { # client scopes secret-file -> prints the key id
  mbp api-keys create --client "$1" --scopes "$2" --secret-out "$3" | sed -n 's/^key_id: //p'
}
MBP_SDK_KEY_ID="$(key sdk-e2e read,trade,admin "$WORK/keys/sdk-e2e.secret")"
MBP_SDK_SECRET="$(cat "$WORK/keys/sdk-e2e.secret")"
MBP_SDK_TRADER_KEY_ID="$(key sdk-trader read,trade "$WORK/keys/sdk-trader.secret")"
MBP_SDK_TRADER_SECRET="$(cat "$WORK/keys/sdk-trader.secret")"
export MBP_SDK_TRADER_ACCOUNT=acct-sdk-trader
mbp api-keys bind --client sdk-trader --account "$MBP_SDK_TRADER_ACCOUNT" >/dev/null
[[ -n "$MBP_SDK_KEY_ID" && -n "$MBP_SDK_SECRET" && -n "$MBP_SDK_TRADER_KEY_ID" ]] || { echo "sdk-test: could not create the API keys" >&2; exit 1; }
export MBP_SDK_KEY_ID MBP_SDK_SECRET MBP_SDK_TRADER_KEY_ID MBP_SDK_TRADER_SECRET
