/**
 * The one clock. Everything that needs "now" (use cases, views, the reconciler, the simulators,
 * the demo) is handed a `Clock`; only this module reads the wall clock, so tests and the demo
 * can set the date and behave the same on any day.
 */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** Milliseconds on the wall clock, for measuring how long something took (never for dates). */
export const monotonicMs = (): number => performance.now();
