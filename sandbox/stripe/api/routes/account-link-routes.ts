import type { SimulatorCore } from '../../core';
import { createAccountLink } from '../../operations/account-links';
import { rejectUnknownParams, requiredString } from '../params';
import type { Route } from '../router';
import { requirePlatform } from './platform-only';

export function accountLinkRoutes(core: SimulatorCore): Route[] {
  return [
    {
      method: 'POST',
      path: '/v1/account_links',
      handle: (request) => {
        requirePlatform(request);
        const { params } = request;
        rejectUnknownParams(params, [
          'account',
          'type',
          'refresh_url',
          'return_url',
          'collect',
          'collection_options',
        ]);
        return createAccountLink(core, {
          accountId: requiredString(params, 'account'),
          type: requiredString(params, 'type'),
          refreshUrl: requiredString(params, 'refresh_url'),
          returnUrl: requiredString(params, 'return_url'),
        });
      },
    },
  ];
}
