/** The cap is per UTC calendar day, so every replica agrees which day a transfer counts against. */
export function capDayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}
