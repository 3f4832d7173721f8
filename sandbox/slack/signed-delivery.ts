import { slackSignature } from './request-signing';

/**
 * Slack keeps a bounded number of connections to an app; thousands of requests fired at once by a
 * test would otherwise open thousands of sockets and overflow the server's listen backlog
 * (connection resets that no real Slack traffic produces). Requests beyond this wait their turn.
 */
let maxConnections = 16;
let openConnections = 0;
const waiting: (() => void)[] = [];

/** The bench measures the app at N in flight on purpose: it lifts the cap (`null`). */
export function limitSlackConnections(max: number | null): void {
  maxConnections = max ?? Number.POSITIVE_INFINITY;
}

async function withConnectionSlot<T>(send: () => Promise<T>): Promise<T> {
  if (openConnections >= maxConnections) await new Promise<void>((resolve) => waiting.push(resolve));
  openConnections += 1;
  try {
    return await send();
  } finally {
    openConnections -= 1;
    waiting.shift()?.();
  }
}

/** A signed request as it would go on the wire, and where to. */
export type CapturedSlackRequest = SentSlackRequest & { url: string };

let captured: CapturedSlackRequest[] | undefined;

/**
 * Builds requests without sending them: every delivery `build` makes is signed and recorded
 * instead of posted (each answered 200, empty). The bench signs its load this way and has
 * another process send it, so that sending does not share an event loop with the simulators.
 */
export async function captureSlackRequests(build: () => Promise<unknown>): Promise<CapturedSlackRequest[]> {
  if (captured) throw new Error('already capturing Slack requests');
  captured = [];
  try {
    await build();
    return captured;
  } finally {
    captured = undefined;
  }
}

/** Ways to make a request look forged, stale or tampered with, for tests of the app's verification. */
export interface ForgeOptions {
  /** Sign with this secret instead of the app's. */
  signWith?: string;
  /** Shift the request timestamp, e.g. -360 for a request six minutes old. */
  timestampOffsetSeconds?: number;
  /** Change the body after it was signed, as an attacker in the middle would. */
  tamperAfterSigning?: (body: string) => string;
  /** Extra or overriding headers, e.g. `x-slack-retry-num` for a redelivered event. */
  headers?: Record<string, string>;
}

export interface RawSlackRequest {
  body: string;
  contentType: string;
  /** Seconds since the epoch; default now. */
  timestamp?: number;
  /** Sent verbatim instead of a computed signature. */
  signature?: string;
  headers?: Record<string, string>;
}

/** A request exactly as it went on the wire: sending it again is a replay, byte for byte. */
export interface SentSlackRequest {
  headers: Record<string, string>;
  body: string;
}

export interface SlackDeliveryResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The body parsed as JSON when it is JSON (Bolt answers an ack with a body, or a challenge). */
  json?: unknown;
  /** What was sent, signature and timestamp included. */
  sent: SentSlackRequest;
}

/** POSTs a body to the app the way Slack does: signed over the exact bytes, with Slack's headers. */
export async function deliverSigned(
  url: string,
  signingSecret: string,
  request: RawSlackRequest,
  forge: ForgeOptions = {},
): Promise<SlackDeliveryResponse> {
  const timestamp = request.timestamp ?? Math.floor(Date.now() / 1000) + (forge.timestampOffsetSeconds ?? 0);
  const signature =
    request.signature ?? slackSignature(forge.signWith ?? signingSecret, timestamp, request.body);
  const sentBody =
    forge.tamperAfterSigning === undefined ? request.body : forge.tamperAfterSigning(request.body);
  const headers = {
    'content-type': request.contentType,
    'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': signature,
    ...request.headers,
    ...forge.headers,
  };
  return deliverVerbatim(url, { headers, body: sentBody });
}

/**
 * POSTs a request that was sent before again, unchanged: same body, timestamp and signature, as
 * someone who captured it would (or Slack redelivering it). `headers` adds or overrides some.
 */
export async function deliverVerbatim(
  url: string,
  sent: SentSlackRequest,
  headers: Record<string, string> = {},
): Promise<SlackDeliveryResponse> {
  const request = { headers: { ...sent.headers, ...headers }, body: sent.body };
  if (captured) {
    captured.push({ url, ...request });
    return { status: 200, headers: {}, text: '', sent: request };
  }
  const response = await withConnectionSlot(() =>
    fetch(url, { method: 'POST', headers: request.headers, body: request.body }),
  );
  const text = await response.text();
  const json = parseJsonBody(text);
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers.entries()),
    text,
    ...(json === undefined ? {} : { json }),
    sent: request,
  };
}

function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
