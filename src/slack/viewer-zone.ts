import type { Services } from '../app/services';
import { type AuditNames, resolveAuditNames } from '../domain/audit/audit-names';
import type { AuditEntry } from '../domain/audit/types';
import { type ViewerZone, viewerZone } from '../domain/local-time';

/**
 * The time zone `userId` reads in, from Slack's users.info (cached); REPORTING_TIME_ZONE when
 * Slack cannot say, so a time in a file is never without its zone.
 */
export async function viewerZoneOf(
  services: Pick<Services, 'slackPeople' | 'config' | 'clock'>,
  userId: string,
): Promise<ViewerZone> {
  const profile = await services.slackPeople.byId(userId).catch(() => undefined);
  return viewerZone(profile, services.config.reporting.timeZone, services.clock());
}

/** Names for the people and writers audit entries refer to, read once each. */
export function auditNamesFor(
  services: Pick<Services, 'slackPeople' | 'onboardingDeps' | 'transferDeps'>,
  entries: readonly AuditEntry[],
): Promise<AuditNames> {
  return resolveAuditNames(entries, {
    people: services.slackPeople,
    writers: services.onboardingDeps.writers,
    transfers: services.transferDeps.transfers,
  });
}
