import { randomUUID } from "node:crypto";
import { CATALOGUE, type ErrorCode } from "./catalogue.js";
import {
  ApiError, AuthenticationError, ConflictError, InvalidRequestError, MisdirectedError, PermissionDeniedError,
  RateLimitError, ResourceNotFoundError, ServerError, ServiceUnavailableError, TransportError, UnprocessableError,
} from "./errors.js";
import { DEFAULT_RETRY, delayMs, parseRetryAfter, type RetryPolicy } from "./retry.js";
import { sign, signedHeaders, type Secret } from "./signing.js";

/**
 * A client of the daemon's /v2 API (docs/openapi.yaml): signed requests, an Idempotency-Key on every write (kept
 * across retries, so a retried write is never executed twice: ADR 0304), retries with backoff on 429 and 5xx,
 * and typed errors from the catalogue (docs/api-errors.md).
 */
export interface ClientOptions {
  baseUrl?: string;
  /** with secret: sign every request; without both, requests go unsigned */
  keyId?: string;
  secret?: Secret;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Unix seconds, for MBP-Timestamp */
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface ApiResponse<T = unknown> {
  status: number;
  data: T;
  headers: Record<string, string>;
  /** true when the daemon answered from an earlier request with the same Idempotency-Key */
  replayed: boolean;
  /** RateLimit-Limit/Remaining/Reset (those present) */
  rateLimit: { limit?: number; remaining?: number; reset?: number };
}

export interface RequestOptions {
  query?: Record<string, string | number>;
  idempotencyKey?: string;
}

const BY_STATUS: Record<number, typeof ApiError> = {
  400: InvalidRequestError, 401: AuthenticationError, 403: PermissionDeniedError, 404: ResourceNotFoundError,
  405: InvalidRequestError, 409: ConflictError, 421: MisdirectedError, 422: UnprocessableError, 429: RateLimitError,
  503: ServiceUnavailableError,
};

/** The typed error for a refusal: the catalogue's class for error.code, else the class of the status. */
export function errorFrom(status: number, body: unknown, headers: Record<string, string>): ApiError {
  const err = (body && typeof body === "object" ? (body as { error?: unknown }).error : undefined) as
    { code?: string; message?: string; field?: string } | undefined;
  const code = typeof err?.code === "string" ? err.code : undefined;
  const known = code !== undefined && Object.hasOwn(CATALOGUE, code) ? CATALOGUE[code as ErrorCode] : undefined;
  const type = known?.type ?? BY_STATUS[status] ?? (status >= 500 ? ServerError : ApiError);
  return new type(status, code ?? `HTTP_${status}`, err?.message || `HTTP ${status}`, err?.field,
    parseRetryAfter(headers["retry-after"]), headers);
}

// Ids are 1-64 chars of A-Z a-z 0-9 . _ : @ - (docs/api-errors.md, Ids): all valid in a path segment.
const segment = (id: string) => encodeURIComponent(id).replace(/%3A/g, ":").replace(/%40/g, "@");

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class Client {
  private readonly origin: string;
  private readonly prefix: string;
  private readonly retry: RetryPolicy;
  /** Unix second -> signatures of writes sent with it (only seconds not yet past) */
  private readonly sent = new Map<number, Set<string>>();

  constructor(private readonly options: ClientOptions = {}) {
    const url = new URL(options.baseUrl ?? "http://127.0.0.1:8080");
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new TypeError("baseUrl must be http(s)://host:port");
    if ((options.keyId === undefined) !== (options.secret === undefined)) throw new TypeError("give both keyId and secret, or neither");
    this.origin = url.origin;
    this.prefix = url.pathname.replace(/\/+$/, "");
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
  }

  /**
   * Sends one API request, retrying per the policy; resolves to the answer or rejects with an ApiError /
   * TransportError. A POST gets opts.idempotencyKey, or a fresh random one, reused by every retry.
   */
  async request<T = unknown>(method: string, path: string, body?: unknown, opts: RequestOptions = {}): Promise<ApiResponse<T>> {
    method = method.toUpperCase();
    const q = opts.query ? new URLSearchParams(Object.entries(opts.query).map(([k, v]): [string, string] => [k, String(v)])).toString() : "";
    const pathQ = this.prefix + path + (q ? "?" + q : "");
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body), "utf8");
    const fixed: Record<string, string> = { Accept: "application/json", "User-Agent": "mbp-sdk-ts/0.1" };
    if (data) fixed["Content-Type"] = "application/json";
    if (method === "POST") fixed["Idempotency-Key"] = opts.idempotencyKey ?? "sdk-" + randomUUID().replaceAll("-", "");
    const clock = this.options.clock ?? (() => Date.now() / 1000);
    const sleep = this.options.sleep ?? defaultSleep;
    const random = this.options.random ?? Math.random;
    for (let attempt = 0; ; attempt++) {
      const headers = { ...fixed };
      if (this.options.keyId !== undefined && this.options.secret !== undefined) {
        // signed per attempt: a retry after a backoff must not carry a stale timestamp
        Object.assign(headers, this.sign(this.options.keyId, this.options.secret, Math.trunc(clock()), method, pathQ, data ?? ""));
      }
      let res: Response;
      try {
        res = await fetch(this.origin + pathQ, {
          method, headers, body: data, signal: AbortSignal.timeout(this.options.timeoutMs ?? 10000),
        });
      } catch (e) {
        const wait = delayMs(this.retry, attempt, undefined, undefined, random());
        if (wait === undefined) {
          const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name;
          throw new TransportError(`${method} ${path}: no answer from ${this.origin}: ${cause}`, { cause: e });
        }
        await sleep(wait);
        continue;
      }
      const h: Record<string, string> = {};
      res.headers.forEach((v, k) => { h[k.toLowerCase()] = v; });
      const text = await res.text();
      let parsed: unknown = null;
      try { parsed = text ? JSON.parse(text) : null; } catch { parsed = null; }
      if (res.status < 400) {
        const rl: ApiResponse["rateLimit"] = {};
        for (const n of ["limit", "remaining", "reset"] as const) {
          const v = h["ratelimit-" + n];
          if (v !== undefined && /^[0-9]+$/.test(v.trim())) rl[n] = Number(v);
        }
        return { status: res.status, data: parsed as T, headers: h, replayed: h["idempotent-replayed"] === "true", rateLimit: rl };
      }
      const err = errorFrom(res.status, parsed, h);
      const wait = delayMs(this.retry, attempt, res.status, err.retryAfter, random());
      if (wait === undefined) throw err;
      await sleep(wait);
    }
  }

  /**
   * The daemon accepts a signed write once (replay refusal keyed on key, timestamp and signature), so two
   * identical writes in one second, such as a quick retry, would collide. The later one takes the next second
   * instead: still inside the +-300 s window, and it only ever moves forward.
   */
  private sign(keyId: string, secret: Secret, now: number, method: string, pathQ: string, body: Uint8Array | string) {
    if (method === "GET") return signedHeaders(keyId, secret, now, method, pathQ, body);
    for (const t of this.sent.keys()) if (t < now) this.sent.delete(t);
    let ts = now;
    let sig = sign(secret, ts, method, pathQ, body);
    while (this.sent.get(ts)?.has(sig)) sig = sign(secret, ++ts, method, pathQ, body);
    if (!this.sent.has(ts)) this.sent.set(ts, new Set());
    this.sent.get(ts)!.add(sig);
    return { "MBP-Key-Id": keyId, "MBP-Timestamp": String(ts), "MBP-Signature": sig };
  }

  async get<T = unknown>(path: string, query?: Record<string, string | number>): Promise<T> {
    return (await this.request<T>("GET", path, undefined, { query })).data;
  }

  async post<T = unknown>(path: string, body: unknown, idempotencyKey?: string): Promise<T> {
    return (await this.request<T>("POST", path, body, { idempotencyKey })).data;
  }

  health() { return this.get<{ status: string; log_size: number; markets: number }>("/v2/health"); }
  markets() { return this.get<Market[]>("/v2/markets"); }
  market(id: string) { return this.get<Market>("/v2/markets/" + segment(id)); }
  account(id: string) { return this.get<Account>("/v2/accounts/" + segment(id)); }

  createMarket(m: CreateMarket) { return this.post<Record<string, unknown>>("/v2/markets", m); }

  deposit(d: { account: string; amount: number; e2eid?: string }, idempotencyKey?: string) {
    return this.post<{ account: string; amount: number; e2eid: string }>("/v2/deposits", d, idempotencyKey);
  }

  /** side "buy" (amount in centavos, fee included) or "sell" (amount in shares). */
  order(o: Order, idempotencyKey?: string) { return this.post<OrderFilled>("/v2/orders", o, idempotencyKey); }

  /**
   * Up to 20 orders in one request, POST /v2/orders/batch (ADR 0155): each order's own result, in order; an
   * order the market refuses does not refuse the others. Order i is keyed `<key>#<i>`, so retrying the batch
   * (as this client does on 429/5xx) never fills an order twice.
   */
  async orders(os: Order[], idempotencyKey?: string) {
    return (await this.post<{ results: OrderResult[] }>("/v2/orders/batch", { orders: os }, idempotencyKey)).results;
  }

  liquidity(l: { market: string; account: string; action?: "add" | "remove"; amount?: number; lp_shares?: number }, idempotencyKey?: string) {
    return this.post<Record<string, unknown>>("/v2/liquidity", l, idempotencyKey);
  }

  withdraw(w: { account: string; amount: number; withdrawal_id?: string; pix_key?: string }, idempotencyKey?: string) {
    return this.post<{ withdrawal_id: string; account: string; amount: number }>("/v2/withdrawals", w, idempotencyKey);
  }

  oracleEvents() { return this.get<Record<string, unknown>[]>("/v2/oracle/events"); }
  oracleEvent(id: string) { return this.get<Record<string, unknown>>("/v2/oracle/events/" + segment(id)); }
  oracleRounds(id: string) { return this.get<{ event: string; rounds: Record<string, unknown>[] }>(`/v2/oracle/events/${segment(id)}/rounds`); }
  /** The final answer and the seq of its Finalized event; OracleNotFinalizedError before then. */
  oracleFinalization(id: string) { return this.get<Record<string, unknown>>(`/v2/oracle/events/${segment(id)}/finalization`); }
  oracleDisputes(id: string) { return this.get<Record<string, unknown>>(`/v2/oracle/events/${segment(id)}/disputes`); }
  /** The proof file of the event at seq (what `mbp proof export` writes); EventNotSealedError until a seal covers it. */
  proof(seq: number) { return this.get<Record<string, unknown>>(`/v2/proofs/${Math.trunc(seq)}`); }

  /**
   * Subscribes url to topics (order.filled, market.settled, oracle.finalized, payout.status); the answer carries
   * the signing secret (whsec_...) once: keep it to verify deliveries (webhooks.verify).
   */
  createWebhook(url: string, topics: string[], idempotencyKey?: string) {
    return this.post<{ id: string; secret: string; [more: string]: unknown }>("/v2/webhooks", { url, topics }, idempotencyKey);
  }

  /** This client's subscriptions with the deliveries each still owes (no secrets). */
  webhooks() { return this.get<Record<string, unknown>[]>("/v2/webhooks"); }

  /** Stops a subscription; UnknownWebhookError when it is not this client's. */
  async deleteWebhook(id: string) { return (await this.request("DELETE", "/v2/webhooks/" + segment(id))).data; }
}

