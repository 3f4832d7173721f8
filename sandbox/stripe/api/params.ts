import type { ParsedQs } from 'qs';
import { invalidParam, invalidRequest, missingParam } from './api-error';

/** A request's parameters as qs decodes Stripe's bracket notation (`metadata[key]=value`). */
export type FormParams = ParsedQs;
type FormValue = FormParams[string];

/** Stripe rejects parameters it does not know, which catches typos in the calling code early. */
export function rejectUnknownParams(params: FormParams, allowed: readonly string[]): void {
  for (const name of Object.keys(params)) {
    if (name !== 'expand' && !allowed.includes(name)) {
      throw invalidRequest(`Received unknown parameter: ${name}`, { code: 'parameter_unknown', param: name });
    }
  }
}

export function optionalString(params: FormParams, name: string, maxLength?: number): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidParam(name, `Invalid string: ${describe(value)}`);
  if (maxLength !== undefined && value.length > maxLength) {
    throw invalidParam(name, `Invalid ${name}: must be at most ${maxLength} characters`);
  }
  return value;
}

export function requiredString(params: FormParams, name: string, maxLength?: number): string {
  const value = optionalString(params, name, maxLength);
  if (value === undefined || value === '') throw missingParam(name);
  return value;
}

export function optionalInteger(params: FormParams, name: string): number | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^-?\d+$/.test(value)) {
    throw invalidParam(name, `Invalid integer: ${describe(value)}`);
  }
  return Number(value);
}

/** Amounts are integer cents and must be at least 1, as in Stripe. */
export function optionalPositiveAmount(params: FormParams, name = 'amount'): number | undefined {
  const amount = optionalInteger(params, name);
  if (amount === undefined) return undefined;
  if (amount < 1) throw invalidParam(name, 'This value must be greater than or equal to 1.');
  if (!Number.isSafeInteger(amount) || amount > 99_999_999_99) {
    throw invalidParam(name, 'This value must be less than or equal to 9999999999.');
  }
  return amount;
}

export function requiredPositiveAmount(params: FormParams, name = 'amount'): number {
  const amount = optionalPositiveAmount(params, name);
  if (amount === undefined) throw missingParam(name);
  return amount;
}

export function optionalBoolean(params: FormParams, name: string): boolean | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw invalidParam(name, `Invalid boolean: ${describe(value)}`);
}

/** The simulator keeps one balance in one currency; anything else would silently mean nothing. */
export function requiredCurrency(params: FormParams): 'usd' {
  const currency = requiredString(params, 'currency').toLowerCase();
  if (!/^[a-z]{3}$/.test(currency)) throw invalidParam('currency', `Invalid currency: ${currency}`);
  if (currency !== 'usd') {
    throw invalidParam('currency', `Invalid currency: ${currency}. The Stripe simulator supports only usd.`);
  }
  return currency;
}

export function optionalNestedObject(params: FormParams, name: string): FormParams | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw invalidParam(name, `Invalid object: ${describe(value)}`);
  }
  return value;
}

export function optionalStringList(params: FormParams, name: string): string[] | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  const items = Array.isArray(value) ? value : typeof value === 'object' ? Object.values(value) : [value];
  return items.map((item) => {
    if (typeof item !== 'string') throw invalidParam(name, `Invalid array: ${describe(value)}`);
    return item;
  });
}

function describe(value: FormValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
