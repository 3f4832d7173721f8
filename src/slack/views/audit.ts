import type { KnownBlock, MessageMetadata } from '@slack/types';
import type { AuditVerification } from '../../domain/audit/audit-log';
import type { AuditNames } from '../../domain/audit/audit-names';
import type { AuditCheckpoint, AuditEntry } from '../../domain/audit/types';
import { auditEntryWords } from './activity-words';
import { context, section } from './blocks';
import { type EphemeralMessage, ephemeralText } from './ephemeral';
import { escapeMrkdwn, slackTime } from './escape';

/** The metadata event type that marks Paydesk's own checkpoint messages in the finance channel. */
export const AUDIT_CHECKPOINT_EVENT = 'paydesk_audit_checkpoint';

/** What people typed with the entry (a description, memo or reason), short, so the line says what it was. */
function typedText(entry: AuditEntry): string {
  const typed = [entry.details.description, entry.details.memo, entry.details.reason].find(
    (value): value is string => typeof value === 'string' && value.trim() !== '',
  );
  if (typed === undefined) return '';
  const short = typed.length > 40 ? `${typed.slice(0, 40)}…` : typed;
  return ` · “${escapeMrkdwn(short)}”`;
}

/**
 * `/payouts audit`: the newest entries in words, with people and writers mentioned (never a
 * database id) and times Slack shows in each reader's own zone.
 */
export function auditLatestMessage(entries: AuditEntry[], names: AuditNames): EphemeralMessage {
  if (entries.length === 0) return ephemeralText('The audit trail is empty: nothing has happened yet.');
  const lines = entries.map(
    (entry) =>
      `\`#${entry.seq}\` ${slackTime(entry.at)} · ${auditEntryWords(entry, names)}${typedText(entry)}`,
  );
  return ephemeralText(`*Latest ${entries.length} audit entries* (newest first)\n${lines.join('\n')}`);
}

function range(from: number, to: number): string {
  return from === to ? `entry ${from}` : `entries ${from}–${to}`;
}

/** Which part of the trail is keyed and which is checked by hash only. */
function schemeLine(result: AuditVerification): string | undefined {
  const { hashOnlyThrough, keyedFrom } = result;
  if (hashOnlyThrough !== undefined && keyedFrom !== undefined) {
    return `${capitalise(range(1, hashOnlyThrough))} ${hashOnlyThrough === 1 ? 'was' : 'were'} written before the keyed chain and ${hashOnlyThrough === 1 ? 'is' : 'are'} checked by hash only; from ${keyedFrom} on, keyed (HMAC-SHA256).`;
  }
  if (hashOnlyThrough !== undefined) {
    return result.keyed
      ? `All ${hashOnlyThrough} entries were written before the keyed chain and are checked by hash only; new entries are keyed.`
      : ':warning: All entries are checked by hash only: AUDIT_HMAC_KEY is not set, so someone with database access could rewrite them unnoticed.';
  }
  return keyedFrom === undefined ? undefined : 'Every entry is keyed (HMAC-SHA256).';
}

function checkpointsLine(result: AuditVerification, channelId: string): string {
  const channel = `<#${channelId}>`;
  if (result.checkpointsUnreadable !== undefined) {
    return `:warning: Could not read the checkpoints in ${channel} (\`${escapeMrkdwn(result.checkpointsUnreadable)}\`), so only the chain itself was checked: deleted newest entries, or entries recomputed by someone with the key, would not show. Paydesk has to be in the channel, with the channels:history (or groups:history) scope.`;
  }
  const { total, matched, latest } = result.checkpoints;
  if (total === 0 || latest === undefined) {
    return `No checkpoints in ${channel} yet, so only the chain itself was checked.`;
  }
  const all = matched === total ? `all ${total}` : `${matched} of ${total}`;
  return `Matches ${all} checkpoint${total === 1 ? '' : 's'} in ${channel} (latest: entry ${latest.seq}, posted ${slackTime(latest.at)}).`;
}

function postedLine(result: AuditVerification, channelId: string): string | undefined {
  if (result.posted) return `Posted a checkpoint of entry ${result.posted.seq} to <#${channelId}>.`;
  if (result.postFailed !== undefined) {
    return `:warning: Could not post a checkpoint to <#${channelId}> (\`${escapeMrkdwn(result.postFailed)}\`).`;
  }
  return undefined;
}

export function auditVerifyMessage(result: AuditVerification, channelId: string): EphemeralMessage {
  const lines: (string | undefined)[] = [];
  const broken = result.firstBreak;
  if (!broken) {
    lines.push(`:white_check_mark: ${result.count} entries, chain intact.`, schemeLine(result));
  } else {
    const intact =
      broken.intactThrough > 0 ? ` ${capitalise(range(1, broken.intactThrough))} can be trusted.` : '';
    lines.push(
      `:rotating_light: The audit chain is broken at entry ${broken.seq}: ${broken.reason}.${intact} Tell whoever administers the database now.`,
    );
    if (broken.checkpoint) lines.push(`Found with the checkpoint posted ${slackTime(broken.checkpoint.at)}.`);
    const others = result.problems.filter((problem) => problem !== broken).map((problem) => problem.reason);
    if (others.length > 0) lines.push(`Also: ${others.join('; ')}.`);
  }
  lines.push(checkpointsLine(result, channelId), postedLine(result, channelId));
  return ephemeralText(lines.filter((line): line is string => line !== undefined).join('\n'));
}

export function auditExportedMessage(count: number, rangeLabel: string): EphemeralMessage {
  return ephemeralText(`Exported ${count} audit entries (${rangeLabel}) as a CSV to the finance channel.`);
}

/**
 * The checkpoint people see in the finance channel, with its fields in the message's metadata,
 * which is what verify reads back (from Paydesk's own messages only).
 */
export function auditCheckpointMessage(
  checkpoint: AuditCheckpoint,
  occasion: 'daily' | 'verify',
): { text: string; blocks: KnownBlock[]; metadata: MessageMetadata } {
  const why = occasion === 'daily' ? 'Daily checkpoint' : 'Posted after `/payouts audit verify`';
  return {
    text: `Audit checkpoint: entry ${checkpoint.seq}, MAC ${checkpoint.mac}`,
    blocks: [
      section(
        `:lock: *Audit checkpoint* · the trail's newest entry is ${checkpoint.seq} · ${slackTime(checkpoint.at)}\nMAC \`${checkpoint.mac}\``,
      ),
      context(
        `${why}. \`/payouts audit verify\` checks the audit trail against these messages, so please leave them here.`,
      ),
    ],
    metadata: {
      event_type: AUDIT_CHECKPOINT_EVENT,
      event_payload: { seq: checkpoint.seq, mac: checkpoint.mac, at: checkpoint.at.toISOString() },
    },
  };
}

/** The checkpoint in a message's metadata, or undefined when it is not one (or not well formed). */
export function checkpointFromMetadata(metadata: unknown): AuditCheckpoint | undefined {
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  const { event_type: type, event_payload: payload } = metadata as Record<string, unknown>;
  if (type !== AUDIT_CHECKPOINT_EVENT || typeof payload !== 'object' || payload === null) return undefined;
  const { seq, mac, at } = payload as Record<string, unknown>;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) return undefined;
  if (typeof mac !== 'string' || !/^[0-9a-f]{64}$/.test(mac)) return undefined;
  const when = typeof at === 'string' ? new Date(at) : undefined;
  if (when === undefined || Number.isNaN(when.getTime())) return undefined;
  return { seq, mac, at: when };
}

function capitalise(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}
