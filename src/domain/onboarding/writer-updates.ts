import type { AuditActor } from '../audit/types';
import type { OnboardingDeps } from './deps';
import { closeInvitationDms } from './invitation-dms';
import { issueStartLink } from './links';
import { describeRequirements } from './requirements';
import {
  type AccountDecision,
  type AccountSnapshot,
  decideAccountUpdate,
  type SnapshotTrigger,
} from './status';
import type { OnboardingNotice, Writer, WriterChanges } from './types';

const MAX_ATTEMPTS = 8;

export function writerActor(writer: Writer): AuditActor {
  return { kind: 'slack', teamId: writer.slackTeamId, userId: writer.slackUserId };
}

export function writerSubject(writer: Pick<Writer, 'id'>) {
  return { type: 'writer', id: writer.id };
}

/**
 * Load → decide → compare-and-set on the writer's revision, again on a lost race. Returns the
 * writer before and after and what was decided, or undefined when there was nothing to do.
 * Only the winner of a revision gets a result, so only it audits and notifies.
 */
export async function updateWriter<D extends { changes: WriterChanges }>(
  deps: OnboardingDeps,
  writerId: string,
  decide: (writer: Writer) => D | undefined,
): Promise<{ before: Writer; after: Writer; decision: D } | undefined> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const before = await deps.writers.findById(writerId);
    if (!before) return undefined;
    const decision = decide(before);
    if (!decision) return undefined;
    const after = await deps.writers.update(before, decision.changes, deps.clock());
    if (after) return { before, after, decision };
    await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * (attempt + 1)));
  }
  throw new Error(`writer ${writerId} kept changing under us; giving up after ${MAX_ATTEMPTS} attempts`);
}

/** Tells people, but never lets a Slack hiccup undo or repeat what was already recorded. */
export async function notifySafely(deps: OnboardingDeps, notice: OnboardingNotice): Promise<void> {
  try {
    await deps.notifier.notify(notice);
  } catch (error) {
    deps.logger.error(
      { err: error, notice: notice.kind, writerId: notice.writer.id },
      'onboarding notice not sent',
    );
  }
}

/**
 * Applies a fresh view of the writer's Stripe account (from the OAuth callback, the Account Link
 * return page or a webhook). Whoever wins the compare-and-set records, audits and notifies; a
 * duplicate or late look at the same state changes nothing and says nothing.
 */
export async function applyAccountSnapshot(
  deps: OnboardingDeps,
  writerId: string,
  snapshot: AccountSnapshot,
  context: { trigger: SnapshotTrigger; actor: AuditActor; mode: string },
): Promise<{ writer: Writer; decision: AccountDecision } | undefined> {
  const result = await updateWriter(deps, writerId, (writer) => {
    const decision = decideAccountUpdate(writer, snapshot, context.trigger, deps.clock());
    if (!decision) return undefined;
    const unchanged =
      !decision.connects &&
      decision.status === writer.status &&
      writer.stripeAccountId === snapshot.stripeAccountId &&
      writer.payoutsEnabled === snapshot.payoutsEnabled &&
      (writer.taxDetails ?? 'missing') === snapshot.taxDetails &&
      JSON.stringify(writer.requirementsDue) === JSON.stringify(snapshot.requirementsDue) &&
      JSON.stringify(writer.capabilities) === JSON.stringify(snapshot.capabilities);
    return unchanged ? undefined : decision;
  });
  if (!result) return undefined;
  const { before, after: writer, decision } = result;
  const subject = writerSubject(writer);
  const details = {
    stripeAccountId: snapshot.stripeAccountId,
    from: before.status,
    to: writer.status,
    requirementsDue: snapshot.requirementsDue,
    payoutsEnabled: snapshot.payoutsEnabled,
    via: context.trigger,
  };
  if (decision.connects) {
    await deps.audit.append({
      actor: context.actor,
      action: 'writer.connected',
      subject,
      details: { ...details, mode: context.mode },
    });
  } else if (before.status !== writer.status) {
    await deps.audit.append({ actor: context.actor, action: 'writer.status_changed', subject, details });
  }
  const needs = describeRequirements(snapshot.requirementsDue);
  switch (decision.notice) {
    case 'connected': {
      const ready = writer.status === 'active';
      const continueUrl = ready ? null : (await issueStartLink(deps, writer)).url;
      await notifySafely(deps, {
        kind: 'connected',
        writer,
        stripeAccountId: snapshot.stripeAccountId,
        ready,
        needs,
        continueUrl,
      });
      break;
    }
    case 'ready':
      await notifySafely(deps, {
        kind: 'ready',
        writer,
        stripeAccountId: snapshot.stripeAccountId,
        wasRestricted: before.status === 'restricted',
      });
      break;
    case 'restricted':
      await notifySafely(deps, {
        kind: 'restricted',
        writer,
        stripeAccountId: snapshot.stripeAccountId,
        needs,
        continueUrl: (await issueStartLink(deps, writer)).url,
      });
      break;
    default:
      break;
  }
  // Connected, or ready after a fresh link: the links in earlier invitation DMs are done with.
  if (decision.connects || decision.notice === 'ready') await closeInvitationDms(deps, writer);
  return { writer, decision };
}
