import { type Connection, Schema } from 'mongoose';
import type { PendingAlarmPost } from '../../domain/alarms/ports';

/** An alarm's state, one document per alarm for all replicas (see domain/alarms/ports.ts). */
export type AlarmRecord = {
  name: string;
  episode: number;
  active: boolean;
  since: Date | null;
  announced: string[];
  posts: number;
  /** The message saved with the last change and not yet known to be queued (see PendingAlarmPost). */
  pending: PendingAlarmPost | null;
  rev: number;
};

const alarmSchema = new Schema<AlarmRecord>(
  {
    name: { type: String, required: true },
    episode: { type: Number, required: true },
    active: { type: Boolean, required: true },
    since: { type: Date, default: null },
    announced: { type: [String], default: [] },
    posts: { type: Number, required: true },
    // The alert's content as the domain built it, dates included; stored whole, read back whole.
    pending: { type: Schema.Types.Mixed, default: null },
    rev: { type: Number, required: true },
  },
  { collection: 'alarms', versionKey: false },
);
alarmSchema.index({ name: 1 }, { unique: true });

export function alarmModel(connection: Connection) {
  return connection.model<AlarmRecord>('Alarm', alarmSchema);
}
