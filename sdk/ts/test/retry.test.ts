import assert from "node:assert/strict";
import { test } from "node:test";
import * as sdk from "../src/index.js";
import { backoffMs, Client, DEFAULT_RETRY, parseRetryAfter, signing, type RetryPolicy } from "../src/index.js";
import { scripted, type Step } from "./scripted.js";

const OK: Step = [201, {}, { order_id: "ord-1" }];
const UNAVAILABLE: Step = [503, {}, { error: { code: "STORAGE_UNAVAILABLE", message: "log write failed" } }];
const ORDER = { market: "M", account: "acct-0001", outcome: "YES", side: "buy" as const, amount: 1000 };

async function run(t: { after: (fn: () => Promise<void>) => void }, script: Step[], retry: Partial<RetryPolicy> = {}) {
  const srv = await scripted(script);
  t.after(srv.close);
  const sleeps: number[] = [];
  let tick = 1764241200;
  const client = new Client({
    baseUrl: srv.url, keyId: "key_test_1", secret: "s3cret", retry,
    sleep: async (ms) => { sleeps.push(ms); }, random: () => 0.5, clock: () => tick++,
  });
  return { client, srv, sleeps };
}

test("5xx is retried with the same idempotency key and a fresh signature each time", async (t) => {
  const { client, srv, sleeps } = await run(t, [UNAVAILABLE, UNAVAILABLE, OK]);
  assert.deepEqual(await client.order(ORDER), { order_id: "ord-1" });
  assert.equal(srv.requests.length, 3);
  assert.equal(new Set(srv.requests.map((r) => r.headers["idempotency-key"])).size, 1, "a retried write keeps its key");
  assert.equal(new Set(srv.requests.map((r) => r.headers["mbp-timestamp"])).size, 3, "each attempt is signed anew");
  for (const r of srv.requests) {
    assert.equal(r.headers["mbp-signature"], signing.sign("s3cret", Number(r.headers["mbp-timestamp"]), "POST", r.path, r.body));
  }
  assert.deepEqual(sleeps, [187.5, 375]);
});

test("429 waits for Retry-After", async (t) => {
  const limited: Step = [429, { "Retry-After": "2" }, { error: { code: "RATE_LIMITED", message: "slow down" } }];
  const { client, sleeps } = await run(t, [limited, [200, { "RateLimit-Remaining": "9" }, { status: "ok" }]]);
  const r = await client.request("GET", "/v2/health");
  assert.deepEqual(r.data, { status: "ok" });
  assert.deepEqual(r.rateLimit, { remaining: 9 });
  assert.deepEqual(sleeps, [2125]);
});

test("a Retry-After beyond the cap is thrown at once", async (t) => {
  const limited: Step = [429, { "Retry-After": "120" }, { error: { code: "RATE_LIMITED", message: "slow down" } }];
  const { client, srv, sleeps } = await run(t, [limited, OK]);
  await assert.rejects(client.health(), (e: unknown) => e instanceof sdk.RateLimitedError && e.retryAfter === 120);
  assert.deepEqual(sleeps, []);
  assert.equal(srv.requests.length, 1);
});

test("retries are bounded", async (t) => {
  const { client, srv, sleeps } = await run(t, Array(5).fill(UNAVAILABLE), { maxRetries: 2 });
  await assert.rejects(client.deposit({ account: "acct-0001", amount: 100 }), sdk.StorageUnavailableError);
  assert.equal(srv.requests.length, 3);
  assert.equal(sleeps.length, 2);
});

test("backoff is exponential, jittered and capped", () => {
  assert.equal(backoffMs(DEFAULT_RETRY, 0, 0), 125);
  assert.equal(backoffMs(DEFAULT_RETRY, 10, 0), 4000);
  assert.equal(backoffMs(DEFAULT_RETRY, 10, 0.5), 6000);
});

test("refusals are not retried", async (t) => {
  const conflict: Step = [409, {}, { error: { code: "INSUFFICIENT_FUNDS", message: "no cash", field: "amount" } }];
  const { client, srv } = await run(t, [conflict, OK]);
  await assert.rejects(client.order({ ...ORDER, amount: 1e9 }), (e: unknown) => e instanceof sdk.InsufficientFundsError && e.field === "amount");
  assert.equal(srv.requests.length, 1);
});

test("a dropped connection is retried, then reported", async (t) => {
  const a = await run(t, [[0, {}, null], OK]);
  assert.deepEqual(await a.client.order(ORDER, "k-1"), { order_id: "ord-1" });
  assert.deepEqual(a.srv.requests.map((r) => r.headers["idempotency-key"]), ["k-1", "k-1"]);
  const b = await run(t, Array(4).fill([0, {}, null]));
  await assert.rejects(b.client.health(), sdk.TransportError);
  assert.equal(b.srv.requests.length, 4);
});

test("an unsigned client sends no auth headers", async (t) => {
  const srv = await scripted([[200, {}, { status: "ok" }]]);
  t.after(srv.close);
  await new Client({ baseUrl: srv.url }).health();
  assert.equal(srv.requests[0].headers["mbp-signature"], undefined);
});

test("Retry-After forms", () => {
  assert.equal(parseRetryAfter("3"), 3);
  assert.equal(parseRetryAfter("Thu, 01 Jan 1970 00:00:20 GMT", 10000), 10);
  assert.equal(parseRetryAfter("soon"), undefined);
  assert.equal(parseRetryAfter(undefined), undefined);
});

test("identical writes in one second get distinct signatures", async (t) => {
  const srv = await scripted([UNAVAILABLE, OK, OK, [200, {}, {}], [200, {}, {}]]);
  t.after(srv.close);
  const client = new Client({ baseUrl: srv.url, keyId: "key_test_1", secret: "s3cret", sleep: async () => {}, clock: () => 1764241200.7 });
  await client.order(ORDER, "k-1"); // a 503, then its retry in the same second
  await client.order(ORDER, "k-1"); // the same write again
  await client.health();
  await client.health();
  const posts = srv.requests.filter((r) => r.method === "POST");
  assert.deepEqual(posts.map((r) => r.headers["mbp-timestamp"]), ["1764241200", "1764241201", "1764241202"]);
  assert.equal(new Set(posts.map((r) => r.headers["mbp-signature"])).size, 3);
  // reads are not refused as replays: they keep the clock's second
  assert.deepEqual(srv.requests.filter((r) => r.method === "GET").map((r) => r.headers["mbp-timestamp"]), ["1764241200", "1764241200"]);
});
