/**
 * Every Slack request Paydesk has acted on, by identity (a hash of its signature, or its Events
 * API event id), shared by all replicas. Remembering an identity twice is how a replay is told
 * apart from a new request: exactly one `remember` of an identity answers `first`.
 */
export type SlackRequestLedger = {
  /** `first` when the identity is stored now; `seen` when it was stored before. */
  remember(identity: string, now: Date): Promise<'first' | 'seen'>;
};
