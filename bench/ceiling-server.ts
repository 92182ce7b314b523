// The honest ceiling, started by `startCeiling()` in processes.ts: a bare `node:http` server in a process of its own that
// answers every request with one response recorded from Hearth, byte for byte (status, headers, body). Nothing a
// real server could do for that page costs less, so Hearth's rate divided by this one says how much of the machine
// Hearth's own work takes. A static-file plugin is no ceiling: it opens, stats and streams the file on each request,
// and once measured slower than Hearth's page cache.
import http from 'node:http';

export interface RecordedResponse {
  status: number;
  /** Name and value pairs in the order Hearth sent them, without those node:http adds itself (Date, Connection, Keep-Alive). */
  headers: [string, string][];
  /** Base64, so that the bytes cross the IPC channel unchanged. */
  body: string;
}

export type CeilingMessage = { ok: true; port: number } | { ok: false; error: string };

/** Fastify's default, so that the Keep-Alive header node:http writes is the same as Hearth's. */
const FASTIFY_KEEP_ALIVE_MS = 72_000;

if (process.send) {
  process.once('message', (recorded: RecordedResponse) => {
    const body = Buffer.from(recorded.body, 'base64');
    const headers = recorded.headers.flat();
    const server = http.createServer((_request, response) => {
      response.writeHead(recorded.status, headers);
      response.end(body);
    });
    server.keepAliveTimeout = FASTIFY_KEEP_ALIVE_MS;
    server.once('error', (error) => process.send!({ ok: false, error: error.message } satisfies CeilingMessage, () => process.exit(1)));
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = address && typeof address === 'object' ? address.port : 0;
      process.send!({ ok: true, port } satisfies CeilingMessage);
    });
    process.once('disconnect', () => {
      server.close();
      server.closeAllConnections();
    });
  });
}
