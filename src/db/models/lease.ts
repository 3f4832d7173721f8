import { type Connection, Schema } from 'mongoose';

/** `expiresAt` on the app's clock, `wallExpiresAt` in real time (absent on leases from before it). */
export type LeaseRecord = { name: string; holder: string; expiresAt: Date; wallExpiresAt?: Date };

const leaseSchema = new Schema<LeaseRecord>(
  {
    name: { type: String, required: true },
    holder: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    wallExpiresAt: { type: Date },
  },
  { collection: 'leases', versionKey: false },
);
leaseSchema.index({ name: 1 }, { unique: true });

export function leaseModel(connection: Connection) {
  return connection.model<LeaseRecord>('Lease', leaseSchema);
}
