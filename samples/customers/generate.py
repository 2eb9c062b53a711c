#!/usr/bin/env python3
"""Generates samples/customers/2026-11-27.ndjson: one fictional customer per account of the sample day.

Every person here is invented: names are drawn from common Brazilian given and family names, CPFs
are random bases with correct check digits (valid by the arithmetic, not anyone's), e-mails use the
reserved example.com domain, phones are random São Paulo mobile numbers. An account that withdraws
in 2026-11-27-cash.ndjson keeps that withdrawal's PIX key (a phone), so payouts can match it.

Re-run after changing the onboarding format:  python3 samples/customers/generate.py
Input format: docs/runbooks/onboarding.md. Deterministic (fixed seed).
"""
import json
import os
import random
import re
import uuid

rng = random.Random(20261127 + 12)
here = os.path.dirname(os.path.abspath(__file__))
events = os.path.join(here, "..", "events")

GIVEN = ["Ana", "Bruno", "Carla", "Diego", "Eduarda", "Felipe", "Gabriela", "Heitor", "Isabela", "João", "Larissa",
         "Lucas", "Mariana", "Mateus", "Natália", "Otávio", "Paula", "Rafael", "Sofia", "Thiago", "Valentina", "Vitor"]
FAMILY = ["Almeida", "Barbosa", "Cardoso", "Carvalho", "Costa", "Dias", "Ferreira", "Gomes", "Lima", "Martins",
          "Melo", "Oliveira", "Pereira", "Ribeiro", "Rocha", "Santos", "Silva", "Souza", "Teixeira", "Vieira"]
PURPOSES = ["kyc", "payouts", "marketing", "analytics"]   # docs/privacy.md


def check_digits(base9):
    def digit(s, w):
        r = sum(int(c) * (w - i) for i, c in enumerate(s)) * 10 % 11
        return 0 if r == 10 else r
    d1 = digit(base9, 10)
    return "%d%d" % (d1, digit(base9 + str(d1), 11))


def cpf():
    while True:
        base = "".join(rng.choice("0123456789") for _ in range(9))
        if len(set(base)) > 1:
            return base + check_digits(base)


def phone():
    return "+55119" + "".join(rng.choice("0123456789") for _ in range(8))


def ascii_lower(s):
    return s.lower().translate(str.maketrans("áâãàéêíóôõúç", "aaaaeeiooouc"))


accounts, withdrawal_key = set(), {}
for name in ("2026-11-27.ndjson", "2026-11-27-cash.ndjson"):
    with open(os.path.join(events, name)) as f:
        for line in f:
            e = json.loads(line)
            acct = e["payload"].get("account")
            if acct:
                accounts.add(acct)
            if name.endswith("cash.ndjson") and e["type"] == "WithdrawalRequested":
                withdrawal_key.setdefault(acct, e["payload"]["pix_key"])

out = []
for acct in sorted(accounts):
    given, family = rng.choice(GIVEN), rng.choice(FAMILY)
    number = int(re.sub(r"\D", "", acct) or 0)
    c = cpf()
    mobile = withdrawal_key.get(acct) or phone()
    email = "%s.%s.%04d@example.com" % (ascii_lower(given), ascii_lower(family), number)
    if acct in withdrawal_key:
        pix = mobile
    else:
        pix = rng.choice([c, mobile, email, str(uuid.UUID(int=rng.getrandbits(128), version=4))])
    born = "%04d-%02d-%02d" % (rng.randint(1950, 2006), rng.randint(1, 12), rng.randint(1, 28))
    consents = ["kyc", "payouts"] + [p for p in ("marketing", "analytics") if rng.random() < 0.4]
    out.append({"account": acct, "full_name": "%s %s %s" % (given, rng.choice(FAMILY), family), "cpf": c,
                "birth_date": born, "email": email, "phone": mobile, "pix_key": pix, "terms_version": "2026-11",
                "consents": consents})

with open(os.path.join(here, "2026-11-27.ndjson"), "w") as f:
    for c in out:
        f.write(json.dumps(c, ensure_ascii=False, separators=(",", ":")) + "\n")
print("wrote %d customers" % len(out))
