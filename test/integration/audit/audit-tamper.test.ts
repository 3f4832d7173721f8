import { leasesRepository } from '../../../src/db/repositories/leases';
import { GENESIS_HASH, hashEntry, macEntry } from '../../../src/domain/audit/chain';
import { startAuditCheckpoints } from '../../../src/domain/audit/checkpoint-runner';
import { type AuditEntry, KEYED_MAC } from '../../../src/domain/audit/types';
import { createLogger } from '../../../src/logger';
import { FINANCE, FINANCE_CHANNEL, TEST_SECRETS } from '../../support/config';
import { startWorld, type World } from '../../support/world';

const CHECKPOINT_EVENT = 'paydesk_audit_checkpoint';

async function ask(world: World, text: string): Promise<string> {
  await world.send.command({ userId: FINANCE.two, command: '/payouts', text });
  await world.drain();
  return world.slack.ephemerals(FINANCE.two).at(-1)?.text ?? '';
}

async function requestTopups(world: World, count: number): Promise<void> {
  for (let i = 1; i <= count; i += 1) {
    await world.send.command({
      userId: FINANCE.one,
      command: '/topup',
      text: `${100 * i} Weekly top-up ${i}`,
    });
    await world.drain();
  }
}

async function storedEntries(world: World): Promise<AuditEntry[]> {
  return world.app.db.models.auditEvents.find({}, { _id: 0 }).sort({ seq: 1 }).lean<AuditEntry[]>();
}

async function setAmount(world: World, seq: number, amountCents: number): Promise<void> {
  await world.app.db.models.auditEvents.collection.updateOne(
    { seq },
    { $set: { 'details.amountCents': amountCents } },
  );
}

/**
 * What someone with database access but without the key can do: recompute every hash from `from`
 * on with the plain hash function, keeping the `mac` label or dropping it to pass as old entries.
 */
async function rechainWithPlainHash(
  world: World,
  from: number,
  options: { dropMac: boolean; through?: number },
): Promise<void> {
  const entries = await storedEntries(world);
  let prevHash = from === 1 ? GENESIS_HASH : (entries[from - 2] as AuditEntry).hash;
  const through = options.through ?? Number.POSITIVE_INFINITY;
  for (const entry of entries.filter((candidate) => candidate.seq >= from && candidate.seq <= through)) {
    const hash = hashEntry(prevHash, entry);
    await world.app.db.models.auditEvents.collection.updateOne(
      { seq: entry.seq },
      options.dropMac ? { $set: { prevHash, hash }, $unset: { mac: '' } } : { $set: { prevHash, hash } },
    );
    prevHash = hash;
  }
}

function checkpointMessages(world: World) {
  return world.slack
    .messages(FINANCE_CHANNEL)
    .filter(
      (message) => (message.metadata as { event_type?: string } | undefined)?.event_type === CHECKPOINT_EVENT,
    );
}

