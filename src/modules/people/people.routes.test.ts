import { generateKeyPairSync } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, seedUser, TEST_PASSWORD, type TestContext } from '../../test/harness';
import { loginAs, ORIGIN, type Client } from '../../test/http';
import { takeCheckpoint } from '../integrity/checkpoint.service';
import { CREDENTIALS_REUSED_FOR_MS } from './credential-cache';

let t: TestContext;
let admin: Client;
let capitalCoordinator: Client;
let zuliaUserId: string;
let postId: string;

const login = (username: string, password: string, ip = '10.0.0.1') =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress: ip,
    headers: { origin: ORIGIN, host: 'localhost:80' },
    payload: { username, password },
  });

beforeAll(async () => {
  t = await createTestApp();
  await seedUser(t.storage, 'admin', [{ role: 'national_admin', territoryCode: 'VE' }]);
  await seedUser(t.storage, 'coord-dc', [{ role: 'territory_coordinator', territoryCode: 'VE-A' }]);
  zuliaUserId = await seedUser(t.storage, 'coord-zulia', [{ role: 'territory_coordinator', territoryCode: 'VE-V' }]);
  await seedUser(t.storage, 'auditora', [{ role: 'auditor', territoryCode: 'VE' }]);
  admin = await loginAs(t.app, 'admin');
  capitalCoordinator = await loginAs(t.app, 'coord-dc');
  postId = (
    await admin.post('/api/facilities', {
      code: 'VE-A-CP-0001',
      name: 'Consultorio Popular Catia 1',
      kind: 'consultorio_popular',
      parishCode: 'VE-A-01-22',
      status: 'operating',
    })
  ).json().id;
});
afterAll(() => t.close());

describe('logging in and out', () => {
  it('logs in with a password and sets an httpOnly, same-site session cookie', async () => {
    const response = await login('admin', TEST_PASSWORD);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      username: 'admin',
      roles: [{ role: 'national_admin', territoryCode: 'VE' }],
    });
    const cookie = response.cookies.find((c) => c.name === 'adentro_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(response.json()).not.toHaveProperty('passwordHash');
  });

  it('refuses a wrong password or an unknown user with the same answer', async () => {
    const wrong = await login('admin', 'not the password', '10.0.0.2');
    const unknown = await login('nobody', 'not the password', '10.0.0.2');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().detail).toBe(unknown.json().detail);
  });

  it('slows down guessing: the sixth wrong password in a row is refused with 429 even when right', async () => {
    for (let i = 0; i < 5; i++) expect((await login('coord-zulia', 'guess', '10.0.0.3')).statusCode).toBe(401);
    const blocked = await login('coord-zulia', TEST_PASSWORD, '10.0.0.3');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().code).toBe('TOO_MANY_ATTEMPTS');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await login('coord-zulia', TEST_PASSWORD, '10.0.0.4')).statusCode).toBe(200);
  });

  it('ends the session on logout', async () => {
    const client = await loginAs(t.app, 'coord-dc');
    expect((await client.get('/api/me')).statusCode).toBe(200);
    expect((await client.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await client.get('/api/me')).statusCode).toBe(401);
  });

  it('stops honouring a session at its expiry, even one it has just looked up', async () => {
    const client = await loginAs(t.app, 'coord-dc');
    const ownSession = sql`(SELECT id FROM users WHERE username = 'coord-dc')`;
    await sql`UPDATE sessions SET expires_at = now() + interval '2 seconds' WHERE user_id = ${ownSession}`.execute(
      t.storage.db,
    );
    expect((await client.get('/api/me')).statusCode).toBe(200);
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 2_500 });
    try {
      expect((await client.get('/api/me')).statusCode).toBe(401);
    } finally {
      vi.useRealTimers();
    }
    capitalCoordinator = await loginAs(t.app, 'coord-dc');
  });

  it('honours a session ended by another server for a few seconds at most', async () => {
    const client = await loginAs(t.app, 'auditora');
    expect((await client.get('/api/me')).statusCode).toBe(200);
    // Another process on the same database ends it: this server learns of it when it next asks.
    await sql`DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE username = 'auditora')`.execute(
      t.storage.db,
    );
    expect((await client.get('/api/me')).statusCode).toBe(200);
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + CREDENTIALS_REUSED_FOR_MS });
    try {
      expect((await client.get('/api/me')).statusCode).toBe(401);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('the logged-in user', () => {
  it('saves the chosen interface language, and names the territory of each role', async () => {
    const client = await loginAs(t.app, 'coord-dc');
    const changed = await client.patch('/api/me', { locale: 'en' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      locale: 'en',
      roles: [{ territoryCode: 'VE-A', territoryName: 'Distrito Capital' }],
    });
    expect((await client.get('/api/me')).json().locale).toBe('en');
    const bad = await client.patch('/api/me', { locale: 'fr' });
    expect(bad.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'locale', code: 'invalid_value' }],
    });
    await client.patch('/api/me', { locale: 'es' });
  });
});

