import { type Connection, Schema } from 'mongoose';

/** The marker of one threshold alert: inserted before the alert is queued (claim-before-send). */
export type TaxAlertRecord = {
  key: string;
  year: number;
  writerId: string;
  claimedAt: Date;
  sentAt: Date | null;
};

const taxAlertSchema = new Schema<TaxAlertRecord>(
  {
    key: { type: String, required: true },
    year: { type: Number, required: true },
    writerId: { type: String, required: true },
    claimedAt: { type: Date, required: true },
    sentAt: { type: Date, default: null },
  },
  { collection: 'taxAlerts', versionKey: false },
);
// `<year>:<writerId>`: one alert per writer and tax year, however many replicas see the crossing.
taxAlertSchema.index({ key: 1 }, { unique: true });
taxAlertSchema.index({ sentAt: 1, claimedAt: 1 });

export function taxAlertModel(connection: Connection) {
  return connection.model<TaxAlertRecord>('TaxAlert', taxAlertSchema);
}
