/**
 * Text people typed goes into Slack mrkdwn escaped, so `<!channel>` or `<@U…>` in a memo is
 * shown, not acted on (Slack's own rule: escape &, < and >).
 */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** Quotes what someone typed inside an error message, short and harmless. */
export function quoteInput(text: string, max = 40): string {
  const short = text.length > max ? `${text.slice(0, max)}…` : text;
  return `\`${escapeMrkdwn(short.replaceAll('`', "'"))}\``;
}
