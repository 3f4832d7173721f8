import { COMMANDS } from '../../../src/slack/ids';
import { findActionElement, type SlackDeliveryResponse } from '../../slack';
import type { DemoWorld } from '../world';
import { conversationsOf, openModal } from './state';

export type ActionResult = {
  ok: boolean;
  status?: number;
  message?: string;
  errors?: Record<string, string>;
};

const KNOWN_COMMANDS = new Set<string>(Object.values(COMMANDS));

/**
 * What a person does on the sandbox page, done the way Slack would do it: every command, click
 * and modal submission goes to Paydesk as a signed request from the Slack simulator's sender.
 * Stripe-side changes (settle, fail, activate) happen in the Stripe simulator, which then sends
 * its signed webhooks. Each returns once the app's follow-up work has finished.
 */
export class SandboxActions {
  /** Modals the person submitted or closed; Slack would have taken them off the screen. */
  readonly closedViews = new Set<string>();

  constructor(private readonly world: DemoWorld) {}

  private isUser(userId: unknown): userId is string {
    return (
      typeof userId === 'string' &&
      this.world.slack.user(userId) !== undefined &&
      !this.world.slack.user(userId)?.isBot
    );
  }

  private async finish(response: SlackDeliveryResponse): Promise<ActionResult> {
    await this.world.drain();
    return response.status === 200
      ? { ok: true, status: response.status }
      : { ok: false, status: response.status, message: `Paydesk answered ${response.status}` };
  }

  /** A slash command typed in a conversation; mentions become `<@U…|name>` as Slack's escaping does. */
  async command(input: { user?: unknown; conversation?: unknown; text?: unknown }): Promise<ActionResult> {
    if (!this.isUser(input.user)) return { ok: false, message: 'Pick a user first.' };
    const line = typeof input.text === 'string' ? input.text.trim() : '';
    const match = /^(\/[a-z_-]+)(?:\s+([\s\S]*))?$/i.exec(line);
    if (!match?.[1])
      return { ok: false, message: 'Type a slash command, like /topup 2000 Weekly top-up or /payouts help.' };
    const command = match[1].toLowerCase();
    if (!KNOWN_COMMANDS.has(command)) {
      return {
        ok: false,
        message: `${command} is not a valid command. Paydesk has ${[...KNOWN_COMMANDS].join(', ')}.`,
      };
    }
    const conversations = conversationsOf(this.world, input.user);
    const channelId =
      conversations.find((conversation) => conversation.id === input.conversation)?.id ??
      conversations[0]?.id;
    const response = await this.world.main.send.command({
      userId: input.user,
      command,
      text: this.escapeAsSlack(match[2] ?? ''),
      ...(channelId === undefined ? {} : { channelId }),
    });
    return this.finish(response);
  }

  /**
   * The person opens Paydesk's Home tab: Slack's signed `app_home_opened` event (tab `home`), each
   * time, as Slack sends it on every visit; Paydesk answers by publishing their Home.
   */
  async openHome(input: { user?: unknown }): Promise<ActionResult> {
    if (!this.isUser(input.user)) return { ok: false, message: 'Pick a user first.' };
    return this.finish(await this.world.main.send.appHomeOpened({ userId: input.user, tab: 'home' }));
  }

  /**
   * A button on the person's Home tab, as Slack reports it: the Home view in the payload, and no
   * channel, message or response_url. The button is looked up in the Home as published now, by
   * its block and action ids (each waiting request has its own Approve with the same action id).
   */
  private async clickOnHome(
    userId: string,
    input: { viewId?: unknown; blockId?: unknown; actionId: string },
  ) {
    const home = this.world.slack.home(userId);
    const blocks = Array.isArray(home?.view.blocks) ? (home?.view.blocks as unknown[]) : [];
    const blockId = typeof input.blockId === 'string' && input.blockId !== '' ? input.blockId : undefined;
    const found = findActionElement(blocks, input.actionId, blockId);
    if (home === undefined || home.id !== input.viewId || found === undefined || found.blockId !== blockId) {
      return { ok: false, message: 'That button is no longer on your Home.' };
    }
    const value = typeof found.element.value === 'string' ? found.element.value : undefined;
    const response = await this.world.main.send.blockAction({
      userId,
      actionId: input.actionId,
      viewId: home.id,
      ...(blockId === undefined ? {} : { blockId }),
      ...(value === undefined ? {} : { value }),
    });
    return this.finish(response);
  }

