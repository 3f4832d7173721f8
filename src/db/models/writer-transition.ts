import { type Connection, Schema } from 'mongoose';
import type { WriterChanges } from '../../domain/onboarding/types';

/**
 * Every change to a writer, one row per revision. The unique (writerId, rev) index is the
 * compare-and-set: of two replicas deciding the same next revision, exactly one insert succeeds
 * (a filtered findOneAndUpdate is not atomic on every MongoDB-compatible server; FerretDB v1 is
 * one). The writers document is the current state, rolled forward from these rows.
 */
export type WriterTransitionRecord = {
  writerId: string;
  rev: number;
  changes: WriterChanges;
  at: Date;
};

const writerTransitionSchema = new Schema<WriterTransitionRecord>(
  {
    writerId: { type: String, required: true },
    rev: { type: Number, required: true },
    changes: { type: Schema.Types.Mixed, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'writerTransitions', versionKey: false, minimize: false },
);
writerTransitionSchema.index({ writerId: 1, rev: 1 }, { unique: true });

export function writerTransitionModel(connection: Connection) {
  return connection.model<WriterTransitionRecord>('WriterTransition', writerTransitionSchema);
}
