import json
import pathlib
import unittest

from mbp_sdk import WebhookSignatureError, webhooks

VECTORS = json.loads((pathlib.Path(__file__).resolve().parents[2] / "vectors.json").read_text(encoding="utf-8"))


class WebhookVerifyTest(unittest.TestCase):
    def test_vectors_verify_and_return_the_event(self):
        for v in VECTORS["webhooks"]:
            body = v["body"].encode("utf-8")
            event = webhooks.verify(body, v["header"], v["secret"], now=v["t"])
            self.assertEqual(json.loads(v["body"]), event)
            self.assertEqual(v["header"], webhooks.header_value(v["secret"], v["t"], body))

    def test_tolerance_window_both_sides(self):
        v = VECTORS["webhooks"][0]
        body = v["body"].encode()
        webhooks.verify(body, v["header"], v["secret"], tolerance=300, now=v["t"] + 300)
        webhooks.verify(body, v["header"], v["secret"], tolerance=300, now=v["t"] - 300)
        for now in (v["t"] + 301, v["t"] - 301):
            with self.assertRaisesRegex(WebhookSignatureError, "tolerance"):
                webhooks.verify(body, v["header"], v["secret"], tolerance=300, now=now)

    def test_changed_body_wrong_secret_and_bad_headers_are_refused(self):
        v = VECTORS["webhooks"][0]
        body = v["body"].encode()
        bad = [
            (body.replace(b"1960", b"1961"), v["header"], v["secret"]),
            (body, v["header"], v["secret"] + "x"),
            (body, v["header"].replace("t=", "t=1"), v["secret"]),
            (body, "", v["secret"]),
            (body, "garbage", v["secret"]),
            (body, f"t={v['t']}", v["secret"]),
            (body, f"t=abc,v1=00", v["secret"]),
            (body, f"t={v['t']},t={v['t']},v1=00", v["secret"]),
        ]
        for payload, header, secret in bad:
            with self.subTest(header=header), self.assertRaises(WebhookSignatureError):
                webhooks.verify(payload, header, secret, now=v["t"])

    def test_rotation_any_secret_or_any_v1_matches(self):
        v = VECTORS["webhooks"][1]
        body = v["body"].encode()
        webhooks.verify(body, v["header"], ["whsec_old_one", v["secret"]], now=v["t"])
        two = v["header"] + ",v1=" + "0" * 64 + ",v0=ignored"
        webhooks.verify(body, two, v["secret"], now=v["t"])

    def test_error_does_not_echo_the_body(self):
        v = VECTORS["webhooks"][0]
        with self.assertRaises(WebhookSignatureError) as e:
            webhooks.verify(v["body"].encode(), v["header"], "wrong", now=v["t"])
        self.assertNotIn("ord-1", str(e.exception))


if __name__ == "__main__":
    unittest.main()