describe('a tampered audit trail is caught', () => {
  let world: World;
  afterEach(() => world.stop());

  describe('with one replica', () => {
    beforeEach(async () => {
      world = await startWorld();
    });

    it('names an old amount changed and re-chained with the plain hash, however it is labelled', async () => {
      await requestTopups(world, 4);
      expect(await ask(world, 'audit verify')).toContain('4 entries, chain intact');
      expect((await storedEntries(world)).map((entry) => entry.mac)).toEqual(Array(4).fill(KEYED_MAC));

      await setAmount(world, 2, 1);
      await rechainWithPlainHash(world, 2, { dropMac: false });
      const relabelledNot = await ask(world, 'audit verify');
      expect(relabelledNot).toContain(
        'broken at entry 2: entry 2 was altered: its content no longer matches its MAC. Entry 1 can be trusted.',
      );

      await rechainWithPlainHash(world, 2, { dropMac: true });
      expect(await ask(world, 'audit verify')).toContain(
        'broken at entry 2: entry 2 has only a plain hash although the entries before it are keyed',
      );

      // Passing off the whole chain as written before the key leaves no seam; the checkpoint shows it.
      await rechainWithPlainHash(world, 1, { dropMac: true });
      const downgraded = await ask(world, 'audit verify');
      expect(downgraded).toContain(
        'broken at entry 4: entry 4 no longer has the MAC a checkpoint recorded: an entry from 1 to 4 was changed and the chain recomputed',
      );
    });

    it('catches the newest two entries deleted with the checkpoint verify posted, naming the first one gone', async () => {
      await requestTopups(world, 5);
      const verified = await ask(world, 'audit verify');
      expect(verified).toContain('5 entries, chain intact');
      expect(verified).toContain(`Posted a checkpoint of entry 5 to <#${FINANCE_CHANNEL}>`);
      const [checkpoint] = checkpointMessages(world);
      expect(checkpoint?.user).toBe(world.slack.botUserId);
      expect(checkpoint?.metadata).toMatchObject({
        event_payload: { seq: 5, mac: (await storedEntries(world))[4]?.hash },
      });

      await world.app.db.models.auditEvents.collection.deleteMany({ seq: { $in: [4, 5] } });
      const truncated = await ask(world, 'audit verify');
      expect(truncated).toContain(
        'broken at entry 4: entries 4–5 are gone: a checkpoint recorded entry 5, and the trail now ends at entry 3. Entries 1–3 can be trusted.',
      );
      expect(truncated).toContain('Found with the checkpoint posted');
    });

    it("counts only Paydesk's own checkpoints: a look-alike posted by someone else is ignored", async () => {
      await requestTopups(world, 2);
      world.slack.postAsUser({
        channel: FINANCE_CHANNEL,
        user: FINANCE.one,
        text: 'Audit checkpoint: entry 99',
        metadata: {
          event_type: CHECKPOINT_EVENT,
          event_payload: { seq: 99, mac: 'a'.repeat(64), at: new Date().toISOString() },
        },
      });
      const first = await ask(world, 'audit verify');
      expect(first).toContain('2 entries, chain intact');
      expect(first).toContain(`No checkpoints in <#${FINANCE_CHANNEL}> yet`);
      const second = await ask(world, 'audit verify');
      expect(second).toContain('2 entries, chain intact');
      expect(second).toContain(`Matches all 1 checkpoint in <#${FINANCE_CHANNEL}> (latest: entry 2`);
    });

    it('catches a rewrite recomputed with the key, since the checkpoint', async () => {
      await requestTopups(world, 4);
      expect(await ask(world, 'audit verify')).toContain('chain intact');
      const key = Buffer.from(TEST_SECRETS.auditHmacKey);
      let prevHash = (await storedEntries(world))[0]?.hash as string;
      for (const entry of (await storedEntries(world)).slice(1)) {
        const changed = { ...entry, prevHash, details: { ...entry.details, amountCents: 1 } };
        const hash = macEntry(key, prevHash, changed);
        await world.app.db.models.auditEvents.collection.updateOne(
          { seq: entry.seq },
          { $set: { prevHash, hash, details: changed.details } },
        );
        prevHash = hash;
      }
      expect(await ask(world, 'audit verify')).toContain(
        'broken at entry 4: entry 4 no longer has the MAC a checkpoint recorded: an entry from 1 to 4 was changed and the chain recomputed',
      );
    });

    it('keeps a lone surrogate typed into the form verifiable and readable, and still catches tampering after it', async () => {
      await world.send.command({ userId: FINANCE.one, command: '/topup', text: '' });
      await world.drain();
      const modal = world.slack.views().at(-1);
      expect(modal?.view.callback_id).toBe('topup_request_modal');
      const submitted = await world.send.viewSubmission({
        userId: FINANCE.one,
        viewId: modal?.id,
        values: {
          amount: { amount_input: '250' },
          description: { description_input: 'Week \uD800 top-up' },
          statement_descriptor: { statement_descriptor_input: 'Weekly top-up' },
        },
      });
      expect(submitted.status).toBe(200);
      await world.drain();
      await requestTopups(world, 1);

      const [entry] = await storedEntries(world);
      expect(entry?.details.description).toBe('Week \uFFFD top-up');
      expect(await ask(world, 'audit verify')).toContain('2 entries, chain intact');
      const latest = await ask(world, 'audit');
      expect(latest).toMatch(/`#1` .* requested top-up TU-\d+ · \$250\.00 · “Week \uFFFD top-up”/);

      await setAmount(world, 1, 25);
      expect(await ask(world, 'audit verify')).toContain(
        'broken at entry 1: entry 1 was altered: its content no longer matches its MAC',
      );
    });

    it('checks entries written before the key by hash, continues the chain keyed, and says which part is which', async () => {
      const actor = { kind: 'system', process: 'before-the-key' } as const;
      let prevHash = GENESIS_HASH;
      for (let seq = 1; seq <= 3; seq += 1) {
        const legacy: AuditEntry = {
          seq,
          at: new Date(Date.UTC(2025, 0, seq)),
          actor,
          action: 'topup.requested',
          subject: { type: 'topup', id: `OLD-${seq}` },
          details: { amountCents: 1000 * seq },
          prevHash,
          hash: '',
        };
        legacy.hash = hashEntry(prevHash, legacy);
        await world.app.db.models.auditEvents.collection.insertOne({ ...legacy });
        prevHash = legacy.hash;
      }
      await requestTopups(world, 2);

      const entries = await storedEntries(world);
      expect(entries.map((entry) => entry.mac)).toEqual([
        undefined,
        undefined,
        undefined,
        KEYED_MAC,
        KEYED_MAC,
      ]);
      expect(entries[3]?.prevHash).toBe(entries[2]?.hash);
      const verified = await ask(world, 'audit verify');
      expect(verified).toContain('5 entries, chain intact');
      expect(verified).toContain(
        'Entries 1–3 were written before the keyed chain and are checked by hash only; from 4 on, keyed',
      );

      // The old part re-hashed after a change; the keyed entries are left as they are (no key).
      await setAmount(world, 2, 1);
      await rechainWithPlainHash(world, 2, { dropMac: true, through: 3 });
      expect((await storedEntries(world)).slice(3).map((entry) => entry.mac)).toEqual([KEYED_MAC, KEYED_MAC]);
      expect(await ask(world, 'audit verify')).toContain(
        'broken at entry 4: entry 4 does not point at the hash of entry 3: it or an entry up to 3 (checked by hash only) was changed',
      );
    });

    it('says so when it cannot read the checkpoints, and still checks the chain', async () => {
      await requestTopups(world, 2);
      world.slack.setBotMembership(FINANCE_CHANNEL, false);
      const answer = await ask(world, 'audit verify');
      expect(answer).toContain('2 entries, chain intact');
      expect(answer).toContain(
        `Could not read the checkpoints in <#${FINANCE_CHANNEL}> (\`not_in_channel\`)`,
      );
      expect(answer).toContain('Could not post a checkpoint');
    });
  });

  it('posts the daily checkpoint from one replica only, once a day and only when the head moved', async () => {
    let now = new Date();
    world = await startWorld({ replicas: 2, clock: () => now });
    await requestTopups(world, 3);
    const logger = createLogger({ level: 'silent' });
    const runners = world.apps.map((app) =>
      startAuditCheckpoints({
        audit: app.services.audit,
        leases: leasesRepository(app.db.models),
        clock: () => now,
        logger,
      }),
    );
    try {
      const first = await Promise.all(runners.map((runner) => runner.runOnce()));
      expect(first.filter(Boolean)).toEqual([expect.objectContaining({ seq: 3 })]);
      expect(checkpointMessages(world)).toHaveLength(1);

      await Promise.all(runners.map((runner) => runner.runOnce()));
      await requestTopups(world, 1);
      now = new Date(now.getTime() + 2 * 60 * 60 * 1000);
      await Promise.all(runners.map((runner) => runner.runOnce()));
      expect(checkpointMessages(world)).toHaveLength(1);

      now = new Date(now.getTime() + 25 * 60 * 60 * 1000);
      const nextDay = await Promise.all(runners.map((runner) => runner.runOnce()));
      expect(nextDay.filter(Boolean)).toEqual([expect.objectContaining({ seq: 4 })]);
      expect(checkpointMessages(world)).toHaveLength(2);
      expect(await ask(world, 'audit verify')).toContain('Matches all 2 checkpoints');
    } finally {
      for (const runner of runners) await runner.stop();
    }
  });
});
