import { type Connection, Schema } from 'mongoose';

/**
 * What was sent about one waiting request (`key`: the request's waiting key, see
 * domain/requests/waiting.ts), or, under `expired:<key>`, that its requester was told it expired.
 * Kept apart from the requests so a reminder never touches a request's `updatedAt`, which its
 * expiry counts from.
 */
export type RequestReminderRecord = {
  key: string;
  sent: number;
  lastRemindedAt: Date | null;
  lastWarningAt: Date | null;
  /**
   * False from the claim of a send until it is in the outbox; a pass finding it false queues that
   * send again. Absent on records from before it was kept (those were queued when claimed).
   */
  queued?: boolean;
  createdAt: Date;
};

const requestReminderSchema = new Schema<RequestReminderRecord>(
  {
    key: { type: String, required: true },
    sent: { type: Number, required: true },
    lastRemindedAt: { type: Date, default: null },
    lastWarningAt: { type: Date, default: null },
    queued: { type: Boolean },
    createdAt: { type: Date, required: true },
  },
  { collection: 'requestReminders', versionKey: false },
);
// One record per request: its insert decides the first reminder, as `sent` decides the next ones.
requestReminderSchema.index({ key: 1 }, { unique: true });

export function requestReminderModel(connection: Connection) {
  return connection.model<RequestReminderRecord>('RequestReminder', requestReminderSchema);
}
