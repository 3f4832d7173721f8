import { describeRequirements } from '../../../../src/domain/onboarding/requirements';
import { hashSecret, looksLikeSecret, newSecret } from '../../../../src/domain/onboarding/tokens';
import { parseWriterTarget } from '../../../../src/domain/onboarding/writer-target';

describe('parseWriterTarget: who /payouts invite is about', () => {
  it.each([
    ['<@U0123ABC|writer.one>', { kind: 'user', userId: 'U0123ABC' }],
    ['<@W0123ABC>', { kind: 'user', userId: 'W0123ABC' }],
    ['U0123ABC', { kind: 'user', userId: 'U0123ABC' }],
    ['<mailto:Writer@Example.com|Writer@Example.com>', { kind: 'email', email: 'writer@example.com' }],
    ['  writer@example.com ', { kind: 'email', email: 'writer@example.com' }],
  ])('%s', (text, expected) => {
    expect(parseWriterTarget(text)).toEqual(expected);
  });

  it.each(['', '@writer', '<#C0123|general>', '<!channel>', 'writer@', 'not an email'])(
    'refuses %p with a usage hint',
    (text) => {
      expect(() => parseWriterTarget(text)).toThrow(
        /isn't a Slack mention or an email address.*Nothing was changed/,
      );
    },
  );

  it('quotes what was typed harmlessly', () => {
    expect(() => parseWriterTarget('<!channel>')).toThrow('`&lt;!channel&gt;`');
  });
});

describe('describeRequirements: Stripe field paths in words a writer knows', () => {
  it('collapses the parts of one thing and keeps Stripe order', () => {
    expect(
      describeRequirements([
        'individual.dob.day',
        'individual.dob.month',
        'individual.dob.year',
        'external_account',
        'individual.address.line1',
        'tos_acceptance.date',
        'tos_acceptance.ip',
        'individual.ssn_last_4',
      ]),
    ).toEqual([
      'date of birth',
      'bank account',
      'home address',
      "acceptance of Stripe's terms",
      'last 4 digits of SSN',
    ]);
  });

  it('falls back to the last part of an unknown path', () => {
    expect(describeRequirements(['settings.payouts.statement_descriptor'])).toEqual(['statement descriptor']);
  });
});

describe('onboarding secrets', () => {
  it('are 256 random bits, base64url, different every time, stored only as a SHA-256 hex digest', () => {
    const a = newSecret();
    const b = newSecret();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(a).not.toBe(b);
    expect(hashSecret(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSecret(a)).not.toContain(a);
    expect(looksLikeSecret(a)).toBe(true);
    expect(looksLikeSecret('short')).toBe(false);
    expect(looksLikeSecret(undefined)).toBe(false);
  });
});
