/**
 * createOrgServer options: added latency (which request waits how long is tested in test/unit/http/latency.spec.ts),
 * and the API served without the Lightning UI.
 */
import type { AddressInfo } from 'node:net';
import { Connection } from '@jsforce/jsforce-node';
import { createOrgServer } from '../../emulator/http/server.js';
import type { OrgServerOptions } from '../../emulator/http/server.js';
import { USERS, expect, test } from './fixtures/emulator.fixture.js';

async function withServer(org: Parameters<typeof createOrgServer>[0], options: OrgServerOptions, run: (url: string) => Promise<void>): Promise<void> {
  const server = createOrgServer(org, { log: () => undefined, ...options });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

test('latency: an API answer waits at least the api delay', async ({ emulator }) => {
  await withServer(emulator.org, { latency: { apiMs: 150, uiMs: 0 } }, async (url) => {
    const conn = new Connection({ loginUrl: url });
    await conn.login(USERS.admin.username, USERS.admin.password);
    const start = performance.now();
    await conn.query('SELECT Id FROM Account LIMIT 1');
    expect(performance.now() - start).toBeGreaterThanOrEqual(145);
  });
});

test('latency: a Lightning page that renders waits at least the ui delay', async ({ emulator }) => {
  await withServer(emulator.org, { latency: { apiMs: 0, uiMs: 300 } }, async (url) => {
    const start = performance.now();
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(performance.now() - start).toBeGreaterThanOrEqual(295);
  });
});

test('lightning: false serves the API alone; / is an unknown route', async ({ emulator }) => {
  await withServer(emulator.org, { lightning: false }, async (url) => {
    const conn = new Connection({ loginUrl: url, instanceUrl: url });
    await conn.login(USERS.admin.username, USERS.admin.password);
    for (const route of ['/', '/lightning/page/home']) {
      const error = await conn.request({ method: 'GET', url: `${url}${route}` }).then(
        () => undefined,
        (err: { errorCode?: string }) => err.errorCode,
      );
      expect(error, route).toBe('NOT_FOUND');
    }
  });
});
