import type { IncomingMessage } from 'node:http';
import type { SlackParams } from './types';

/** Fields Slack accepts as JSON strings in form-encoded calls; WebClient sends objects that way. */
const JSON_FIELDS = ['blocks', 'attachments', 'view', 'files', 'metadata'] as const;

export async function readRawBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/**
 * Web API parameters from the query string and a form-encoded, JSON or multipart body, the three
 * encodings Slack accepts. JSON-valued fields are parsed so tests can assert on real blocks.
 */
export async function parseWebApiParams(
  raw: Buffer,
  contentType: string | undefined,
  query: URLSearchParams,
): Promise<SlackParams> {
  const params: SlackParams = Object.fromEntries(query);
  Object.assign(params, await parseBody(raw, contentType ?? ''));
  for (const field of JSON_FIELDS) {
    const value = params[field];
    if (typeof value === 'string') params[field] = parseJsonOr(value, value);
  }
  return params;
}

/**
 * The file bytes of an upload: WebClient posts them as a multipart form (one file part), other
 * clients post the raw bytes, and Slack takes both.
 */
export async function extractUploadedBytes(raw: Buffer, contentType: string | undefined): Promise<Buffer> {
  if (!contentType?.startsWith('multipart/form-data')) return raw;
  const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  for (const value of form.values()) {
    if (typeof value !== 'string') return Buffer.from(await value.arrayBuffer());
  }
  return raw;
}

async function parseBody(raw: Buffer, contentType: string): Promise<SlackParams> {
  if (raw.length === 0) return {};
  if (contentType.startsWith('application/json')) {
    const parsed = parseJsonOr(raw.toString('utf8'), undefined);
    return isRecord(parsed) ? parsed : {};
  }
  if (contentType.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    const params: SlackParams = {};
    for (const [name, value] of form.entries()) {
      params[name] = typeof value === 'string' ? value : Buffer.from(await value.arrayBuffer());
    }
    return params;
  }
  return Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
}

export function parseJsonOr(text: string, fallback: unknown): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return fallback;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
