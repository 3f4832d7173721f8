import { type Connection, Schema } from 'mongoose';
import type { AuditEntry } from '../../domain/audit/types';

export type AuditEventRecord = AuditEntry;

const auditEventSchema = new Schema<AuditEventRecord>(
  {
    seq: { type: Number, required: true },
    at: { type: Date, required: true },
    actor: { type: Schema.Types.Mixed, required: true },
    action: { type: String, required: true },
    subject: { type: Schema.Types.Mixed, required: true },
    details: { type: Schema.Types.Mixed, required: true, default: {} },
    // 'hmac-sha256-v1' on keyed entries; absent on those written before the key (plain hash).
    mac: { type: String, required: false },
    prevHash: { type: String, required: true },
    hash: { type: String, required: true },
  },
  { collection: 'auditEvents', versionKey: false, minimize: false },
);
// The unique seq is what keeps concurrent appenders from forking the chain.
auditEventSchema.index({ seq: 1 }, { unique: true });

export function auditEventModel(connection: Connection) {
  return connection.model<AuditEventRecord>('AuditEvent', auditEventSchema);
}