  /** A button click on a message, on the person's own ephemeral message, or on their Home tab. */
  async click(input: {
    user?: unknown;
    channel?: unknown;
    ts?: unknown;
    actionId?: unknown;
    ephemeralIndex?: unknown;
    home?: unknown;
    viewId?: unknown;
    blockId?: unknown;
  }): Promise<ActionResult> {
    if (!this.isUser(input.user)) return { ok: false, message: 'Pick a user first.' };
    if (input.home === true && typeof input.actionId === 'string') {
      return this.clickOnHome(input.user, { ...input, actionId: input.actionId });
    }
    if (typeof input.channel !== 'string' || typeof input.actionId !== 'string') {
      return { ok: false, message: 'That button is not on a message.' };
    }
    if (typeof input.ephemeralIndex === 'number') {
      const ephemeral = this.world.slack.ephemerals()[input.ephemeralIndex];
      if (ephemeral === undefined || ephemeral.user !== input.user)
        return { ok: false, message: 'That message is gone.' };
      const response = await this.world.main.send.blockAction({
        userId: input.user,
        actionId: input.actionId,
        channelId: ephemeral.channel,
        messageTs: ephemeral.messageTs,
        isEphemeral: true,
        message: { type: 'message', text: ephemeral.text, blocks: ephemeral.blocks, ts: ephemeral.messageTs },
      });
      return this.finish(response);
    }
    if (typeof input.ts !== 'string' || this.world.slack.message(input.channel, input.ts) === undefined) {
      return { ok: false, message: 'That message is gone.' };
    }
    const response = await this.world.main.send.blockAction({
      userId: input.user,
      actionId: input.actionId,
      channelId: input.channel,
      messageTs: input.ts,
    });
    return this.finish(response);
  }

  /** Submits the person's open modal with the values typed into its inputs (`block_id/action_id` → text). */
  async submit(input: { user?: unknown; viewId?: unknown; values?: unknown }): Promise<ActionResult> {
    if (!this.isUser(input.user)) return { ok: false, message: 'Pick a user first.' };
    const view = openModal(this.world, input.user, this.closedViews);
    if (view === undefined || view.id !== input.viewId)
      return { ok: false, message: 'That form is no longer open.' };
    const values: Record<string, Record<string, string>> = {};
    if (typeof input.values === 'object' && input.values !== null) {
      for (const [name, value] of Object.entries(input.values)) {
        const [blockId, actionId] = name.split('/');
        if (!blockId || !actionId || typeof value !== 'string') continue;
        values[blockId] = { ...values[blockId], [actionId]: value };
      }
    }
    const response = await this.world.main.send.viewSubmission({
      userId: input.user,
      viewId: view.id,
      values,
    });
    const answer = response.json as { response_action?: string; errors?: Record<string, string> } | undefined;
    if (response.status === 200 && answer?.response_action === 'errors') {
      return {
        ok: false,
        status: 200,
        errors: answer.errors ?? {},
        message: 'Please fix the highlighted fields.',
      };
    }
    if (
      response.status === 200 &&
      answer?.response_action !== 'update' &&
      answer?.response_action !== 'push'
    ) {
      this.closedViews.add(view.id);
    }
    return this.finish(response);
  }

  close(input: { user?: unknown; viewId?: unknown }): ActionResult {
    if (!this.isUser(input.user) || typeof input.viewId !== 'string') return { ok: false };
    this.closedViews.add(input.viewId);
    return { ok: true };
  }

  /** The Stripe panel: what Stripe would do on its own, later. */
  async stripe(input: { op?: unknown; id?: unknown }): Promise<ActionResult> {
    const { stripe, clock } = this.world;
    if (typeof input.id !== 'string') return { ok: false, message: 'Nothing to change.' };
    try {
      if (input.op === 'settle') {
        const topup = stripe.listTopups().find((candidate) => candidate.id === input.id);
        if (topup?.status !== 'pending') return { ok: false, message: 'Only a pending top-up can settle.' };
        if (topup.expected_availability_date)
          clock.advanceTo(new Date(topup.expected_availability_date * 1000));
        stripe.settleTopup(topup.id);
      } else if (input.op === 'fail') {
        stripe.failTopup(input.id);
      } else if (input.op === 'activate') {
        stripe.activateAccount(input.id);
      } else {
        return { ok: false, message: 'Unknown Stripe change.' };
      }
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
    await this.world.drain();
    return { ok: true };
  }

  /** Slack's escaping of typed text with "escape channels, users and links" on. */
  private escapeAsSlack(text: string): string {
    const escaped = text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
    return escaped
      .replace(/(^|\s)@([a-z0-9._-]*[a-z0-9_-])/gi, (match, space: string, name: string) => {
        const user = this.world.slack
          .users()
          .find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
        return user === undefined ? match : `${space}<@${user.id}|${user.name}>`;
      })
      .replace(/(^|\s)#([a-z0-9._-]+)/gi, (match, space: string, name: string) => {
        const channel = this.world.slack
          .channels()
          .find((candidate) => candidate.name === name.toLowerCase());
        return channel === undefined ? match : `${space}<#${channel.id}|${channel.name}>`;
      });
  }
}
