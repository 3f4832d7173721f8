import { resourceMissing } from '../api/api-error';
import { applyMetadataChange, type Metadata, type MetadataChange } from '../api/metadata';
import type { SimulatorCore } from '../core';
import { previousAttributes, type RequestOrigin } from '../events/event-log';
import type { AccountRecord } from '../state/store';
import type { SimulatedAccount } from '../state/stripe-objects';
import { stripeId } from '../support/ids';

/** What Stripe asks a new US Express individual for before it can receive transfers. */
export const NEW_EXPRESS_ACCOUNT_REQUIREMENTS = [
  'business_profile.mcc',
  'business_profile.url',
  'business_type',
  'external_account',
  'individual.address.city',
  'individual.address.line1',
  'individual.address.postal_code',
  'individual.address.state',
  'individual.dob.day',
  'individual.dob.month',
  'individual.dob.year',
  'individual.email',
  'individual.first_name',
  'individual.last_name',
  'individual.phone',
  'individual.ssn_last_4',
  'tos_acceptance.date',
  'tos_acceptance.ip',
];

export interface CreateAccountInput {
  id?: string;
  type: SimulatedAccount['type'];
  email: string | null;
  country: string;
  metadata: Metadata;
  /** Capabilities asked for besides `transfers`, which every account in this simulator gets. */
  requestedCapabilities: string[];
}

export function createAccount(
  core: SimulatorCore,
  input: CreateAccountInput,
  createdVia: AccountRecord['createdVia'],
): SimulatedAccount {
  const capabilities: Record<string, 'inactive'> = { transfers: 'inactive' };
  for (const capability of input.requestedCapabilities) capabilities[capability] = 'inactive';
  const account: SimulatedAccount = {
    id: input.id ?? stripeId('acct'),
    object: 'account',
    type: input.type,
    email: input.email,
    country: input.country,
    default_currency: 'usd',
    created: core.nowSeconds(),
    business_type: null,
    capabilities,
    charges_enabled: false,
    payouts_enabled: false,
    details_submitted: false,
    metadata: input.metadata,
    requirements: requirementsFor(NEW_EXPRESS_ACCOUNT_REQUIREMENTS),
  };
  core.store.accounts.set(account.id, { account, connected: true, createdVia });
  return account;
}

/** A connected account the platform can reach, or Stripe's 404. */
export function findAccount(core: SimulatorCore, id: string): SimulatedAccount {
  const record = core.store.findConnectedAccount(id);
  if (!record) throw resourceMissing('account', id, 'account');
  return record.account;
}

export function updateAccount(
  core: SimulatorCore,
  id: string,
  change: { email?: string; metadata?: MetadataChange },
  origin?: RequestOrigin,
): SimulatedAccount {
  const account = findAccount(core, id);
  return changeAccount(core, account, origin, () => {
    account.metadata = applyMetadataChange(account.metadata ?? {}, change.metadata);
    if (change.email !== undefined) account.email = change.email || null;
  });
}

/** What finishing Express onboarding does: nothing is due any more and money can move. */
export function activateAccount(core: SimulatorCore, id: string, origin?: RequestOrigin): SimulatedAccount {
  const account = findAccountForHelper(core, id);
  return changeAccount(core, account, origin, () => {
    const capabilities: Record<string, 'active'> = { transfers: 'active' };
    for (const capability of Object.keys(account.capabilities ?? {})) capabilities[capability] = 'active';
    account.capabilities = capabilities;
    account.charges_enabled = true;
    account.payouts_enabled = true;
    account.details_submitted = true;
    account.requirements = requirementsFor([]);
  });
}

/** Stripe needs more information (e.g. a new ID check): transfers stop until it is provided. */
export function restrictAccount(core: SimulatorCore, id: string, currentlyDue: string[]): SimulatedAccount {
  const account = findAccountForHelper(core, id);
  return changeAccount(core, account, undefined, () => {
    const capabilities: Record<string, 'inactive'> = {};
    for (const capability of Object.keys(account.capabilities ?? {})) capabilities[capability] = 'inactive';
    account.capabilities = { ...capabilities, transfers: 'inactive' };
    account.payouts_enabled = false;
    account.charges_enabled = false;
    account.requirements = requirementsFor(currentlyDue);
  });
}

/**
 * Stripe's view of what it will need later or is still checking, on an account that can receive
 * transfers: `eventually_due` (e.g. the full SSN, `individual.id_number`, asked for as volume grows;
 * it always includes what is currently due) and `pending_verification` (provided, being checked).
 * Capabilities are left as they are, as Stripe does until something becomes currently due.
 */
export function setLaterRequirements(
  core: SimulatorCore,
  id: string,
  later: { eventuallyDue?: string[]; pendingVerification?: string[] },
): SimulatedAccount {
  const account = findAccountForHelper(core, id);
  return changeAccount(core, account, undefined, () => {
    const current = account.requirements ?? requirementsFor([]);
    account.requirements = {
      ...current,
      eventually_due: [...new Set([...(current.currently_due ?? []), ...(later.eventuallyDue ?? [])])],
      pending_verification: [...(later.pendingVerification ?? [])],
    };
  });
}

/**
 * The writer disconnected the platform (from their Express dashboard). Stripe sends
 * account.application.deauthorized and the platform loses access to the account.
 */
export function deauthorizeAccount(core: SimulatorCore, id: string, origin?: RequestOrigin): void {
  const record = core.store.findConnectedAccount(id);
  if (!record) throw new Error(`No connected account ${id} in the Stripe simulator`);
  record.connected = false;
  core.events.emit('account.application.deauthorized', simulatedApplication(), { account: id, origin });
}

/** The platform's Connect application, the object of account.application.* events. */
export function simulatedApplication(): { id: string; object: 'application'; name: string } {
  return { id: SIMULATED_APPLICATION_ID, object: 'application', name: 'Paydesk (Stripe simulator)' };
}

const SIMULATED_APPLICATION_ID = stripeId('ca');

/** Applies `mutate` and emits account.updated as the Connect event Stripe sends, with previous_attributes. */
function changeAccount(
  core: SimulatorCore,
  account: SimulatedAccount,
  origin: RequestOrigin | undefined,
  mutate: () => void,
): SimulatedAccount {
  const before = structuredClone(account);
  mutate();
  const changed = previousAttributes(before, account);
  if (Object.keys(changed).length > 0) {
    core.events.emit('account.updated', account, {
      account: account.id,
      origin,
      previousAttributes: changed,
    });
  }
  return account;
}

function requirementsFor(currentlyDue: string[]): NonNullable<SimulatedAccount['requirements']> {
  return {
    alternatives: [],
    current_deadline: null,
    currently_due: [...currentlyDue],
    disabled_reason: currentlyDue.length > 0 ? 'requirements.past_due' : null,
    errors: [],
    eventually_due: [...currentlyDue],
    past_due: [...currentlyDue],
    pending_verification: [],
  };
}

function findAccountForHelper(core: SimulatorCore, id: string): SimulatedAccount {
  const record = core.store.findConnectedAccount(id);
  if (!record) throw new Error(`No connected account ${id} in the Stripe simulator`);
  return record.account;
}
