import { invalidRequest, resourceMissing } from '../api/api-error';
import { applyMetadataChange, type Metadata, type MetadataChange } from '../api/metadata';
import type { SimulatorCore } from '../core';
import { previousAttributes, type RequestOrigin } from '../events/event-log';
import { PLATFORM, type SourceType } from '../state/ledger';
import type { SimulatedTransfer, SimulatedTransferReversal } from '../state/stripe-objects';
import { stripeId } from '../support/ids';

export interface CreateTransferInput {
  amount: number;
  currency: string;
  destination: string;
  description: string | null;
  transferGroup: string | null;
  sourceType: SourceType;
  metadata: Metadata;
}

/** Stripe's wording, so code that matches on the message (or shows it to people) sees the real thing. */
const INSUFFICIENT_FUNDS_MESSAGE =
  'You have insufficient available funds in your Stripe account. Try adding funds directly to your ' +
  'available balance by creating Charges using the 4000000000000077 test card. ' +
  'See: https://stripe.com/docs/testing#available-balance';

export function createTransfer(
  core: SimulatorCore,
  input: CreateTransferInput,
  origin?: RequestOrigin,
): SimulatedTransfer {
  const destination = core.store.findConnectedAccount(input.destination);
  if (!destination) {
    throw invalidRequest(`No such destination: '${input.destination}'`, {
      code: 'resource_missing',
      param: 'destination',
    });
  }
  if (destination.account.capabilities?.transfers !== 'active') {
    throw invalidRequest(
      'Your destination account needs to have at least one of the following capabilities enabled: ' +
        'transfers, crypto_transfers, legacy_payments',
      { code: 'insufficient_capabilities_for_transfer', param: 'destination' },
    );
  }
  if (!core.ledger.withdraw(PLATFORM, input.amount, input.sourceType)) {
    throw invalidRequest(INSUFFICIENT_FUNDS_MESSAGE, { code: 'balance_insufficient' });
  }
  core.ledger.credit(input.destination, 'card', input.amount);

  const id = stripeId('tr');
  const transfer: SimulatedTransfer = {
    id,
    object: 'transfer',
    amount: input.amount,
    amount_reversed: 0,
    balance_transaction: stripeId('txn'),
    created: core.nowSeconds(),
    currency: input.currency,
    description: input.description,
    destination: input.destination,
    destination_payment: stripeId('py'),
    livemode: false,
    metadata: input.metadata,
    reversals: {
      object: 'list',
      data: [],
      has_more: false,
      total_count: 0,
      url: `/v1/transfers/${id}/reversals`,
    },
    reversed: false,
    source_transaction: null,
    source_type: input.sourceType,
    transfer_group: input.transferGroup,
  };
  core.store.transfers.set(id, transfer);
  core.events.emit('transfer.created', transfer, { origin });
  return transfer;
}

export function findTransfer(core: SimulatorCore, id: string): SimulatedTransfer {
  const transfer = core.store.transfers.get(id);
  if (!transfer) throw resourceMissing('transfer', id);
  return transfer;
}

export function updateTransfer(
  core: SimulatorCore,
  id: string,
  change: { description?: string; metadata?: MetadataChange },
  origin?: RequestOrigin,
): SimulatedTransfer {
  const transfer = findTransfer(core, id);
  const before = structuredClone(transfer);
  transfer.metadata = applyMetadataChange(transfer.metadata, change.metadata);
  if (change.description !== undefined) transfer.description = change.description || null;
  core.events.emit('transfer.updated', transfer, {
    origin,
    previousAttributes: previousAttributes(before, transfer),
  });
  return transfer;
}

export interface CreateReversalInput {
  /** Omitted means whatever has not been reversed yet. */
  amount: number | undefined;
  metadata: Metadata;
}

/** Pulls money back from the connected account into the platform's available balance. */
export function createTransferReversal(
  core: SimulatorCore,
  transferId: string,
  input: CreateReversalInput,
  origin?: RequestOrigin,
): SimulatedTransferReversal {
  const transfer = findTransfer(core, transferId);
  const remaining = transfer.amount - transfer.amount_reversed;
  if (remaining === 0) {
    throw invalidRequest(`Transfer ${transferId} is already fully reversed.`, {
      code: 'transfer_already_reversed',
    });
  }
  const amount = input.amount ?? remaining;
  if (amount > remaining) {
    throw invalidRequest(
      `Amount (${amount}) is greater than the amount remaining to be reversed on this transfer (${remaining}).`,
      { code: 'amount_too_large', param: 'amount' },
    );
  }
  const before = structuredClone(transfer);
  const reversal: SimulatedTransferReversal = {
    id: stripeId('trr'),
    object: 'transfer_reversal',
    amount,
    balance_transaction: stripeId('txn'),
    created: core.nowSeconds(),
    currency: transfer.currency,
    destination_payment_refund: stripeId('pyr'),
    metadata: input.metadata,
    source_refund: null,
    transfer: transfer.id,
  };
  if (typeof transfer.destination === 'string') core.ledger.debit(transfer.destination, 'card', amount);
  core.ledger.credit(PLATFORM, transfer.source_type === 'card' ? 'card' : 'bank_account', amount);
  transfer.amount_reversed += amount;
  transfer.reversed = transfer.amount_reversed === transfer.amount;
  // Stripe lists reversals newest first.
  transfer.reversals.data.unshift(reversal);
  transfer.reversals.total_count += 1;
  core.events.emit('transfer.reversed', transfer, {
    origin,
    previousAttributes: previousAttributes(before, transfer),
  });
  return reversal;
}
