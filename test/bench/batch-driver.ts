import type { Services } from '../../src/app/services';
import { approvePayoutRun } from '../../src/domain/batch/approve-run';
import { requestPayoutRun } from '../../src/domain/batch/request-run';
import type { BatchOutcome, BatchRequest } from './protocol';

export const BATCH_LINE_AMOUNT = '10.00';

/**
 * The batch figure's one entry point: a payout run (issue 8) as finance would start it — the CSV
 * requested, then approved (by a second approver when the total needs two), which starts the
 * paced run in the background. Timed from the final approval until the run's runner is idle
 * (every line paid or failed, the summary posted). Another way of paying N writers plugs in here.
 */
export async function runPayoutBatch(services: Services, request: BatchRequest): Promise<BatchOutcome> {
  const deps = services.batchDeps;
  const csv = ['writer,amount', ...request.writerUserIds.map((id) => `<@${id}>,${BATCH_LINE_AMOUNT}`)].join(
    '\n',
  );
  const { run } = await requestPayoutRun(deps, {
    csv,
    requestedBy: { teamId: request.teamId, userId: request.requester },
    source: 'api',
  });
  if (run.lineCount !== request.writerUserIds.length) {
    throw new Error(`the run has ${run.lineCount} payable lines, not ${request.writerUserIds.length}`);
  }
  let started = performance.now();
  for (const approver of request.approvers) {
    started = performance.now();
    const outcome = await approvePayoutRun(deps, {
      id: run.id,
      approver: { teamId: request.teamId, userId: approver },
      isFinance: true,
    });
    if (outcome.kind === 'approved') break;
    if (outcome.kind !== 'waiting') throw new Error(`the run was not approved: ${outcome.kind}`);
  }
  await deps.control.idle();
  const wallMs = performance.now() - started;
  await services.background.drain();
  const transfers = await deps.runs.lineTransfers(run.id);
  return {
    driver: 'payout run (src/domain/batch: requestPayoutRun + approvePayoutRun)',
    lines: run.lineCount,
    paid: transfers.filter((transfer) => transfer.status === 'paid').length,
    failed: transfers.filter((transfer) => transfer.status === 'failed').length,
    perSecond: deps.policy.stripeRatePerSecond,
    wallMs,
  };
}
