import type { WebClient } from '@slack/web-api';

/**
 * This app's bot id (from auth.test, asked once and kept; asked again after a failure), so only
 * messages the app itself posted are trusted when it reads a conversation back.
 */
export function ownBotId(slack: WebClient): () => Promise<string> {
  let known: Promise<string> | undefined;
  return () => {
    if (known) return known;
    const asked = slack.auth.test().then((identity) => {
      if (!identity.bot_id) throw new Error('auth.test named no bot id; is SLACK_BOT_TOKEN a bot token?');
      return identity.bot_id;
    });
    known = asked;
    asked.catch(() => {
      if (known === asked) known = undefined;
    });
    return asked;
  };
}
