import { describeRequirements } from '../onboarding/requirements';
import type { Writer } from '../onboarding/types';

/**
 * Why finance should look at a writer: invited but never started, onboarding not finished,
 * restricted by Stripe, or active with details Stripe says are due.
 */
export type WriterAttention = {
  writer: Writer;
  reason: 'not_started' | 'onboarding' | 'restricted' | 'requirements_due';
  /** What Stripe still needs, in plain words (src/domain/onboarding/requirements.ts). */
  needs: string[];
};

export function writerAttention(writer: Writer): WriterAttention | undefined {
  const needs = describeRequirements(writer.requirementsDue);
  switch (writer.status) {
    case 'invited':
      return { writer, reason: 'not_started', needs };
    case 'onboarding':
      return { writer, reason: 'onboarding', needs };
    case 'restricted':
      return { writer, reason: 'restricted', needs };
    case 'active':
      return needs.length > 0 ? { writer, reason: 'requirements_due', needs } : undefined;
    default:
      // Disconnected writers left on purpose; inviting them again is a decision, not a to-do.
      return undefined;
  }
}

const ORDER: Record<WriterAttention['reason'], number> = {
  restricted: 0,
  requirements_due: 1,
  onboarding: 2,
  not_started: 3,
};

/** Those who need attention, the most urgent first (restricted writers cannot be paid at all). */
export function writersNeedingAttention(writers: Writer[]): WriterAttention[] {
  return writers
    .flatMap((writer) => writerAttention(writer) ?? [])
    .sort(
      (a, b) =>
        ORDER[a.reason] - ORDER[b.reason] ||
        a.writer.statusChangedAt.getTime() - b.writer.statusChangedAt.getTime(),
    );
}
