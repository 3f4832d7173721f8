import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackServer {
  host: string;
  port: number;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

/** An HTTP server on 127.0.0.1 and a free port, whose close() also ends open and idle connections. */
export async function listenOnLoopback(
  handle: (request: http.IncomingMessage, response: http.ServerResponse) => void,
): Promise<LoopbackServer> {
  const server = http.createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    host: HOST,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // stripe-node keeps connections alive, and a hanging request holds its socket: end them all now.
        server.closeAllConnections();
      }),
  };
}
