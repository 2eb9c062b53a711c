/**
 * End to end against a real daemon that scripts/sdk-test starts on 127.0.0.1 (MBP_SDK_URL, and MBP_SDK_KEY_ID /
 * MBP_SDK_SECRET when it signs). Without MBP_SDK_URL these tests are skipped: scripts/sdk-test always sets it.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import * as sdk from "../src/index.js";

const URL_ = process.env.MBP_SDK_URL;
const KEY_ID = process.env.MBP_SDK_KEY_ID || undefined;
const SECRET = process.env.MBP_SDK_SECRET || undefined;
const ACCOUNT = process.env.MBP_SDK_ACCOUNT_TS ?? "acct-sdk-ts";
const skip = URL_ ? false : "MBP_SDK_URL is not set: scripts/sdk-test starts a daemon and sets it";
const api = () => new sdk.Client({ baseUrl: URL_, keyId: KEY_ID, secret: SECRET });

export async function example(name: string, ...args: string[]): Promise<Record<string, any>> {
  const file = fileURLToPath(new URL(`../examples/${name}.js`, import.meta.url));
  const env = { ...process.env, MBP_URL: URL_, MBP_KEY_ID: KEY_ID ?? "", MBP_SECRET: SECRET ?? "" };
  const { stdout } = await promisify(execFile)(process.execPath, [file, ...args], { env, timeout: 120_000 });
  return JSON.parse(stdout);
}

test("the trade example", { skip }, async () => {
  const out = await example("trade", "--account", ACCOUNT);
  assert.equal(out.buy.side, "buy");
  assert.equal(out.buy.cost, 10_000);
  assert.ok(out.buy.filled_shares > 0);
  assert.equal(out.retry_replayed, true);
  assert.equal(out.retry_same_order, true);
  assert.equal(out.market_orders, 2, "the retried buy was not executed twice");
  assert.equal(out.cash_after, out.cash_before - 10_000 + out.sell.cost);
  assert.deepEqual(out.refused, { class: "InsufficientFundsError", code: "INSUFFICIENT_FUNDS", status: 409, field: "amount" });
});

test("a batch of orders: each answered on its own, retried safely", { skip }, async () => {
  const run = randomUUID().slice(0, 10);
  const market = `SDK-TS-BATCH-${run}`;
  const a = api();
  await a.createMarket({ market, oracle_event: "copom-2026-11-27", outcomes: ["hold", "cut_25"], liquidity: 1_000_000, lp_account: "lp-sdk-ts" });
  await a.deposit({ account: ACCOUNT, amount: 5_000 }, `dep-b-${run}`);
  const cash = (await a.account(ACCOUNT)).cash;
  const batch: sdk.Order[] = [
    { market, account: ACCOUNT, outcome: "hold", side: "buy", amount: 1_000 },
    { market, account: ACCOUNT, outcome: "cut_25", side: "buy", amount: 1e11 },
    { market, account: ACCOUNT, outcome: "cut_25", side: "buy", amount: 2_000 },
  ];
  const results = await a.orders(batch, `b-${run}`);
  assert.deepEqual(results.map((r) => r.status), [201, 409, 201]);
  assert.equal(results[1].error?.code, "INSUFFICIENT_FUNDS");
  assert.equal(results[2].idempotency_key, `b-${run}#2`);
  assert.equal((await a.account(ACCOUNT)).cash, cash - 3_000);
  const again = await a.orders(batch, `b-${run}`);
  assert.ok(again[0].replayed && again[2].replayed);
  assert.deepEqual(again[0].order, results[0].order);
  assert.equal((await a.market(market)).orders, 2, "the retried batch filled nothing twice");
});

test("catalogued errors from the daemon", { skip }, async () => {
  await assert.rejects(api().order({ market: "NO-SUCH-MARKET", account: ACCOUNT, outcome: "YES", side: "buy", amount: 100 }),
    (e: unknown) => e instanceof sdk.UnknownMarketError && e.status === 404);
  await assert.rejects(api().deposit({ account: ACCOUNT, amount: -5 }),
    (e: unknown) => e instanceof sdk.InvalidFieldError && e.field === "amount");
});

test("same key, other body is refused", { skip }, async () => {
  const key = "reuse-" + randomUUID();
  await api().deposit({ account: ACCOUNT, amount: 100 }, key);
  await assert.rejects(api().deposit({ account: ACCOUNT, amount: 101 }, key), sdk.IdempotencyKeyReusedError);
});

test("the oracle-event example", { skip }, async () => {
  const out = await example("oracle-event", "ptax-usdbrl-2026-11-27");
  assert.deepEqual([out.event, out.phase, out.listed], ["ptax-usdbrl-2026-11-27", "finalized", true]);
  assert.ok(out.rounds > 10);
  assert.equal(out.last_round.status, "consensus");
  assert.equal(out.finalization.proof, `/v2/proofs/${out.finalization.seq}`);
  assert.equal(out.disputes, 0);
  // the setup did not seal: the proof route answers a catalogued 404 the SDK types
  await assert.rejects(api().proof(out.finalization.seq),
    (e: unknown) => e instanceof sdk.EventNotSealedError && e instanceof sdk.ResourceNotFoundError);
  await assert.rejects(api().oracleEvent("selic-2099"), sdk.UnknownOracleEventError);
});

test("the webhook example", { skip }, async (t) => {
  try {
    await api().post("/v2/webhooks", {});
  } catch (e) {
    if (e instanceof sdk.NotFoundError) return t.skip("the daemon has no POST /v2/webhooks");
    if (!(e instanceof sdk.InvalidRequestError)) throw e; // the route is there and refused the empty subscription
  }
  const out = await example("webhook", "--account", ACCOUNT);
  assert.equal(out.delivery.topic, "order.filled");
  assert.equal(out.delivery.event.type, "OrderFilled");
  assert.equal(out.delivery.event.payload.order_id, out.order.order_id);
  assert.equal(out.tampered_refused, true);
  assert.equal(out.subscription.secret, undefined);
  assert.equal(out.listed, true);
  assert.equal(out.deleted_twice, "UNKNOWN_WEBHOOK");
});

const authSkip = skip || (KEY_ID ? false : "the daemon does not authenticate");

test("unsigned, stale, replayed and wrongly signed requests are refused", { skip: authSkip }, async () => {
  await assert.rejects(new sdk.Client({ baseUrl: URL_ }).deposit({ account: ACCOUNT, amount: 100 }), sdk.AuthenticationError);
  // one failed authentication: the backoff allows 5
  await assert.rejects(new sdk.Client({ baseUrl: URL_, keyId: KEY_ID, secret: SECRET + "x" }).deposit({ account: ACCOUNT, amount: 100 }),
    sdk.AuthenticationError);
  const stale = new sdk.Client({ baseUrl: URL_, keyId: KEY_ID, secret: SECRET, clock: () => Date.now() / 1000 - 400 });
  await assert.rejects(stale.deposit({ account: ACCOUNT, amount: 100 }),
    (e: unknown) => e instanceof sdk.AuthenticationError && e.code === "TIMESTAMP_OUT_OF_WINDOW");
  // the same signed bytes sent twice, as an eavesdropper would: the second is refused
  // an amount no other test sends: two identical bodies signed in the same second carry one signature
  const raw = JSON.stringify({ account: ACCOUNT, amount: 1000 + Math.floor(Math.random() * 1_000_000) });
  const headers = { "Content-Type": "application/json", "Idempotency-Key": "replay-" + randomUUID(),
    ...sdk.signing.signedHeaders(KEY_ID!, SECRET!, Date.now() / 1000, "POST", "/v2/deposits", raw) };
  const codes = [];
  for (let i = 0; i < 2; i++) {
    const r = await fetch(URL_ + "/v2/deposits", { method: "POST", headers, body: raw });
    codes.push(r.status < 400 ? r.status : [r.status, ((await r.json()) as { error: { code: string } }).error.code]);
  }
  assert.deepEqual(codes, [201, [401, "REQUEST_REPLAYED"]]);
});

test("a write sent again in the same second is answered, not refused as a replay", { skip: authSkip }, async () => {
  // the clock frozen on one second: the same write twice would carry the same signature, which the daemon
  // refuses as a replay (REQUEST_REPLAYED), unless the client stamps the second one with the next second
  const now = Math.trunc(Date.now() / 1000);
  const frozen = new sdk.Client({ baseUrl: URL_, keyId: KEY_ID, secret: SECRET, clock: () => now });
  const key = "twice-" + randomUUID();
  const first = await frozen.request("POST", "/v2/deposits", { account: ACCOUNT, amount: 7 }, { idempotencyKey: key });
  const second = await frozen.request("POST", "/v2/deposits", { account: ACCOUNT, amount: 7 }, { idempotencyKey: key });
  assert.deepEqual([first.status, first.replayed], [201, false]);
  assert.deepEqual([second.status, second.replayed], [201, true]);
  assert.deepEqual(second.data, first.data);
});

const TRADER_KEY_ID = process.env.MBP_SDK_TRADER_KEY_ID || undefined;
const TRADER_SECRET = process.env.MBP_SDK_TRADER_SECRET || undefined;
const TRADER_ACCOUNT = process.env.MBP_SDK_TRADER_ACCOUNT ?? "acct-sdk-trader";

test("a client trades only for its own accounts", { skip: skip || (TRADER_KEY_ID ? false : "no trade-scoped key (MBP_SDK_TRADER_KEY_ID)") }, async () => {
  const trader = new sdk.Client({ baseUrl: URL_, keyId: TRADER_KEY_ID, secret: TRADER_SECRET });
  assert.ok((await trader.account(TRADER_ACCOUNT)).cash >= 0);
  await assert.rejects(trader.account(ACCOUNT), (e: unknown) => e instanceof sdk.PermissionDeniedError && e.code === "ACCOUNT_NOT_BOUND");
  await assert.rejects(trader.createMarket({ market: "SDK-TS-NOPE-" + randomUUID().slice(0, 8), oracle_event: "copom-2026-11-27",
    outcomes: ["hold", "cut_25"], liquidity: 1_000_000, lp_account: ACCOUNT }),
  (e: unknown) => e instanceof sdk.PermissionDeniedError && e.code === "FORBIDDEN_SCOPE");
});
