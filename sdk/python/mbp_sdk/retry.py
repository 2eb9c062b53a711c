"""When and how long to wait before trying a request again (ADR 0020)."""

import email.utils
import time
from dataclasses import dataclass

RETRIED_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True)
class RetryPolicy:
    """max_retries: tries after the first. Backoff is exponential from base seconds, capped at cap, with
    "equal jitter" (half fixed, half random) so clients that failed together do not retry together.
    A 429's Retry-After is honoured (plus up to base of jitter); one longer than retry_after_cap is not
    waited for: the RateLimitError is raised at once and carries it."""
    max_retries: int = 3
    base: float = 0.25
    cap: float = 8.0
    retry_after_cap: float = 30.0

    def backoff(self, attempt, rand):
        """Seconds before retry number attempt (0-based), rand in [0, 1)."""
        d = min(self.cap, self.base * (2 ** attempt))
        return d / 2 + rand * d / 2

    def delay(self, attempt, status, retry_after, rand):
        """Seconds to wait before retry number attempt, or None when the answer must not be retried."""
        if attempt >= self.max_retries:
            return None
        if status is not None and status not in RETRIED_STATUSES:
            return None
        if retry_after is not None:
            if retry_after > self.retry_after_cap:
                return None
            return retry_after + rand * self.base
        return self.backoff(attempt, rand)


def parse_retry_after(value, now=None):
    """Retry-After as seconds: delta-seconds or an HTTP date (RFC 9110); None when absent or unreadable."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))
