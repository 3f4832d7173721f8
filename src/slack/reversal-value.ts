/**
 * What an Approve reversal / Keep the payment button carries: the transfer's id and the key of
 * the reversal request it was shown for (`<transferId>:<key>`), so a click on a stale message
 * or Home tab can never decide a later request of the same transfer.
 */
export function reversalButtonValue(transferId: string, requestKey: string): string {
  return `${transferId}:${requestKey}`;
}

/** An ObjectId has no `:`; a value without one comes from a button rendered before keys were carried. */
export function parseReversalButtonValue(value: string): { id: string; requestKey?: string } {
  const at = value.indexOf(':');
  return at < 0 ? { id: value } : { id: value.slice(0, at), requestKey: value.slice(at + 1) };
}
