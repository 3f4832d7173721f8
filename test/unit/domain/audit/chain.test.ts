import { BSON } from 'bson';
import { GENESIS_HASH, hashEntry, macEntry, verifyChain } from '../../../../src/domain/audit/chain';
import { type AuditCheckpoint, type AuditEntry, KEYED_MAC } from '../../../../src/domain/audit/types';

const KEY = Buffer.from('unit-test-audit-hmac-key-0123456789abcdef');
const OTHER_KEY = Buffer.from('another-audit-hmac-key-0123456789abcdef!!');
const actor = { kind: 'slack', teamId: 'T1', userId: 'UFIN0001' } as const;

type Fact = { amountCents: number; description?: string };

function content(seq: number, fact: Fact) {
  return {
    seq,
    at: new Date(Date.UTC(2026, 10, 2, 10, seq)),
    actor,
    action: 'topup.requested',
    subject: { type: 'topup', id: `TU-${String(seq).padStart(4, '0')}` },
    details: { ...fact },
  };
}

/** Entries 1..plain with the plain hash (written before the key), the rest keyed. */
function buildChain(facts: Fact[], options: { plain?: number; key?: Buffer } = {}): AuditEntry[] {
  const entries: AuditEntry[] = [];
  let prevHash = GENESIS_HASH;
  facts.forEach((fact, i) => {
    const seq = i + 1;
    const entry: AuditEntry =
      seq <= (options.plain ?? 0)
        ? { ...content(seq, fact), prevHash, hash: '' }
        : { ...content(seq, fact), mac: KEYED_MAC, prevHash, hash: '' };
    entry.hash =
      entry.mac === undefined ? hashEntry(prevHash, entry) : macEntry(options.key ?? KEY, prevHash, entry);
    entries.push(entry);
    prevHash = entry.hash;
  });
  return entries;
}

/** Recomputes the plain hash from `from` on, as someone with database access but no key can. */
function rechainPlain(entries: AuditEntry[], from: number, options: { dropMac: boolean }): AuditEntry[] {
  let prevHash = from === 1 ? GENESIS_HASH : (entries[from - 2] as AuditEntry).hash;
  return entries.map((entry) => {
    if (entry.seq < from) return entry;
    const { mac, ...rest } = entry;
    const rewritten: AuditEntry = options.dropMac ? { ...rest, prevHash } : { ...entry, prevHash };
    rewritten.hash = hashEntry(prevHash, rewritten);
    prevHash = rewritten.hash;
    return rewritten;
  });
}

function withAmount(entries: AuditEntry[], seq: number, amountCents: number): AuditEntry[] {
  return entries.map((entry) =>
    entry.seq === seq ? { ...entry, details: { ...entry.details, amountCents } } : entry,
  );
}

const fiveTopups: Fact[] = [200000, 900, 123456, 5, 777].map((amountCents) => ({ amountCents }));
const checkpointOf = (entry: AuditEntry): AuditCheckpoint => ({
  seq: entry.seq,
  mac: entry.hash,
  at: new Date(Date.UTC(2026, 10, 3)),
});

describe('macEntry', () => {
  const base = content(1, { amountCents: 900 });

  it('depends on the key, the previous MAC and every field, and is not the plain hash', () => {
    const mac = macEntry(KEY, GENESIS_HASH, base);
    expect(mac).toMatch(/^[0-9a-f]{64}$/);
    expect(mac).not.toBe(hashEntry(GENESIS_HASH, base));
    expect(macEntry(OTHER_KEY, GENESIS_HASH, base)).not.toBe(mac);
    expect(macEntry(KEY, 'f'.repeat(64), base)).not.toBe(mac);
    expect(macEntry(KEY, GENESIS_HASH, { ...base, details: { amountCents: 901 } })).not.toBe(mac);
    expect(macEntry(KEY, GENESIS_HASH, { ...base, actor: { ...actor, userId: 'UFIN0002' } })).not.toBe(mac);
    expect(macEntry(KEY, GENESIS_HASH, { ...base, subject: { type: 'topup', id: 'TU-9' } })).not.toBe(mac);
  });

  it('gives the same MAC for a lone surrogate and the U+FFFD the database stores for it', () => {
    const typed = { ...base, details: { description: 'Week \uD800 top-up', '\uDC00key': 'x' } };
    const stored = { ...base, details: { description: 'Week \uFFFD top-up', '\uFFFDkey': 'x' } };
    expect(macEntry(KEY, GENESIS_HASH, typed)).toBe(macEntry(KEY, GENESIS_HASH, stored));
  });
});

