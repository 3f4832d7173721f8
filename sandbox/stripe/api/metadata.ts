import { invalidParam } from './api-error';
import type { FormParams } from './params';

export type Metadata = Record<string, string>;

/** What a request asked to do to an object's metadata: clear it, or set/delete individual keys. */
export type MetadataChange = { kind: 'clear' } | { kind: 'merge'; entries: Record<string, string> };

const MAX_KEYS = 50;
const MAX_KEY_LENGTH = 40;
const MAX_VALUE_LENGTH = 500;

/** Reads `metadata` with Stripe's limits: 50 keys, keys up to 40 characters, values up to 500. */
export function readMetadataChange(params: FormParams): MetadataChange | undefined {
  const value = params.metadata;
  if (value === undefined) return undefined;
  if (value === '') return { kind: 'clear' };
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw invalidParam('metadata', 'Invalid metadata: metadata must be a set of key-value pairs');
  }
  const entries: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry !== 'string') {
      throw invalidParam(`metadata[${key}]`, 'Invalid metadata: values must be strings');
    }
    if (key.length > MAX_KEY_LENGTH) {
      throw invalidParam(`metadata[${key}]`, `Metadata keys can have up to ${MAX_KEY_LENGTH} characters.`);
    }
    if (entry.length > MAX_VALUE_LENGTH) {
      throw invalidParam(
        `metadata[${key}]`,
        `Metadata values can have up to ${MAX_VALUE_LENGTH} characters.`,
      );
    }
    entries[key] = entry;
  }
  return { kind: 'merge', entries };
}

/** Stripe merges metadata on update; an empty value deletes that key and `metadata=''` clears everything. */
export function applyMetadataChange(current: Metadata, change: MetadataChange | undefined): Metadata {
  if (!change) return current;
  if (change.kind === 'clear') return {};
  const next: Metadata = { ...current };
  for (const [key, value] of Object.entries(change.entries)) {
    if (value === '') delete next[key];
    else next[key] = value;
  }
  if (Object.keys(next).length > MAX_KEYS) {
    throw invalidParam('metadata', `You can have at most ${MAX_KEYS} metadata keys.`);
  }
  return next;
}
