import { createHash, createHmac } from "node:crypto";

/**
 * Request signing (docs/api-auth.md): MBP-Signature is the lowercase hex HMAC-SHA256 of
 * timestamp + "\n" + METHOD + "\n" + path_with_query + "\n" + hex(SHA-256(body)) under the key's secret.
 * String secrets are used as their UTF-8 bytes.
 */
export type Secret = string | Uint8Array;

export function sha256Hex(body: Uint8Array | string = ""): string {
  return createHash("sha256").update(body).digest("hex");
}

/** The exact text that is signed; body is the bytes sent (empty when there is none). */
export function stringToSign(timestamp: number, method: string, pathWithQuery: string, body: Uint8Array | string = ""): string {
  return [String(Math.trunc(timestamp)), method.toUpperCase(), pathWithQuery, sha256Hex(body)].join("\n");
}

export function sign(secret: Secret, timestamp: number, method: string, pathWithQuery: string, body: Uint8Array | string = ""): string {
  return createHmac("sha256", secret).update(stringToSign(timestamp, method, pathWithQuery, body), "utf8").digest("hex");
}

/** The three authentication headers of one request. */
export function signedHeaders(
  keyId: string, secret: Secret, timestamp: number, method: string, pathWithQuery: string, body: Uint8Array | string = "",
): Record<string, string> {
  return {
    "MBP-Key-Id": keyId,
    "MBP-Timestamp": String(Math.trunc(timestamp)),
    "MBP-Signature": sign(secret, timestamp, method, pathWithQuery, body),
  };
}
