"""End to end against a real daemon that scripts/sdk-test starts on 127.0.0.1 (MBP_SDK_URL, and MBP_SDK_KEY_ID /
MBP_SDK_SECRET when it signs). Without MBP_SDK_URL these tests are skipped: scripts/sdk-test always sets it."""
import json
import os
import pathlib
import subprocess
import sys
import time
import unittest
import urllib.error
import urllib.request
import uuid

import mbp_sdk

URL = os.environ.get("MBP_SDK_URL")
KEY_ID = os.environ.get("MBP_SDK_KEY_ID") or None
SECRET = os.environ.get("MBP_SDK_SECRET") or None
ACCOUNT = os.environ.get("MBP_SDK_ACCOUNT_PY", "acct-sdk-py")
TRADER_KEY_ID = os.environ.get("MBP_SDK_TRADER_KEY_ID") or None
TRADER_SECRET = os.environ.get("MBP_SDK_TRADER_SECRET") or None
TRADER_ACCOUNT = os.environ.get("MBP_SDK_TRADER_ACCOUNT", "acct-sdk-trader")
EXAMPLES = pathlib.Path(__file__).resolve().parents[1] / "examples"


def example(name, *args):
    env = dict(os.environ, MBP_URL=URL, MBP_KEY_ID=KEY_ID or "", MBP_SECRET=SECRET or "")
    r = subprocess.run([sys.executable, str(EXAMPLES / name), *args], capture_output=True, text=True, env=env, timeout=120)
    if r.returncode != 0:
        raise AssertionError(f"{name} exited {r.returncode}: {r.stderr}")
    return json.loads(r.stdout)


