import type { AuditActor } from '../audit/types';
import type { SlackUserRef } from '../requests/types';
import type { TaxAccountView, TaxDetails } from '../tax/tax-details';

/** `invited → onboarding → active ⇄ restricted`, and `→ deauthorized` from any of them. */
export type WriterStatus = 'invited' | 'onboarding' | 'active' | 'restricted' | 'deauthorized';

export type OnboardingMode = 'oauth' | 'account_links';

export type Writer = {
  id: string;
  slackTeamId: string;
  slackUserId: string;
  email: string | null;
  /** What Slack calls them (real name), for greetings and lists; never used for identity. */
  displayName: string;
  firstName: string | null;
  status: WriterStatus;
  /** Denormalised from stripeAccounts, which owns uniqueness; null until an account exists. */
  stripeAccountId: string | null;
  capabilities: Record<string, string>;
  payoutsEnabled: boolean;
  /** Stripe's `requirements.currently_due`, as Stripe names them. */
  requirementsDue: string[];
  /** Whether Stripe has their taxpayer id (domain/tax/tax-details.ts); absent on older records = missing. */
  taxDetails?: TaxDetails;
  invitedBy: SlackUserRef;
  invitedAt: Date;
  /** When the writer's Stripe account was first linked to Paydesk (null until then). */
  connectedAt: Date | null;
  statusChangedAt: Date;
  /** Bumped when a deauthorized writer is invited again, so their new Express account gets a new key. */
  accountGeneration: number;
  /** Revision, +1 per change; the unique (writerId, rev) of writerTransitions decides races. */
  rev: number;
  updatedAt: Date;
};

export type NewWriter = Omit<Writer, 'id' | 'rev'>;

/** The fields a compare-and-set on a writer may change. */
export type WriterChanges = Partial<
  Pick<
    Writer,
    | 'status'
    | 'stripeAccountId'
    | 'capabilities'
    | 'payoutsEnabled'
    | 'requirementsDue'
    | 'taxDetails'
    | 'connectedAt'
    | 'statusChangedAt'
    | 'accountGeneration'
    | 'email'
    | 'displayName'
    | 'firstName'
  >
>;

export type WritersStore = {
  findById(id: string): Promise<Writer | undefined>;
  findBySlackUser(teamId: string, userId: string): Promise<Writer | undefined>;
  /** Inserts an `invited` writer; when the (team, user) pair exists already, returns that one instead. */
  createOrFind(writer: NewWriter): Promise<{ writer: Writer; created: boolean }>;
  /**
   * Compare-and-set on the revision: applies `changes` only if nobody changed the writer since
   * `before` was read; undefined when someone else did (reload and decide again). Exactly one
   * caller wins each revision, also on servers whose findAndModify is not atomic (FerretDB v1).
   */
  update(before: Writer, changes: WriterChanges, now: Date): Promise<Writer | undefined>;
  list(limit: number): Promise<Writer[]>;
};

export type StripeAccountRecord = {
  stripeAccountId: string;
  writerId: string;
  mode: OnboardingMode;
  livemode: boolean;
  createdAt: Date;
};

export type StripeAccountsStore = {
  findByWriter(writerId: string): Promise<StripeAccountRecord | undefined>;
  findByAccountId(stripeAccountId: string): Promise<StripeAccountRecord | undefined>;
  /**
   * Inserts the link between a writer and a Stripe account. The unique writerId and stripeAccountId
   * indexes decide races: the loser gets `inserted: false` and whichever record was in the way.
   */
  insert(
    record: StripeAccountRecord,
  ): Promise<{ inserted: true } | { inserted: false; existing?: StripeAccountRecord }>;
  removeForWriter(writerId: string): Promise<void>;
};

/**
 * - `start`: the link in the writer's DM; reusable until it expires (7 days).
 * - `oauth_state`: the OAuth `state`; single use, 30 minutes, bound to the browser that clicked.
 * - `refresh` / `return`: the Account Link's refresh_url and return_url; reusable until they expire.
 */
export type TokenPurpose = 'start' | 'oauth_state' | 'refresh' | 'return';

/** Marks a single-use token as used; its unique tokenHash is what makes "single use" hold. */
export const CONSUMED_MARKER_PURPOSE = 'consumed';

export type OnboardingToken = {
  /** SHA-256 of the secret; the secret itself is never stored. */
  tokenHash: string;
  writerId: string;
  purpose: TokenPurpose | typeof CONSUMED_MARKER_PURPOSE;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  /** For OAuth states: SHA-256 of the browser-binding cookie set when the state was minted. */
  binderHash: string | null;
  /** For start links: the invitation DM that carries this link (absent on older records). */
  invitationDm?: DmRef | null;
  /** When that DM was changed to "Connected ✓" (its button removed). */
  dmClosedAt?: Date | null;
};

