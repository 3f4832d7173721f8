import { escapeMrkdwn } from '../../domain/mrkdwn';

export { escapeMrkdwn };

export function mention(userId: string): string {
  return /^[UW][A-Z0-9]+$/.test(userId) ? `<@${userId}>` : escapeMrkdwn(userId);
}

/** A time Slack renders in each reader's own time zone, with a plain fallback. */
export function slackTime(date: Date, pattern = '{date_short_pretty} at {time}'): string {
  const unix = Math.floor(date.getTime() / 1000);
  return `<!date^${unix}^${pattern}|${date.toISOString()}>`;
}
