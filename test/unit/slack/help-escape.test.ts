import { helpMessage } from '../../../src/slack/views/help';

describe('/payouts help', () => {
  it('escapes the angle brackets of `/topup <amount> [description]`, which Slack would swallow as a link', () => {
    const text = helpMessage(true).text;
    expect(text).toContain('`/topup &lt;amount&gt; [description]`');
    expect(text).not.toMatch(/<(?!@)[a-z]/);
    expect(text).toContain('`/payouts history [@writer | TR-0003]`');
  });
});
