import { renderMessageText } from '../../../sandbox/slack';
import { writersNeedingAttention } from '../../../src/domain/home/writer-attention';
import { financeHomeView } from '../../../src/slack/views/home-finance';
import { financeHome, writer } from './home-fixtures';

const later = (minutes: number) => new Date(Date.UTC(2026, 5, 16, 12, minutes));

/** Writers finance should look at on Home, most urgent first, with what Stripe still needs in words. */
describe('writers who need attention', () => {
  const writers = [
    writer({ id: 'w-invited', slackUserId: 'UINVITED', status: 'invited', statusChangedAt: later(1) }),
    writer({
      id: 'w-due',
      slackUserId: 'UDUE',
      status: 'active',
      requirementsDue: ['individual.dob.day'],
      statusChangedAt: later(2),
    }),
    writer({ id: 'w-fine', slackUserId: 'UFINE', status: 'active', requirementsDue: [] }),
    writer({
      id: 'w-onboarding',
      slackUserId: 'UONBOARD',
      status: 'onboarding',
      requirementsDue: ['individual.address.line1'],
      statusChangedAt: later(3),
    }),
    writer({
      id: 'w-restricted-late',
      slackUserId: 'URESTR2',
      status: 'restricted',
      statusChangedAt: later(9),
    }),
    writer({
      id: 'w-restricted',
      slackUserId: 'URESTR1',
      status: 'restricted',
      requirementsDue: ['individual.ssn_last_4'],
      statusChangedAt: later(4),
    }),
    writer({ id: 'w-gone', slackUserId: 'UGONE', status: 'deauthorized' }),
  ];

  it('restricted first (they cannot be paid), then details due, then unfinished, then not started; the longest waiting first within each', () => {
    const listed = writersNeedingAttention(writers);
    expect(listed.map((entry) => [entry.writer.slackUserId, entry.reason])).toEqual([
      ['URESTR1', 'restricted'],
      ['URESTR2', 'restricted'],
      ['UDUE', 'requirements_due'],
      ['UONBOARD', 'onboarding'],
      ['UINVITED', 'not_started'],
    ]);
  });

  it('says on Home what each one needs, in words', () => {
    const view = financeHomeView(financeHome({ writers: writersNeedingAttention(writers) }));
    const shown = renderMessageText({ blocks: view.blocks });
    expect(shown).toContain("@URESTR1 · *restricted*: can't be paid until Stripe gets last 4 digits of SSN");
    expect(shown).toContain("@URESTR2 · *restricted*: can't be paid until Stripe gets more details");
    expect(shown).toContain('@UDUE · Stripe asks for date of birth; payments still go through for now');
    expect(shown).toContain(
      '@UONBOARD · started connecting to Stripe, not finished: Stripe still needs home address',
    );
    expect(shown).toMatch(/@UINVITED · invited .*, hasn't started connecting to Stripe/);
    expect(shown).not.toContain('@UFINE');
    expect(shown).not.toContain('@UGONE');
  });
});
