import { connectDatabase } from '../../../src/db/connection';
import { startMongoPeer } from '../../../src/db/peers/mongo-peer';
import { createLogger } from '../../../src/logger';
import { startTestPaydesk, type TestPaydesk } from '../../support/paydesk';

describe('health endpoints', () => {
  it('/healthz answers 200 while the process is up', async () => {
    const app = await startTestPaydesk();
    try {
      const response = await fetch(`${app.url}/healthz`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok' });
    } finally {
      await app.stop();
    }
  });

  it('/readyz answers 200 with the database up and 503 within 3 s once the database server is stopped', async () => {
    // A database server of this test's own, so stopping it touches no other test.
    const peer = await startMongoPeer({ skipMongod: true });
    const db = await connectDatabase({
      uri: peer.uri,
      dbName: 'readyz',
      logger: createLogger({ level: 'silent' }),
    });
    let app: TestPaydesk | undefined;
    try {
      app = await startTestPaydesk({ db });
      const up = await fetch(`${app.url}/readyz`);
      expect(up.status).toBe(200);
      expect(await up.json()).toEqual({
        status: 'ready',
        checks: {
          database: { ok: true, detail: 'answers' },
          inbox: { ok: true, detail: 'nothing waiting' },
          reconciler: { ok: true, detail: 'not run on this replica' },
        },
      });

      await peer.stop();
      const started = Date.now();
      const down = await fetch(`${app.url}/readyz`);
      const elapsed = Date.now() - started;
      expect(down.status).toBe(503);
      expect(await down.json()).toEqual({
        status: 'not ready',
        checks: {
          database: { ok: false, detail: 'unreachable' },
          inbox: { ok: false, detail: 'not checked: the database is unreachable' },
          reconciler: { ok: false, detail: 'not checked: the database is unreachable' },
        },
      });
      expect(elapsed).toBeLessThan(3000);
      // /healthz is about the process, not the database.
      expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    } finally {
      await app?.stop();
      await db.close().catch(() => {});
      await peer.stop();
    }
  });

  it('answers 404 for paths nobody serves', async () => {
    const app = await startTestPaydesk();
    try {
      expect((await fetch(`${app.url}/wp-admin`)).status).toBe(404);
    } finally {
      await app.stop();
    }
  });
});
