/**
 * Errors a person can act on. `userMessage` is what they see (ephemeral in Slack); `code` is
 * stable for logs and tests. Nothing here ever carries a secret.
 */
export class PaydeskError extends Error {
  constructor(
    readonly code: string,
    readonly userMessage: string,
  ) {
    super(userMessage);
    this.name = 'PaydeskError';
  }
}

export const NOTHING_CHANGED = 'Nothing was changed.';

export class NotFinanceError extends PaydeskError {
  constructor() {
    super(
      'not_finance',
      'Only the finance team can do that. Ask in the finance channel if you think you should be.',
    );
  }
}

export class DatabaseDownError extends PaydeskError {
  constructor() {
    super(
      'database_unavailable',
      "Paydesk can't reach its database right now, so nothing was changed. Try again in a minute.",
    );
  }
}

/** The approval was stored but what follows it was not finished: it stands, and the reconciler goes on. */
export class ApprovalSavedError extends PaydeskError {
  constructor(ref: string, final: boolean) {
    super(
      'approval_saved',
      final
        ? `Your approval of ${ref} is saved. Paydesk couldn't finish recording it (its database didn't respond), so it will send ${ref} to Stripe within a few minutes and update the request's message. Don't approve it again.`
        : `Your approval of ${ref} is saved; it still needs another approver. Paydesk couldn't finish recording it (its database didn't respond) and will within a few minutes.`,
    );
  }
}

/**
 * Stripe was called, then Paydesk could not record what happened (its database failed). Stripe
 * may have moved the money, so the person is never told "nothing was changed" or to ask again:
 * the reconciler finishes recording it with the stored key and updates the request's message.
 */
export class RecordingPendingError extends PaydeskError {
  constructor(ref: string) {
    super(
      'recording_pending',
      `Stripe has ${ref}; Paydesk couldn't record Stripe's answer yet (its database didn't respond) and will finish recording it shortly. The request's message updates when it has. Don't ask for it again.`,
    );
  }
}
