import type { KnownBlock } from '@slack/types';

export type EphemeralMessage = { response_type: 'ephemeral'; text: string; blocks?: KnownBlock[] };

export function ephemeralText(text: string): EphemeralMessage {
  return { response_type: 'ephemeral', text };
}
