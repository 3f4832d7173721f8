import { formatCents } from '../../src/domain/money';
import type { FeedEntry } from './slack-feed';

const INDENT = '   ';

/**
 * The demo's readable record: numbered steps, what each person does, each HTTP exchange with its
 * status, each Slack message as a person sees it, balances, and the checks that passed. Lines are
 * kept (for the tests) and written out as they happen (for the terminal).
 */
export class Transcript {
  readonly lines: string[] = [];
  private readonly origins = new Map<string, string>();
  private checks = 0;

  constructor(private readonly out: (line: string) => void = () => {}) {}

  /** Names a server in HTTP lines: `[Paydesk] GET /connect/start/…` instead of a bare port. */
  nameOrigin(url: string, label: string): void {
    this.origins.set(new URL(url).origin, label);
  }

  get checksPassed(): number {
    return this.checks;
  }

  text(): string {
    return this.lines.join('\n');
  }

  write(line = ''): void {
    this.lines.push(line);
    this.out(line);
  }

  title(text: string): void {
    this.write(text);
    this.write('='.repeat(Math.min(text.length, 100)));
  }

  step(number: number, title: string): void {
    this.write('');
    this.write(`── ${number}. ${title} ${'─'.repeat(Math.max(3, 86 - title.length))}`);
  }

  note(text: string): void {
    for (const line of text.split('\n')) this.write(`${INDENT}${line}`);
  }

  /** Something a person does: types a command, clicks a button, opens a link. */
  person(who: string, does: string): void {
    this.write(`${INDENT}👤 ${who} ${does}`);
  }

  http(method: string, url: string, status: number, detail?: string): void {
    const tail = detail === undefined ? '' : `  ${detail}`;
    this.write(`${INDENT}⇄ ${method} ${this.shortUrl(url)} → ${status}${tail}`);
  }

  redirect(method: string, url: string, status: number, location: string): void {
    this.http(method, url, status, `Location: ${this.shortUrl(location)}`);
  }

  slack(entry: FeedEntry): void {
    const what =
      entry.kind === 'ephemeral'
        ? `only visible to ${entry.visibleTo}`
        : entry.kind === 'updated'
          ? 'message updated in place'
          : entry.inThread
            ? 'reply in thread'
            : 'new message';
    this.write(`${INDENT}┌─ ${entry.where} · ${entry.from} · ${what}`);
    for (const line of entry.text.split('\n')) this.write(`${INDENT}│ ${line}`);
    for (const link of entry.links)
      this.write(`${INDENT}│ ↳ [${link.label}] opens ${this.shortUrl(link.url)}`);
    this.write(`${INDENT}└─`);
  }

  balance(label: string, totals: { available: number; pending: number }): void {
    this.write(
      `${INDENT}💰 ${label}: ${formatCents(totals.available)} available · ${formatCents(totals.pending)} pending`,
    );
  }

  check(text: string): void {
    this.checks += 1;
    this.write(`${INDENT}✔ ${text}`);
  }

  /**
   * A URL with the server named and long opaque values (tokens, OAuth state and codes) cut to
   * their first characters: enough to follow the story, not enough to replay a link.
   */
  shortUrl(url: string): string {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return url;
    }
    const server = this.origins.get(parsed.origin);
    const path = parsed.pathname
      .split('/')
      .map((segment) => shorten(segment))
      .join('/');
    const query = [...parsed.searchParams]
      .map(
        ([name, value]) =>
          `${name}=${this.origins.has(originOf(value)) ? this.shortUrl(value).replace('] ', ']') : shorten(value)}`,
      )
      .join('&');
    const local = `${path}${query === '' ? '' : `?${query}`}`;
    return server === undefined ? `${parsed.origin}${local}` : `[${server}] ${local}`;
  }
}

function originOf(value: string): string {
  try {
    return new URL(value).origin;
  } catch {
    return '';
  }
}

function shorten(value: string): string {
  return value.length > 24 && /^[A-Za-z0-9_-]+$/.test(value) ? `${value.slice(0, 8)}…` : value;
}
