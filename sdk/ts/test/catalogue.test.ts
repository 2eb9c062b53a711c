import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import * as sdk from "../src/index.js";
import { CATALOGUE, errorFrom } from "../src/index.js";
import { SDK_DIR } from "./vectors.js";

test("the error list is the catalogue of docs/api-errors.md (run sdk/gen-errors when it changes)", () => {
  const doc = readFileSync(SDK_DIR + "../docs/api-errors.md", "utf8");
  const rows = [...doc.matchAll(/^\|\s*`([A-Z_0-9]+)`\s*\|\s*(\d+)\s*\|/gm)].map((m) => [m[1], Number(m[2])]);
  assert.ok(rows.length > 30);
  assert.deepEqual(Object.fromEntries(Object.entries(CATALOGUE).map(([c, e]) => [c, e.status])), Object.fromEntries(rows));
  for (const [code, e] of Object.entries(CATALOGUE)) {
    assert.equal((e.type as unknown as { code: string }).code, code);
    assert.equal((sdk as Record<string, unknown>)[e.type.name], e.type, `${e.type.name} is exported`);
  }
});

test("answers become the catalogued class and its category", () => {
  const e = errorFrom(409, { error: { code: "INSUFFICIENT_FUNDS", message: "m", field: "amount" } }, {});
  assert.ok(e instanceof sdk.InsufficientFundsError);
  assert.ok(e instanceof sdk.ConflictError);
  assert.ok(e instanceof sdk.ApiError);
  assert.deepEqual([e.code, e.status, e.field, e.name], ["INSUFFICIENT_FUNDS", 409, "amount", "InsufficientFundsError"]);
  const r = errorFrom(429, { error: { code: "RATE_LIMITED", message: "m" } }, { "retry-after": "2" });
  assert.ok(r instanceof sdk.RateLimitError);
  assert.equal(r.retryAfter, 2);
});

test("unknown codes fall back to the class of the status", () => {
  assert.equal(errorFrom(403, { error: { code: "SOMETHING_NEW", message: "m" } }, {}).constructor, sdk.PermissionDeniedError);
  assert.equal(errorFrom(502, null, {}).constructor, sdk.ServerError);
  assert.equal(errorFrom(502, null, {}).code, "HTTP_502");
  assert.equal(errorFrom(418, {}, {}).constructor, sdk.ApiError);
  // a code inherited from Object.prototype is not a catalogue entry
  assert.equal(errorFrom(400, { error: { code: "toString", message: "m" } }, {}).constructor, sdk.InvalidRequestError);
});
