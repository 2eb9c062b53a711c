import assert from "node:assert/strict";
import { test } from "node:test";
import { signing } from "../src/index.js";
import { readFileSync } from "node:fs";
import { SDK_DIR, VECTORS } from "./vectors.js";

test("request signing matches the openssl-computed vectors", () => {
  for (const v of VECTORS.request_signing) {
    const body = Buffer.from(v.body, "utf8");
    assert.equal(signing.stringToSign(v.timestamp, v.method, v.path_with_query, body), v.string_to_sign);
    assert.equal(signing.sign(v.secret, v.timestamp, v.method, v.path_with_query, body), v.signature);
    // a string body is hashed as its UTF-8 bytes, like the Buffer
    assert.equal(signing.sign(v.secret, v.timestamp, v.method, v.path_with_query, v.body), v.signature);
  }
});

test("the worked example of docs/api-auth.md", () => {
  const text = readFileSync(SDK_DIR + "../docs/api-auth.md", "utf8");
  let block = text.slice(text.indexOf("### Worked example"));
  block = block.slice(block.indexOf("```text") + 7);
  block = block.slice(0, block.indexOf("```"));
  const ex = Object.fromEntries(block.trim().split("\n").map((l) => [l.slice(0, l.indexOf(": ")), l.slice(l.indexOf(": ") + 2)]));
  assert.equal(signing.sha256Hex(Buffer.from(ex.body, "utf8")), ex.body_sha256);
  assert.equal(signing.sign(ex.secret, Number(ex.timestamp), ex.method, ex.path_with_query, ex.body), ex.signature);
});

test("headers carry key id, timestamp and signature", () => {
  const v = VECTORS.request_signing[2];
  assert.deepEqual(signing.signedHeaders(v.key_id, v.secret, v.timestamp, v.method, v.path_with_query, v.body), {
    "MBP-Key-Id": v.key_id, "MBP-Timestamp": String(v.timestamp), "MBP-Signature": v.signature,
  });
});

test("every signed part changes the signature", () => {
  const v = VECTORS.request_signing[2];
  const good = signing.sign(v.secret, v.timestamp, v.method, v.path_with_query, v.body);
  assert.notEqual(signing.sign(v.secret + "x", v.timestamp, v.method, v.path_with_query, v.body), good);
  assert.notEqual(signing.sign(v.secret, v.timestamp + 1, v.method, v.path_with_query, v.body), good);
  assert.notEqual(signing.sign(v.secret, v.timestamp, "PUT", v.path_with_query, v.body), good);
  assert.notEqual(signing.sign(v.secret, v.timestamp, v.method, v.path_with_query + "?a=1", v.body), good);
  assert.notEqual(signing.sign(v.secret, v.timestamp, v.method, v.path_with_query, v.body.replace("1000", "1001")), good);
});

test("method is upper-cased, signature is lowercase hex", () => {
  const v = VECTORS.request_signing[0];
  const sig = signing.sign(v.secret, v.timestamp, "get", v.path_with_query);
  assert.equal(sig, v.signature);
  assert.match(sig, /^[0-9a-f]{64}$/);
});
