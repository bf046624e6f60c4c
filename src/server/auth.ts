import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { accessForApiToken, accessForSession } from '../modules/people/auth.service';
import { AccessDenied } from './access';
import type { App } from './context';

export const SESSION_COOKIE = 'adentro_session';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The origin this server is reached at, for comparing with a request's Origin header. */
function ownOrigin(request: FastifyRequest, configured: string | undefined): string {
  return configured ?? `${request.protocol}://${request.host}`;
}

function originOf(request: FastifyRequest): string | undefined {
  const origin = request.headers.origin;
  if (origin) return origin;
  const referer = request.headers.referer;
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return 'invalid';
  }
}

/**
 * Resolves who is calling: a bearer API token (machines) or the session cookie (people). A
 * state-changing request carried by the cookie must come from our own origin: browsers send
 * Origin on such requests, and a cross-site page cannot forge it.
 */
export const authentication = fp(async (app: App) => {
  app.decorateRequest('access', null);
  app.decorateRequest('authVia', null);
  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      request.access = (await accessForApiToken(app.db, header.slice(7).trim())) ?? null;
      request.authVia = request.access ? 'token' : null;
      return;
    }
    const origin = originOf(request);
    if (UNSAFE.has(request.method) && origin !== undefined && origin !== ownOrigin(request, app.config.publicOrigin)) {
      throw new AccessDenied('CROSS_SITE_REQUEST', 'origin mismatch');
    }
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    request.access = (await accessForSession(app.db, token)) ?? null;
    request.authVia = request.access ? 'session' : null;
    if (request.access && UNSAFE.has(request.method) && origin === undefined) {
      throw new AccessDenied('CROSS_SITE_REQUEST', 'no origin on a cookie-authenticated write');
    }
  });
});
