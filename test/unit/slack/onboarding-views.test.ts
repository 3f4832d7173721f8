import { findActionElement, renderMessageText } from '../../../sandbox/slack';
import type { Writer } from '../../../src/domain/onboarding/types';
import { ACTIONS } from '../../../src/slack/ids';
import {
  connectedDm,
  invitationDm,
  restrictedDm,
  writerConnectedAlert,
  writersListMessage,
} from '../../../src/slack/views/onboarding';

const EXPIRES = new Date('2026-12-02T12:00:00Z');

function writer(overrides: Partial<Writer>): Writer {
  const at = new Date('2026-11-25T12:00:00Z');
  return {
    id: '6b06cfc2cc0de2c38654fa05',
    slackTeamId: 'T1',
    slackUserId: 'UWRITER01',
    email: 'w@example.com',
    displayName: 'Writer One',
    firstName: 'Writer',
    status: 'invited',
    stripeAccountId: null,
    capabilities: {},
    payoutsEnabled: false,
    requirementsDue: [],
    invitedBy: { teamId: 'T1', userId: 'UFIN0001' },
    invitedAt: at,
    connectedAt: null,
    statusChangedAt: at,
    accountGeneration: 1,
    rev: 0,
    updatedAt: at,
    ...overrides,
  };
}

describe('onboarding messages', () => {
  it('the invitation greets by first name (escaped), explains, and has the Connect with Stripe link button', () => {
    const message = invitationDm({
      writer: { firstName: '<!channel>', displayName: 'x' },
      startUrl: 'https://paydesk.example/connect/start/abc',
      expiresAt: EXPIRES,
      reason: 'invite',
    });
    const text = renderMessageText(message);
    // Slack shows `<!channel>` as text; nobody is pinged.
    expect(JSON.stringify(message.blocks)).toContain(
      'Hi &lt;!channel&gt; — writers here are paid through Stripe',
    );
    expect(JSON.stringify(message)).not.toContain('<!channel>');
    expect(text).toContain('it takes about five minutes');
    expect(text).toContain('works for 7 days (until Wed, Dec 2)');
    expect(text).toContain('/payouts connect');
    expect(findActionElement(message.blocks, ACTIONS.connectWithStripe)?.element.url).toBe(
      'https://paydesk.example/connect/start/abc',
    );
    expect(message.text).toContain('https://paydesk.example/connect/start/abc');
  });

  it('connected: the UX sentence when ready; what is needed and a button when not', () => {
    expect(connectedDm({ stripeAccountId: 'acct_1', ready: true, needs: [], continueUrl: null }).text).toBe(
      "You're connected to Stripe (`acct_1`). You'll get a message here each time you're paid.",
    );
    const notYet = connectedDm({
      stripeAccountId: 'acct_1',
      ready: false,
      needs: ['date of birth'],
      continueUrl: 'https://x/s',
    });
    expect(notYet.text).toContain('Stripe needs a few more details before you can be paid: date of birth.');
    expect(findActionElement(notYet.blocks, ACTIONS.connectWithStripe)?.element.url).toBe('https://x/s');
  });

  it('restricted: what Stripe needs and a fresh link', () => {
    const message = restrictedDm({ needs: ['date of birth', 'bank account'], continueUrl: 'https://x/s' });
    expect(renderMessageText(message)).toContain(
      'Stripe needs a few more details before you can be paid: date of birth, bank account.',
    );
    expect(renderMessageText(message)).toContain('[Finish with Stripe]');
  });

  it('the finance alert names the writer and the account', () => {
    expect(
      writerConnectedAlert({ writerUserId: 'UWRITER01', stripeAccountId: 'acct_1', ready: true, needs: [] })
        .text,
    ).toBe(':link: <@UWRITER01> connected their Stripe account `acct_1` and can be paid.');
  });

  it('/payouts writers: counts, status, account and what is outstanding per writer', () => {
    const text = writersListMessage([
      writer({
        slackUserId: 'UW1',
        status: 'restricted',
        stripeAccountId: 'acct_1',
        connectedAt: EXPIRES,
        requirementsDue: ['external_account'],
      }),
      writer({ slackUserId: 'UW2', status: 'active', stripeAccountId: 'acct_2', connectedAt: EXPIRES }),
      writer({ slackUserId: 'UW3' }),
    ]).text;
    expect(text).toContain('*Writers* (1 active · 1 restricted · 1 invited)');
    expect(text).toContain(
      "<@UW1> — *restricted* · `acct_1` · can't be paid until they give Stripe: bank account",
    );
    expect(text).toContain('<@UW2> — *active* · `acct_2` · can be paid');
    expect(text).toContain(
      "<@UW3> — *invited* · invited Wed, Nov 25 by <@UFIN0001> · hasn't started with Stripe",
    );
    expect(writersListMessage([]).text).toContain('No writers yet');
  });
});
