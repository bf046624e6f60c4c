import { z } from 'zod';
import { AppError } from '../../server/errors';
import { SESSION_COOKIE } from '../../server/auth';
import { accessOf, type App } from '../../server/context';
import { changeOwnLocale, describeAccess, login, logout } from './auth.service';
import {
  createTokenBody,
  createUserBody,
  loginBody,
  meSchema,
  tokenSchema,
  updateMeBody,
  userIdParams,
  userSchema,
} from './people.schema';
import { createApiToken, listApiTokens, revokeApiToken } from './token.service';
import { createUser, getUser, listUsers } from './user.service';

export async function peopleRoutes(app: App) {
  app.post('/api/auth/login', {
    schema: {
      tags: ['people'],
      summary: 'Log in with a username and password; sets the session cookie',
      body: loginBody,
      response: { 200: meSchema },
    },
    handler: async (request, reply) => {
      const session = await login(app.db, {
        ...request.body,
        address: request.ip,
        sessionHours: app.config.sessionHours,
      });
      void reply.setCookie(SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: app.config.secureCookies,
        path: '/',
        expires: session.expiresAt,
      });
      return describeAccess(session.access);
    },
  });

  app.post('/api/auth/logout', {
    schema: { tags: ['people'], summary: 'End the session' },
    handler: async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await logout(app.db, token);
      return reply.clearCookie(SESSION_COOKIE, { path: '/' }).status(204).send();
    },
  });

  app.get('/api/me', {
    schema: { tags: ['people'], summary: 'Who is logged in, their roles and permissions', response: { 200: meSchema } },
    handler: async (request) => describeAccess(accessOf(request)),
  });

  app.patch('/api/me', {
    schema: {
      tags: ['people'],
      summary: 'Save your interface language',
      body: updateMeBody,
      response: { 200: meSchema },
    },
    handler: (request) => changeOwnLocale(app.db, accessOf(request), request.body.locale),
  });

  app.get('/api/users', {
    schema: {
      tags: ['people'],
      summary: 'Users with a role in your territory',
      response: { 200: z.array(userSchema) },
    },
    handler: (request) => listUsers(app.db, accessOf(request)),
  });

  app.get('/api/users/:id', {
    schema: {
      tags: ['people'],
      summary: 'A user and their roles',
      params: userIdParams,
      response: { 200: userSchema },
    },
    handler: (request) => getUser(app.db, accessOf(request), request.params.id),
  });

  app.post('/api/users', {
    schema: {
      tags: ['people'],
      summary: 'Create a user with roles scoped to facilities or territories',
      body: createUserBody,
      response: { 201: userSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await createUser(app.db, accessOf(request), request.body)),
  });

  app.get('/api/tokens', {
    schema: { tags: ['people'], summary: 'Your API tokens', response: { 200: z.array(tokenSchema) } },
    handler: (request) => listApiTokens(app.db, accessOf(request)),
  });

  app.post('/api/tokens', {
    schema: {
      tags: ['people'],
      summary: 'Create an API token for a machine; the secret is shown once',
      body: createTokenBody,
      response: { 201: tokenSchema.extend({ token: z.string() }) },
    },
    handler: async (request, reply) => {
      if (request.authVia === 'token')
        throw new AppError('NOT_PERMITTED', 'Create API tokens from a logged-in session, not with another token');
      return reply.status(201).send(await createApiToken(app.db, accessOf(request), request.body));
    },
  });

  app.delete('/api/tokens/:id', {
    schema: { tags: ['people'], summary: 'Revoke one of your API tokens', params: z.object({ id: z.uuid() }) },
    handler: async (request, reply) => {
      await revokeApiToken(app.db, accessOf(request), request.params.id);
      return reply.status(204).send();
    },
  });
}
