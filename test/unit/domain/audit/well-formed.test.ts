import { wellFormed, wellFormedString } from '../../../../src/domain/audit/well-formed';

describe('wellFormed', () => {
  it('replaces lone surrogates with U+FFFD and keeps pairs, as String.prototype.toWellFormed does', () => {
    for (const text of ['a\uD800b', '\uDC00x', '😀', '\uD83D\uD83D\uDE00', '\uDE00\uD83D', 'plain', '']) {
      // Node 20 has it; the TypeScript lib this project targets does not declare it yet.
      expect(wellFormedString(text)).toBe((text as unknown as { toWellFormed(): string }).toWellFormed());
    }
    expect(wellFormedString('Week \uD800 top-up')).toBe('Week \uFFFD top-up');
  });

  it('reaches strings in nested objects, arrays and keys, and leaves dates and numbers alone', () => {
    const at = new Date(0);
    const value = { at, n: 5, list: ['\uD800', { deep: '\uDFFF' }], 'k\uD800': true };
    expect(wellFormed(value)).toEqual({ at, n: 5, list: ['\uFFFD', { deep: '\uFFFD' }], 'k\uFFFD': true });
    expect(wellFormed(value).at).toBe(at);
  });
});
