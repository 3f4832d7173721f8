import { formatCents } from '../../domain/money';
import type { Topup } from '../../domain/topups/types';
import { type EphemeralMessage, ephemeralText } from './ephemeral';

export function topupRequestedConfirmation(topup: Topup, permalink: string | undefined): EphemeralMessage {
  const where = permalink ? `<${permalink}|in the finance channel>` : 'in the finance channel';
  const approvals = topup.requiredApprovals === 1 ? 'one approval' : `${topup.requiredApprovals} approvals`;
  return ephemeralText(
    `Requested ${topup.ref}: a top-up of ${formatCents(topup.amountCents)}. It is waiting ${where} for ${approvals} from someone else in finance.`,
  );
}
