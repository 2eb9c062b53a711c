/**
 * The errors the client throws. Every refusal of the daemon becomes an ApiError subclass: one class per
 * catalogued code (generated in catalogue.ts from docs/api-errors.md), each extending the class of its HTTP
 * status, so callers catch broadly (ConflictError) or exactly (InsufficientFundsError). Branch on the class
 * or on .code, never on the message.
 */
export class MbpError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** No answer from the daemon (connection refused or reset, timeout) after the allowed retries. */
export class TransportError extends MbpError {}

/** A webhook delivery whose MBP-Webhook-Signature is missing, malformed, stale or does not match. */
export class WebhookSignatureError extends MbpError {}

/** A catalogued refusal: {"error": {"code", "message", "field"}} with its HTTP status. */
export class ApiError extends MbpError {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly apiMessage: string,
    readonly field?: string,
    /** seconds, from Retry-After */
    readonly retryAfter?: number,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(`${status} ${code}: ${apiMessage}` + (field ? ` (field ${field})` : ""));
  }
}

/** 400/405: the request itself is wrong; do not retry it unchanged. */
export class InvalidRequestError extends ApiError {}
/** 401: no valid signature or key. */
export class AuthenticationError extends ApiError {}
/** 403: the key lacks the scope, or the account is not the client's. */
export class PermissionDeniedError extends ApiError {}
/** 404. */
export class ResourceNotFoundError extends ApiError {}
/** 409: the state does not allow it now (funds, market status, already exists). */
export class ConflictError extends ApiError {}
/** 421: another shard owns the market (header MBP-Shard). */
export class MisdirectedError extends ApiError {}
/** 422. */
export class UnprocessableError extends ApiError {}
/** 429: still limited after the allowed retries; .retryAfter says how long to wait. */
export class RateLimitError extends ApiError {}
/** 5xx other than 503. */
export class ServerError extends ApiError {}
/** 503: draining or storage unavailable; nothing was acknowledged. */
export class ServiceUnavailableError extends ApiError {}
