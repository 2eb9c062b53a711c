"""Receive and verify a webhook: listen on 127.0.0.1, subscribe to order.filled, buy on a new market, and
wait for the signed delivery of that fill; a copy with one byte changed is refused. Prints one JSON object.

    MBP_URL=http://127.0.0.1:8080 MBP_KEY_ID=... MBP_SECRET=... python3 examples/webhook.py --account acct-0001
"""
import argparse
import http.server
import json
import queue
import threading
import uuid

from _env import client, mbp_sdk


def receiver(inbox):
    """A webhook endpoint: keeps each delivery's raw body and signature header and answers 200 at once."""
    class Hook(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            inbox.put((raw, self.headers.get(mbp_sdk.webhooks.HEADER)))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--account", default="acct-sdk-py")
    ap.add_argument("--lp-account", default="lp-sdk-py")
    ap.add_argument("--wait", type=float, default=60, help="seconds to wait for the delivery")
    args = ap.parse_args()
    api = client()
    inbox = queue.Queue()
    server = receiver(inbox)
    try:
        sub = api.create_webhook(f"http://127.0.0.1:{server.server_address[1]}/hooks/mbp", ["order.filled"])
        secret = sub["secret"]
        run = uuid.uuid4().hex[:10]
        market = f"SDK-PY-WH-{run}"
        api.create_market(market, "copom-2026-11-27", ["hold", "cut_25"], 1_000_000, args.lp_account)
        api.deposit(args.account, 20_000, idempotency_key=f"dep-{run}")
        fill = api.order(market, args.account, "hold", "buy", 5_000, idempotency_key=f"buy-{run}")
        while True:
            raw, header = inbox.get(timeout=args.wait)
            delivery = mbp_sdk.webhooks.verify(raw, header, secret)  # raises WebhookSignatureError if forged
            if delivery["event"]["payload"].get("market") == market:
                break
        try:
            mbp_sdk.webhooks.verify(raw.replace(b"}", b" }", 1), header, secret)
            tampered_refused = False
        except mbp_sdk.WebhookSignatureError:
            tampered_refused = True
        listed = any(w["id"] == sub["id"] for w in api.webhooks())
        api.delete_webhook(sub["id"])
        try:
            api.delete_webhook(sub["id"])
            deleted_twice = "accepted"
        except mbp_sdk.UnknownWebhookError as e:
            deleted_twice = e.code
        print(json.dumps({"subscription": {k: v for k, v in sub.items() if k != "secret"}, "listed": listed,
                          "order": fill, "delivery": delivery, "tampered_refused": tampered_refused,
                          "deleted_twice": deleted_twice}))
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
