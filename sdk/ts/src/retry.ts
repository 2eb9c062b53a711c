/** When and how long to wait before trying a request again (ADR 0020). */
export const RETRIED_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

export interface RetryPolicy {
  /** tries after the first */
  maxRetries: number;
  baseMs: number;
  capMs: number;
  /** a 429's Retry-After longer than this is not waited for: the RateLimitError is thrown at once */
  retryAfterCapMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 3, baseMs: 250, capMs: 8000, retryAfterCapMs: 30000 };

/** Exponential from baseMs, capped at capMs, "equal jitter" (half fixed, half random); rand in [0, 1). */
export function backoffMs(p: RetryPolicy, attempt: number, rand: number): number {
  const d = Math.min(p.capMs, p.baseMs * 2 ** attempt);
  return d / 2 + (rand * d) / 2;
}

/** Milliseconds before retry number attempt (0-based), or undefined when the answer must not be retried. */
export function delayMs(p: RetryPolicy, attempt: number, status: number | undefined, retryAfterS: number | undefined, rand: number): number | undefined {
  if (attempt >= p.maxRetries) return undefined;
  if (status !== undefined && !RETRIED_STATUSES.has(status)) return undefined;
  if (retryAfterS !== undefined) {
    const ms = retryAfterS * 1000;
    return ms > p.retryAfterCapMs ? undefined : ms + rand * p.baseMs;
  }
  return backoffMs(p, attempt, rand);
}

/** Retry-After as seconds: delta-seconds or an HTTP date (RFC 9110); undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number = Date.now()): number | undefined {
  if (value == null) return undefined;
  const v = value.trim();
  if (/^[0-9]+$/.test(v)) return Number(v);
  const when = Date.parse(v);
  return Number.isNaN(when) ? undefined : Math.max(0, (when - nowMs) / 1000);
}
