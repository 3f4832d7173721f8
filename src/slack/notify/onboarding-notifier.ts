import type { WebClient } from '@slack/web-api';
import { DirectMessageFailedError } from '../../domain/onboarding/errors';
import type {
  DmRef,
  InvitationNotice,
  OnboardingNotice,
  OnboardingNotifier,
  SlackDirectory,
  SlackProfile,
  Writer,
} from '../../domain/onboarding/types';
import type { SlackOutbox } from '../../domain/ports/slack-outbox';
import { digestLine } from '../views/alert-digest';
import type { SlackMessage } from '../views/blocks';
import { mention } from '../views/escape';
import {
  connectedDm,
  dashboardDm,
  invitationConnectedDm,
  invitationDm,
  readyDm,
  restrictedDm,
  writerConnectedAlert,
  writerDeauthorizedAlert,
  writerReadyAlert,
  writerRestrictedAlert,
} from '../views/onboarding';
import { ALERTS_GROUP } from './outbox-sends';

function slackErrorCode(error: unknown): string {
  const data = (error as { data?: { error?: unknown } })?.data;
  return typeof data?.error === 'string' ? data.error : ((error as Error)?.message ?? 'unknown_error');
}

/**
 * Onboarding news in Slack: DMs to the writer (the IM opened with conversations.open first) and
 * alerts to the finance channel. A failed DM throws DirectMessageFailedError, which the caller
 * either shows to the person who asked (invite, connect, dashboard) or logs (webhooks). DMs are
 * sent at once: they carry single-use links, which are never stored. Alerts go through the Slack
 * outbox, once per change of the writer (its revision), coalesced with other alerts in a burst.
 */
export function onboardingNotifier(deps: {
  slack: WebClient;
  outbox: SlackOutbox;
  channelId: string;
  clock: () => Date;
}): OnboardingNotifier {
  const { slack, outbox, channelId, clock } = deps;

  async function dm(userId: string, message: SlackMessage): Promise<DmRef> {
    try {
      const opened = await slack.conversations.open({ users: userId });
      const channel = opened.channel?.id;
      if (!channel) throw new Error('conversations.open returned no channel');
      const posted = await slack.chat.postMessage({
        channel,
        ...message,
        unfurl_links: false,
        unfurl_media: false,
      });
      if (!posted.ts) throw new Error('chat.postMessage returned no ts');
      return { channel: posted.channel ?? channel, ts: posted.ts };
    } catch (error) {
      throw new DirectMessageFailedError(mention(userId), slackErrorCode(error));
    }
  }

  return {
    async sendInvitation(notice: InvitationNotice) {
      return dm(
        notice.writer.slackUserId,
        invitationDm({
          writer: notice.writer,
          startUrl: notice.startUrl,
          expiresAt: notice.expiresAt,
          reason: notice.reason,
        }),
      );
    },

    async invitationConnected(sent: DmRef, writer: Writer) {
      // The new content holds no link, so it may wait in the outbox like any other edit.
      await outbox.enqueue({
        kind: 'update',
        channel: sent.channel,
        ts: sent.ts,
        message: invitationConnectedDm(writer),
        stateAt: clock(),
        stateVersion: writer.rev,
      });
    },

    async notify(notice: OnboardingNotice) {
      const userId = notice.writer.slackUserId;
      const toFinance = async (message: SlackMessage): Promise<void> => {
        await outbox.enqueue({
          kind: 'post',
          key: `alert:writer:${notice.writer.id}:${notice.kind}:${notice.writer.rev}`,
          channel: channelId,
          message,
          digest: { group: ALERTS_GROUP, line: digestLine(message) },
        });
      };
      switch (notice.kind) {
        case 'connected': {
          const { stripeAccountId, ready, needs } = notice;
          // The channel hears about it even if the DM fails (and the other way round).
          const results = await Promise.allSettled([
            sent(dm(userId, connectedDm({ stripeAccountId, ready, needs, continueUrl: notice.continueUrl }))),
            toFinance(writerConnectedAlert({ writerUserId: userId, stripeAccountId, ready, needs })),
          ]);
          throwFirstFailure(results);
          return;
        }
        case 'ready': {
          const { stripeAccountId, wasRestricted } = notice;
          throwFirstFailure(
            await Promise.allSettled([
              sent(dm(userId, readyDm({ stripeAccountId, wasRestricted }))),
              toFinance(writerReadyAlert({ writerUserId: userId, stripeAccountId, wasRestricted })),
            ]),
          );
          return;
        }
        case 'restricted': {
          const { stripeAccountId, needs } = notice;
          throwFirstFailure(
            await Promise.allSettled([
              sent(dm(userId, restrictedDm({ needs, continueUrl: notice.continueUrl }))),
              toFinance(writerRestrictedAlert({ writerUserId: userId, stripeAccountId, needs })),
            ]),
          );
          return;
        }
        case 'deauthorized':
          await toFinance(
            writerDeauthorizedAlert({ writerUserId: userId, stripeAccountId: notice.stripeAccountId }),
          );
          return;
        case 'dashboard':
          await dm(userId, dashboardDm({ url: notice.url }));
          return;
        default:
          return;
      }
    },
  };
}

async function sent(message: Promise<DmRef>): Promise<void> {
  await message;
}

function throwFirstFailure(results: PromiseSettledResult<void>[]): void {
  const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw failed.reason;
}

type SlackUser = {
  id?: string;
  deleted?: boolean;
  is_bot?: boolean;
  real_name?: string;
  name?: string;
  tz?: string;
  tz_label?: string;
  profile?: { email?: string; first_name?: string; real_name?: string; display_name?: string };
};

function toProfile(user: SlackUser | undefined): SlackProfile | undefined {
  if (!user?.id) return undefined;
  const realName =
    user.real_name ?? user.profile?.real_name ?? user.profile?.display_name ?? user.name ?? user.id;
  return {
    userId: user.id,
    email: user.profile?.email ?? null,
    realName,
    firstName: user.profile?.first_name || realName.split(' ')[0] || null,
    isBot: user.is_bot === true || user.id === 'USLACKBOT',
    deleted: user.deleted === true,
    timeZone: user.tz || null,
    timeZoneLabel: user.tz_label || null,
  };
}

/** Slack's user directory: users.info and users.lookupByEmail; "not found" is undefined, not an error. */
export function slackDirectory(slack: WebClient): SlackDirectory {
  const notFound = (error: unknown) => ['user_not_found', 'users_not_found'].includes(slackErrorCode(error));
  return {
    async byId(userId) {
      try {
        return toProfile((await slack.users.info({ user: userId })).user as SlackUser | undefined);
      } catch (error) {
        if (notFound(error)) return undefined;
        throw error;
      }
    },
    async byEmail(email) {
      try {
        return toProfile((await slack.users.lookupByEmail({ email })).user as SlackUser | undefined);
      } catch (error) {
        if (notFound(error)) return undefined;
        throw error;
      }
    },
  };
}
