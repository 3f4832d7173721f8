export const DEFAULT_STATEMENT_DESCRIPTOR = 'Top-up';
export const STATEMENT_DESCRIPTOR_MAX = 15;

/**
 * Stripe's rules for a top-up's statement descriptor, checked before sending so finance gets a
 * clear message instead of a Stripe error after approval: at most 15 characters, plain ASCII
 * letters, digits and spaces or simple punctuation, none of < > \ ' " *, at least one letter.
 */
export function statementDescriptorProblem(text: string): string | undefined {
  if (text.length > STATEMENT_DESCRIPTOR_MAX) {
    return `is ${text.length} characters; Stripe allows at most ${STATEMENT_DESCRIPTOR_MAX}`;
  }
  if (!/^[\x20-\x7E]+$/.test(text))
    return 'may only use plain letters, digits, spaces and simple punctuation';
  if (/[<>\\'"*]/.test(text)) return 'may not contain < > \\ \' " or *';
  if (!/[A-Za-z]/.test(text)) return 'needs at least one letter';
  return undefined;
}
