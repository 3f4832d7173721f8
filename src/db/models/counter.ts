import { type Connection, Schema } from 'mongoose';

/** Sequences for the short references people say out loud (TU-0007, TR-0042). */
export type CounterRecord = { name: string; value: number };

const counterSchema = new Schema<CounterRecord>(
  { name: { type: String, required: true }, value: { type: Number, required: true } },
  { collection: 'counters', versionKey: false },
);
counterSchema.index({ name: 1 }, { unique: true });

export function counterModel(connection: Connection) {
  return connection.model<CounterRecord>('Counter', counterSchema);
}
