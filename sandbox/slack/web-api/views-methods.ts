import { randomBytes } from 'node:crypto';
import { isRecord } from '../request-body';
import type { SandboxWorkspace } from '../sandbox-workspace';
import type { SimView, SlackParams, ViewSource } from '../types';
import {
  fail,
  type MethodHandler,
  missingArgument,
  ok,
  type SlackResult,
  stringParam,
} from './method-handler';
import { viewProblems } from './view-validation';

function newHash(): string {
  return `${Math.floor(Date.now() / 1000)}.${randomBytes(6).toString('hex')}`;
}

/** The view object as Slack returns it: the app's view plus the fields Slack fills in. */
function slackViewObject(
  input: Record<string, unknown>,
  placement: { id: string; hash: string; rootViewId: string; previousViewId?: string },
  workspace: SandboxWorkspace,
): Record<string, unknown> {
  const { identity } = workspace;
  return {
    id: placement.id,
    team_id: identity.teamId,
    type: 'modal',
    blocks: [],
    private_metadata: '',
    callback_id: '',
    external_id: '',
    state: { values: {} },
    clear_on_close: false,
    notify_on_close: false,
    ...input,
    hash: placement.hash,
    root_view_id: placement.rootViewId,
    previous_view_id: placement.previousViewId ?? null,
    app_id: identity.appId,
    app_installed_team_id: identity.teamId,
    bot_id: identity.botId,
  };
}

type ViewInput = { ok: true; view: Record<string, unknown> } | { ok: false; result: SlackResult };

function viewInput(params: SlackParams): ViewInput {
  const view = params.view;
  if (view === undefined) return { ok: false, result: missingArgument('view') };
  return isRecord(view) ? { ok: true, view } : { ok: false, result: fail('invalid_arguments') };
}

/** Spends the trigger; the user it was minted for is whose modal this is. */
function exchangeTrigger(params: SlackParams, workspace: SandboxWorkspace) {
  const triggerId = stringParam(params, 'trigger_id');
  if (triggerId === undefined) return { ok: false as const, result: missingArgument('trigger_id') };
  const exchange = workspace.triggers.exchange(triggerId);
  if (!exchange.ok) return { ok: false as const, result: fail(exchange.error) };
  return { ok: true as const, placement: exchange.userId === undefined ? {} : { userId: exchange.userId } };
}

function saveView(
  workspace: SandboxWorkspace,
  input: Record<string, unknown>,
  placement: {
    id: string;
    openedWith: ViewSource;
    userId?: string;
    rootViewId?: string;
    previousViewId?: string;
  },
  updateCount = 0,
): SimView {
  const hash = newHash();
  const rootViewId = placement.rootViewId ?? placement.id;
  const view = slackViewObject(input, { ...placement, hash, rootViewId }, workspace);
  const text = (field: string) => (typeof input[field] === 'string' ? (input[field] as string) : undefined);
  const externalId = text('external_id');
  const callbackId = text('callback_id');
  const privateMetadata = text('private_metadata');
  return workspace.views.save({
    id: placement.id,
    openedWith: placement.openedWith,
    rootViewId,
    hash,
    updateCount,
    view,
    ...(placement.userId === undefined ? {} : { userId: placement.userId }),
    ...(placement.previousViewId === undefined ? {} : { previousViewId: placement.previousViewId }),
    ...(externalId === undefined ? {} : { externalId }),
    ...(callbackId === undefined ? {} : { callbackId }),
    ...(privateMetadata === undefined ? {} : { privateMetadata }),
  });
}

const open: MethodHandler = (params, workspace) => {
  const input = viewInput(params);
  if (!input.ok) return input.result;
  const trigger = exchangeTrigger(params, workspace);
  if (!trigger.ok) return trigger.result;
  const placement = { id: workspace.ids.next('V'), openedWith: 'views.open' as const, ...trigger.placement };
  return ok({ view: saveView(workspace, input.view, placement).view });
};

/** Pushes onto the stack of the modal the same user has open, the way Slack stacks views. */
const push: MethodHandler = (params, workspace) => {
  const input = viewInput(params);
  if (!input.ok) return input.result;
  const trigger = exchangeTrigger(params, workspace);
  if (!trigger.ok) return trigger.result;
  const top = workspace.views
    .all()
    .filter((view) => view.openedWith !== 'views.publish' && view.userId === trigger.placement.userId)
    .pop();
  const saved = saveView(workspace, input.view, {
    id: workspace.ids.next('V'),
    openedWith: 'views.push',
    ...trigger.placement,
    ...(top === undefined ? {} : { rootViewId: top.rootViewId, previousViewId: top.id }),
  });
  return ok({ view: saved.view });
};

const update: MethodHandler = (params, workspace) => {
  const viewId = stringParam(params, 'view_id');
  const externalId = stringParam(params, 'external_id');
  if (viewId === undefined && externalId === undefined) return missingArgument('view_id');
  const input = viewInput(params);
  if (!input.ok) return input.result;
  const existing =
    viewId !== undefined ? workspace.views.byId(viewId) : workspace.views.byExternalId(externalId ?? '');
  if (existing === undefined) return fail('not_found');
  const hash = stringParam(params, 'hash');
  if (hash !== undefined && hash !== existing.hash) return fail('hash_conflict');
  const saved = saveView(workspace, input.view, existing, existing.updateCount + 1);
  return ok({ view: saved.view });
};

/** App Home: one view per user, replaced in place on every publish. */
const publish: MethodHandler = (params, workspace) => {
  const userId = stringParam(params, 'user_id');
  if (userId === undefined) return missingArgument('user_id');
  if (workspace.directory.user(userId) === undefined) return fail('user_not_found');
  const input = viewInput(params);
  if (!input.ok) return input.result;
  const problems = viewProblems(input.view, 'home');
  if (problems !== undefined) return problems;
  const existing = workspace.views.homeOf(userId);
  const hash = stringParam(params, 'hash');
  if (existing !== undefined && hash !== undefined && hash !== existing.hash) return fail('hash_conflict');
  const saved = saveView(
    workspace,
    input.view,
    { id: existing?.id ?? workspace.ids.next('V'), openedWith: 'views.publish', userId },
    existing === undefined ? 0 : existing.updateCount + 1,
  );
  return ok({ view: saved.view });
};

export const viewsMethods: Record<string, MethodHandler> = {
  'views.open': open,
  'views.push': push,
  'views.update': update,
  'views.publish': publish,
};
