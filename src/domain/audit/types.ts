export type AuditActor =
  | { kind: 'slack'; teamId: string; userId: string }
  | { kind: 'stripe'; eventId: string }
  | { kind: 'system'; process: string };

export type AuditSubject = { type: string; id: string };

export type AuditEntry = {
  seq: number;
  at: Date;
  actor: AuditActor;
  action: string;
  subject: AuditSubject;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
};

export type AuditFact = {
  actor: AuditActor;
  action: string;
  subject: AuditSubject;
  details?: Record<string, unknown>;
};

export type AuditStore = {
  last(): Promise<AuditEntry | undefined>;
  /**
   * Inserts the entries in order and stops at the first whose seq someone else took first;
   * resolves how many of them were stored (always a prefix).
   */
  tryInsertChain(entries: AuditEntry[]): Promise<number>;
  latest(limit: number): Promise<AuditEntry[]>;
  inOrder(range?: { from?: Date; to?: Date }): AsyncIterable<AuditEntry>;
};
