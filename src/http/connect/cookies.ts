import type { IncomingMessage } from 'node:http';

/** Ties an OAuth state to the browser that clicked the start link (login-CSRF protection). */
export const BINDER_COOKIE = 'paydesk_oauth';
const MAX_AGE_SECONDS = 30 * 60;

export function binderCookie(value: string, publicUrl: string): string {
  const secure = publicUrl.startsWith('https://') ? '; Secure' : '';
  // Lax: sent on the top-level GET redirect back from Stripe, never on cross-site subrequests.
  return `${BINDER_COOKIE}=${value}; Path=/connect; Max-Age=${MAX_AGE_SECONDS}; HttpOnly; SameSite=Lax${secure}`;
}

export function clearBinderCookie(publicUrl: string): string {
  const secure = publicUrl.startsWith('https://') ? '; Secure' : '';
  return `${BINDER_COOKIE}=; Path=/connect; Max-Age=0; HttpOnly; SameSite=Lax${secure}`;
}

export function readCookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    if (part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return undefined;
}
