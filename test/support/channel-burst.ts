import { FINANCE_CHANNEL, TEST_SECRETS } from './config';
import type { World } from './world';

/**
 * Another client posting into the finance channel (as a second replica's request message would),
 * spending the channel's burst so the app's next posts meet Slack's 429.
 */
export async function spendChannelBurst(world: World, count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    await fetch(`${world.slack.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${TEST_SECRETS.slackBotToken}`,
        'content-type': 'application/json; charset=utf-8',
      },
      body: JSON.stringify({ channel: FINANCE_CHANNEL, text: `someone else ${i}` }),
    });
  }
}
