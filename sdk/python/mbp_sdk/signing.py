"""Request signing (docs/api-auth.md): MBP-Signature is the lowercase hex HMAC-SHA256 of
timestamp + "\\n" + METHOD + "\\n" + path_with_query + "\\n" + hex(SHA-256(body)) under the key's secret."""

import hashlib
import hmac


def _secret_bytes(secret):
    return secret if isinstance(secret, (bytes, bytearray)) else str(secret).encode("utf-8")


def string_to_sign(timestamp, method, path_with_query, body=b""):
    """The exact text that is signed. body is the bytes sent (b"" when there is none)."""
    return "\n".join([str(int(timestamp)), method.upper(), path_with_query, hashlib.sha256(body or b"").hexdigest()])


def sign(secret, timestamp, method, path_with_query, body=b""):
    """Lowercase hex HMAC-SHA256 of string_to_sign under secret (str secrets are used as their UTF-8 bytes)."""
    text = string_to_sign(timestamp, method, path_with_query, body)
    return hmac.new(_secret_bytes(secret), text.encode("utf-8"), hashlib.sha256).hexdigest()


def headers(key_id, secret, timestamp, method, path_with_query, body=b""):
    """The three authentication headers of one request."""
    return {
        "MBP-Key-Id": key_id,
        "MBP-Timestamp": str(int(timestamp)),
        "MBP-Signature": sign(secret, timestamp, method, path_with_query, body),
    }
