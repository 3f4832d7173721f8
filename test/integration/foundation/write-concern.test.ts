import type { CommandStartedEvent } from 'mongodb';
import { connectDatabase, WRITE_CONCERN } from '../../../src/db/connection';
import { createLogger } from '../../../src/logger';
import { ACTIONS } from '../../../src/slack/ids';
import { FINANCE, FINANCE_CHANNEL } from '../../support/config';
import { ENV_MONGODB_URI } from '../../support/peers';
import { startWorld } from '../../support/world';

const WRITE_COMMANDS = new Set(['insert', 'update', 'delete', 'findAndModify']);
/** What the driver puts on the wire for WRITE_CONCERN. */
const ON_THE_WIRE = { w: 'majority', j: true, wtimeout: WRITE_CONCERN.wtimeoutMS };

/**
 * A deployment URI that asks for weaker settings; the connection's own options must win.
 * monitorCommands only lets this test see the commands sent.
 */
const weakUri = () =>
  `${process.env[ENV_MONGODB_URI]}?monitorCommands=true&w=1&journal=false&retryWrites=false&retryReads=false`;

describe('production write settings', () => {
  it('sets majority + journal, retryable writes and reads and the given selection timeout on the client, over the URI', async () => {
    const db = await connectDatabase({
      uri: weakUri(),
      dbName: 'write_concern_options',
      logger: createLogger({ level: 'silent' }),
      serverSelectionTimeoutMS: 15_000,
    });
    try {
      const options = db.connection.getClient().options;
      expect(options.writeConcern).toMatchObject({ w: 'majority', journal: true, wtimeoutMS: 10_000 });
      expect(options.retryWrites).toBe(true);
      expect(options.retryReads).toBe(true);
      expect(options.serverSelectionTimeoutMS).toBe(15_000);
      // Every model's collection inherits it, the audit trail's included.
      for (const model of Object.values(db.models)) {
        const driverCollection = db.connection.db?.collection(model.collection.name);
        expect(driverCollection?.writeConcern).toMatchObject({ w: 'majority', journal: true });
      }
    } finally {
      await db.close();
    }
  });

  it('sends w:majority, j:true with every write of a top-up from request to Stripe, audit lines included', async () => {
    const world = await startWorld({ mongodbUri: weakUri() });
    try {
      world.stripe.setAvailableBalance(100_000);
      const writes: CommandStartedEvent[] = [];
      world.dbs[0]?.connection.getClient().on('commandStarted', (event) => {
        if (WRITE_COMMANDS.has(event.commandName)) writes.push(event);
      });
      await world.send.command({ userId: FINANCE.one, command: '/topup', text: '250 write concern probe' });
      await world.drain();
      const ts = world.slack.messages(FINANCE_CHANNEL).at(-1)?.ts as string;
      await world.send.blockAction({
        userId: FINANCE.two,
        actionId: ACTIONS.approveTopup,
        channelId: FINANCE_CHANNEL,
        messageTs: ts,
      });
      await world.drain();

      expect(world.stripe.listTopups()).toHaveLength(1);
      const written = new Set(writes.map((event) => String(event.command[event.commandName])));
      expect(written).toContain('topups');
      expect(written).toContain('auditEvents');
      expect(writes.filter((event) => event.commandName === 'findAndModify').length).toBeGreaterThan(0);
      for (const event of writes) {
        expect({ command: event.commandName, writeConcern: event.command.writeConcern }).toEqual({
          command: event.commandName,
          writeConcern: ON_THE_WIRE,
        });
      }
      console.log(
        `write concern: ${writes.length} writes to ${[...written].sort().join(', ')}, each w:majority j:true`,
      );
    } finally {
      await world.stop();
    }
  }, 60_000);
});
