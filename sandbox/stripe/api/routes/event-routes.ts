import type { SimulatorCore } from '../../core';
import { resourceMissing } from '../api-error';
import { LIST_PARAMS, listPage } from '../list';
import { optionalString, optionalStringList, rejectUnknownParams } from '../params';
import type { ApiRequest, Route } from '../router';

export function eventRoutes(core: SimulatorCore): Route[] {
  /** The platform sees its own events; with Stripe-Account, that connected account's (Connect) events. */
  const visibleEvents = (request: ApiRequest) =>
    core.events.all().filter((event) => (event.account ?? null) === request.stripeAccount);

  return [
    {
      method: 'GET',
      path: '/v1/events',
      handle: (request) => {
        const { params } = request;
        rejectUnknownParams(params, [...LIST_PARAMS, 'type', 'types', 'delivery_success']);
        const type = optionalString(params, 'type');
        const types = optionalStringList(params, 'types');
        const matching = visibleEvents(request).filter(
          (event) =>
            (type === undefined || typeMatches(type, event.type)) && (!types || types.includes(event.type)),
        );
        return listPage(matching, params, '/v1/events');
      },
    },
    {
      method: 'GET',
      path: '/v1/events/:id',
      handle: (request, { id = '' }) => {
        rejectUnknownParams(request.params, []);
        const event = visibleEvents(request).find((candidate) => candidate.id === id);
        if (!event) throw resourceMissing('event', id);
        return event;
      },
    },
  ];
}

/** Stripe's `type` filter allows a trailing wildcard, e.g. `topup.*`. */
function typeMatches(filter: string, type: string): boolean {
  return filter.endsWith('.*') ? type.startsWith(filter.slice(0, -1)) : filter === type;
}
