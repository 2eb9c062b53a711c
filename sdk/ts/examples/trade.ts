/**
 * Create a market, fund an account, buy, retry the buy (answered from the log, not executed twice), sell,
 * and be refused with a typed error. Prints one JSON object.
 *
 *   MBP_URL=http://127.0.0.1:8080 MBP_KEY_ID=... MBP_SECRET=... node dist/examples/trade.js --account acct-0001
 */
import { randomUUID } from "node:crypto";
import { ConflictError, type OrderFilled } from "../src/index.js";
import { arg, clientFromEnv } from "./env.js";

const api = clientFromEnv();
const account = arg("account", "acct-sdk-ts");
const run = randomUUID().replaceAll("-", "").slice(0, 10);
const market = `SDK-TS-${run}`;
await api.createMarket({
  market, oracle_event: arg("oracle-event", "copom-2026-11-27"), outcomes: ["hold", "cut_25"],
  liquidity: 1_000_000, lp_account: arg("lp-account", "lp-sdk-ts"), fee_bps: 200,
});
await api.deposit({ account, amount: 50_000 }, `dep-${run}`);
const cashBefore = (await api.account(account)).cash;
const order = { market, account, outcome: "hold", side: "buy" as const, amount: 10_000 };
const buy = await api.request<OrderFilled>("POST", "/v2/orders", order, { idempotencyKey: `buy-${run}` });
const again = await api.request<OrderFilled>("POST", "/v2/orders", order, { idempotencyKey: `buy-${run}` });
const sell = await api.order({ market, account, outcome: "hold", side: "sell", amount: Math.floor(buy.data.filled_shares / 2), min_return: 1 }, `sell-${run}`);
let refused: Record<string, unknown> | null = null;
try {
  await api.order({ ...order, amount: 1e11 }, `big-${run}`);
} catch (e) {
  if (!(e instanceof ConflictError)) throw e; // InsufficientFundsError is one
  refused = { class: e.name, code: e.code, status: e.status, field: e.field };
}
console.log(JSON.stringify({
  market,
  buy: buy.data,
  retry_replayed: again.replayed,
  retry_same_order: JSON.stringify(again.data) === JSON.stringify(buy.data),
  sell,
  cash_before: cashBefore,
  cash_after: (await api.account(account)).cash,
  market_orders: (await api.market(market)).orders,
  refused,
}));
