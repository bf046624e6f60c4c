import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedUser, testEngine, type TestContext } from '../test/harness';
import { loginAs, ORIGIN } from '../test/http';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
  await seedUser(t.storage, 'admin', [{ role: 'national_admin', territoryCode: 'VE' }]);
});
afterAll(() => t.close());

describe('the HTTP application', () => {
  it('answers the health check with the database in use', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok', database: testEngine });
  });

  it('gives every response a request id and security headers', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBeDefined();
  });

  it('serves the OpenAPI description at /api/docs', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(response.statusCode).toBe(200);
    const spec = response.json();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/facilities', '/api/territories/{code}', '/api/auth/login']),
    );
    const page = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
  });

  it('answers an unknown API route with a problem+json 404', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('refuses API calls without a login', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/facilities' });
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe('UNAUTHENTICATED');
  });

  it('answers a malformed JSON body with a 400 that says so', async () => {
    const client = await loginAs(t.app, 'admin');
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/facilities',
      headers: { ...client.headers, 'content-type': 'application/json' },
      payload: '{"code": "X',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'MALFORMED_BODY' });
  });

  it('refuses a write from another site that carries the session cookie', async () => {
    const client = await loginAs(t.app, 'admin');
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/sectors',
      headers: { ...client.headers, origin: 'https://evil.example' },
      payload: { parishCode: 'VE-A-01-22', name: 'Los Frailes' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('CROSS_SITE_REQUEST');
    const withoutOrigin = await t.app.inject({
      method: 'POST',
      url: '/api/sectors',
      headers: { cookie: client.headers.cookie },
      payload: { parishCode: 'VE-A-01-22', name: 'Los Frailes' },
    });
    expect(withoutOrigin.statusCode).toBe(403);
    const sectors = await t.storage.db.selectFrom('sectors').selectAll().execute();
    expect(sectors).toHaveLength(0);
    expect(ORIGIN).toContain('localhost');
  });
});
