import type { AuditVerification } from '../../../src/domain/audit/audit-log';
import {
  AUDIT_CHECKPOINT_EVENT,
  auditCheckpointMessage,
  auditVerifyMessage,
  checkpointFromMetadata,
} from '../../../src/slack/views/audit';

const checkpoint = { seq: 42, mac: 'ab'.repeat(32), at: new Date('2026-11-02T10:42:00.000Z') };

function verification(overrides: Partial<AuditVerification> = {}): AuditVerification {
  return { count: 44, keyed: true, checkpoints: { total: 0, matched: 0 }, problems: [], ...overrides };
}

describe('audit checkpoint message', () => {
  it('carries the checkpoint in its metadata and reads it back', () => {
    const message = auditCheckpointMessage(checkpoint, 'daily');
    expect(message.metadata.event_type).toBe(AUDIT_CHECKPOINT_EVENT);
    expect(checkpointFromMetadata(message.metadata)).toEqual(checkpoint);
    expect(message.text).toContain(`entry 42, MAC ${checkpoint.mac}`);
    expect(JSON.stringify(message.blocks)).toContain('Daily checkpoint');
    expect(JSON.stringify(auditCheckpointMessage(checkpoint, 'verify').blocks)).toContain(
      'Posted after `/payouts audit verify`',
    );
  });

  it('is not fooled by other metadata or a malformed payload', () => {
    const payload = { seq: 42, mac: checkpoint.mac, at: checkpoint.at.toISOString() };
    expect(checkpointFromMetadata({ event_type: 'something_else', event_payload: payload })).toBeUndefined();
    for (const bad of [
      { ...payload, seq: '42' },
      { ...payload, seq: 0 },
      { ...payload, mac: 'not-a-mac' },
      { ...payload, at: 'yesterday' },
    ]) {
      expect(
        checkpointFromMetadata({ event_type: AUDIT_CHECKPOINT_EVENT, event_payload: bad }),
      ).toBeUndefined();
    }
    expect(checkpointFromMetadata(undefined)).toBeUndefined();
  });
});

describe('audit verify message', () => {
  it('says which part is checked by hash only and which is keyed', () => {
    const text = auditVerifyMessage(verification({ hashOnlyThrough: 41, keyedFrom: 42 }), 'CFIN').text;
    expect(text).toContain('44 entries, chain intact');
    expect(text).toContain(
      'Entries 1–41 were written before the keyed chain and are checked by hash only; from 42 on, keyed',
    );
    expect(text).toContain('No checkpoints in <#CFIN> yet');
  });

  it('warns when there is no key, and when the channel could not be read', () => {
    const text = auditVerifyMessage(
      verification({ keyed: false, hashOnlyThrough: 44, checkpointsUnreadable: 'not_in_channel' }),
      'CFIN',
    ).text;
    expect(text).toContain('AUDIT_HMAC_KEY is not set');
    expect(text).toContain('Could not read the checkpoints in <#CFIN> (`not_in_channel`)');
  });

  it('names the first bad entry, what can still be trusted, the checkpoint that showed it and the posted one', () => {
    const text = auditVerifyMessage(
      verification({
        firstBreak: { seq: 43, reason: 'entries 43–44 are gone: …', intactThrough: 42, checkpoint },
        checkpoints: { total: 1, matched: 0, latest: checkpoint },
        posted: { ...checkpoint, seq: 42 },
      }),
      'CFIN',
    ).text;
    expect(text).toContain('The audit chain is broken at entry 43: entries 43–44 are gone');
    expect(text).toContain('Entries 1–42 can be trusted.');
    expect(text).toContain('Found with the checkpoint posted <!date^');
    expect(text).toContain('Posted a checkpoint of entry 42 to <#CFIN>');
  });
});
