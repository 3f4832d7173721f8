import type { SlackUserRef } from '../requests/types';
import { type FinanceHome, loadFinanceHome } from './finance-home';
import type { HomeDeps } from './ports';
import { loadWriterHome, type WriterHome } from './writer-home';

/** Anyone else: what Paydesk is and whom to ask. */
export type OtherHome = { kind: 'other'; viewer: string; financeMembers: string[] };

export type Home = FinanceHome | WriterHome | OtherHome;

/**
 * The Home of whoever opened it, decided from the signed event's user: finance first (a finance
 * member who is also paid as a writer sees the finance Home), then writers, then everyone else.
 */
export async function loadHome(deps: HomeDeps, who: SlackUserRef): Promise<Home> {
  if (await deps.finance.isMember(who.userId)) return loadFinanceHome(deps, who.userId);
  const writer = await deps.writers.findBySlackUser(who.teamId, who.userId);
  if (writer) return loadWriterHome(deps, writer);
  const financeMembers = await deps.finance.members().catch(() => []);
  return { kind: 'other', viewer: who.userId, financeMembers: [...financeMembers].sort() };
}