/** Where a message Paydesk posted is: the conversation and the message's ts. */
export type DmRef = { channel: string; ts: string };

/** An invitation DM not yet changed to "Connected ✓", by the start link it carries. */
export type OpenInvitationDm = { tokenHash: string; dm: DmRef };

export type OnboardingTokensStore = {
  insert(token: OnboardingToken): Promise<void>;
  /** Unused and unexpired (expiry is part of the query), of that purpose. */
  findActive(tokenHash: string, purpose: TokenPurpose, now: Date): Promise<OnboardingToken | undefined>;
  /**
   * Single use: compare-and-set `usedAt: null → now` on an unexpired token of that purpose bound to
   * `binderHash`, with a unique marker insert deciding between concurrent consumers.
   */
  consume(
    tokenHash: string,
    purpose: TokenPurpose,
    binderHash: string,
    now: Date,
  ): Promise<OnboardingToken | undefined>;
  /** Any token with that hash, for explaining a refusal. */
  find(tokenHash: string): Promise<OnboardingToken | undefined>;
  /** Remembers the invitation DM a start link was sent in, to take its button away later. */
  recordInvitationDm(tokenHash: string, dm: DmRef): Promise<void>;
  /** The writer's invitation DMs that still show a "Connect with Stripe" button. */
  openInvitationDms(writerId: string): Promise<OpenInvitationDm[]>;
  markInvitationDmClosed(tokenHash: string, at: Date): Promise<void>;
};

/** The parts of a Stripe account Paydesk reads (stripe-node's Stripe.Account satisfies this). */
export type StripeAccountView = TaxAccountView & {
  id: string;
  livemode?: boolean;
  email?: string | null;
  capabilities?: { transfers?: string } | null;
  requirements?: ({ currently_due?: string[] | null } & TaxAccountView['requirements']) | null;
  payouts_enabled?: boolean;
  details_submitted?: boolean;
};

export type OAuthExchange =
  | { ok: true; stripeUserId: string; livemode: boolean }
  | { ok: false; reason: 'invalid_grant' | 'stripe_error'; code: string };

/** The Stripe calls onboarding makes; src/stripe/gateway.ts implements them. */
export type OnboardingStripe = {
  createExpressAccount(
    params: { writerId: string; email: string | null; slackTeamId: string; slackUserId: string },
    idempotencyKey: string,
  ): Promise<StripeAccountView>;
  createAccountLink(params: {
    account: string;
    refreshUrl: string;
    returnUrl: string;
  }): Promise<{ url: string }>;
  retrieveAccount(id: string): Promise<StripeAccountView>;
  createLoginLink(id: string): Promise<{ url: string }>;
  exchangeOAuthCode(code: string): Promise<OAuthExchange>;
};

/** A Slack user as the directory reports them. */
export type SlackProfile = {
  userId: string;
  email: string | null;
  realName: string;
  firstName: string | null;
  isBot: boolean;
  deleted: boolean;
  /** Slack's `tz` (an IANA zone) and `tz_label` ("Eastern Standard Time"), when it gives them. */
  timeZone: string | null;
  timeZoneLabel: string | null;
};

export type SlackDirectory = {
  byId(userId: string): Promise<SlackProfile | undefined>;
  byEmail(email: string): Promise<SlackProfile | undefined>;
};

/** The DM with a writer's link to connect with Stripe (`/payouts invite`, `/payouts connect`). */
export type InvitationNotice = {
  writer: Writer;
  startUrl: string;
  expiresAt: Date;
  reason: 'invite' | 'connect';
};

/** Things worth telling someone about; src/slack/onboarding-notifier.ts turns them into messages. */
export type OnboardingNotice =
  | {
      kind: 'connected';
      writer: Writer;
      stripeAccountId: string;
      ready: boolean;
      needs: string[];
      continueUrl: string | null;
    }
  | { kind: 'ready'; writer: Writer; stripeAccountId: string; wasRestricted: boolean }
  | { kind: 'restricted'; writer: Writer; stripeAccountId: string; needs: string[]; continueUrl: string }
  | { kind: 'deauthorized'; writer: Writer; stripeAccountId: string }
  | { kind: 'dashboard'; writer: Writer; url: string };

export type OnboardingNotifier = {
  /** Sends the DM and/or finance-channel post for a notice. Throws when Slack refused. */
  notify(notice: OnboardingNotice): Promise<void>;
  /**
   * Sends the invitation DM at once (its link is never stored, so it cannot wait in the outbox) and
   * says where it landed. Throws when Slack refused.
   */
  sendInvitation(notice: InvitationNotice): Promise<DmRef>;
  /** Edits an invitation DM in place to "Connected ✓", without its button (no link left in it). */
  invitationConnected(dm: DmRef, writer: Writer): Promise<void>;
};

export type { AuditActor };
