/** A step of the story did not behave: the demo stops and says what was expected. */
export class DemoStepError extends Error {
  constructor(
    message: string,
    readonly details?: string,
  ) {
    super(message);
    this.name = 'DemoStepError';
  }
}

/** Throws a DemoStepError saying what was expected unless `condition` holds. */
export function expect(condition: unknown, expected: string, details?: string): asserts condition {
  if (!condition) throw new DemoStepError(`expected ${expected}`, details);
}

/** The text that matches `pattern` among `texts` (newest first), or a DemoStepError listing what there was. */
export function findText(texts: readonly string[], pattern: RegExp, expected: string): string {
  for (let i = texts.length - 1; i >= 0; i -= 1) {
    const text = texts[i] ?? '';
    if (pattern.test(text)) return text;
  }
  throw new DemoStepError(
    `expected ${expected}`,
    texts.length === 0
      ? '(nothing there)'
      : `found instead:\n${texts.map((text) => `  | ${text.replaceAll('\n', '\n  | ')}`).join('\n')}`,
  );
}
