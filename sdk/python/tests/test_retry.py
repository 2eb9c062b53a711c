import unittest

import mbp_sdk
from mbp_sdk import Client, RetryPolicy, signing
from mbp_sdk.retry import parse_retry_after

from .scripted import Scripted

OK = (201, {}, {"order_id": "ord-1"})
UNAVAILABLE = (503, {}, {"error": {"code": "STORAGE_UNAVAILABLE", "message": "log write failed"}})


class RetryTest(unittest.TestCase):
    def run_script(self, script, policy=RetryPolicy(), **kw):
        srv = Scripted(script)
        self.addCleanup(srv.close)
        self.sleeps = []
        ticks = iter(range(1764241200, 1764241300))
        client = Client(srv.url, "key_test_1", "s3cret", retry=policy, sleep=self.sleeps.append, rand=lambda: 0.5,
                        clock=lambda: next(ticks), **kw)
        return client, srv

    def test_5xx_is_retried_with_the_same_idempotency_key_and_fresh_signatures(self):
        client, srv = self.run_script([UNAVAILABLE, UNAVAILABLE, OK])
        out = client.order("M", "acct-0001", "YES", "buy", 1000)
        self.assertEqual({"order_id": "ord-1"}, out)
        self.assertEqual(3, len(srv.requests))
        keys = {r["headers"]["idempotency-key"] for r in srv.requests}
        self.assertEqual(1, len(keys), "a retried write must keep its key")
        stamps = [r["headers"]["mbp-timestamp"] for r in srv.requests]
        self.assertEqual(3, len(set(stamps)), "each attempt is signed anew")
        for r in srv.requests:
            expected = signing.sign("s3cret", int(r["headers"]["mbp-timestamp"]), "POST", r["path"], r["body"])
            self.assertEqual(expected, r["headers"]["mbp-signature"])
        # equal jitter with rand 0.5: 3/4 of 0.25 s, then of 0.5 s
        self.assertEqual([0.1875, 0.375], self.sleeps)

    def test_429_waits_for_retry_after(self):
        limited = (429, {"Retry-After": "2"}, {"error": {"code": "RATE_LIMITED", "message": "slow down"}})
        client, srv = self.run_script([limited, (200, {"RateLimit-Remaining": "9"}, {"status": "ok"})])
        r = client.request("GET", "/v2/health")
        self.assertEqual({"status": "ok"}, r.data)
        self.assertEqual({"remaining": 9}, r.rate_limit)
        self.assertEqual([2.125], self.sleeps)

    def test_a_retry_after_beyond_the_cap_is_raised_at_once(self):
        limited = (429, {"Retry-After": "120"}, {"error": {"code": "RATE_LIMITED", "message": "slow down"}})
        client, srv = self.run_script([limited, OK])
        with self.assertRaises(mbp_sdk.RateLimitedError) as e:
            client.health()
        self.assertEqual(120.0, e.exception.retry_after)
        self.assertEqual([], self.sleeps)
        self.assertEqual(1, len(srv.requests))

    def test_retries_are_bounded(self):
        client, srv = self.run_script([UNAVAILABLE] * 5, RetryPolicy(max_retries=2))
        with self.assertRaises(mbp_sdk.StorageUnavailableError):
            client.deposit("acct-0001", 100)
        self.assertEqual(3, len(srv.requests))
        self.assertEqual(2, len(self.sleeps))

    def test_backoff_is_capped(self):
        p = RetryPolicy(max_retries=20, base=0.25, cap=8.0)
        self.assertEqual(4.0, p.backoff(10, 0.0))
        self.assertEqual(6.0, p.backoff(10, 0.5))
        self.assertEqual(0.125, p.backoff(0, 0.0))

    def test_refusals_are_not_retried(self):
        conflict = (409, {}, {"error": {"code": "INSUFFICIENT_FUNDS", "message": "no cash", "field": "amount"}})
        client, srv = self.run_script([conflict, OK])
        with self.assertRaises(mbp_sdk.InsufficientFundsError) as e:
            client.order("M", "acct-0001", "YES", "buy", 10**9)
        self.assertEqual("amount", e.exception.field)
        self.assertEqual(1, len(srv.requests))

    def test_a_dropped_connection_is_retried_then_reported(self):
        client, srv = self.run_script([(0, {}, None), OK])
        self.assertEqual({"order_id": "ord-1"}, client.order("M", "a", "YES", "buy", 5, idempotency_key="k-1"))
        self.assertEqual(["k-1", "k-1"], [r["headers"]["idempotency-key"] for r in srv.requests])
        client, srv = self.run_script([(0, {}, None)] * 4)
        with self.assertRaises(mbp_sdk.TransportError):
            client.health()
        self.assertEqual(4, len(srv.requests))

    def test_unsigned_client_sends_no_auth_headers(self):
        srv = Scripted([(200, {}, {"status": "ok"})])
        self.addCleanup(srv.close)
        Client(srv.url).health()
        self.assertNotIn("mbp-signature", srv.requests[0]["headers"])

    def test_retry_after_forms(self):
        self.assertEqual(3.0, parse_retry_after("3"))
        self.assertEqual(10.0, parse_retry_after("Thu, 01 Jan 1970 00:00:20 GMT", now=10))
        self.assertIsNone(parse_retry_after("soon"))
        self.assertIsNone(parse_retry_after(None))


if __name__ == "__main__":
    unittest.main()


class ReplaySafeTimestampTest(unittest.TestCase):
    def test_identical_writes_in_one_second_get_distinct_signatures(self):
        srv = Scripted([UNAVAILABLE, OK, OK, (200, {}, {}), (200, {}, {})])
        self.addCleanup(srv.close)
        client = Client(srv.url, "key_test_1", "s3cret", sleep=lambda s: None, clock=lambda: 1764241200.7)
        client.order("M", "a", "YES", "buy", 5, idempotency_key="k-1")  # a 503, then its retry in the same second
        client.order("M", "a", "YES", "buy", 5, idempotency_key="k-1")  # the same write again
        client.health()
        client.health()
        posts = [r for r in srv.requests if r["method"] == "POST"]
        self.assertEqual(["1764241200", "1764241201", "1764241202"], [r["headers"]["mbp-timestamp"] for r in posts])
        self.assertEqual(3, len({r["headers"]["mbp-signature"] for r in posts}))
        # reads are not refused as replays: they keep the clock's second
        self.assertEqual(["1764241200"] * 2, [r["headers"]["mbp-timestamp"] for r in srv.requests if r["method"] == "GET"])
