import { type Connection, Schema } from 'mongoose';

/** Cents approved for transfers per UTC day; the daily cap is a conditional $inc on this row. */
export type DailyTotalRecord = { day: string; approvedCents: number };

const dailyTotalSchema = new Schema<DailyTotalRecord>(
  { day: { type: String, required: true }, approvedCents: { type: Number, required: true } },
  { collection: 'dailyTotals', versionKey: false },
);
dailyTotalSchema.index({ day: 1 }, { unique: true });

export function dailyTotalModel(connection: Connection) {
  return connection.model<DailyTotalRecord>('DailyTotal', dailyTotalSchema);
}
