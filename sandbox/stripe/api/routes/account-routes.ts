import type { SimulatorCore } from '../../core';
import { createLoginLink } from '../../operations/account-links';
import { createAccount, findAccount, updateAccount } from '../../operations/accounts';
import type { SimulatedAccount } from '../../state/stripe-objects';
import { invalidParam, missingParam } from '../api-error';
import { LIST_PARAMS, listPage } from '../list';
import { applyMetadataChange, readMetadataChange } from '../metadata';
import {
  type FormParams,
  optionalBoolean,
  optionalNestedObject,
  optionalString,
  rejectUnknownParams,
} from '../params';
import type { Route } from '../router';
import { requirePlatform } from './platform-only';

/** Parameters Stripe accepts on account creation that the simulator takes but does not model. */
const ACCEPTED_BUT_IGNORED = [
  'business_profile',
  'business_type',
  'company',
  'default_currency',
  'external_account',
  'individual',
  'settings',
  'tos_acceptance',
];

const ACCOUNT_TYPES = ['custom', 'express', 'standard'] as const;

export function accountRoutes(core: SimulatorCore): Route[] {
  return [
    {
      method: 'POST',
      path: '/v1/accounts',
      handle: (request) => {
        requirePlatform(request);
        const { params } = request;
        rejectUnknownParams(params, [
          'type',
          'controller',
          'email',
          'country',
          'capabilities',
          'metadata',
          ...ACCEPTED_BUT_IGNORED,
        ]);
        const country = (optionalString(params, 'country') ?? 'US').toUpperCase();
        if (!/^[A-Z]{2}$/.test(country)) throw invalidParam('country', `Invalid country: ${country}`);
        return createAccount(
          core,
          {
            type: readAccountType(params),
            email: readEmail(params) ?? null,
            country,
            metadata: applyMetadataChange({}, readMetadataChange(params)),
            requestedCapabilities: readRequestedCapabilities(params),
          },
          'api',
        );
      },
    },
    {
      method: 'GET',
      path: '/v1/accounts',
      handle: (request) => {
        requirePlatform(request);
        rejectUnknownParams(request.params, [...LIST_PARAMS]);
        const connected = [...core.store.accounts.values()].filter((record) => record.connected);
        return listPage(
          connected.map((record) => record.account),
          request.params,
          '/v1/accounts',
        );
      },
    },
    {
      method: 'GET',
      path: '/v1/accounts/:id',
      handle: (request, { id = '' }) => {
        rejectUnknownParams(request.params, []);
        return findAccount(core, id);
      },
    },
    {
      method: 'POST',
      path: '/v1/accounts/:id',
      handle: (request, { id = '' }) => {
        const { params } = request;
        rejectUnknownParams(params, ['email', 'metadata', 'business_profile', 'settings', 'capabilities']);
        return updateAccount(
          core,
          id,
          { email: readEmail(params), metadata: readMetadataChange(params) },
          request.origin,
        );
      },
    },
    {
      method: 'GET',
      path: '/v1/account',
      handle: (request) => {
        rejectUnknownParams(request.params, []);
        if (request.stripeAccount !== null) return findAccount(core, request.stripeAccount);
        return platformAccount(core);
      },
    },
    {
      method: 'POST',
      path: '/v1/accounts/:id/login_links',
      handle: (request, { id = '' }) => {
        requirePlatform(request);
        rejectUnknownParams(request.params, []);
        return createLoginLink(core, id);
      },
    },
  ];
}

/** Either `type`, or (Stripe's newer style) a `controller` from which the account type follows. */
function readAccountType(params: FormParams): SimulatedAccount['type'] {
  const type = optionalString(params, 'type');
  if (type !== undefined) {
    const known = ACCOUNT_TYPES.find((candidate) => candidate === type);
    if (!known) throw invalidParam('type', `Invalid type: must be one of ${ACCOUNT_TYPES.join(', ')}`);
    return known;
  }
  const controller = optionalNestedObject(params, 'controller');
  if (!controller) throw missingParam('type');
  const dashboard = optionalNestedObject(controller, 'stripe_dashboard');
  const dashboardType = dashboard ? optionalString(dashboard, 'type') : undefined;
  if (dashboardType === 'full') return 'standard';
  if (dashboardType === 'none') return 'custom';
  return 'express';
}

function readEmail(params: FormParams): string | undefined {
  const email = optionalString(params, 'email');
  if (email !== undefined && email !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    throw invalidParam('email', `Invalid email address: ${email}`);
  }
  return email;
}

/** `capabilities[card_payments][requested]=true` and the like; `transfers` is always there. */
function readRequestedCapabilities(params: FormParams): string[] {
  const capabilities = optionalNestedObject(params, 'capabilities') ?? {};
  return Object.keys(capabilities).filter((name) => {
    const capability = optionalNestedObject(capabilities, name) ?? {};
    return name !== 'transfers' && optionalBoolean(capability, 'requested') === true;
  });
}

function platformAccount(core: SimulatorCore): SimulatedAccount {
  return {
    id: core.platformAccountId,
    object: 'account',
    type: 'standard',
    email: 'platform@paydesk.example',
    country: 'US',
    default_currency: 'usd',
    created: 0,
    business_type: 'company',
    charges_enabled: true,
    payouts_enabled: true,
    details_submitted: true,
    capabilities: { transfers: 'active' },
    metadata: {},
  };
}
