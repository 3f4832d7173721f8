import type { SimulatedAccount, SimulatedTopup, SimulatedTransfer } from './stripe-objects';

export interface AccountRecord {
  account: SimulatedAccount;
  /** False once the account has deauthorized the platform; the platform can no longer reach it. */
  connected: boolean;
  createdVia: 'api' | 'oauth' | 'helper';
}

export interface AccountLinkRecord {
  token: string;
  accountId: string;
  type: string;
  refreshUrl: string;
  returnUrl: string;
  expiresAt: number;
  usedAt: number | null;
}

export interface LoginLinkRecord {
  token: string;
  accountId: string;
  created: number;
}

export interface OAuthCodeRecord {
  code: string;
  /** Reserved when the code is minted; the account itself is created when the code is exchanged. */
  accountId: string;
  email: string | null;
  activate: boolean;
  issuedAt: number;
  usedAt: number | null;
}

/** Everything the simulated Stripe remembers, in creation order (Map keeps insertion order). */
export class SimulatorStore {
  readonly topups = new Map<string, SimulatedTopup>();
  readonly transfers = new Map<string, SimulatedTransfer>();
  readonly accounts = new Map<string, AccountRecord>();
  readonly accountLinks = new Map<string, AccountLinkRecord>();
  readonly loginLinks = new Map<string, LoginLinkRecord>();
  readonly oauthCodes = new Map<string, OAuthCodeRecord>();
  /** OAuth access and refresh tokens, each mapped to the connected account it acts for. */
  readonly accessTokens = new Map<string, string>();
  readonly refreshTokens = new Map<string, string>();

  /** A connected account the platform can still reach. */
  findConnectedAccount(id: string): AccountRecord | undefined {
    const record = this.accounts.get(id);
    return record?.connected ? record : undefined;
  }
}
