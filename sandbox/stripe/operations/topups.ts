import { addBusinessDays } from '../../../src/business-days';
import { invalidRequest, resourceMissing } from '../api/api-error';
import type { Metadata, MetadataChange } from '../api/metadata';
import { applyMetadataChange } from '../api/metadata';
import type { SimulatorCore } from '../core';
import { previousAttributes, type RequestOrigin } from '../events/event-log';
import { PLATFORM } from '../state/ledger';
import type { SimulatedTopup } from '../state/stripe-objects';
import { stripeId } from '../support/ids';
import { toUnixSeconds } from '../support/time';

/** Stripe says a bank top-up becomes available about five business days after it is created (Fed calendar). */
const BUSINESS_DAYS_UNTIL_AVAILABLE = 5;

export interface CreateTopupInput {
  amount: number;
  currency: string;
  description: string | null;
  statementDescriptor: string | null;
  transferGroup: string | null;
  metadata: Metadata;
}

export function createTopup(
  core: SimulatorCore,
  input: CreateTopupInput,
  origin?: RequestOrigin,
): SimulatedTopup {
  const createdAt = core.now();
  const topup: SimulatedTopup = {
    id: stripeId('tu'),
    object: 'topup',
    amount: input.amount,
    balance_transaction: stripeId('txn'),
    created: toUnixSeconds(createdAt),
    currency: input.currency,
    description: input.description,
    expected_availability_date: toUnixSeconds(addBusinessDays(createdAt, BUSINESS_DAYS_UNTIL_AVAILABLE)),
    failure_code: null,
    failure_message: null,
    initiated_by: null,
    livemode: false,
    metadata: input.metadata,
    source: null,
    statement_descriptor: input.statementDescriptor,
    status: 'pending',
    transfer_group: input.transferGroup,
  };
  core.store.topups.set(topup.id, topup);
  core.ledger.addPending(PLATFORM, 'bank_account', topup.amount);
  core.events.emit('topup.created', topup, { origin });
  return topup;
}

export function findTopup(core: SimulatorCore, id: string): SimulatedTopup {
  const topup = core.store.topups.get(id);
  if (!topup) throw resourceMissing('topup', id);
  return topup;
}

export function updateTopup(
  core: SimulatorCore,
  id: string,
  change: { description?: string; metadata?: MetadataChange },
): SimulatedTopup {
  const topup = findTopup(core, id);
  topup.metadata = applyMetadataChange(topup.metadata, change.metadata);
  if (change.description !== undefined) topup.description = change.description || null;
  return topup;
}

/** Only a pending top-up can be canceled; the money never arrives, so it leaves the pending balance. */
export function cancelTopup(core: SimulatorCore, id: string, origin?: RequestOrigin): SimulatedTopup {
  const topup = findTopup(core, id);
  if (topup.status !== 'pending') {
    throw invalidRequest(`This top-up cannot be canceled because its status is ${topup.status}.`, {
      code: 'topup_not_cancelable',
    });
  }
  core.ledger.removePending(PLATFORM, 'bank_account', topup.amount);
  return transition(core, topup, { status: 'canceled' }, 'topup.canceled', origin);
}

/** The bank transfer arrived: pending becomes available. */
export function settleTopup(core: SimulatorCore, id: string): SimulatedTopup {
  const topup = requirePendingTopup(core, id, 'settle');
  core.ledger.makeAvailable(PLATFORM, 'bank_account', topup.amount);
  const settled = transition(core, topup, { status: 'succeeded' }, 'topup.succeeded');
  core.events.emit('balance.available', core.ledger.toStripeBalance(PLATFORM));
  return settled;
}

const FAILURE_MESSAGES: Record<string, string> = {
  account_closed: 'The bank account has been closed.',
  insufficient_funds: 'The bank account has insufficient funds.',
  no_account: 'The bank account could not be located.',
  debit_not_authorized: 'The bank account does not allow debits from Stripe.',
  could_not_process: 'The bank could not process this top-up.',
};

/** The bank refused: the top-up never arrives and leaves the pending balance. */
export function failTopup(
  core: SimulatorCore,
  id: string,
  failureCode = 'insufficient_funds',
): SimulatedTopup {
  const topup = requirePendingTopup(core, id, 'fail');
  const failureMessage = FAILURE_MESSAGES[failureCode] ?? 'The top-up failed.';
  core.ledger.removePending(PLATFORM, 'bank_account', topup.amount);
  return transition(
    core,
    topup,
    { status: 'failed', failure_code: failureCode, failure_message: failureMessage },
    'topup.failed',
  );
}

/**
 * Stripe reverses a top-up when the bank claws it back. A succeeded one comes out of the available balance
 * (which may go negative, as Stripe's can); a pending one out of the pending balance.
 */
export function reverseTopup(core: SimulatorCore, id: string): SimulatedTopup {
  const topup = findTopupForHelper(core, id);
  if (topup.status === 'succeeded') core.ledger.debit(PLATFORM, 'bank_account', topup.amount);
  else if (topup.status === 'pending') core.ledger.removePending(PLATFORM, 'bank_account', topup.amount);
  else throw new Error(`Top-up ${id} is ${topup.status}; only a pending or succeeded top-up can be reversed`);
  return transition(core, topup, { status: 'reversed' }, 'topup.reversed');
}

function transition(
  core: SimulatorCore,
  topup: SimulatedTopup,
  changes: Partial<SimulatedTopup>,
  eventType: string,
  origin?: RequestOrigin,
): SimulatedTopup {
  const before = { ...topup };
  Object.assign(topup, changes);
  core.events.emit(eventType, topup, { origin, previousAttributes: previousAttributes(before, topup) });
  return topup;
}

function requirePendingTopup(core: SimulatorCore, id: string, action: string): SimulatedTopup {
  const topup = findTopupForHelper(core, id);
  if (topup.status !== 'pending') {
    throw new Error(`Top-up ${id} is ${topup.status}; only a pending top-up can ${action}`);
  }
  return topup;
}

/** The time helpers are called by tests, so an unknown id is a plain programming error, not an API answer. */
function findTopupForHelper(core: SimulatorCore, id: string): SimulatedTopup {
  const topup = core.store.topups.get(id);
  if (!topup) throw new Error(`No top-up ${id} in the Stripe simulator`);
  return topup;
}
