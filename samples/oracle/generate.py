#!/usr/bin/env python3
"""Regenerates the oracle sample day (2026-11-27) deterministically: events.json, sources.csv,
committee.csv, reports.csv and reports-late.ndjson. Run from anywhere: python3 generate.py.
The story is in README.md next to this file."""
import json
import os
import random
from datetime import datetime, timedelta, timezone
from decimal import Decimal, ROUND_HALF_EVEN

HERE = os.path.dirname(os.path.abspath(__file__))
DAY = datetime(2026, 11, 27, tzinfo=timezone.utc)
rng = random.Random(20261127)


def ts(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def at(hhmm):
    h, m = hhmm.split(":")
    return DAY + timedelta(hours=int(h), minutes=int(m))


SOURCES = [
    ("bcb-sgs", "Banco Central do Brasil (SGS)", 2500),
    ("b3-marketdata", "B3 Market Data", 2000),
    ("reuters-br", "Reuters Brasil", 1500),
    ("valor-data", "Valor Data", 1500),
    ("broadcast-ae", "Broadcast Agência Estado", 1200),
    ("folha-br", "Folha de S.Paulo", 1200),
    ("latam-wire", "LatAm Wire", 800),
    ("ge-globo", "ge.globo", 1500),
    ("espn-br", "ESPN Brasil", 1200),
    ("ambito-ar", "Ámbito Financiero", 1500),
    ("dolarhoy-ar", "DolarHoy", 2500),
    ("cronista-ar", "El Cronista", 1000),
    ("infobae-ar", "Infobae Economía", 1000),
]
COMMITTEE = [("comite-ana", "Ana Ribeiro"), ("comite-bruno", "Bruno Carvalho"), ("comite-carla", "Carla Mendes")]

FX = ["bcb-sgs", "b3-marketdata", "reuters-br", "valor-data", "broadcast-ae", "latam-wire"]
EVENTS = [
    dict(id="ptax-usdbrl-2026-11-27", kind="numeric", title="PTAX USD/BRL (venda), 27/11/2026",
         min="3.0000", max="9.0000", resolves_at=ts(at("16:10")), sources=FX),
    dict(id="ptax-eurbrl-2026-11-27", kind="numeric", title="PTAX EUR/BRL (venda), 27/11/2026",
         min="3.0000", max="10.0000", resolves_at=ts(at("16:10")), sources=FX[:5] + ["folha-br"]),
    dict(id="ibovespa-close-2026-11-27", kind="numeric", title="Ibovespa fechamento, 27/11/2026",
         min="50000.00", max="300000.00", resolves_at=ts(at("20:10")),
         sources=["b3-marketdata", "reuters-br", "valor-data", "broadcast-ae", "folha-br", "latam-wire"]),
    dict(id="ipca15-2026-11", kind="numeric", title="IPCA-15 de novembro/2026 (variação mensal, %)",
         min="-5.00", max="10.00", resolves_at=ts(at("12:00")), staleness_seconds=3600,
         sources=["bcb-sgs", "reuters-br", "valor-data", "broadcast-ae", "folha-br", "latam-wire"]),
    dict(id="usdclp-2026-11-27", kind="numeric", title="USD/CLP dólar observado, 27/11/2026",
         min="500.00", max="1500.00", resolves_at=ts(at("18:00")),
         sources=["bcb-sgs", "reuters-br", "valor-data", "broadcast-ae", "latam-wire"]),
    dict(id="usdars-blue-2026-11-27", kind="numeric", title="Dólar blue (venta) Buenos Aires, 27/11/2026",
         min="100.00", max="10000.00", resolves_at=ts(at("19:00")),
         sources=["ambito-ar", "dolarhoy-ar", "cronista-ar", "infobae-ar", "latam-wire"]),
    dict(id="copom-2026-11-27", kind="categorical", title="Copom: decisão da Selic (reunião extraordinária)",
         outcomes=["cut_50", "cut_25", "hold", "hike_25", "hike_50"], resolves_at=ts(at("21:30")),
         sources=["bcb-sgs", "reuters-br", "valor-data", "broadcast-ae", "folha-br", "latam-wire"]),
    dict(id="banxico-2026-11-27", kind="categorical", title="Banxico: decisión de tasa",
         outcomes=["cut_50", "cut_25", "hold", "hike_25"], resolves_at=ts(at("19:00")),
         sources=["reuters-br", "valor-data", "broadcast-ae", "latam-wire", "infobae-ar"]),
    dict(id="brasileirao-2026-r37-fla-pal", kind="categorical", title="Brasileirão 2026, rodada 37: Flamengo x Palmeiras",
         outcomes=["home", "draw", "away"], resolves_at=ts(at("21:00")), dispute_window_seconds=7200,
         sources=["ge-globo", "espn-br", "reuters-br", "broadcast-ae", "folha-br", "latam-wire"]),
    dict(id="eleicao-oab-sp-2026", kind="categorical", title="Eleição OAB-SP 2026: chapa vencedora",
         outcomes=["chapa_1", "chapa_2", "chapa_3"], resolves_at=ts(at("23:00")),
         sources=["reuters-br", "valor-data", "broadcast-ae", "folha-br", "latam-wire"]),
]

rows = []  # (observed_at datetime, source, event, value)


def q(x, places):
    return str(Decimal(x).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN))


