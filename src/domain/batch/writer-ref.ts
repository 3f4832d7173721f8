import { parseUserMention } from '../transfers/request-transfer';

const EMAIL = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/;
const ACCOUNT = /^acct_[A-Za-z0-9]{1,64}$/;
/** What a person's name can't contain: Slack's markup characters (a broken mention, a link). */
const NOT_A_NAME = /[<>|]/;

/**
 * How a CSV names a writer, the ways people do: a Slack mention `<@U…|name>` or a user id
 * `U…`, an email (or Slack's `<mailto:…>`), the writer's Stripe account `acct_…`, an `@handle`,
 * or a name as Slack shows it (display name or full name).
 */
export type WriterRef =
  | { kind: 'user'; userId: string; bare: boolean }
  | { kind: 'email'; email: string; typed: string }
  | { kind: 'account'; accountId: string }
  | { kind: 'handle'; handle: string; typed: string }
  | { kind: 'name'; name: string };

export function parseWriterRef(text: string): WriterRef | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const userId = parseUserMention(trimmed);
  if (userId) return { kind: 'user', userId, bare: !trimmed.startsWith('<') };
  const mailto = /^<mailto:([^|>]+)(?:\|[^>]*)?>$/.exec(trimmed);
  const email = (mailto?.[1] ?? trimmed).trim();
  if (EMAIL.test(email)) return { kind: 'email', email: email.toLowerCase(), typed: email };
  if (ACCOUNT.test(trimmed)) return { kind: 'account', accountId: trimmed };
  if (NOT_A_NAME.test(trimmed)) return undefined;
  if (trimmed.startsWith('@')) {
    const handle = trimmed.slice(1).trim();
    return handle === '' ? undefined : { kind: 'handle', handle, typed: trimmed };
  }
  return { kind: 'name', name: trimmed };
}

/** Names compare ignoring case, Unicode compatibility forms and runs of spaces. */
export function nameKey(text: string): string {
  return text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}
