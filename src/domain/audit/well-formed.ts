/**
 * A high surrogate not followed by a low one, or a low one not preceded by a high one. Such a
 * string cannot be encoded as UTF-8, so MongoDB stores U+FFFD in its place; hashing the string
 * as typed and storing something else would break the chain for good.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `String.prototype.toWellFormed`, spelled out so it does not depend on the TypeScript lib. */
export function wellFormedString(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

/**
 * The same value with every string, object keys included, made well-formed: what the audit log
 * hashes is then exactly what the database gives back. Dates and other leaves are kept as they are.
 */
export function wellFormed<T>(value: T): T {
  return deepWellFormed(value) as T;
}

function deepWellFormed(value: unknown): unknown {
  if (typeof value === 'string') return wellFormedString(value);
  if (Array.isArray(value)) return value.map(deepWellFormed);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, item]) => [
      wellFormedString(key),
      deepWellFormed(item),
    ]),
  );
}
