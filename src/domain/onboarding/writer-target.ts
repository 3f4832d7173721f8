import { NotAWriterReferenceError } from './errors';
import type { WriterTarget } from './invite-writer';

const EMAIL = /^[^\s@<>|]+@[^\s@<>|]+\.[^\s@<>|]+$/;

/**
 * Who `/payouts invite` is about. With `should_escape: true` Slack sends a mention as
 * `<@U0123ABC|name>` (or `<@U0123ABC>`) and an email as `<mailto:a@b.co|a@b.co>`; a plain
 * email or a bare user id is accepted too.
 */
export function parseWriterTarget(text: string | undefined): WriterTarget {
  const raw = (text ?? '').trim();
  const mention = /^<@([UW][A-Z0-9]{2,})(?:\|[^>]*)?>$/.exec(raw) ?? /^([UW][A-Z0-9]{2,})$/.exec(raw);
  if (mention?.[1]) return { kind: 'user', userId: mention[1] };
  const mailto = /^<mailto:([^|>]+)(?:\|[^>]*)?>$/i.exec(raw);
  const email = (mailto?.[1] ?? raw).trim();
  if (EMAIL.test(email)) return { kind: 'email', email: email.toLowerCase() };
  throw new NotAWriterReferenceError(raw === '' ? '(nothing)' : raw);
}
