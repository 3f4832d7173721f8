import { type Connection, Schema } from 'mongoose';

export type LeaseRecord = { name: string; holder: string; expiresAt: Date };

const leaseSchema = new Schema<LeaseRecord>(
  {
    name: { type: String, required: true },
    holder: { type: String, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'leases', versionKey: false },
);
leaseSchema.index({ name: 1 }, { unique: true });

export function leaseModel(connection: Connection) {
  return connection.model<LeaseRecord>('Lease', leaseSchema);
}
