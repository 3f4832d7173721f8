/** Named leases with an expiry, so one replica at a time runs the reconciler. */
export type LeasesStore = {
  acquire(name: string, holder: string, now: Date, ttlMs: number): Promise<boolean>;
  release(name: string, holder: string): Promise<void>;
  holder(name: string): Promise<string | undefined>;
};
