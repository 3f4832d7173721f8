/** Whether Stripe has the writer's taxpayer id (SSN/ITIN/EIN), as far as the platform can tell. */
export type TaxDetails = 'verified' | 'provided' | 'missing';

export const TAX_DETAILS_WORDS: Record<TaxDetails, string> = {
  verified: 'on file (verified)',
  provided: 'provided, being verified',
  missing: 'missing',
};

/** The requirement paths that are the payee's taxpayer id. */
const TIN_FIELD = /^(individual\.(id_number|ssn_last_4)|company\.tax_id)$/;

/** The parts of a Stripe account this reads (stripe-node's Stripe.Account satisfies it). */
export type TaxAccountView = {
  details_submitted?: boolean;
  requirements?: {
    currently_due?: string[] | null;
    past_due?: string[] | null;
    eventually_due?: string[] | null;
    pending_verification?: string[] | null;
    errors?: { requirement: string }[] | null;
  } | null;
  individual?: {
    id_number_provided?: boolean;
    ssn_last_4_provided?: boolean;
    verification?: { status?: string } | null;
  } | null;
};

/**
 * From what Stripe shows the platform. An Express account stops returning `individual` once
 * onboarding has started (only accounts whose requirements the platform collects keep it), so
 * the requirements lists are what is read:
 * - `missing`: onboarding not finished, or the taxpayer id is due now, later (`eventually_due`:
 *   e.g. the full SSN Stripe asks for as volume grows) or was rejected (`errors`);
 * - `provided`: Stripe has it and is still verifying it (`pending_verification`);
 * - `verified`: onboarding finished and Stripe asks for no taxpayer id any more.
 * When `individual` is there, its `*_provided` flags and verification status refine this.
 */
export function taxDetailsOf(account: TaxAccountView): TaxDetails {
  const requirements = account.requirements ?? {};
  const wants = (paths: readonly string[] | null | undefined) => (paths ?? []).some((p) => TIN_FIELD.test(p));
  if (account.details_submitted !== true) return 'missing';
  if (
    wants(requirements.currently_due) ||
    wants(requirements.past_due) ||
    wants(requirements.eventually_due) ||
    wants((requirements.errors ?? []).map((error) => error.requirement))
  ) {
    return 'missing';
  }
  const individual = account.individual;
  if (individual && !individual.id_number_provided && !individual.ssn_last_4_provided) return 'missing';
  if (wants(requirements.pending_verification)) return 'provided';
  if (individual?.verification?.status && individual.verification.status !== 'verified') return 'provided';
  return 'verified';
}
