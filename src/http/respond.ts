import type { ServerResponse } from 'node:http';

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    // After an oversized body the rest of it is still on the wire: don't reuse the connection.
    ...(status === 413 ? { connection: 'close' } : {}),
  });
  res.end(text);
}
