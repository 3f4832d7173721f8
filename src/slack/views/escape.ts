/**
 * Text people typed goes into mrkdwn escaped, so `<!channel>` or `<@U…>` in a memo is shown,
 * not acted on (Slack's own rule: escape &, < and >).
 */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

export function mention(userId: string): string {
  return /^[UW][A-Z0-9]+$/.test(userId) ? `<@${userId}>` : escapeMrkdwn(userId);
}
