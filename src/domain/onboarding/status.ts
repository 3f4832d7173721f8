import { type TaxDetails, taxDetailsOf } from '../tax/tax-details';
import type { StripeAccountView, Writer, WriterChanges, WriterStatus } from './types';

export type AccountSnapshot = {
  stripeAccountId: string;
  transfersActive: boolean;
  capabilities: Record<string, string>;
  payoutsEnabled: boolean;
  requirementsDue: string[];
  taxDetails: TaxDetails;
};

export function accountSnapshot(account: StripeAccountView): AccountSnapshot {
  const capabilities: Record<string, string> = {};
  for (const [name, value] of Object.entries(account.capabilities ?? {})) {
    if (typeof value === 'string') capabilities[name] = value;
  }
  return {
    stripeAccountId: account.id,
    transfersActive: capabilities.transfers === 'active',
    capabilities,
    payoutsEnabled: account.payouts_enabled === true,
    requirementsDue: [...(account.requirements?.currently_due ?? [])],
    taxDetails: taxDetailsOf(account),
  };
}

/** Where the news about an account came from. `oauth` is the writer finishing the OAuth flow. */
export type SnapshotTrigger = 'oauth' | 'webhook' | 'return';

export type AccountDecision = {
  status: WriterStatus;
  /** This is the moment the writer's Stripe account becomes linked (first time only). */
  connects: boolean;
  notice: 'connected' | 'ready' | 'restricted' | null;
  changes: WriterChanges;
};

/**
 * What a fresh look at the writer's Stripe account means for them. Pure: the caller applies it
 * with a compare-and-set, so of two replicas (or a webhook and a browser) only one notifies.
 *
 * - transfers active → `active`.
 * - otherwise a writer who was active or restricted is `restricted` (Stripe took something back);
 *   one still going through onboarding stays `onboarding` (nothing was lost, they are not done).
 * - a deauthorized writer is left alone: Paydesk no longer has access to that account.
 * - the account becomes "connected" the first time Paydesk sees it usable, or when the writer
 *   completes OAuth (their account exists and is theirs even if Stripe still needs details).
 */
export function decideAccountUpdate(
  writer: Pick<Writer, 'status' | 'connectedAt'>,
  snapshot: AccountSnapshot,
  trigger: SnapshotTrigger,
  now: Date,
): AccountDecision | undefined {
  if (writer.status === 'deauthorized') return undefined;
  const connects = writer.connectedAt === null && (trigger === 'oauth' || snapshot.transfersActive);
  let status: WriterStatus;
  if (snapshot.transfersActive) status = 'active';
  else if (writer.status === 'active' || writer.status === 'restricted') status = 'restricted';
  else status = 'onboarding';

  let notice: AccountDecision['notice'] = null;
  if (connects) notice = 'connected';
  else if (status === 'active' && writer.status !== 'active' && writer.connectedAt !== null) notice = 'ready';
  else if (status === 'restricted' && writer.status !== 'restricted') notice = 'restricted';

  const changes: WriterChanges = {
    status,
    stripeAccountId: snapshot.stripeAccountId,
    capabilities: snapshot.capabilities,
    payoutsEnabled: snapshot.payoutsEnabled,
    requirementsDue: snapshot.requirementsDue,
    taxDetails: snapshot.taxDetails,
  };
  if (status !== writer.status) changes.statusChangedAt = now;
  if (connects) changes.connectedAt = now;
  return { status, connects, notice, changes };
}

/** A writer Paydesk can pay, or could once more after they give Stripe what it needs. */
export function isConnected(writer: Pick<Writer, 'status' | 'connectedAt'>): boolean {
  return writer.connectedAt !== null && writer.status !== 'deauthorized';
}
