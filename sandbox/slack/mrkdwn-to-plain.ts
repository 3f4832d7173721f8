/** Looks up display names for mentions; without it a mention shows its id. */
export interface MentionNames {
  userName?: (userId: string) => string | undefined;
  channelName?: (channelId: string) => string | undefined;
}

/**
 * Slack's mrkdwn as a person reads it: mentions as @name / #channel, links as their label, and the
 * three escaped characters back as themselves. Emphasis markers stay; they read fine as text.
 */
export function mrkdwnToPlain(text: string, names: MentionNames = {}): string {
  return text
    .replace(/<@([UW][A-Z0-9]+)(?:\|([^>]*))?>/g, (_match, id: string, label?: string) => {
      return `@${label || names.userName?.(id) || id}`;
    })
    .replace(/<#(C[A-Z0-9]+)(?:\|([^>]*))?>/g, (_match, id: string, label?: string) => {
      return `#${label || names.channelName?.(id) || id}`;
    })
    .replace(/<!(here|channel|everyone)(?:\|[^>]*)?>/g, '@$1')
    .replace(
      /<!subteam\^([A-Z0-9]+)(?:\|([^>]*))?>/g,
      (_match, id: string, label?: string) => label || `@${id}`,
    )
    .replace(/<!date\^\d+\^[^|>]*\|([^>]*)>/g, '$1')
    .replace(/<((?:https?|mailto):[^|>]+)\|([^>]+)>/g, '$2 ($1)')
    .replace(/<((?:https?|mailto):[^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
