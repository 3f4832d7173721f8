import {
  type AccountSnapshot,
  accountSnapshot,
  decideAccountUpdate,
} from '../../../../src/domain/onboarding/status';

const NOW = new Date('2026-11-25T12:00:00Z');
const CONNECTED = new Date('2026-11-01T12:00:00Z');

function snapshot(transfersActive: boolean, due: string[] = []): AccountSnapshot {
  return {
    stripeAccountId: 'acct_1',
    transfersActive,
    capabilities: { transfers: transfersActive ? 'active' : 'inactive' },
    payoutsEnabled: transfersActive,
    requirementsDue: due,
    taxDetails: transfersActive ? 'verified' : 'missing',
  };
}

describe('decideAccountUpdate: what a fresh look at the Stripe account means for the writer', () => {
  it.each([
    // [status, connected?, trigger, transfers active?, → status, connects, notice]
    ['invited', false, 'oauth', true, 'active', true, 'connected'],
    ['invited', false, 'oauth', false, 'onboarding', true, 'connected'],
    ['invited', false, 'webhook', false, 'onboarding', false, null],
    ['onboarding', false, 'webhook', true, 'active', true, 'connected'],
    ['onboarding', false, 'return', false, 'onboarding', false, null],
    ['onboarding', true, 'webhook', true, 'active', false, 'ready'],
    ['active', true, 'webhook', true, 'active', false, null],
    ['active', true, 'webhook', false, 'restricted', false, 'restricted'],
    ['restricted', true, 'webhook', false, 'restricted', false, null],
    ['restricted', true, 'return', true, 'active', false, 'ready'],
  ] as const)(
    '%s (connected: %s) + %s, transfers active: %s → %s',
    (status, connected, trigger, active, to, connects, notice) => {
      const decision = decideAccountUpdate(
        { status, connectedAt: connected ? CONNECTED : null },
        snapshot(active, active ? [] : ['external_account']),
        trigger,
        NOW,
      );
      expect(decision).toMatchObject({ status: to, connects, notice });
      expect(decision?.changes.connectedAt).toEqual(connects ? NOW : undefined);
      expect(decision?.changes.statusChangedAt).toEqual(to !== status ? NOW : undefined);
      expect(decision?.changes.requirementsDue).toEqual(active ? [] : ['external_account']);
    },
  );

  it('leaves a writer who disconnected Paydesk alone', () => {
    expect(
      decideAccountUpdate({ status: 'deauthorized', connectedAt: CONNECTED }, snapshot(true), 'webhook', NOW),
    ).toBeUndefined();
  });

  it('reads a Stripe account: transfers capability, payouts, what is currently due', () => {
    expect(
      accountSnapshot({
        id: 'acct_9',
        capabilities: { transfers: 'pending' },
        payouts_enabled: false,
        requirements: { currently_due: ['individual.dob.day'] },
      }),
    ).toEqual({
      stripeAccountId: 'acct_9',
      transfersActive: false,
      capabilities: { transfers: 'pending' },
      payoutsEnabled: false,
      requirementsDue: ['individual.dob.day'],
      taxDetails: 'missing',
    });
    expect(accountSnapshot({ id: 'acct_8' }).transfersActive).toBe(false);
  });
});
