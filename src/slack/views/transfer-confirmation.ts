import { formatCents } from '../../domain/money';
import type { Transfer } from '../../domain/transfers/types';
import { type EphemeralMessage, ephemeralText } from './ephemeral';
import { mention } from './escape';

export function transferRequestedConfirmation(
  transfer: Transfer,
  balanceWarning: string | undefined,
): EphemeralMessage {
  const approvals =
    transfer.requiredApprovals === 1 ? 'one approval' : `${transfer.requiredApprovals} approvals`;
  const lines = [
    `Requested ${transfer.ref}: ${formatCents(transfer.amountCents)} to ${mention(transfer.writerSlackUserId)}. It is waiting in the finance channel for ${approvals} from someone else in finance.`,
  ];
  if (balanceWarning) lines.push(`:warning: ${balanceWarning}`);
  return ephemeralText(lines.join('\n'));
}