@unittest.skipUnless(URL, "MBP_SDK_URL is not set: scripts/sdk-test starts a daemon and sets it")
class EndToEndTest(unittest.TestCase):
    def setUp(self):
        self.api = mbp_sdk.Client(URL, KEY_ID, SECRET)

    def test_trade_example(self):
        out = example("trade.py", "--account", ACCOUNT)
        buy = out["buy"]
        self.assertEqual("buy", buy["side"])
        self.assertEqual(10_000, buy["cost"])
        self.assertGreater(buy["filled_shares"], 0)
        self.assertTrue(out["retry_replayed"])
        self.assertTrue(out["retry_same_order"])
        self.assertEqual(2, out["market_orders"], "the retried buy was not executed twice")
        self.assertEqual(out["cash_before"] - 10_000 + out["sell"]["cost"], out["cash_after"])
        self.assertEqual({"class": "InsufficientFundsError", "code": "INSUFFICIENT_FUNDS", "status": 409, "field": "amount"},
                         out["refused"])

    def test_a_batch_of_orders_each_answered_and_retried_safely(self):
        run = uuid.uuid4().hex[:10]
        market = f"SDK-PY-BATCH-{run}"
        self.api.create_market(market, "copom-2026-11-27", ["hold", "cut_25"], 1_000_000, "lp-sdk-py")
        self.api.deposit(ACCOUNT, 5_000, idempotency_key=f"dep-b-{run}")
        cash = self.api.account(ACCOUNT)["cash"]
        batch = [{"market": market, "account": ACCOUNT, "outcome": "hold", "side": "buy", "amount": 1_000},
                 {"market": market, "account": ACCOUNT, "outcome": "cut_25", "side": "buy", "amount": 10**11},
                 {"market": market, "account": ACCOUNT, "outcome": "cut_25", "side": "buy", "amount": 2_000}]
        results = self.api.orders(batch, idempotency_key=f"b-{run}")
        self.assertEqual([201, 409, 201], [r["status"] for r in results])
        self.assertEqual("INSUFFICIENT_FUNDS", results[1]["error"]["code"])
        self.assertEqual(f"b-{run}#2", results[2]["idempotency_key"])
        self.assertEqual(cash - 3_000, self.api.account(ACCOUNT)["cash"])
        again = self.api.orders(batch, idempotency_key=f"b-{run}")
        self.assertTrue(again[0]["replayed"] and again[2]["replayed"])
        self.assertEqual(results[0]["order"], again[0]["order"])
        self.assertEqual(2, self.api.market(market)["orders"], "the retried batch filled nothing twice")

    def test_catalogued_errors_from_the_daemon(self):
        with self.assertRaises(mbp_sdk.UnknownMarketError) as e:
            self.api.order("NO-SUCH-MARKET", ACCOUNT, "YES", "buy", 100)
        self.assertEqual(404, e.exception.status)
        with self.assertRaises(mbp_sdk.InvalidFieldError) as e:
            self.api.deposit(ACCOUNT, -5)
        self.assertEqual("amount", e.exception.field)

    def test_same_key_other_body_is_refused(self):
        key = "reuse-" + uuid.uuid4().hex
        self.api.deposit(ACCOUNT, 100, idempotency_key=key)
        with self.assertRaises(mbp_sdk.IdempotencyKeyReusedError):
            self.api.deposit(ACCOUNT, 101, idempotency_key=key)

    def test_oracle_event_example(self):
        out = example("oracle_event.py", "ptax-usdbrl-2026-11-27")
        self.assertEqual(("ptax-usdbrl-2026-11-27", "finalized", True), (out["event"], out["phase"], out["listed"]))
        self.assertGreater(out["rounds"], 10)
        self.assertEqual("consensus", out["last_round"]["status"])
        final = out["finalization"]
        self.assertEqual(f"/v2/proofs/{final['seq']}", final["proof"])
        self.assertEqual(0, out["disputes"])
        # the setup did not seal: the proof route answers a catalogued 404 the SDK types
        with self.assertRaises(mbp_sdk.EventNotSealedError) as e:
            self.api.proof(final["seq"])
        self.assertIsInstance(e.exception, mbp_sdk.ResourceNotFoundError)
        with self.assertRaises(mbp_sdk.UnknownOracleEventError):
            self.api.oracle_event("selic-2099")

    def test_webhook_example(self):
        try:
            self.api.post("/v2/webhooks", {})
        except mbp_sdk.NotFoundError:
            self.skipTest("the daemon has no POST /v2/webhooks")
        except mbp_sdk.InvalidRequestError:
            pass  # the route is there and refused the empty subscription
        out = example("webhook.py", "--account", ACCOUNT)
        delivery = out["delivery"]
        self.assertEqual("order.filled", delivery["topic"])
        self.assertEqual("OrderFilled", delivery["event"]["type"])
        self.assertEqual(out["order"]["order_id"], delivery["event"]["payload"]["order_id"])
        self.assertTrue(out["tampered_refused"])
        self.assertNotIn("secret", out["subscription"])
        self.assertTrue(out["listed"])
        self.assertEqual("UNKNOWN_WEBHOOK", out["deleted_twice"])

    @unittest.skipUnless(KEY_ID, "the daemon does not authenticate")
    def test_unsigned_stale_replayed_and_wrongly_signed_requests_are_refused(self):
        with self.assertRaises(mbp_sdk.AuthenticationError):
            mbp_sdk.Client(URL).deposit(ACCOUNT, 100)
        with self.assertRaises(mbp_sdk.AuthenticationError):  # one failed authentication: the backoff allows 5
            mbp_sdk.Client(URL, KEY_ID, SECRET + "x").deposit(ACCOUNT, 100)
        stale = mbp_sdk.Client(URL, KEY_ID, SECRET, clock=lambda: time.time() - 400)
        with self.assertRaises(mbp_sdk.AuthenticationError) as e:
            stale.deposit(ACCOUNT, 100)
        self.assertEqual("TIMESTAMP_OUT_OF_WINDOW", e.exception.code)
        # the same signed bytes sent twice, as an eavesdropper would: the second is refused
        # an amount no other test sends: two identical bodies signed in the same second carry one signature
        raw = json.dumps({"account": ACCOUNT, "amount": 1000 + uuid.uuid4().int % 1_000_000}).encode()
        hdrs = {"Content-Type": "application/json", "Idempotency-Key": "replay-" + uuid.uuid4().hex,
                **mbp_sdk.signing.headers(KEY_ID, SECRET, time.time(), "POST", "/v2/deposits", raw)}
        codes = []
        for _ in range(2):
            try:
                with urllib.request.urlopen(urllib.request.Request(URL + "/v2/deposits", raw, hdrs, method="POST")) as r:
                    codes.append(r.status)
            except urllib.error.HTTPError as err:
                codes.append((err.code, json.loads(err.read())["error"]["code"]))
        self.assertEqual([201, (401, "REQUEST_REPLAYED")], codes)

    @unittest.skipUnless(KEY_ID, "the daemon does not authenticate")
    def test_a_write_sent_again_in_the_same_second_is_answered_not_refused_as_a_replay(self):
        # the clock frozen on one second: the same write twice would carry the same signature, which the daemon
        # refuses as a replay (REQUEST_REPLAYED), unless the client stamps the second one with the next second
        now = int(time.time())
        frozen = mbp_sdk.Client(URL, KEY_ID, SECRET, clock=lambda: now)
        key = "twice-" + uuid.uuid4().hex
        first = frozen.request("POST", "/v2/deposits", {"account": ACCOUNT, "amount": 7}, idempotency_key=key)
        second = frozen.request("POST", "/v2/deposits", {"account": ACCOUNT, "amount": 7}, idempotency_key=key)
        self.assertEqual((201, False), (first.status, first.replayed))
        self.assertEqual((201, True), (second.status, second.replayed))
        self.assertEqual(first.data, second.data)

    @unittest.skipUnless(TRADER_KEY_ID, "no trade-scoped key bound to an account (MBP_SDK_TRADER_KEY_ID)")
    def test_a_client_trades_only_for_its_own_accounts(self):
        trader = mbp_sdk.Client(URL, TRADER_KEY_ID, TRADER_SECRET)
        self.assertGreaterEqual(trader.account(TRADER_ACCOUNT)["cash"], 0)
        with self.assertRaises(mbp_sdk.PermissionDeniedError) as e:
            trader.account(ACCOUNT)
        self.assertEqual("ACCOUNT_NOT_BOUND", e.exception.code)
        with self.assertRaises(mbp_sdk.PermissionDeniedError) as e:
            trader.create_market("SDK-PY-NOPE-" + uuid.uuid4().hex[:8], "copom-2026-11-27", ["hold", "cut_25"], 1_000_000, ACCOUNT)
        self.assertEqual("FORBIDDEN_SCOPE", e.exception.code)


if __name__ == "__main__":
    unittest.main()