describe('API tokens for machines', () => {
  it('creates a bearer token that acts as its user until revoked', async () => {
    const created = await admin.post('/api/tokens', { name: 'Exportador nocturno' });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json();
    expect(token).toMatch(/^adt_/);
    const asMachine = await t.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(asMachine.json().username).toBe('admin');
    const write = await t.app.inject({
      method: 'POST',
      url: '/api/sectors',
      headers: { authorization: `Bearer ${token}` },
      payload: { parishCode: 'VE-A-01-22', name: 'Sector Máquina' },
    });
    expect(write.statusCode).toBe(201);
    expect((await admin.get('/api/tokens')).json()[0]).toMatchObject({
      id,
      name: 'Exportador nocturno',
      revokedAt: null,
    });
    expect((await admin.delete(`/api/tokens/${id}`)).statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });
    expect(after.statusCode).toBe(401);
  });

  it('never stores the token itself', async () => {
    const { token } = (await admin.post('/api/tokens', { name: 'Otro' })).json();
    const rows = await t.storage.db.selectFrom('api_tokens').select('token_hash').execute();
    expect(rows.map((r) => r.token_hash)).not.toContain(token);
  });

  it("answers another user's token with a 404", async () => {
    const { id } = (await admin.post('/api/tokens', { name: 'Ajeno' })).json();
    expect((await capitalCoordinator.delete(`/api/tokens/${id}`)).statusCode).toBe(404);
  });
});

