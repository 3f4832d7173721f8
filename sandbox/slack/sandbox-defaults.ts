/** The sandbox app's identity, shared by the simulator (what auth.test says) and the request sender. */
export const DEFAULT_BOT_TOKEN = 'xoxb-sandbox-token';
export const DEFAULT_TEAM_ID = 'T0SANDBOX';
export const SANDBOX_TEAM_DOMAIN = 'paydesk-sandbox';
export const SANDBOX_BOT_USER_ID = 'U0PAYDESKBOT';
export const SANDBOX_BOT_ID = 'B0PAYDESK';
export const SANDBOX_APP_ID = 'A0PAYDESK';
/** The legacy token Slack still puts in payloads; Bolt relies on the signature instead. */
export const SANDBOX_VERIFICATION_TOKEN = 'sandbox-verification-token';