describe('verifyChain', () => {
  it('passes a keyed chain and says every entry is keyed', () => {
    const entries = buildChain(fiveTopups);
    const report = verifyChain(entries, { key: KEY });
    expect(report).toMatchObject({
      count: 5,
      keyedFrom: 1,
      problems: [],
      head: { seq: 5, mac: entries[4]?.hash },
    });
    expect(report.firstBreak).toBeUndefined();
    expect(report.hashOnlyThrough).toBeUndefined();
  });

  it('refuses a keyed chain checked with another key', () => {
    expect(verifyChain(buildChain(fiveTopups), { key: OTHER_KEY }).firstBreak).toMatchObject({ seq: 1 });
  });

  it('names the entry whose amount was changed and re-chained with the plain hash, mac label kept', () => {
    const tampered = rechainPlain(withAmount(buildChain(fiveTopups), 2, 90000), 2, { dropMac: false });
    expect(verifyChain(tampered, { key: KEY }).firstBreak).toEqual({
      seq: 2,
      reason: 'entry 2 was altered: its content no longer matches its MAC',
      intactThrough: 1,
    });
  });

  it('names the entry whose amount was changed and re-chained as if written before the key', () => {
    const tampered = rechainPlain(withAmount(buildChain(fiveTopups), 3, 1), 3, { dropMac: true });
    const report = verifyChain(tampered, { key: KEY });
    expect(report.firstBreak?.seq).toBe(3);
    expect(report.firstBreak?.reason).toContain(
      'has only a plain hash although the entries before it are keyed',
    );
  });

  it('catches the whole chain re-hashed without the key only with a checkpoint, naming the checkpointed entry', () => {
    const original = buildChain(fiveTopups);
    const tampered = rechainPlain(withAmount(original, 2, 1), 1, { dropMac: true });
    expect(verifyChain(tampered, { key: KEY }).firstBreak).toBeUndefined();
    const report = verifyChain(tampered, {
      key: KEY,
      checkpoints: [checkpointOf(original[3] as AuditEntry)],
    });
    expect(report.firstBreak).toMatchObject({ seq: 4, intactThrough: 0 });
    expect(report.firstBreak?.reason).toContain('an entry from 1 to 4 was changed and the chain recomputed');
  });

  it('catches a rewrite recomputed with the key after a checkpoint, and trusts what an earlier one covers', () => {
    const original = buildChain(fiveTopups);
    const rewritten = buildChain(
      fiveTopups.map((fact, i) => (i === 3 ? { amountCents: 1 } : fact)),
      { key: KEY },
    );
    const report = verifyChain(rewritten, {
      key: KEY,
      checkpoints: [checkpointOf(original[1] as AuditEntry), checkpointOf(original[4] as AuditEntry)],
    });
    expect(report.checkpoints).toMatchObject({ total: 2, matched: 1 });
    expect(report.firstBreak).toMatchObject({ seq: 5, intactThrough: 2 });
    expect(report.firstBreak?.reason).toContain('an entry from 3 to 5 was changed');
  });

  it('reports the newest entries deleted, from the checkpoint, naming the first one gone', () => {
    const entries = buildChain(fiveTopups);
    const report = verifyChain(entries.slice(0, 3), {
      key: KEY,
      checkpoints: [checkpointOf(entries[4] as AuditEntry)],
    });
    expect(report.firstBreak).toMatchObject({
      seq: 4,
      reason: 'entries 4–5 are gone: a checkpoint recorded entry 5, and the trail now ends at entry 3',
      intactThrough: 3,
    });
    expect(verifyChain(entries.slice(0, 3), { key: KEY }).firstBreak).toBeUndefined();
  });

  it('reports a gap in the middle, naming every missing entry', () => {
    const entries = buildChain([...fiveTopups, ...fiveTopups]);
    const gapped = entries.filter((entry) => entry.seq !== 4 && entry.seq !== 5);
    expect(verifyChain(gapped, { key: KEY }).firstBreak).toEqual({
      seq: 4,
      reason: 'entries 4–5 are missing (the next stored entry is 6): it was deleted',
      intactThrough: 3,
    });
  });

  it('checks entries written before the key by their plain hash and says where the keyed part starts', () => {
    const entries = buildChain(fiveTopups, { plain: 3 });
    expect(entries.map((entry) => entry.mac)).toEqual([
      undefined,
      undefined,
      undefined,
      KEYED_MAC,
      KEYED_MAC,
    ]);
    const report = verifyChain(entries, { key: KEY, checkpoints: [checkpointOf(entries[4] as AuditEntry)] });
    expect(report).toMatchObject({ count: 5, hashOnlyThrough: 3, keyedFrom: 4, problems: [] });
    expect(report.checkpoints).toMatchObject({ total: 1, matched: 1 });
  });

  it('protects the plain-hash part with the first keyed entry after it', () => {
    const entries = rechainPlain(withAmount(buildChain(fiveTopups, { plain: 3 }), 2, 1), 2, {
      dropMac: false,
    });
    const tampered = entries.map((entry, i) =>
      i < 3 ? entry : (buildChain(fiveTopups, { plain: 3 })[i] as AuditEntry),
    );
    const report = verifyChain(tampered, { key: KEY });
    expect(report.firstBreak).toMatchObject({ seq: 4, intactThrough: 0 });
    expect(report.firstBreak?.reason).toContain('entry 4 does not point at the hash of entry 3');
  });

  it('verifies an entry with a lone surrogate after a round trip through BSON, as MongoDB stores it', () => {
    const entry: AuditEntry = {
      ...content(1, { amountCents: 500, description: 'Week \uD800 top-up' }),
      mac: KEYED_MAC,
      prevHash: GENESIS_HASH,
      hash: '',
    };
    entry.hash = macEntry(KEY, GENESIS_HASH, entry);
    const stored = BSON.deserialize(BSON.serialize(entry)) as AuditEntry;
    expect(stored.details.description).toBe('Week \uFFFD top-up');
    expect(verifyChain([stored], { key: KEY }).firstBreak).toBeUndefined();
  });

  it('ignores a checkpoint seen twice and holds two different MACs for one entry against it', () => {
    const entries = buildChain(fiveTopups);
    const good = checkpointOf(entries[2] as AuditEntry);
    const forged = { ...good, mac: 'a'.repeat(64) };
    expect(verifyChain(entries, { key: KEY, checkpoints: [good, good] }).checkpoints).toMatchObject({
      total: 1,
      matched: 1,
    });
    expect(verifyChain(entries, { key: KEY, checkpoints: [good, forged] }).firstBreak?.seq).toBe(3);
  });
});
