import type { SandboxIds } from './sandbox-ids';
import type { RecordedResponse, ResponseUrlOwner } from './types';

/** Slack lets an app use a response_url up to five times within 30 minutes. */
const MAX_USES = 5;
const LIFETIME_MS = 30 * 60 * 1000;

interface MintedUrl {
  owner: ResponseUrlOwner;
  mintedAt: number;
  uses: number;
}

export type ResponseUrlAdmission = { ok: true; owner: ResponseUrlOwner } | { ok: false; error: string };

/** The response_urls the simulator handed out with commands and interactions, and what was posted to them. */
export class ResponseUrlStore {
  private readonly mintedById = new Map<string, MintedUrl>();
  private readonly recorded: RecordedResponse[] = [];

  constructor(
    private readonly baseUrl: string,
    private readonly ids: SandboxIds,
  ) {}

  mint(owner: ResponseUrlOwner = {}): string {
    const id = this.ids.next('R').toLowerCase();
    this.mintedById.set(id, { owner: { ...owner }, mintedAt: Date.now(), uses: 0 });
    return `${this.baseUrl}/response/${id}`;
  }

  /** Counts a use; refuses unknown, expired and used-up URLs the way Slack does. */
  admit(id: string, now = Date.now()): ResponseUrlAdmission {
    const minted = this.mintedById.get(id);
    if (minted === undefined || now - minted.mintedAt > LIFETIME_MS)
      return { ok: false, error: 'expired_url' };
    if (minted.uses >= MAX_USES) return { ok: false, error: 'used_url' };
    minted.uses += 1;
    return { ok: true, owner: minted.owner };
  }

  record(response: RecordedResponse): void {
    this.recorded.push(response);
  }

  /** All responses, or those posted to one response_url (given as its id or the whole URL). */
  responses(idOrUrl?: string): RecordedResponse[] {
    if (idOrUrl === undefined) return [...this.recorded];
    const id = responseUrlId(idOrUrl);
    return this.recorded.filter((response) => response.id === id);
  }

  reset(): void {
    this.mintedById.clear();
    this.recorded.length = 0;
  }
}

export function responseUrlId(idOrUrl: string): string {
  return idOrUrl.split('/').filter(Boolean).pop() ?? idOrUrl;
}
