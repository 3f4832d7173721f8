import type { Logger } from '../../logger';
import type { AuditFact } from '../audit/types';
import type {
  OnboardingMode,
  OnboardingNotifier,
  OnboardingStripe,
  OnboardingTokensStore,
  SlackDirectory,
  StripeAccountsStore,
  WritersStore,
} from './types';

/** Everything onboarding use cases need, passed in so tests can give real peers or simulators. */
export type OnboardingDeps = {
  writers: WritersStore;
  stripeAccounts: StripeAccountsStore;
  tokens: OnboardingTokensStore;
  stripe: OnboardingStripe;
  notifier: OnboardingNotifier;
  directory: SlackDirectory;
  audit: { append(fact: AuditFact): Promise<unknown> };
  clock: () => Date;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  settings: {
    mode: OnboardingMode;
    /** The app's external base URL, without a trailing slash. */
    publicUrl: string;
    /** Builds the Express OAuth authorize URL (src/stripe/oauth-url.ts). */
    oauthAuthorizeUrl(params: { state: string; email: string | null; redirectUri: string }): string;
  };
};
