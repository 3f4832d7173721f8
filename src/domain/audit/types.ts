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
  /** Inserts; resolves false when the seq was taken by someone else first. */
  tryInsert(entry: AuditEntry): Promise<boolean>;
  latest(limit: number): Promise<AuditEntry[]>;
  inOrder(range?: { from?: Date; to?: Date }): AsyncIterable<AuditEntry>;
};
