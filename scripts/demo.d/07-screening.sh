#!/usr/bin/env bash
# Demo step: sanctions/PEP screening of the sample customers (after 05-onboarding stored them; no list
# was imported yet, so onboarding screened nobody). Importing the sample lists (samples/screening:
# fictional OFAC CSV, UN XML and OpenSanctions FtM files) re-screens every customer against what each
# new version added (all of it, the first time): one fictional listed person is among them, acct-0002,
# a name variant of OFAC 36001 with the same birth date, and gets an alert. 47-screening-hold gives
# acct-0002 a withdrawal; 50-payouts holds it before anything is sent.
# Needs: MBP, DB, OUT. docs/screening.md#hooks, docs/runbooks/sanctions-updates.md, ADR 0716, 0717.
set -euo pipefail
: "${MBP:?set MBP to the mbp command}" "${DB:?set DB to the JDBC URL}"
ROOT="${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
OUT="${OUT:-$ROOT/out/demo}"
LISTS="$ROOT/samples/screening"
# Reading each customer's name and birth date to screen them is an audited vault read (05's defaults).
export MBP_VAULT_PASSPHRASE="${MBP_VAULT_PASSPHRASE:-mbp demo vault passphrase}"
export MBP_KEK_FILE="${MBP_KEK_FILE:-$OUT/keys/vault-kek.json}"
export MBP_OPERATOR="${MBP_OPERATOR:-demo-compliance}"

echo "== import the sample lists; each import re-screens every onboarded customer against its delta"
"$MBP" --db "$DB" screening lists import --list ofac --format ofac-csv --dir "$LISTS/ofac"
"$MBP" --db "$DB" screening lists import --list un --format un-xml --file "$LISTS/un/consolidated.xml"
"$MBP" --db "$DB" screening lists import --list opensanctions --format ftm --file "$LISTS/ftm/entities.ftm.json"
"$MBP" --db "$DB" screening lists status

echo "== the same file again changes nothing (the hourly update is idempotent): no re-screen"
"$MBP" --db "$DB" screening lists import --list ofac --format ofac-csv --dir "$LISTS/ofac"

echo "== the alert queue: hits among existing customers (accounts and list entities, never a name)"
"$MBP" --db "$DB" screening alerts list
"$MBP" --db "$DB" screening alerts list --json | grep -q '"account":"acct-0002"' \
  || { echo "acct-0002 (OFAC 36001's name variant) was not found by the re-screen" >&2; exit 1; }
echo "== nothing left to re-screen"
"$MBP" --db "$DB" screening rescreen
