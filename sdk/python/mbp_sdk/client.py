"""A client of the daemon's /v2 API (docs/openapi.yaml): signed requests, an Idempotency-Key on every write
(kept across retries, so a retried write is never executed twice: ADR 0304), retries with backoff on 429 and
5xx, and typed errors from the catalogue (docs/api-errors.md)."""

import http.client
import json
import random
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field

from . import signing
from ._catalogue import CATALOGUE
from .errors import (
    ApiError, AuthenticationError, ConflictError, InvalidRequestError, MisdirectedError, PermissionDeniedError,
    RateLimitError, ResourceNotFoundError, ServerError, ServiceUnavailableError, TransportError, UnprocessableError,
)
from .retry import RetryPolicy, parse_retry_after

_BY_STATUS = {400: InvalidRequestError, 401: AuthenticationError, 403: PermissionDeniedError,
              404: ResourceNotFoundError, 405: InvalidRequestError, 409: ConflictError, 421: MisdirectedError,
              422: UnprocessableError, 429: RateLimitError, 503: ServiceUnavailableError}


@dataclass
class Response:
    status: int
    data: object
    headers: dict = field(default_factory=dict)

    @property
    def replayed(self):
        """True when the daemon answered from an earlier request with the same Idempotency-Key."""
        return self.headers.get("idempotent-replayed") == "true"

    @property
    def rate_limit(self):
        """RateLimit-Limit/Remaining/Reset as ints (those present)."""
        out = {}
        for name in ("limit", "remaining", "reset"):
            v = self.headers.get("ratelimit-" + name)
            if v is not None and v.strip().isdigit():
                out[name] = int(v)
        return out


def error_from(status, body, headers):
    """The typed error for a refusal: the catalogue's class for error.code, else the class of the status."""
    err = body.get("error") if isinstance(body, dict) else None
    code = err.get("code") if isinstance(err, dict) else None
    message = err.get("message", "") if isinstance(err, dict) else ""
    fld = err.get("field") if isinstance(err, dict) else None
    known = CATALOGUE.get(code)
    cls = known[1] if known else _BY_STATUS.get(status, ServerError if status >= 500 else ApiError)
    return cls(status, code or f"HTTP_{status}", message or f"HTTP {status}", fld,
               parse_retry_after(headers.get("retry-after")), headers)


def _segment(value):
    # Ids are 1-64 chars of A-Z a-z 0-9 . _ : @ - (docs/api-errors.md, Ids): all valid in a path segment.
    return urllib.parse.quote(str(value), safe=":@")


