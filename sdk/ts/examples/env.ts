import { Client } from "../src/index.js";

/** The client from the environment (MBP_URL, MBP_KEY_ID, MBP_SECRET), as every example takes it. */
export function clientFromEnv(): Client {
  const keyId = process.env.MBP_KEY_ID || undefined;
  const secret = process.env.MBP_SECRET || undefined;
  return new Client({ baseUrl: process.env.MBP_URL ?? "http://127.0.0.1:8080", keyId, secret });
}

/** --name value from the command line, else the default. */
export function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf("--" + name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}
