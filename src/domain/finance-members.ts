export type FinanceMembersDeps = {
  userIds: string[];
  usergroupId?: string;
  /** Members of the Slack user group; called at most once a minute. */
  listUsergroupMembers: (usergroupId: string) => Promise<string[]>;
  clock: () => Date;
};

/**
 * Who may request and approve. The user id always comes from the signed Slack payload of the
 * click or command being handled; only the user group's member list is cached, briefly.
 */
export function financeMembers(deps: FinanceMembersDeps, cacheMs = 60_000) {
  const fixed = new Set(deps.userIds);
  let cached: { members: Set<string>; at: number } | undefined;
  async function groupMembers(usergroupId: string): Promise<Set<string>> {
    const now = deps.clock().getTime();
    if (!cached || now - cached.at > cacheMs) {
      cached = { members: new Set(await deps.listUsergroupMembers(usergroupId)), at: now };
    }
    return cached.members;
  }
  return {
    async isMember(userId: string): Promise<boolean> {
      if (fixed.has(userId)) return true;
      if (deps.usergroupId === undefined) return false;
      return (await groupMembers(deps.usergroupId)).has(userId);
    },
    /** Everyone in the finance set: the listed ids and the user group's members. */
    async members(): Promise<string[]> {
      const all = new Set(fixed);
      if (deps.usergroupId !== undefined) for (const id of await groupMembers(deps.usergroupId)) all.add(id);
      return [...all];
    },
  };
}

export type FinanceMembers = ReturnType<typeof financeMembers>;
