import { createHmac, timingSafeEqual } from "node:crypto";
import { WebhookSignatureError } from "./errors.js";
import type { Secret } from "./signing.js";

/**
 * Webhook deliveries are signed Stripe-style: MBP-Webhook-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret,
 * t + "." + raw body)>. Verify the raw bytes received, before parsing them: re-serialised JSON would not match.
 */
export const HEADER = "MBP-Webhook-Signature";
/** seconds either side of our clock, like the request signing window */
export const DEFAULT_TOLERANCE = 300;

export function signature(secret: Secret, t: number, payload: Uint8Array | string): string {
  return createHmac("sha256", secret).update(`${Math.trunc(t)}.`).update(payload).digest("hex");
}

/** A whole header value, for tests and a receiver's own fixtures. */
export function headerValue(secret: Secret, t: number, payload: Uint8Array | string): string {
  return `t=${Math.trunc(t)},v1=${signature(secret, t, payload)}`;
}

function parse(header: string): { t: number; v1: string[] } {
  let t: number | undefined;
  const v1: string[] = [];
  for (const part of header.split(",")) {
    const i = part.indexOf("=");
    if (i < 0) throw new WebhookSignatureError("malformed signature header");
    const key = part.slice(0, i).trim();
    const value = part.slice(i + 1).trim();
    if (key === "t") {
      if (t !== undefined || !/^[0-9]+$/.test(value)) throw new WebhookSignatureError("malformed signature header");
      t = Number(value);
    } else if (key === "v1") {
      v1.push(value);
    } // other schemes (v0, future ones) are ignored, as Stripe's clients do
  }
  if (t === undefined || v1.length === 0) throw new WebhookSignatureError("signature header lacks t or v1");
  return { t, v1 };
}

export interface VerifyOptions {
  /** seconds; default 300 */
  tolerance?: number;
  /** Unix seconds; default the system clock */
  now?: number;
}

/**
 * Checks a delivery and returns its parsed JSON body. secrets: one or several (during a rotation any may match).
 * Throws WebhookSignatureError when the header is missing or malformed, t is more than tolerance seconds from
 * now, or no v1 matches; the error never echoes the body.
 */
export function verify(
  payload: Uint8Array | string, header: string | null | undefined, secrets: Secret | Secret[], options: VerifyOptions = {},
): unknown {
  if (!header) throw new WebhookSignatureError(`no ${HEADER} header`);
  const { t, v1 } = parse(header);
  const now = Math.trunc(options.now ?? Date.now() / 1000);
  if (Math.abs(now - t) > (options.tolerance ?? DEFAULT_TOLERANCE)) {
    throw new WebhookSignatureError("timestamp outside the tolerance window");
  }
  const list = Array.isArray(secrets) ? secrets : [secrets];
  let ok = false;
  for (const secret of list) {
    const expected = Buffer.from(signature(secret, t, payload), "utf8");
    for (const got of v1) {
      const g = Buffer.from(got, "utf8");
      // compare every pair, constant time per pair: no early exit that would time which secret matched
      ok = (g.length === expected.length && timingSafeEqual(g, expected)) || ok;
    }
  }
  if (!ok) throw new WebhookSignatureError("no signature matches");
  const text = typeof payload === "string" ? payload : Buffer.from(payload).toString("utf8");
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new WebhookSignatureError("signed body is not JSON", { cause: e });
  }
}
