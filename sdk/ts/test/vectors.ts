import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** sdk/vectors.json: expected values computed with the openssl CLI, shared with the Python SDK's tests. */
export const SDK_DIR = fileURLToPath(new URL("../../../", import.meta.url));
export const VECTORS = JSON.parse(readFileSync(SDK_DIR + "vectors.json", "utf8")) as {
  request_signing: { key_id: string; secret: string; timestamp: number; method: string; path_with_query: string;
    body: string; string_to_sign: string; signature: string }[];
  webhooks: { secret: string; t: number; body: string; header: string }[];
};
