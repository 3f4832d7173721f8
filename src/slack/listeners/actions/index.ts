import type { App } from '@slack/bolt';
import type { Services } from '../../../app/services';
import { ACTIONS } from '../../ids';
import { pagingActionIds } from '../../views/batch-lines';
import { approveBatchAction } from './approve-batch';
import { approveTopupAction } from './approve-topup';
import { approveTransferAction } from './approve-transfer';
import { batchLinesPageAction, batchPreviewPageAction, viewBatchLinesAction } from './batch-lines';
import { cancelBatchAction } from './cancel-batch';
import { cancelTopupAction } from './cancel-topup';
import { decideReversalAction } from './decide-reversal';
import { linkButtonAction } from './link-buttons';
import { rejectBatchAction } from './reject-batch';
import { rejectTopupAction } from './reject-topup';
import { rejectTransferAction } from './reject-transfer';
import { resumeBatchAction } from './resume-batch';
import { retryTransferAction } from './retry-transfer';
import { reverseTransferAction } from './reverse-transfer';

export function registerActions(app: App, services: Services): void {
  app.action(ACTIONS.approveTopup, approveTopupAction(services));
  app.action(ACTIONS.rejectTopup, rejectTopupAction(services));
  app.action(ACTIONS.cancelTopup, cancelTopupAction(services));
  app.action(ACTIONS.approveTransfer, approveTransferAction(services));
  app.action(ACTIONS.rejectTransfer, rejectTransferAction(services));
  app.action(ACTIONS.retryTransfer, retryTransferAction(services));
  app.action(ACTIONS.reverseTransfer, reverseTransferAction(services));
  app.action(ACTIONS.approveReversal, decideReversalAction(services, 'approve'));
  app.action(ACTIONS.rejectReversal, decideReversalAction(services, 'reject'));
  app.action(ACTIONS.approveBatch, approveBatchAction(services));
  app.action(ACTIONS.rejectBatch, rejectBatchAction(services));
  app.action(ACTIONS.resumeBatch, resumeBatchAction(services));
  app.action(ACTIONS.cancelBatch, cancelBatchAction(services));
  app.action(ACTIONS.viewBatchLines, viewBatchLinesAction(services));
  app.action(pagingActionIds(ACTIONS.batchLinesPage), batchLinesPageAction(services));
  app.action(pagingActionIds(ACTIONS.batchPreviewPage), batchPreviewPageAction(services));
  app.action(ACTIONS.connectWithStripe, linkButtonAction());
  app.action(ACTIONS.openStripeDashboard, linkButtonAction());
}
