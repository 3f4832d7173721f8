import { quoteInput } from '../mrkdwn';
import type { SlackUserRef } from '../requests/types';
import type { OnboardingDeps } from './deps';
import {
  CannotInviteError,
  NotInvitedError,
  SlackUserNotFoundError,
  WriterDisconnectedError,
} from './errors';
import { sendInvitationDm } from './invitation-dms';
import { issueStartLink } from './links';
import { isConnected } from './status';
import type { SlackProfile, Writer } from './types';
import { updateWriter, writerSubject } from './writer-updates';

export type WriterTarget = { kind: 'user'; userId: string } | { kind: 'email'; email: string };

export type InviteOutcome =
  | { kind: 'invited'; writer: Writer; again: boolean; expiresAt: Date }
  | { kind: 'already_connected'; writer: Writer };

async function resolveTarget(deps: OnboardingDeps, target: WriterTarget): Promise<SlackProfile> {
  const profile =
    target.kind === 'user'
      ? await deps.directory.byId(target.userId)
      : await deps.directory.byEmail(target.email);
  if (!profile)
    throw new SlackUserNotFoundError(
      target.kind === 'user' ? `<@${target.userId}>` : quoteInput(target.email, 80),
    );
  if (profile.isBot) throw new CannotInviteError(`<@${profile.userId}> is a bot; only people can be paid.`);
  if (profile.deleted) throw new CannotInviteError(`<@${profile.userId}> has been deactivated in Slack.`);
  return profile;
}

/**
 * `/payouts invite`: records the writer (`invited`) and DMs them a link to connect with Stripe.
 * A writer who is already connected is not invited again; one who disconnected Paydesk starts over.
 */
export async function inviteWriter(
  deps: OnboardingDeps,
  input: { invitedBy: SlackUserRef; target: WriterTarget },
): Promise<InviteOutcome> {
  const profile = await resolveTarget(deps, input.target);
  const now = deps.clock();
  const { writer: found, created } = await deps.writers.createOrFind({
    slackTeamId: input.invitedBy.teamId,
    slackUserId: profile.userId,
    email: profile.email,
    displayName: profile.realName,
    firstName: profile.firstName,
    status: 'invited',
    stripeAccountId: null,
    capabilities: {},
    payoutsEnabled: false,
    requirementsDue: [],
    invitedBy: input.invitedBy,
    invitedAt: now,
    connectedAt: null,
    statusChangedAt: now,
    accountGeneration: 1,
    updatedAt: now,
  });
  if (isConnected(found)) return { kind: 'already_connected', writer: found };

  let writer = found;
  if (!created) {
    if (found.status === 'deauthorized') {
      // Their old Express account is out of reach; a new connection gets a new account and key.
      await deps.stripeAccounts.removeForWriter(found.id);
    }
    const refreshed = await updateWriter(deps, found.id, (current) => {
      if (isConnected(current)) return undefined;
      const restart = current.status === 'deauthorized';
      return {
        changes: {
          email: profile.email ?? current.email,
          displayName: profile.realName,
          firstName: profile.firstName,
          ...(restart
            ? {
                status: 'invited' as const,
                stripeAccountId: null,
                connectedAt: null,
                capabilities: {},
                payoutsEnabled: false,
                requirementsDue: [],
                statusChangedAt: deps.clock(),
                accountGeneration: current.accountGeneration + 1,
              }
            : {}),
        },
      };
    });
    if (!refreshed) {
      const latest = await deps.writers.findById(found.id);
      if (latest && isConnected(latest)) return { kind: 'already_connected', writer: latest };
    }
    writer = refreshed?.after ?? found;
  }

  const link = await issueStartLink(deps, writer);
  await sendInvitationDm(
    deps,
    { writer, startUrl: link.url, expiresAt: link.expiresAt, reason: 'invite' },
    link.tokenHash,
  );
  await deps.audit.append({
    actor: { kind: 'slack', ...input.invitedBy },
    action: created ? 'writer.invited' : 'writer.reinvited',
    subject: writerSubject(writer),
    details: {
      slackUserId: writer.slackUserId,
      email: writer.email,
      status: writer.status,
      expiresAt: link.expiresAt,
    },
  });
  return { kind: 'invited', writer, again: !created, expiresAt: link.expiresAt };
}

export type FreshLinkOutcome =
  | { kind: 'sent'; writer: Writer; expiresAt: Date }
  | { kind: 'already_active'; writer: Writer };

/** `/payouts connect`: an invited writer asks for a new link (by DM) for themselves. */
export async function requestFreshLink(deps: OnboardingDeps, who: SlackUserRef): Promise<FreshLinkOutcome> {
  const writer = await deps.writers.findBySlackUser(who.teamId, who.userId);
  if (!writer) throw new NotInvitedError();
  if (writer.status === 'deauthorized') throw new WriterDisconnectedError();
  if (writer.status === 'active') return { kind: 'already_active', writer };
  const link = await issueStartLink(deps, writer);
  await sendInvitationDm(
    deps,
    { writer, startUrl: link.url, expiresAt: link.expiresAt, reason: 'connect' },
    link.tokenHash,
  );
  await deps.audit.append({
    actor: { kind: 'slack', ...who },
    action: 'writer.link_requested',
    subject: writerSubject(writer),
    details: { status: writer.status, expiresAt: link.expiresAt },
  });
  return { kind: 'sent', writer, expiresAt: link.expiresAt };
}
