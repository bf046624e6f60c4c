import type { LightMyRequestResponse } from 'fastify';
import type { App } from '../server/context';
import { TEST_PASSWORD } from './harness';

export const ORIGIN = 'http://localhost:80';

/** A logged-in browser-like client: keeps the session cookie and sends a same-origin Origin. */
export async function loginAs(app: App, username: string, password = TEST_PASSWORD) {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { origin: ORIGIN, host: 'localhost:80' },
    payload: { username, password },
  });
  if (response.statusCode !== 200)
    throw new Error(`login as ${username} failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'adentro_session')!;
  const headers = { cookie: `adentro_session=${cookie.value}`, origin: ORIGIN, host: 'localhost:80' };
  const call = (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
  ): Promise<LightMyRequestResponse> =>
    app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  return {
    get: (url: string) => call('GET', url),
    post: (url: string, payload?: unknown) => call('POST', url, payload ?? {}),
    patch: (url: string, payload: unknown) => call('PATCH', url, payload),
    delete: (url: string) => call('DELETE', url),
    headers,
  };
}
export type Client = Awaited<ReturnType<typeof loginAs>>;
