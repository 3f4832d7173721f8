export type AuditActor =
  | { kind: 'slack'; teamId: string; userId: string }
  | { kind: 'stripe'; eventId: string }
  | { kind: 'system'; process: string };

export type AuditSubject = { type: string; id: string };

/** The keyed scheme: HMAC-SHA256 with AUDIT_HMAC_KEY. Entries without `mac` use the plain SHA-256 hash. */
export const KEYED_MAC = 'hmac-sha256-v1';
export type AuditMacScheme = typeof KEYED_MAC;

export type AuditEntry = {
  seq: number;
  at: Date;
  actor: AuditActor;
  action: string;
  subject: AuditSubject;
  details: Record<string, unknown>;
  /** How `hash` was computed; absent on entries written before the keyed chain (plain hash). */
  mac?: AuditMacScheme;
  prevHash: string;
  /** The entry's MAC (keyed entries) or plain hash (older entries); the next entry's prevHash. */
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

/** The chain's head as it was at one moment, kept outside the database. */
export type AuditCheckpoint = { seq: number; mac: string; at: Date };

/**
 * Where checkpoints are anchored (the finance channel). `read` returns Paydesk's own checkpoints,
 * newest first, stopping after `limit` when given; it throws when the channel cannot be read.
 */
export type AuditCheckpointChannel = {
  post(checkpoint: AuditCheckpoint, occasion: 'daily' | 'verify'): Promise<void>;
  read(options?: { limit?: number }): Promise<AuditCheckpoint[]>;
};
