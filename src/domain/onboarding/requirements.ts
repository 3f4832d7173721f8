/**
 * Stripe names what it still needs with field paths (`individual.dob.day`, `external_account`).
 * Writers see plain words; several paths that are one thing to a person (day, month, year of birth)
 * collapse into one phrase, in the order Stripe listed them.
 */
const RULES: [RegExp, string][] = [
  [/^individual\.dob\./, 'date of birth'],
  [/^(individual\.)?(first_name|last_name)$/, 'legal name'],
  [/^individual\.address\./, 'home address'],
  [/^individual\.phone$/, 'phone number'],
  [/^individual\.email$/, 'email address'],
  [/^individual\.ssn_last_4$/, 'last 4 digits of SSN'],
  [/^individual\.id_number$/, 'ID number'],
  [/^individual\.verification\.(additional_)?document/, 'photo ID'],
  [/^external_account$/, 'bank account'],
  [/^tos_acceptance\./, "acceptance of Stripe's terms"],
  [/^business_profile\.url$/, 'website or profile link'],
  [/^business_profile\.mcc$/, 'type of work'],
  [/^business_profile\.product_description$/, 'description of work'],
  [/^business_type$/, 'business type'],
  [/^company\./, 'business details'],
  [/^representative\./, 'representative details'],
];

export function describeRequirement(path: string): string {
  for (const [pattern, label] of RULES) if (pattern.test(path)) return label;
  const last =
    path
      .split('.')
      .filter((part) => !/^\d+$/.test(part))
      .pop() ?? path;
  return last.replaceAll('_', ' ');
}

export function describeRequirements(paths: readonly string[]): string[] {
  return [...new Set(paths.map(describeRequirement))];
}
