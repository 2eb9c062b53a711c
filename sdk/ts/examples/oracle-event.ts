/**
 * Read an oracle event: its phase, latest round, and final answer with the seq of its Finalized event (the
 * proof of which GET /v2/proofs/{seq} serves once sealed). Prints one JSON object.
 *
 *   MBP_URL=http://127.0.0.1:8080 node dist/examples/oracle-event.js ptax-usdbrl-2026-11-27
 */
import { OracleNotFinalizedError } from "../src/index.js";
import { clientFromEnv } from "./env.js";

const api = clientFromEnv();
const id = process.argv[2] ?? "ptax-usdbrl-2026-11-27";
const event = await api.oracleEvent(id);
const { rounds } = await api.oracleRounds(id);
let finalization: Record<string, unknown>;
try {
  finalization = await api.oracleFinalization(id);
} catch (e) {
  if (!(e instanceof OracleNotFinalizedError)) throw e;
  finalization = { not_finalized: e.apiMessage };
}
console.log(JSON.stringify({
  event: event.event,
  phase: event.phase,
  listed: (await api.oracleEvents()).some((e) => e.event === id),
  rounds: rounds.length,
  last_round: rounds.at(-1) ?? null,
  finalization,
  disputes: ((await api.oracleDisputes(id)).disputes as unknown[]).length,
}));
