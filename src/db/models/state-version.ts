import type { Query, Schema, UpdateQuery } from 'mongoose';

/**
 * Gives a collection's documents a `stateVersion` that every update through mongoose raises by
 * one, in the same write. It orders the states of a request the way the database saw them: the
 * Slack outbox keeps the newest card by it, where timestamps from replicas' clocks could disagree.
 */
export function countStateChanges(schema: Schema): void {
  schema.add({ stateVersion: { type: Number, default: 0 } });
  schema.pre(
    ['findOneAndUpdate', 'updateOne', 'updateMany'],
    { document: false, query: true },
    function raiseStateVersion(this: Query<unknown, unknown>) {
      const update = this.getUpdate() as UpdateQuery<unknown> | null;
      if (!update || Array.isArray(update)) return;
      this.setUpdate({ ...update, $inc: { ...(update.$inc ?? {}), stateVersion: 1 } });
    },
  );
}
