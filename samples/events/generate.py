#!/usr/bin/env python3
"""Generates the sample day 2026-11-27 (deterministic: fixed seeds).

- 2026-11-27.ndjson: one trading day of market events (markets funded by an LP, deposits, fills,
  liquidity, withdrawals) for the event log on its own: append, export, stats, benchmarks, and
  `mbp market check` green. `mbp events append` admits each line only if it is exactly what the
  market engine would decide at its ts (docs/adr/0006), so the fills are priced here with the
  engine's integer FPMM (io.mbp.market.Fpmm, replicated below), every buy is covered by the
  account's cash, every sell by its shares, every withdrawal by its cash. Oracle reports are not
  in it: only the oracle's commands write oracle events (samples/oracle/ has that day's inputs).
- 2026-11-27-cash.ndjson: only the day's PIX cash movements, deposits and the withdrawals each
  account can cover from its deposits alone, for the full pipeline, where the oracle and market
  engines produce the rest. Its random draws come first and are unchanged by the mixed day's.

Re-run after changing an event record or the FPMM:  python3 samples/events/generate.py
(AppendValidationCliTest appends the result and runs market check, so a drift from Fpmm fails.)
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

intents = []   # drawn exactly as before (same rng stream), then made feasible below
for _ in range(1900):
    t = day + timedelta(seconds=rng.randint(600, 15 * 3600), milliseconds=rng.randint(0, 999))
    m, _, outcomes, fee = rng.choice(MARKETS)
    a = rng.choice(accounts)
    side = "buy" if rng.random() < 0.78 else "sell"
    if side == "buy":
        amount = rng.choice([500, 1000, 2500, 5000, 10000]) + rng.randint(0, 49)
        rng.randint(105, 340)
    else:
        amount = rng.randint(300, 9000)
        rng.randint(20, 95)
    intents.append((t, "order", m, {"market": m, "account": a, "outcome": rng.choice(outcomes), "side": side,
                                 "amount": amount}))

withdrawals = []
for i in range(90):
    t = day + timedelta(seconds=rng.randint(3 * 3600, 15 * 3600))
    a = rng.choice(accounts)
    withdrawals.append((t, "WithdrawalRequested", a, {"withdrawal_id": "wd-%05d" % (i + 1), "account": a,
                                                      "amount": rng.choice([1500, 3000, 7500, 12000]),
                                                      "pix_key": "+55119%08d" % rng.randint(0, 99999999)}))


# ---------------------------------------------------------------- the engine's FPMM (io.mbp.market.Fpmm)
MIN_POOL = 100
BPS = 10000


def ceil_div(a, b):
    return -(-a // b)


def fpmm_buy(bal, i, amount, fee_bps):
    fee = ceil_div(amount * fee_bps, BPS)
    inv = amount - fee
    if inv <= 0:
        return None
    num, den = bal[i], 1
    for j, b in enumerate(bal):
        if j != i:
            num *= b
            den *= b + inv
    new_bi = ceil_div(num, den)
    shares = bal[i] + inv - new_bi
    if shares <= 0 or new_bi < MIN_POOL:
        return None
    after = [new_bi if j == i else b + inv for j, b in enumerate(bal)]
    return fee, shares, after


def shares_needed(bal, i, returned, fee_bps):
    rpf = ceil_div(returned * BPS, BPS - fee_bps)
    num, den = bal[i], 1
    for j, b in enumerate(bal):
        if j != i:
            if b - rpf < MIN_POOL:
                return -1
            num *= b
            den *= b - rpf
    return rpf + ceil_div(num, den) - bal[i]


def fpmm_sell(bal, i, shares, fee_bps):
    lo, hi = 0, shares
    while lo < hi:
        mid = lo + (hi - lo + 1) // 2
        need = shares_needed(bal, i, mid, fee_bps)
        if 0 <= need <= shares:
            lo = mid
        else:
            hi = mid - 1
    if lo == 0:
        return None
    rpf = ceil_div(lo * BPS, BPS - fee_bps)
    after = [b + shares - rpf if j == i else b - rpf for j, b in enumerate(bal)]
    return lo, rpf - lo, after


# ---------------------------------------------------------------- the mixed day, replayed as the engine would
rng2 = random.Random(20261128)   # the mixed day's own choices, so the cash day's stream stays as it was
LP, LIQUIDITY = "lp-mbp", 5000000
mixed = []
for i, (m, ev, outcomes, fee) in enumerate(MARKETS):
    t = day + timedelta(minutes=i)
    mixed.append((t, "MarketCreated", m, {"market": m, "oracle_event": ev, "outcomes": outcomes, "fee_bps": fee}))
    mixed.append((t, "deposit", LP, {"account": LP, "amount": LIQUIDITY, "e2eid": "E" + rng2.choice(ISPBS)
                                     + t.strftime("%Y%m%d%H%M") + "".join(rng2.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
                                                                          for _ in range(11))}))
    mixed.append((t, "fund", m, {"market": m, "account": LP, "amount": LIQUIDITY}))
for t, e in events:
    if e["type"] == "DepositReceived":
        mixed.append((t, "deposit", e["stream"], e["payload"]))
mixed += intents
mixed += [(t, "withdraw", a, p) for t, _, a, p in withdrawals]
mixed.sort(key=lambda x: x[0])

spec = {m: (outcomes, fee) for m, _, outcomes, fee in MARKETS}
pool, supply = {}, {}
cash, held = {}, {}   # held[(market, account)] = shares per outcome
out = []
order = 0
for t, kind, stream, p in mixed:
    if kind == "MarketCreated":
        out.append((t, {"type": kind, "stream": stream, "ts": iso(t), "payload": p}))
    elif kind == "deposit":
        cash[p["account"]] = cash.get(p["account"], 0) + p["amount"]
        out.append((t, {"type": "DepositReceived", "stream": p["account"], "ts": iso(t), "payload": p}))
    elif kind == "fund":
        m, n = p["market"], len(spec[p["market"]][0])
        cash[p["account"]] -= p["amount"]
        pool[m], supply[m] = [p["amount"]] * n, p["amount"]
        out.append((t, {"type": "LiquidityAdded", "stream": m, "ts": iso(t), "payload": {
            "market": m, "account": p["account"], "amount": p["amount"], "kept": [p["amount"]] * n,
            "lp_shares": p["amount"], "fee_weight": p["amount"]}}))
    elif kind == "withdraw":
        a = p["account"]
        if cash.get(a, 0) < p["amount"]:   # someone who can cover it asks instead
            a = rng2.choice(sorted(x for x, c in cash.items() if c >= p["amount"] and x != LP))
        cash[a] -= p["amount"]
        out.append((t, {"type": "WithdrawalRequested", "stream": a, "ts": iso(t), "payload": dict(p, account=a)}))
    else:
        m, a, side, amount = p["market"], p["account"], p["side"], p["amount"]
        outcomes, fee = spec[m]
        i = outcomes.index(p["outcome"])
        pos = held.get((m, a))
        if side == "sell" and not (pos and any(pos)):
            side = "buy"   # nothing to sell: the trader buys instead
            amount = min(amount, 10049)
        if side == "sell":
            if pos[i] == 0:
                i = max(range(len(pos)), key=lambda k: pos[k])
            amount = min(amount, pos[i])
            q = fpmm_sell(pool[m], i, amount, fee)
            if q is None:
                continue
            returned, fee_c, pool[m] = q
            pos[i] -= amount
            cash[a] += returned
            shares, cost = amount, returned
        else:
            if cash.get(a, 0) < amount:   # the engine would refuse it (INSUFFICIENT_FUNDS): a trader with the cash buys
                able = sorted(x for x, c in cash.items() if c >= amount and x != LP)
                if not able:
                    continue
                a = rng2.choice(able)
            q = fpmm_buy(pool[m], i, amount, fee)
            if q is None:
                continue
            fee_c, shares, pool[m] = q
            cash[a] -= amount
            held.setdefault((m, a), [0] * len(outcomes))[i] += shares
            cost = amount
        order += 1
        out.append((t, {"type": "OrderFilled", "stream": m, "ts": iso(t), "payload": {
            "order_id": "ord-%06d" % order, "market": m, "account": a, "outcome": outcomes[i], "side": side,
            "amount": amount, "shares": shares, "cost": cost, "fee": fee_c}}))

events.extend((t, {"type": ty, "stream": a, "ts": iso(t), "payload": p}) for t, ty, a, p in withdrawals)
events.sort(key=lambda e: e[0])
here = os.path.dirname(os.path.abspath(__file__))
line = lambda e: json.dumps(e, ensure_ascii=False, separators=(",", ":")) + "\n"
with open(os.path.join(here, "2026-11-27.ndjson"), "w") as f:
    for _, e in out:
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