describe('users and scoped access', () => {
  it('lets a coordinator create a user with a role inside their territory', async () => {
    const response = await capitalCoordinator.post('/api/users', {
      username: 'Dra.Perez',
      displayName: 'Dra. Carmen Pérez',
      password: 'una clave larga',
      roles: [{ role: 'facility_clinician', facilityId: postId }],
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      username: 'dra.perez',
      roles: [
        {
          role: 'facility_clinician',
          facilityId: postId,
          facilityName: 'Consultorio Popular Catia 1',
          territoryCode: 'VE-A-01-22',
        },
      ],
    });
    const doctor = await loginAs(t.app, 'dra.perez', 'una clave larga');
    const permissions = (await doctor.get('/api/me')).json().permissions;
    expect(permissions).toEqual(expect.arrayContaining(['network.read', 'care.read', 'census.write']));
    expect(permissions).not.toContain('network.manage');
    expect(permissions).not.toContain('users.read');
  });

  it('refuses a coordinator creating a role outside their territory', async () => {
    const response = await capitalCoordinator.post('/api/users', {
      username: 'intruso',
      displayName: 'Intruso',
      password: 'una clave larga',
      roles: [{ role: 'territory_coordinator', territoryCode: 'VE-V' }],
    });
    expect(response.statusCode).toBe(403);
    expect(
      await t.storage.db.selectFrom('users').select('id').where('username', '=', 'intruso').executeTakeFirst(),
    ).toBeUndefined();
  });

  it('answers 404, not 403, for a user outside your territory, and logs the denied access', async () => {
    const before = await t.storage.db
      .selectFrom('access_denials')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const response = await capitalCoordinator.get(`/api/users/${zuliaUserId}`);
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'USER_NOT_FOUND', detail: 'User not found' });
    const missing = await capitalCoordinator.get('/api/users/0190b0b0-0000-7000-8000-000000000000');
    expect(missing.json()).toEqual({ ...response.json(), instance: missing.json().instance });
    const after = await t.storage.db
      .selectFrom('access_denials')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n) + 1);
    expect((await admin.get(`/api/users/${zuliaUserId}`)).statusCode).toBe(200);
  });

  it('lists only the users with a role in your territory', async () => {
    const names = (await capitalCoordinator.get('/api/users')).json().map((u: { username: string }) => u.username);
    expect(names).toContain('dra.perez');
    expect(names).toContain('coord-dc');
    expect(names).not.toContain('coord-zulia');
    expect(names).not.toContain('admin');
  });

  it('refuses bad user input, naming the field', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [
        {
          username: 'x',
          displayName: 'X',
          password: 'una clave larga',
          roles: [{ role: 'nurse', facilityId: postId }],
        },
        'VALIDATION_FAILED',
        'username',
      ],
      [
        { username: 'corta', displayName: 'Corta', password: 'corta', roles: [{ role: 'nurse', facilityId: postId }] },
        'VALIDATION_FAILED',
        'password',
      ],
      [
        { username: 'sinrol', displayName: 'Sin Rol', password: 'una clave larga', roles: [] },
        'VALIDATION_FAILED',
        'roles',
      ],
      [
        {
          username: 'mal',
          displayName: 'Mal',
          password: 'una clave larga',
          roles: [{ role: 'nurse', territoryCode: 'VE-A' }],
        },
        'INVALID_ROLE_SCOPE',
        'roles.0.facilityId',
      ],
      [
        {
          username: 'mal2',
          displayName: 'Mal',
          password: 'una clave larga',
          roles: [{ role: 'territory_coordinator', territoryCode: 'VE-A-99' }],
        },
        'UNKNOWN_TERRITORY',
        'roles.0.territoryCode',
      ],
      [
        {
          username: 'mal3',
          displayName: 'Mal',
          password: 'una clave larga',
          roles: [{ role: 'wizard', territoryCode: 'VE' }],
        },
        'VALIDATION_FAILED',
        'roles.0.role',
      ],
      [
        {
          username: 'admin',
          displayName: 'Otro admin',
          password: 'una clave larga',
          roles: [{ role: 'auditor', territoryCode: 'VE' }],
        },
        'DUPLICATE_USERNAME',
        'username',
      ],
    ];
    for (const [body, code, field] of cases) {
      const response = await admin.post('/api/users', body);
      expect(response.json().code, JSON.stringify(body)).toBe(code);
      expect(response.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });
});

describe('auditing', () => {
  it('lets an auditor verify the ledger over the API, and nobody without the permission', async () => {
    const auditor = await loginAs(t.app, 'auditora');
    const result = (await auditor.get('/api/integrity/verify')).json();
    expect(result).toMatchObject({ ok: true });
    expect(result.entries).toBeGreaterThan(1500);
    expect((await capitalCoordinator.get('/api/integrity/verify')).statusCode).toBe(403);
    const denials = (await auditor.get('/api/integrity/denials')).json();
    expect(denials[0]).toMatchObject({ route: '/api/integrity/verify', reason: 'lacks audit.read' });
  });

  it('lets an auditor fetch the signed checkpoints, newest first', async () => {
    const key = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const first = await takeCheckpoint(t.storage.db, key);
    const second = await takeCheckpoint(t.storage.db, key);
    const auditor = await loginAs(t.app, 'auditora');
    const listed = await auditor.get('/api/integrity/checkpoints?limit=2');
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json()).toEqual([second, first]);
    expect((await capitalCoordinator.get('/api/integrity/checkpoints')).statusCode).toBe(403);
  });
});
