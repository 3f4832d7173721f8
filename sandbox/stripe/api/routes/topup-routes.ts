import type { SimulatorCore } from '../../core';
import { cancelTopup, createTopup, findTopup, updateTopup } from '../../operations/topups';
import { invalidParam, resourceMissing } from '../api-error';
import { LIST_PARAMS, listPage } from '../list';
import { applyMetadataChange, readMetadataChange } from '../metadata';
import {
  optionalInteger,
  optionalString,
  rejectUnknownParams,
  requiredCurrency,
  requiredPositiveAmount,
} from '../params';
import type { ApiRequest, Route } from '../router';
import { requirePlatform } from './platform-only';

const TOPUP_STATUSES = ['canceled', 'failed', 'pending', 'reversed', 'succeeded'];
/** Stripe's limit for the text on the bank statement. */
const STATEMENT_DESCRIPTOR_MAX_LENGTH = 15;

export function topupRoutes(core: SimulatorCore): Route[] {
  /** Top-ups live on the platform; asked for on behalf of a connected account, none exist. */
  const findOwnTopup = (request: ApiRequest, id: string) => {
    if (request.stripeAccount !== null) throw resourceMissing('topup', id);
    return findTopup(core, id);
  };

  return [
    {
      method: 'POST',
      path: '/v1/topups',
      handle: (request) => {
        requirePlatform(request);
        const { params } = request;
        rejectUnknownParams(params, [
          'amount',
          'currency',
          'description',
          'metadata',
          'source',
          'statement_descriptor',
          'transfer_group',
        ]);
        return createTopup(
          core,
          {
            amount: requiredPositiveAmount(params),
            currency: requiredCurrency(params),
            description: optionalString(params, 'description', 1000) ?? null,
            statementDescriptor:
              optionalString(params, 'statement_descriptor', STATEMENT_DESCRIPTOR_MAX_LENGTH) ?? null,
            transferGroup: optionalString(params, 'transfer_group') ?? null,
            metadata: applyMetadataChange({}, readMetadataChange(params)),
          },
          request.origin,
        );
      },
    },
    {
      method: 'GET',
      path: '/v1/topups',
      handle: (request) => {
        const { params } = request;
        rejectUnknownParams(params, [...LIST_PARAMS, 'amount', 'status']);
        const status = optionalString(params, 'status');
        if (status !== undefined && !TOPUP_STATUSES.includes(status)) {
          throw invalidParam('status', `Invalid status: must be one of ${TOPUP_STATUSES.join(', ')}`);
        }
        const amount = optionalInteger(params, 'amount');
        const own = request.stripeAccount === null ? [...core.store.topups.values()] : [];
        const matching = own.filter(
          (topup) =>
            (status === undefined || topup.status === status) &&
            (amount === undefined || topup.amount === amount),
        );
        return listPage(matching, params, '/v1/topups');
      },
    },
    {
      method: 'GET',
      path: '/v1/topups/:id',
      handle: (request, { id = '' }) => {
        rejectUnknownParams(request.params, []);
        return findOwnTopup(request, id);
      },
    },
    {
      method: 'POST',
      path: '/v1/topups/:id',
      handle: (request, { id = '' }) => {
        const { params } = request;
        rejectUnknownParams(params, ['description', 'metadata']);
        findOwnTopup(request, id);
        return updateTopup(core, id, {
          description: optionalString(params, 'description', 1000),
          metadata: readMetadataChange(params),
        });
      },
    },
    {
      method: 'POST',
      path: '/v1/topups/:id/cancel',
      handle: (request, { id = '' }) => {
        rejectUnknownParams(request.params, []);
        findOwnTopup(request, id);
        return cancelTopup(core, id, request.origin);
      },
    },
  ];
}
