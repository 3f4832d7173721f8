import { taxDetailsOf } from '../../../../src/domain/tax/tax-details';

const requirements = (lists: Record<string, string[]> = {}) => ({
  currently_due: [],
  past_due: [],
  eventually_due: [],
  pending_verification: [],
  errors: [],
  ...lists,
});

describe('whether Stripe has the writer’s taxpayer id, from what an Express account shows', () => {
  it('is missing before onboarding is finished', () => {
    expect(taxDetailsOf({ details_submitted: false, requirements: requirements() })).toBe('missing');
  });

  it.each([
    ['currently_due', 'individual.ssn_last_4'],
    ['past_due', 'individual.id_number'],
    ['eventually_due', 'individual.id_number'],
    ['eventually_due', 'company.tax_id'],
  ])('is missing while the taxpayer id is in %s (%s)', (list, field) => {
    expect(taxDetailsOf({ details_submitted: true, requirements: requirements({ [list]: [field] }) })).toBe(
      'missing',
    );
  });

  it('is missing when Stripe rejected it', () => {
    const account = {
      details_submitted: true,
      requirements: { ...requirements(), errors: [{ requirement: 'individual.id_number' }] },
    };
    expect(taxDetailsOf(account)).toBe('missing');
  });

  it('is provided while Stripe verifies it, verified once nothing about it is asked any more', () => {
    const pending = requirements({ pending_verification: ['individual.id_number'] });
    expect(taxDetailsOf({ details_submitted: true, requirements: pending })).toBe('provided');
    const other = requirements({ eventually_due: ['individual.verification.document'] });
    expect(taxDetailsOf({ details_submitted: true, requirements: other })).toBe('verified');
  });

  it('reads individual’s flags when Stripe still returns them', () => {
    const base = { details_submitted: true, requirements: requirements() };
    expect(
      taxDetailsOf({ ...base, individual: { id_number_provided: false, ssn_last_4_provided: false } }),
    ).toBe('missing');
    expect(
      taxDetailsOf({
        ...base,
        individual: { ssn_last_4_provided: true, verification: { status: 'pending' } },
      }),
    ).toBe('provided');
    expect(
      taxDetailsOf({
        ...base,
        individual: { id_number_provided: true, verification: { status: 'verified' } },
      }),
    ).toBe('verified');
  });
});
