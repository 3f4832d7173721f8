import type { SandboxIds } from './sandbox-ids';

/** Slack's trigger_ids expire three seconds after the interaction and open one view. */
const TRIGGER_LIFETIME_MS = 3000;

interface MintedTrigger {
  userId?: string;
  mintedAt: number;
  exchanged: boolean;
}

export type TriggerExchange = { ok: true; userId?: string } | { ok: false; error: string };

/**
 * trigger_ids the simulator minted for commands and interactions, remembering whose click it was so
 * views.open can record which user the modal opened for, and refusing late or reused ones as Slack
 * does (an app that does slow work before opening its modal fails in production).
 */
export class TriggerRegistry {
  private readonly triggers = new Map<string, MintedTrigger>();

  constructor(private readonly ids: SandboxIds) {}

  mint(userId?: string): string {
    const triggerId = this.ids.nextTriggerId();
    this.triggers.set(triggerId, { mintedAt: Date.now(), exchanged: false, ...(userId ? { userId } : {}) });
    return triggerId;
  }

  /**
   * Uses a trigger to open or push a view. A trigger the simulator never minted (a sender without a
   * simulator invents its own) is accepted with no known user.
   */
  exchange(triggerId: string, now = Date.now()): TriggerExchange {
    const trigger = this.triggers.get(triggerId);
    if (trigger === undefined) return { ok: true };
    if (trigger.exchanged) return { ok: false, error: 'trigger_exchanged' };
    if (now - trigger.mintedAt > TRIGGER_LIFETIME_MS) return { ok: false, error: 'expired_trigger_id' };
    trigger.exchanged = true;
    return trigger.userId === undefined ? { ok: true } : { ok: true, userId: trigger.userId };
  }

  reset(): void {
    this.triggers.clear();
  }
}
