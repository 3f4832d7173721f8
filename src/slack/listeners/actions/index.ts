import type { App } from '@slack/bolt';
import type { Services } from '../../../services';
import { ACTIONS } from '../../ids';
import { approveTopupAction } from './approve-topup';
import { cancelTopupAction } from './cancel-topup';
import { rejectTopupAction } from './reject-topup';

export function registerActions(app: App, services: Services): void {
  app.action(ACTIONS.approveTopup, approveTopupAction(services));
  app.action(ACTIONS.rejectTopup, rejectTopupAction(services));
  app.action(ACTIONS.cancelTopup, cancelTopupAction(services));
}
