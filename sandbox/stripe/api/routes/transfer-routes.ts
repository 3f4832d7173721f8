import type { SimulatorCore } from '../../core';
import {
  createTransfer,
  createTransferReversal,
  findTransfer,
  updateTransfer,
} from '../../operations/transfers';
import type { SourceType } from '../../state/ledger';
import { invalidParam, resourceMissing } from '../api-error';
import { LIST_PARAMS, listPage } from '../list';
import { applyMetadataChange, readMetadataChange } from '../metadata';
import {
  type FormParams,
  optionalPositiveAmount,
  optionalString,
  rejectUnknownParams,
  requiredCurrency,
  requiredPositiveAmount,
  requiredString,
} from '../params';
import type { ApiRequest, Route } from '../router';
import { requirePlatform } from './platform-only';

export function transferRoutes(core: SimulatorCore): Route[] {
  /** Transfers live on the platform; asked for on behalf of a connected account, none exist. */
  const findOwnTransfer = (request: ApiRequest, id: string) => {
    if (request.stripeAccount !== null) throw resourceMissing('transfer', id);
    return findTransfer(core, id);
  };

  return [
    {
      method: 'POST',
      path: '/v1/transfers',
      handle: (request) => {
        requirePlatform(request);
        const { params } = request;
        rejectUnknownParams(params, [
          'amount',
          'currency',
          'description',
          'destination',
          'metadata',
          'source_type',
          'transfer_group',
        ]);
        return createTransfer(
          core,
          {
            amount: requiredPositiveAmount(params),
            currency: requiredCurrency(params),
            destination: requiredString(params, 'destination'),
            description: optionalString(params, 'description', 1000) ?? null,
            transferGroup: optionalString(params, 'transfer_group') ?? null,
            sourceType: readSourceType(params),
            metadata: applyMetadataChange({}, readMetadataChange(params)),
          },
          request.origin,
        );
      },
    },
    {
      method: 'GET',
      path: '/v1/transfers',
      handle: (request) => {
        const { params } = request;
        rejectUnknownParams(params, [...LIST_PARAMS, 'destination', 'transfer_group']);
        const destination = optionalString(params, 'destination');
        const transferGroup = optionalString(params, 'transfer_group');
        const own = request.stripeAccount === null ? [...core.store.transfers.values()] : [];
        const matching = own.filter(
          (transfer) =>
            (destination === undefined || transfer.destination === destination) &&
            (transferGroup === undefined || transfer.transfer_group === transferGroup),
        );
        return listPage(matching, params, '/v1/transfers');
      },
    },
    {
      method: 'GET',
      path: '/v1/transfers/:id',
      handle: (request, { id = '' }) => {
        rejectUnknownParams(request.params, []);
        return findOwnTransfer(request, id);
      },
    },
    {
      method: 'POST',
      path: '/v1/transfers/:id',
      handle: (request, { id = '' }) => {
        const { params } = request;
        rejectUnknownParams(params, ['description', 'metadata']);
        findOwnTransfer(request, id);
        return updateTransfer(
          core,
          id,
          { description: optionalString(params, 'description', 1000), metadata: readMetadataChange(params) },
          request.origin,
        );
      },
    },
    {
      method: 'POST',
      path: '/v1/transfers/:id/reversals',
      handle: (request, { id = '' }) => {
        const { params } = request;
        rejectUnknownParams(params, ['amount', 'description', 'metadata', 'refund_application_fee']);
        findOwnTransfer(request, id);
        return createTransferReversal(
          core,
          id,
          {
            amount: optionalPositiveAmount(params),
            metadata: applyMetadataChange({}, readMetadataChange(params)),
          },
          request.origin,
        );
      },
    },
    {
      method: 'GET',
      path: '/v1/transfers/:id/reversals',
      handle: (request, { id = '' }) => {
        rejectUnknownParams(request.params, [...LIST_PARAMS]);
        const transfer = findOwnTransfer(request, id);
        // The transfer keeps its reversals newest first; listPage wants creation order.
        return listPage([...transfer.reversals.data].reverse(), request.params, transfer.reversals.url);
      },
    },
    {
      method: 'GET',
      path: '/v1/transfers/:id/reversals/:reversal',
      handle: (request, { id = '', reversal = '' }) => {
        rejectUnknownParams(request.params, []);
        const found = findOwnTransfer(request, id).reversals.data.find(
          (candidate) => candidate.id === reversal,
        );
        if (!found) throw resourceMissing('transfer_reversal', reversal);
        return found;
      },
    },
  ];
}

function readSourceType(params: FormParams): SourceType {
  const sourceType = optionalString(params, 'source_type') ?? 'card';
  if (sourceType !== 'card' && sourceType !== 'bank_account') {
    throw invalidParam('source_type', 'Invalid source_type: must be one of bank_account or card');
  }
  return sourceType;
}