class Client:
    """client = Client("http://127.0.0.1:8080", key_id, secret); client.order(...).
    Without key_id/secret requests go unsigned (a daemon without authentication)."""

    def __init__(self, base_url="http://127.0.0.1:8080", key_id=None, secret=None, *, timeout=10.0,
                 retry=RetryPolicy(), clock=time.time, sleep=time.sleep, rand=random.random):
        parts = urllib.parse.urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError("base_url must be http(s)://host:port")
        if (key_id is None) != (secret is None):
            raise ValueError("give both key_id and secret, or neither")
        self._origin = f"{parts.scheme}://{parts.netloc}"
        self._prefix = parts.path.rstrip("/")
        self._key_id, self._secret = key_id, secret
        self._timeout, self._retry = timeout, retry
        self._clock, self._sleep, self._rand = clock, sleep, rand
        self._sent = {}  # Unix second -> signatures of writes sent with it (only seconds not yet past)
        self._lock = threading.Lock()

    # -- the one way out ------------------------------------------------------------------------------

    def request(self, method, path, body=None, *, query=None, idempotency_key=None):
        """Sends one API request, retrying per the policy, and returns a Response or raises an ApiError /
        TransportError. A POST gets idempotency_key, or a fresh random one, reused by every retry."""
        method = method.upper()
        path_q = self._prefix + path + ("?" + urllib.parse.urlencode(query) if query else "")
        data = b"" if body is None else json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        fixed = {"Accept": "application/json", "User-Agent": "mbp-sdk-python/0.1"}
        if body is not None:
            fixed["Content-Type"] = "application/json"
        if method == "POST":
            fixed["Idempotency-Key"] = idempotency_key or "sdk-" + uuid.uuid4().hex
        attempt = 0
        while True:
            hdrs = dict(fixed)
            if self._key_id is not None:
                # signed per attempt: a retry after a backoff must not carry a stale timestamp
                hdrs.update(self._sign(method, path_q, data))
            try:
                status, resp_headers, raw = self._send(method, path_q, data if body is not None else None, hdrs)
            except (urllib.error.URLError, http.client.HTTPException, ConnectionError, socket.timeout, TimeoutError) as e:
                wait = self._retry.delay(attempt, None, None, self._rand())
                if wait is None:
                    raise TransportError(f"{method} {path}: no answer from {self._origin}: {_reason(e)}") from e
                self._sleep(wait)
                attempt += 1
                continue
            parsed = _json(raw)
            if status < 400:
                return Response(status, parsed, resp_headers)
            err = error_from(status, parsed, resp_headers)
            wait = self._retry.delay(attempt, status, err.retry_after, self._rand())
            if wait is None:
                raise err
            self._sleep(wait)
            attempt += 1

    def _sign(self, method, path_q, data):
        """The daemon accepts a signed write once (replay refusal keyed on key, timestamp and signature), so
        two identical writes in one second, such as a quick retry, would collide. The later one takes the next
        second instead: still inside the +-300 s window, and it only ever moves forward."""
        now = int(self._clock())
        if method == "GET":
            return signing.headers(self._key_id, self._secret, now, method, path_q, data)
        with self._lock:
            for past in [t for t in self._sent if t < now]:
                del self._sent[past]
            ts = now
            while True:
                sig = signing.sign(self._secret, ts, method, path_q, data)
                if sig not in self._sent.setdefault(ts, set()):
                    break
                ts += 1
            self._sent[ts].add(sig)
        return {"MBP-Key-Id": self._key_id, "MBP-Timestamp": str(ts), "MBP-Signature": sig}

    def _send(self, method, path_q, data, hdrs):
        req = urllib.request.Request(self._origin + path_q, data=data, method=method, headers=hdrs)
        try:
            with urllib.request.urlopen(req, timeout=self._timeout) as r:
                return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
        except urllib.error.HTTPError as e:
            with e:
                return e.code, {k.lower(): v for k, v in e.headers.items()}, e.read()

    # -- resources (docs/openapi.yaml) ------------------------------------------------------------------

    def get(self, path, query=None):
        return self.request("GET", path, query=query).data

    def post(self, path, body, idempotency_key=None):
        return self.request("POST", path, body, idempotency_key=idempotency_key).data

    def health(self):
        return self.get("/v2/health")

    def markets(self):
        return self.get("/v2/markets")

    def market(self, market_id):
        return self.get("/v2/markets/" + _segment(market_id))

    def account(self, account_id):
        return self.get("/v2/accounts/" + _segment(account_id))

    def create_market(self, market, oracle_event, outcomes, liquidity, lp_account, **optional):
        """optional: fee_bps, threshold, opens_at, closes_at, e2eid (docs/openapi.yaml)."""
        body = {"market": market, "oracle_event": oracle_event, "outcomes": list(outcomes),
                "liquidity": liquidity, "lp_account": lp_account, **optional}
        return self.post("/v2/markets", body)

    def deposit(self, account, amount, e2eid=None, idempotency_key=None):
        body = {"account": account, "amount": amount}
        if e2eid is not None:
            body["e2eid"] = e2eid
        return self.post("/v2/deposits", body, idempotency_key)

    def order(self, market, account, outcome, side, amount, *, min_shares=None, min_return=None, idempotency_key=None):
        """side "buy" (amount in centavos, fee included) or "sell" (amount in shares)."""
        body = {"market": market, "account": account, "outcome": outcome, "side": side, "amount": amount}
        if min_shares is not None:
            body["min_shares"] = min_shares
        if min_return is not None:
            body["min_return"] = min_return
        return self.post("/v2/orders", body, idempotency_key)

    def orders(self, orders, idempotency_key=None):
        """Up to 20 orders (dicts with the fields `order` sends) in one request, POST /v2/orders/batch (ADR 0155).
        Returns each order's own result, in order: {"index", "idempotency_key", "status", "order" and "replayed",
        or "error"}; an order the market refuses does not refuse the others. Order i is keyed <key>#<i>, so
        retrying the batch (as this client does on 429/5xx) never fills an order twice."""
        return self.post("/v2/orders/batch", {"orders": list(orders)}, idempotency_key)["results"]

    def liquidity(self, market, account, *, amount=None, lp_shares=None, idempotency_key=None):
        body = {"market": market, "account": account, "action": "add" if lp_shares is None else "remove"}
        if amount is not None:
            body["amount"] = amount
        if lp_shares is not None:
            body["lp_shares"] = lp_shares
        return self.post("/v2/liquidity", body, idempotency_key)

    def withdraw(self, account, amount, withdrawal_id=None, idempotency_key=None):
        body = {"account": account, "amount": amount}
        if withdrawal_id is not None:
            body["withdrawal_id"] = withdrawal_id
        return self.post("/v2/withdrawals", body, idempotency_key)

    def oracle_events(self):
        return self.get("/v2/oracle/events")

    def oracle_event(self, event_id):
        return self.get("/v2/oracle/events/" + _segment(event_id))

    def oracle_rounds(self, event_id):
        return self.get("/v2/oracle/events/" + _segment(event_id) + "/rounds")

    def oracle_finalization(self, event_id):
        """The final answer and the seq of its Finalized event; OracleNotFinalizedError before then."""
        return self.get("/v2/oracle/events/" + _segment(event_id) + "/finalization")

    def oracle_disputes(self, event_id):
        return self.get("/v2/oracle/events/" + _segment(event_id) + "/disputes")

    def proof(self, seq):
        """The proof file of the event at seq (what `mbp proof export` writes, for `mbp verify-anchor`);
        EventNotSealedError until a seal covers it."""
        return self.get(f"/v2/proofs/{int(seq)}")

    def create_webhook(self, url, topics, idempotency_key=None):
        """Subscribes url to topics (order.filled, market.settled, oracle.finalized, payout.status); the answer
        carries the signing secret (whsec_...) once: keep it to verify deliveries (webhooks.verify)."""
        return self.post("/v2/webhooks", {"url": url, "topics": list(topics)}, idempotency_key)

    def webhooks(self):
        """This client's subscriptions with the deliveries each still owes (no secrets)."""
        return self.get("/v2/webhooks")

    def delete_webhook(self, subscription_id):
        """Stops a subscription; UnknownWebhookError when it is not this client's."""
        return self.request("DELETE", "/v2/webhooks/" + _segment(subscription_id)).data


def _json(raw):
    if not raw:
        return None
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None


def _reason(e):
    return str(getattr(e, "reason", None) or e) or type(e).__name__
