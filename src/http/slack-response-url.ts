import type { Logger } from '../logger';

/** An ephemeral reply to the person, as an ack's body or `respond()` would show it. */
export async function tellThroughResponseUrl(
  responseUrl: string,
  message: Record<string, unknown>,
  logger: Pick<Logger, 'warn'>,
): Promise<void> {
  const answer = await fetch(responseUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, ...message }),
    signal: AbortSignal.timeout(5000),
  });
  if (!answer.ok) logger.warn({ status: answer.status }, 'Slack refused a reply through response_url');
}
