import { type Connection, Schema } from 'mongoose';

/** An alarm's state, one document per alarm for all replicas (see domain/alarms/ports.ts). */
export type AlarmRecord = {
  name: string;
  episode: number;
  active: boolean;
  since: Date | null;
  announced: string[];
  posts: number;
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
    rev: { type: Number, required: true },
  },
  { collection: 'alarms', versionKey: false },
);
alarmSchema.index({ name: 1 }, { unique: true });

export function alarmModel(connection: Connection) {
  return connection.model<AlarmRecord>('Alarm', alarmSchema);
}
