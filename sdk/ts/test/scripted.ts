import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A real HTTP server on 127.0.0.1 answering a script of [status, headers, body] and recording each request;
 * status 0 drops the connection without an answer. */
export type Step = [number, Record<string, string>, unknown];
export interface Seen { method: string; path: string; headers: IncomingHttpHeaders; body: Buffer }

export async function scripted(script: Step[]): Promise<{ url: string; requests: Seen[]; close: () => Promise<void> }> {
  const requests: Seen[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      requests.push({ method: req.method!, path: req.url!, headers: req.headers, body: Buffer.concat(chunks) });
      const [status, headers, body] = script.shift() ?? [500, {}, { error: { code: "X", message: "script ran out" } }];
      if (status === 0) {
        req.socket.destroy();
        return;
      }
      res.writeHead(status, { ...headers, "Content-Type": "application/json" });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
