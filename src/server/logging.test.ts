import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { openTestStorage, seedUser, TEST_PASSWORD } from '../test/harness';
import { ORIGIN } from '../test/http';
import { buildApp } from './app';
import type { App } from './context';
import type { Storage } from '../db/database';

const lines: string[] = [];
let app: App;
let storage: Storage;

beforeAll(async () => {
  storage = await openTestStorage();
  await seedUser(storage, 'maria.gonzalez', [{ role: 'national_admin', territoryCode: 'VE' }]);
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  app = await buildApp(loadConfig({ logLevel: 'info' }), storage, { logStream });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await storage.close();
});

describe('server logs', () => {
  it('record each request by route pattern and request id, never names, passwords, paths or bodies', async () => {
    const headers = { origin: ORIGIN, host: 'localhost:80' };
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers,
      payload: { username: 'maria.gonzalez', password: TEST_PASSWORD },
    });
    const cookie = `adentro_session=${login.cookies[0]!.value}`;
    await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers,
      payload: { username: 'maria.gonzalez', password: 'wrong secret' },
    });
    await app.inject({
      method: 'GET',
      url: '/api/facilities?q=Consultorio%20Popular%20Josefa%20Camejo',
      headers: { cookie },
    });
    await app.inject({ method: 'GET', url: '/api/users/0190b0b0-0000-7000-8000-000000000001', headers: { cookie } });
    const log = lines.join('\n');
    expect(lines.length).toBeGreaterThanOrEqual(4);
    const request = lines.map((l) => JSON.parse(l)).find((entry) => entry.route === '/api/facilities');
    expect(request).toMatchObject({ method: 'GET', route: '/api/facilities', status: 200 });
    expect(request.requestId).toMatch(/^[0-9a-f-]{36}$/);
    for (const secret of [
      'maria',
      'gonzalez',
      TEST_PASSWORD,
      'wrong secret',
      'Josefa',
      'Camejo',
      '0190b0b0-0000-7000-8000-000000000001',
      'adentro_session',
    ]) {
      expect(log).not.toContain(secret);
    }
  });
});
