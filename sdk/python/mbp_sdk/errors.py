"""The errors the client raises. Every refusal of the daemon becomes an ApiError subclass: one class per
catalogued code (generated in _catalogue.py from docs/api-errors.md), each deriving from the class of its
HTTP status, so callers can catch broadly (ConflictError) or exactly (InsufficientFundsError).
Branch on the class or on .code, never on the message."""


class MbpError(Exception):
    """Anything the SDK raises."""


class TransportError(MbpError):
    """No answer from the daemon (connection refused or reset, timeout) after the allowed retries."""


class WebhookSignatureError(MbpError):
    """A webhook delivery whose MBP-Webhook-Signature is missing, malformed, stale or does not match."""


class ApiError(MbpError):
    """A catalogued refusal: {"error": {"code", "message", "field"}} with its HTTP status."""

    code = None  # set on each generated per-code class

    def __init__(self, status, code, message, field=None, retry_after=None, headers=None):
        super().__init__(f"{status} {code}: {message}" + (f" (field {field})" if field else ""))
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.retry_after = retry_after
        self.headers = dict(headers or {})


class InvalidRequestError(ApiError):
    """400/405: the request itself is wrong; do not retry it unchanged."""


class AuthenticationError(ApiError):
    """401: no valid signature or key."""


class PermissionDeniedError(ApiError):
    """403: the key lacks the scope, or the account is not the client's."""


class ResourceNotFoundError(ApiError):
    """404."""


class ConflictError(ApiError):
    """409: the state does not allow it now (funds, market status, already exists)."""


class MisdirectedError(ApiError):
    """421: another shard owns the market (header MBP-Shard)."""


class UnprocessableError(ApiError):
    """422."""


class RateLimitError(ApiError):
    """429: still limited after the allowed retries; .retry_after says how long to wait."""


class ServerError(ApiError):
    """5xx other than 503."""


class ServiceUnavailableError(ApiError):
    """503: draining or storage unavailable; nothing was acknowledged."""
