"""Webhook deliveries are signed Stripe-style: MBP-Webhook-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret,
t + "." + raw body)>. Verify on the raw bytes received, before parsing them: re-serialised JSON would not match."""

import hashlib
import hmac
import json
import time

from .errors import WebhookSignatureError

HEADER = "MBP-Webhook-Signature"
DEFAULT_TOLERANCE = 300  # seconds either side of our clock, like the request signing window


def _secret_bytes(secret):
    return secret if isinstance(secret, (bytes, bytearray)) else str(secret).encode("utf-8")


def signature(secret, timestamp, payload):
    """hex HMAC-SHA256(secret, t + "." + payload): what the daemon puts in v1."""
    return hmac.new(_secret_bytes(secret), str(int(timestamp)).encode("ascii") + b"." + payload, hashlib.sha256).hexdigest()


def header_value(secret, timestamp, payload):
    """A whole header value, for tests and for a receiver's own fixtures."""
    return f"t={int(timestamp)},v1={signature(secret, timestamp, payload)}"


def _parse(header):
    t, v1 = None, []
    for part in header.split(","):
        key, sep, value = part.strip().partition("=")
        if not sep:
            raise WebhookSignatureError("malformed signature header")
        if key == "t":
            if t is not None or not value.isdigit():
                raise WebhookSignatureError("malformed signature header")
            t = int(value)
        elif key == "v1":
            v1.append(value)
        # other schemes (v0, future ones) are ignored, as Stripe's clients do
    if t is None or not v1:
        raise WebhookSignatureError("signature header lacks t or v1")
    return t, v1


def verify(payload, header, secrets, tolerance=DEFAULT_TOLERANCE, now=None):
    """Checks a delivery and returns its parsed JSON body. payload: the raw body bytes; header: the
    MBP-Webhook-Signature value; secrets: one secret or several (during a rotation any may match).
    Raises WebhookSignatureError when the header is missing or malformed, t is more than tolerance seconds
    from now, or no v1 matches. The error never says which part failed beyond that, nor echoes the body."""
    if not header:
        raise WebhookSignatureError(f"no {HEADER} header")
    if isinstance(payload, str):
        payload = payload.encode("utf-8")
    t, candidates = _parse(header)
    now = int(time.time() if now is None else now)
    if abs(now - t) > tolerance:
        raise WebhookSignatureError("timestamp outside the tolerance window")
    if isinstance(secrets, (str, bytes, bytearray)):
        secrets = [secrets]
    ok = False
    for secret in secrets:
        expected = signature(secret, t, payload)
        for got in candidates:
            # compare every pair: no early exit that would time which secret matched
            ok |= hmac.compare_digest(expected, got)
    if not ok:
        raise WebhookSignatureError("no signature matches")
    try:
        return json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        raise WebhookSignatureError("signed body is not JSON") from e
