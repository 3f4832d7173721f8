import { invalidParam } from './api-error';
import { type FormParams, optionalInteger, optionalNestedObject, optionalString } from './params';

/** Stripe's list envelope, as it goes over the wire. */
export interface StripeList<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  url: string;
}

interface Listable {
  id: string;
  created: number;
}

/** The list parameters every Stripe list endpoint accepts. */
export const LIST_PARAMS = ['limit', 'starting_after', 'ending_before', 'created'] as const;

/**
 * Pages through objects the way Stripe does: newest first, `limit` 1..100 (default 10), cursors by id.
 * `items` must be in creation order; ties on `created` (same second) keep that order.
 */
export function listPage<T extends Listable>(
  items: readonly T[],
  params: FormParams,
  url: string,
): StripeList<T> {
  const limit = optionalInteger(params, 'limit') ?? 10;
  if (limit < 1 || limit > 100) throw invalidParam('limit', 'This value must be between 1 and 100.');
  const startingAfter = optionalString(params, 'starting_after');
  const endingBefore = optionalString(params, 'ending_before');
  const newestFirst = items.filter(createdFilter(params)).reverse();

  if (endingBefore !== undefined) {
    const cursor = indexOfCursor(newestFirst, endingBefore, 'ending_before');
    const before = newestFirst.slice(0, cursor);
    return { object: 'list', data: before.slice(-limit), has_more: before.length > limit, url };
  }
  const start =
    startingAfter === undefined ? 0 : indexOfCursor(newestFirst, startingAfter, 'starting_after') + 1;
  const rest = newestFirst.slice(start);
  return { object: 'list', data: rest.slice(0, limit), has_more: rest.length > limit, url };
}

function indexOfCursor(items: readonly Listable[], id: string, param: string): number {
  const index = items.findIndex((item) => item.id === id);
  if (index === -1) throw invalidParam(param, `No such object: '${id}'`);
  return index;
}

/** `created=123` or `created[gte]=...&created[lt]=...`. */
function createdFilter(params: FormParams): (item: Listable) => boolean {
  if (params.created === undefined) return () => true;
  if (typeof params.created === 'string') {
    const exact = optionalInteger(params, 'created');
    return (item) => item.created === exact;
  }
  const range = optionalNestedObject(params, 'created') ?? {};
  const bounds = {
    gt: optionalInteger(range, 'gt'),
    gte: optionalInteger(range, 'gte'),
    lt: optionalInteger(range, 'lt'),
    lte: optionalInteger(range, 'lte'),
  };
  return (item) =>
    (bounds.gt === undefined || item.created > bounds.gt) &&
    (bounds.gte === undefined || item.created >= bounds.gte) &&
    (bounds.lt === undefined || item.created < bounds.lt) &&
    (bounds.lte === undefined || item.created <= bounds.lte);
}
