import type { IncomingMessage } from 'node:http';
import qs from 'qs';
import type { FormParams } from '../api/params';

/** Stripe caps request bodies; a runaway body in a test is a bug worth hearing about. */
const MAX_BODY_BYTES = 1024 * 1024;

export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error(`Request body larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Form bodies and query strings in Stripe's bracket notation: `metadata[key]=v`, `expand[]=x`, `a[b][c]=d`. */
export function parseFormParams(encoded: string): FormParams {
  return qs.parse(encoded, { arrayLimit: 100, depth: 10, parameterLimit: 10_000 });
}
