import { findActionElement, mrkdwnToPlain, renderMessageText, type SimMessage } from '../slack';
import type { HopBrowser, PageVisit } from './browser';
import { FINANCE_CHANNEL } from './cast';
import { DemoStepError, expect } from './check';
import type { SlackFeed } from './slack-feed';
import type { Transcript } from './transcript';
import type { DemoApp, DemoWorld } from './world';

type Person = { id: string; name: string };

/**
 * What the people of the story do, each action over real HTTP, shown in the transcript with its
 * status and followed by whatever appeared in Slack because of it.
 */
export class StoryKit {
  private deliveriesShown: number;

  constructor(
    readonly world: DemoWorld,
    readonly transcript: Transcript,
    readonly feed: SlackFeed,
  ) {
    this.deliveriesShown = world.stripe.deliveryLog().length;
  }

  /** A slash command typed in a channel, sent to `app` as Slack would (signed). */
  async command(
    person: Person,
    command: string,
    text: string,
    options: { app?: DemoApp; channelId?: string } = {},
  ) {
    const app = options.app ?? this.world.main;
    const channelId = options.channelId ?? FINANCE_CHANNEL.id;
    const where = channelId === FINANCE_CHANNEL.id ? `#${FINANCE_CHANNEL.name}` : channelId;
    // Slack escapes mentions (`<@U…|maya>`) before the app sees them; the person typed `@maya`.
    this.transcript.person(`@${person.name}`, `types in ${where}: ${command} ${mrkdwnToPlain(text)}`);
    const started = Date.now();
    const response = await app.send.command({ userId: person.id, command, text, channelId });
    this.transcript.http(
      'POST',
      `${app.paydesk.url}/slack/events`,
      response.status,
      `(signed slash command, acknowledged in ${Date.now() - started} ms)`,
    );
    expect(
      response.status === 200,
      `Paydesk to acknowledge ${command} with 200, got ${response.status}`,
      response.text,
    );
    await this.settle();
    return response;
  }

  /** A click on a button of a message, as Slack reports it (signed block_actions payload). */
  async click(person: Person, message: SimMessage, actionId: string, label: string, app = this.world.main) {
    const found = findActionElement(message.blocks, actionId);
    expect(found !== undefined, `a [${label}] button on the message`);
    this.transcript.person(`@${person.name}`, `clicks [${label}]`);
    const started = Date.now();
    const response = await app.send.blockAction({
      userId: person.id,
      actionId,
      channelId: message.channel,
      messageTs: message.ts,
    });
    this.transcript.http(
      'POST',
      `${app.paydesk.url}/slack/events`,
      response.status,
      `(signed block_actions, acknowledged in ${Date.now() - started} ms)`,
    );
    expect(
      response.status === 200,
      `Paydesk to acknowledge the click with 200, got ${response.status}`,
      response.text,
    );
    await this.settle();
    return response;
  }

  /** One GET in the writer's browser; shows the hop and checks its status. */
  async visit(browser: HopBrowser, url: string, expectedStatus: number): Promise<PageVisit> {
    const visit = await browser.get(url);
    if (visit.location !== undefined) this.transcript.redirect('GET', url, visit.status, visit.location);
    else
      this.transcript.http(
        'GET',
        url,
        visit.status,
        visit.title === undefined ? undefined : `page: “${visit.title}”`,
      );
    expect(
      visit.status === expectedStatus,
      `GET ${this.transcript.shortUrl(url)} to answer ${expectedStatus}, got ${visit.status}`,
      visit.title,
    );
    return visit;
  }

  /** Lets webhooks and after-ack work finish, then prints Stripe's webhook calls and what appeared in Slack. */
  async settle(): Promise<void> {
    await this.world.drain();
    this.showDeliveries();
    this.show();
  }

  show(): void {
    for (const entry of this.feed.take()) this.transcript.slack(entry);
  }

  /** Stripe's webhook deliveries since the last look, as HTTP lines; each must have been accepted. */
  showDeliveries(): void {
    const log = this.world.stripe.deliveryLog();
    for (const attempt of log.slice(this.deliveriesShown)) {
      this.transcript.http(
        'POST',
        attempt.url,
        attempt.status ?? 0,
        `(Stripe webhook ${attempt.eventType}, signed)`,
      );
      expect(
        attempt.ok,
        `Paydesk to accept the ${attempt.eventType} webhook, got ${attempt.status}`,
        attempt.error ?? undefined,
      );
    }
    this.deliveriesShown = log.length;
  }

  /** Waits (briefly) until `find` returns something; the step fails saying what never came. */
  async waitFor<T>(find: () => T | undefined, expected: string): Promise<T> {
    const deadline = Date.now() + 5000;
    for (;;) {
      const found = find();
      if (found !== undefined && found !== null && found !== false) return found;
      if (Date.now() > deadline) throw new DemoStepError(`expected ${expected} within 5 s`);
      await this.world.drain();
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  balances(
    label = 'Stripe balance of the platform',
    accountId?: string,
  ): { available: number; pending: number } {
    const totals = this.world.stripe.getBalance(accountId);
    this.transcript.balance(label, totals);
    return totals;
  }

  financeMessages(): SimMessage[] {
    return this.world.slack.messages(FINANCE_CHANNEL.id);
  }

  dmMessages(person: Person): SimMessage[] {
    return this.world.slack.messages(this.world.slack.dmChannelOf(person.id));
  }

  /** The last ephemeral answer `person` saw, as text with names resolved. */
  lastEphemeral(person: Person): string {
    const last = this.world.slack.ephemerals(person.id).at(-1);
    return last === undefined ? '' : renderMessageText(last, this.world.names);
  }
}
