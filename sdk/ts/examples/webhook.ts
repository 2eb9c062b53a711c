/**
 * Receive and verify a webhook: listen on 127.0.0.1, subscribe to order.filled, buy on a new market, and wait
 * for the signed delivery of that fill; a copy with one byte changed is refused. Prints one JSON object.
 *
 *   MBP_URL=http://127.0.0.1:8080 MBP_KEY_ID=... MBP_SECRET=... node dist/examples/webhook.js --account acct-0001
 */
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { UnknownWebhookError, WebhookSignatureError, webhooks } from "../src/index.js";
import { arg, clientFromEnv } from "./env.js";

interface Delivery { id: string; topic: string; event: { seq: number; type: string; payload: Record<string, unknown> } }

const api = clientFromEnv();
const account = arg("account", "acct-sdk-ts");
const waitMs = Number(arg("wait", "60")) * 1000;
const inbox: { raw: Buffer; header: string | undefined }[] = [];
let wake: () => void = () => {};
// A webhook endpoint: keeps each delivery's raw body and signature header and answers 200 at once.
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    inbox.push({ raw: Buffer.concat(chunks), header: req.headers[webhooks.HEADER.toLowerCase()] as string | undefined });
    res.writeHead(200).end();
    wake();
  });
});
await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
try {
  const { port } = server.address() as AddressInfo;
  const sub = await api.createWebhook(`http://127.0.0.1:${port}/hooks/mbp`, ["order.filled"]);
  const run = randomUUID().replaceAll("-", "").slice(0, 10);
  const market = `SDK-TS-WH-${run}`;
  await api.createMarket({ market, oracle_event: "copom-2026-11-27", outcomes: ["hold", "cut_25"], liquidity: 1_000_000, lp_account: arg("lp-account", "lp-sdk-ts") });
  await api.deposit({ account, amount: 20_000 }, `dep-${run}`);
  const order = await api.order({ market, account, outcome: "hold", side: "buy", amount: 5_000 }, `buy-${run}`);
  const deadline = Date.now() + waitMs;
  let found: { delivery: Delivery; raw: Buffer; header: string | undefined } | undefined;
  while (!found) {
    const next = inbox.shift();
    if (!next) {
      if (Date.now() > deadline) throw new Error(`no delivery for ${market} within ${waitMs} ms`);
      await new Promise<void>((r) => { wake = r; setTimeout(r, 200); });
      continue;
    }
    const delivery = webhooks.verify(next.raw, next.header, sub.secret) as Delivery; // throws WebhookSignatureError if forged
    if (delivery.event.payload.market === market) found = { delivery, ...next };
  }
  let tamperedRefused = false;
  try {
    webhooks.verify(Buffer.from(found.raw.toString("utf8").replace("}", " }")), found.header, sub.secret);
  } catch (e) {
    tamperedRefused = e instanceof WebhookSignatureError;
  }
  const listed = (await api.webhooks()).some((w) => w.id === sub.id);
  await api.deleteWebhook(sub.id);
  let deletedTwice = "accepted";
  try {
    await api.deleteWebhook(sub.id);
  } catch (e) {
    if (!(e instanceof UnknownWebhookError)) throw e;
    deletedTwice = e.code;
  }
  const { secret: _secret, ...subscription } = sub;
  console.log(JSON.stringify({ subscription, listed, order, delivery: found.delivery, tampered_refused: tamperedRefused, deleted_twice: deletedTwice }));
} finally {
  server.close();
}