export interface CreateMarket {
  market: string;
  oracle_event: string;
  outcomes: string[];
  liquidity: number;
  lp_account: string;
  fee_bps?: number;
  threshold?: string;
  opens_at?: string;
  closes_at?: string;
  e2eid?: string;
}

export interface Order {
  market: string;
  account: string;
  outcome: string;
  side: "buy" | "sell";
  amount: number;
  min_shares?: number;
  min_return?: number;
}

export interface OrderFilled {
  order_id: string; market: string; account: string; outcome: string; side: string;
  amount: number; filled_shares: number; cost: number; fee: number;
}

/** One order's result in a batch: `order` (and `replayed`) when status is 201, else `error`. */
export interface OrderResult {
  index: number; idempotency_key: string; status: number;
  order?: OrderFilled; replayed?: boolean; error?: { code: string; message: string; field?: string };
}

export interface Market {
  market: string; oracle_event: string; outcomes: string[]; fee_bps: number; status: string; halt: string;
  pool: number[]; prices_bps: number[]; lp_supply: number; orders: number; volume: number;
  [more: string]: unknown;
}

export interface Account {
  account: string; cash: number;
  positions: Record<string, Record<string, number>>;
  lp_shares: Record<string, number>;
  kyc: Record<string, unknown> | null;
}