def numeric_day(event, start, step, places, official, panel, every=10, quiet=(), outlier=None, jitter=90,
                first="00:00", last="23:55"):
    """Sources report a live value every `every` minutes; after resolves_at they all report `official`."""
    resolves = datetime.strptime(event["resolves_at"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    spot = Decimal(start)
    t = at(first)
    end = at(last)
    while t <= end:
        spot += Decimal(rng.randint(-10, 10)) * Decimal(step) / 10
        for s in panel:
            if any(a <= t < b for (src, a, b) in quiet if src == s):
                continue
            if s == "cronista-ar" and (t - DAY).seconds % (90 * 60) != 0:
                continue  # the stale source: publishes every 90 minutes only
            obs = t + timedelta(seconds=rng.randint(0, jitter))
            if t >= resolves:
                v = Decimal(official)
            else:
                v = spot * (1 + Decimal(rng.randint(-4, 4)) / 10000)
            if s == outlier:
                v = v * Decimal("1.04")
            rows.append((obs, s, event["id"], q(v, places)))
        t += timedelta(minutes=every)


def categorical(event, outcome, panel, start, odd=None):
    t = at(start)
    while t <= at("23:55"):
        for s in panel:
            obs = t + timedelta(seconds=rng.randint(0, 120))
            rows.append((obs, s, event["id"], odd[1] if odd and s == odd[0] else outcome))
        t += timedelta(minutes=10)


E = {e["id"]: e for e in EVENTS}
numeric_day(E["ptax-usdbrl-2026-11-27"], "5.3420", "0.0030", 4, "5.3587", FX, outlier="latam-wire")
numeric_day(E["ptax-eurbrl-2026-11-27"], "6.1735", "0.0035", 4, "6.1890", E["ptax-eurbrl-2026-11-27"]["sources"])
numeric_day(E["ibovespa-close-2026-11-27"], "127850.12", "80", 2, "128112.45",
            E["ibovespa-close-2026-11-27"]["sources"], first="12:00")
numeric_day(E["ipca15-2026-11"], "0.21", "0", 2, "0.21", E["ipca15-2026-11"]["sources"], every=30, first="12:01")
numeric_day(E["usdclp-2026-11-27"], "948.20", "0.60", 2, "951.35", E["usdclp-2026-11-27"]["sources"])
# DolarHoy goes silent 14:00-16:00: with El Cronista stale, the fresh weight drops under half the
# panel, rounds fail, the event fails over to the TWAP and comes back once DolarHoy is back.
numeric_day(E["usdars-blue-2026-11-27"], "1185.00", "1.50", 2, "1192.50", E["usdars-blue-2026-11-27"]["sources"],
            quiet=[("dolarhoy-ar", at("14:00"), at("16:00"))])
categorical(E["copom-2026-11-27"], "hold", E["copom-2026-11-27"]["sources"], "21:31")
categorical(E["banxico-2026-11-27"], "cut_25", E["banxico-2026-11-27"]["sources"][:4], "19:01")
categorical(E["brasileirao-2026-r37-fla-pal"], "home", E["brasileirao-2026-r37-fla-pal"]["sources"], "21:01")
categorical(E["eleicao-oab-sp-2026"], "chapa_1", E["eleicao-oab-sp-2026"]["sources"], "23:01",
            odd=("latam-wire", "chapa_2"))

rows.sort(key=lambda r: (r[0], r[1], r[2]))
lines = [f"{r[1]},{r[2]},{ts(r[0])},{r[3]}" for r in rows]
# Realistic feed problems, each rejected with a reason (see README.md).
lines.insert(40, lines[39])  # a re-sent line: duplicate
lines += [
    "twitter-rumor,ptax-usdbrl-2026-11-27,2026-11-27T16:12:00Z,5.4100",
    "valor-data,ptax-usdbrl-2026-11-27,2026-11-27T16:15:00Z,53.587",
    "broadcast-ae,ptax-usdbrl-2026-11-27,2026-11-27T16:16:00Z,\"5,3587\"",
    "ge-globo,brasileirao-2026-r37-fla-pal,2026-11-27T21:02:00Z,empate",
    "reuters-br,ibovespa-close-2026-11-27,2026-11-28T09:00:00Z,128400.00",
    "reuters-br,selic-2027-01,2026-11-27T20:00:00Z,hold",
]
with open(os.path.join(HERE, "reports.csv"), "w") as f:
    f.write("source,event,observed_at,value\n")
    f.write("\n".join(lines) + "\n")

# Late Banxico reports from the fifth panel member, sent as NDJSON.
with open(os.path.join(HERE, "reports-late.ndjson"), "w") as f:
    t = at("19:05")
    while t <= at("23:55"):
        f.write(json.dumps({"source": "infobae-ar", "event": "banxico-2026-11-27",
                            "observed_at": ts(t + timedelta(seconds=30)), "value": "cut_25"}) + "\n")
        t += timedelta(minutes=10)
    f.write(json.dumps({"source": "infobae-ar", "event": "banxico-2026-11-27",
                        "observed_at": "2026-11-27T23:59:00Z", "value": 0.25}) + "\n")

with open(os.path.join(HERE, "events.json"), "w") as f:
    json.dump(EVENTS, f, indent=2, ensure_ascii=False)
    f.write("\n")
with open(os.path.join(HERE, "sources.csv"), "w") as f:
    f.write("id,name,weight_bps\n")
    for s in SOURCES:
        f.write(f"{s[0]},{s[1]},{s[2]}\n")
with open(os.path.join(HERE, "committee.csv"), "w") as f:
    f.write("id,name\n")
    for c in COMMITTEE:
        f.write(f"{c[0]},{c[1]}\n")
print(f"{len(lines)} report lines")
