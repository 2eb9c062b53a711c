#!/usr/bin/env python3
"""Generates the sample day 2026-11-27 (deterministic: fixed seed).

- 2026-11-27.ndjson: one trading day of mixed MBP events (markets, deposits, fills, withdrawals,
  oracle reports) for the event log on its own: append, export, stats, benchmarks.
- 2026-11-27-cash.ndjson: only the day's PIX cash movements, deposits and the withdrawals each
  account can cover, for the full pipeline, where the oracle and market engines produce the rest.

Re-run after changing an event record:  python3 samples/events/generate.py
Money is integer centavos; prices and rates are decimal strings; timestamps are UTC.
"""
import os
import json
import random
from datetime import datetime, timedelta, timezone

rng = random.Random(20261127)
day = datetime(2026, 11, 27, 9, 0, tzinfo=timezone.utc)   # 06:00 in Brasília
ISPBS = ["00000000", "60746948", "00360305", "90400888", "18236120", "60701190"]  # BB, Bradesco, CEF, Santander, Nubank, Itaú

MARKETS = [
    ("PTAX-ABOVE-5_40-2026-11-27", "PTAX-2026-11-27", ["YES", "NO"], 200),
    ("COPOM-2026-12-DECISION", "COPOM-2026-12", ["CUT", "HOLD", "HIKE"], 150),
    ("BRASILEIRAO-FLA-PAL", "BRASILEIRAO-FLA-PAL", ["FLA", "DRAW", "PAL"], 250),
    ("IPCA-NOV-ABOVE-0_40", "IPCA-2026-11", ["YES", "NO"], 200),
    ("ELEICAO-SP-2026-2T", "ELEICAO-SP-2026", ["CAND_A", "CAND_B"], 300),
]
SOURCES = ["bcb-sgs", "b3-market-data", "refinitiv", "bloomberg", "valor-pro", "broadcast", "investing"]


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S") + ("Z" if t.microsecond == 0 else ".%03dZ" % (t.microsecond // 1000))


def e2eid(t):
    alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    return "E" + rng.choice(ISPBS) + t.strftime("%Y%m%d%H%M") + "".join(rng.choice(alnum) for _ in range(11))


events = []


def add(t, type_, stream, payload):
    events.append((t, {"type": type_, "stream": stream, "ts": iso(t), "payload": payload}))


for i, (m, ev, outcomes, fee) in enumerate(MARKETS):
    add(day + timedelta(minutes=i), "MarketCreated", m,
        {"market": m, "oracle_event": ev, "outcomes": outcomes, "fee_bps": fee})

accounts = ["acct-%04d" % i for i in range(1, 241)]
balances = {a: 0 for a in accounts}
for _ in range(420):
    t = day + timedelta(seconds=rng.randint(0, 14 * 3600))
    a = rng.choice(accounts)
    amount = rng.choice([2000, 5000, 10000, 20000, 50000, 100000]) + rng.randint(0, 99)
    balances[a] += amount
    add(t, "DepositReceived", a, {"account": a, "amount": amount, "e2eid": e2eid(t)})

order = 0
for _ in range(1900):
    t = day + timedelta(seconds=rng.randint(600, 15 * 3600), milliseconds=rng.randint(0, 999))
    m, _, outcomes, fee = rng.choice(MARKETS)
    a = rng.choice(accounts)
    order += 1
    side = "buy" if rng.random() < 0.78 else "sell"
    if side == "buy":
        amount = rng.choice([500, 1000, 2500, 5000, 10000]) + rng.randint(0, 49)
        fee_c = amount * fee // 10000
        shares = (amount - fee_c) * rng.randint(105, 340) // 100
        cost = amount
    else:
        amount = rng.randint(300, 9000)
        gross = amount * rng.randint(20, 95) // 100
        fee_c = gross * fee // 10000
        shares, cost = amount, max(1, gross - fee_c)
    add(t, "OrderFilled", m, {"order_id": "ord-%06d" % order, "market": m, "account": a,
                              "outcome": rng.choice(outcomes), "side": side, "amount": amount,
                              "shares": shares, "cost": cost, "fee": fee_c})

for i in range(90):
    t = day + timedelta(seconds=rng.randint(3 * 3600, 15 * 3600))
    a = rng.choice(accounts)
    add(t, "WithdrawalRequested", a, {"withdrawal_id": "wd-%05d" % (i + 1), "account": a,
                                      "amount": rng.choice([1500, 3000, 7500, 12000]),
                                      "pix_key": "+55119%08d" % rng.randint(0, 99999999)})

ptax = 5.3380
for k in range(0, 72):
    t = day + timedelta(minutes=10 * k)
    ptax += rng.uniform(-0.004, 0.004)
    for s in SOURCES[:6]:
        if s == "investing" or (s == "broadcast" and 40 <= k < 52):
            continue   # broadcast goes silent for two hours around midday
        v = ptax + rng.uniform(-0.0008, 0.0008) + (0.09 if s == "valor-pro" and k % 17 == 0 else 0)
        add(t + timedelta(seconds=rng.randint(0, 50)), "ReportReceived", "PTAX-2026-11-27",
            {"source": s, "event": "PTAX-2026-11-27", "observed_at": iso(t), "value": "%.4f" % v})

events.sort(key=lambda e: e[0])
here = os.path.dirname(os.path.abspath(__file__))
line = lambda e: json.dumps(e, ensure_ascii=False, separators=(",", ":")) + "\n"
with open(os.path.join(here, "2026-11-27.ndjson"), "w") as f:
    for _, e in events:
        f.write(line(e))
cash = {}
with open(os.path.join(here, "2026-11-27-cash.ndjson"), "w") as f:
    for _, e in events:
        p = e["payload"]
        if e["type"] == "DepositReceived":
            cash[p["account"]] = cash.get(p["account"], 0) + p["amount"]
        elif e["type"] == "WithdrawalRequested" and cash.get(p["account"], 0) >= p["amount"]:
            cash[p["account"]] -= p["amount"]
        else:
            continue
        f.write(line(e))
