import type { IncomingMessage } from 'node:http';
import { slackRequestKind } from '../../../src/http/slack-metrics';

/** A request as the replay guard leaves it: headers, and the body it buffered. */
function request(contentType: string, body: string): IncomingMessage {
  return {
    headers: { 'content-type': contentType },
    rawBody: Buffer.from(body),
  } as unknown as IncomingMessage;
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const interaction = (type: string) => form({ payload: JSON.stringify({ type }) });

describe('the kind a Slack request is counted under', () => {
  it.each([
    ['command', 'application/x-www-form-urlencoded', form({ command: '/topup', text: '' })],
    ['action', 'application/x-www-form-urlencoded', interaction('block_actions')],
    ['view', 'application/x-www-form-urlencoded', interaction('view_submission')],
    ['event', 'application/json', JSON.stringify({ type: 'event_callback', event: {} })],
    ['other', 'application/json', JSON.stringify({ type: 'url_verification' })],
  ])('%s', (kind, contentType, body) => {
    expect(slackRequestKind(request(contentType, body))).toBe(kind);
  });

  it('reads a form whose content type names its charset, in any case', () => {
    const type = 'Application/X-WWW-Form-Urlencoded; charset=utf-8';
    expect(slackRequestKind(request(type, form({ command: '/transfer' })))).toBe('command');
    expect(slackRequestKind(request(type, interaction('view_submission')))).toBe('view');
  });

  it('counts a body it cannot read as other', () => {
    expect(slackRequestKind(request('application/x-www-form-urlencoded', form({ payload: '{' })))).toBe(
      'other',
    );
    expect(slackRequestKind({ headers: {} } as IncomingMessage)).toBe('other');
  });
});
