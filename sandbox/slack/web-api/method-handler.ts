import type { AnyBlock } from '@slack/types';
import type { SandboxWorkspace } from '../sandbox-workspace';
import type { SlackParams } from '../types';

/** A Web API answer; Slack sends it with HTTP 200 whether `ok` is true or false. */
export interface SlackResult {
  ok: boolean;
  error?: string;
  [field: string]: unknown;
}

export type MethodHandler = (params: SlackParams, workspace: SandboxWorkspace) => SlackResult;

export function ok(fields: Record<string, unknown> = {}): SlackResult {
  return { ok: true, ...fields };
}

export function fail(error: string, fields: Record<string, unknown> = {}): SlackResult {
  return { ok: false, error, ...fields };
}

/** Slack's answer to a missing required argument, naming it the way Slack's response_metadata does. */
export function missingArgument(name: string): SlackResult {
  return fail('invalid_arguments', {
    response_metadata: { messages: [`[ERROR] missing required field: ${name}`] },
  });
}

/** A non-empty string parameter; form encoding turns numbers into strings, JSON bodies may not. */
export function stringParam(params: SlackParams, name: string): string | undefined {
  const value = params[name];
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function booleanParam(params: SlackParams, name: string): boolean {
  const value = params[name];
  return value === true || value === 'true' || value === '1' || value === 1;
}

/** Blocks as parsed by the request reader: absent, a valid array, or something Slack would reject. */
export type BlocksParam = { kind: 'absent' } | { kind: 'valid'; blocks: AnyBlock[] } | { kind: 'invalid' };

export function blocksParam(params: SlackParams): BlocksParam {
  const value = params.blocks;
  if (value === undefined || value === '') return { kind: 'absent' };
  if (!Array.isArray(value)) return { kind: 'invalid' };
  const allHaveType = value.every(
    (block: unknown) =>
      typeof block === 'object' && block !== null && typeof (block as { type?: unknown }).type === 'string',
  );
  return allHaveType ? { kind: 'valid', blocks: value as AnyBlock[] } : { kind: 'invalid' };
}
