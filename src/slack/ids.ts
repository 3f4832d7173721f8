/** Every action_id and callback_id the app uses, in one place. */
export const COMMANDS = {
  topup: '/topup',
  transfer: '/transfer',
  payouts: '/payouts',
} as const;

export const ACTIONS = {
  approveTopup: 'topup_approve',
  rejectTopup: 'topup_reject',
  cancelTopup: 'topup_cancel',
  approveTransfer: 'transfer_approve',
  rejectTransfer: 'transfer_reject',
  retryTransfer: 'transfer_retry',
  reverseTransfer: 'transfer_reverse',
  approveReversal: 'transfer_reversal_approve',
  rejectReversal: 'transfer_reversal_reject',
  approveBatch: 'batch_approve',
  rejectBatch: 'batch_reject',
  resumeBatch: 'batch_resume',
  cancelBatch: 'batch_cancel',
  viewBatchLines: 'batch_view_lines',
  batchLinesPage: 'batch_lines_page',
  batchPreviewPage: 'batch_preview_page',
  connectWithStripe: 'writer_connect',
  openStripeDashboard: 'writer_dashboard',
  /** App Home's dashboard button: the login link is created at click time and sent by DM. */
  homeOpenDashboard: 'home_open_dashboard',
  /** App Home's statement button: the value is the tax year the button names. */
  homeStatement: 'home_statement',
} as const;

export const VIEWS = {
  topupRequest: 'topup_request_modal',
  rejectReason: 'reject_reason_modal',
  reverseTransfer: 'reverse_transfer_modal',
  batchRequest: 'batch_request_modal',
  batchReject: 'batch_reject_modal',
  batchPreview: 'batch_preview_modal',
  batchLines: 'batch_lines_modal',
} as const;
