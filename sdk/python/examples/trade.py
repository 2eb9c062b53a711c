"""Create a market, fund an account, buy, retry the buy (answered from the log, not executed twice), sell,
and be refused with a typed error. Prints one JSON object.

    MBP_URL=http://127.0.0.1:8080 MBP_KEY_ID=... MBP_SECRET=... python3 examples/trade.py --account acct-0001
"""
import argparse
import json
import uuid

from _env import client, mbp_sdk


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--account", default="acct-sdk-py", help="the trading account (bound to this API client)")
    ap.add_argument("--lp-account", default="lp-sdk-py", help="the account that seeds the pool")
    ap.add_argument("--oracle-event", default="copom-2026-11-27")
    args = ap.parse_args()
    api = client()
    run = uuid.uuid4().hex[:10]
    market = f"SDK-PY-{run}"
    api.create_market(market, args.oracle_event, ["hold", "cut_25"], 1_000_000, args.lp_account, fee_bps=200)
    api.deposit(args.account, 50_000, idempotency_key=f"dep-{run}")
    cash_before = api.account(args.account)["cash"]
    order = {"market": market, "account": args.account, "outcome": "hold", "side": "buy", "amount": 10_000}
    buy = api.request("POST", "/v2/orders", order, idempotency_key=f"buy-{run}")
    again = api.request("POST", "/v2/orders", order, idempotency_key=f"buy-{run}")
    sell = api.order(market, args.account, "hold", "sell", buy.data["filled_shares"] // 2, min_return=1,
                     idempotency_key=f"sell-{run}")
    try:
        api.order(market, args.account, "hold", "buy", 10**11, idempotency_key=f"big-{run}")
        refused = None
    except mbp_sdk.ConflictError as e:  # InsufficientFundsError is one
        refused = {"class": type(e).__name__, "code": e.code, "status": e.status, "field": e.field}
    print(json.dumps({
        "market": market,
        "buy": buy.data,
        "retry_replayed": again.replayed,
        "retry_same_order": again.data == buy.data,
        "sell": sell,
        "cash_before": cash_before,
        "cash_after": api.account(args.account)["cash"],
        "market_orders": api.market(market)["orders"],
        "refused": refused,
    }))


if __name__ == "__main__":
    main()
