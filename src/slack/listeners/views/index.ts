import type { App } from '@slack/bolt';
import type { Services } from '../../../app/services';
import { VIEWS } from '../../ids';
import { batchPreviewSubmission } from './batch-preview';
import { batchRejectSubmission } from './batch-reject';
import { batchRequestSubmission } from './batch-request';
import { rejectReasonSubmission } from './reject-reason';
import { reverseTransferSubmission } from './reverse-transfer';
import { topupRequestSubmission } from './topup-request';

export function registerViews(app: App, services: Services): void {
  app.view(VIEWS.topupRequest, topupRequestSubmission(services));
  app.view(VIEWS.rejectReason, rejectReasonSubmission(services));
  app.view(VIEWS.reverseTransfer, reverseTransferSubmission(services));
  app.view(VIEWS.batchRequest, batchRequestSubmission(services));
  app.view(VIEWS.batchPreview, batchPreviewSubmission(services));
  app.view(VIEWS.batchReject, batchRejectSubmission(services));
}
