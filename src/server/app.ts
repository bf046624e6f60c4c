import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config';
import type { Storage } from '../db/database';
import { careRoutes } from '../modules/care/care.routes';
import { censusRoutes } from '../modules/census/census.routes';
import type { DemoPopulationProgress } from '../modules/demo/population/population.loader';
import { facilityRoutes } from '../modules/facilities/facility.routes';
import { integrityRoutes } from '../modules/integrity/integrity.routes';
import { medicinesRoutes } from '../modules/medicines/medicines.routes';
import { peopleRoutes } from '../modules/people/people.routes';
import { referralRoutes } from '../modules/referrals/referral.routes';
import { tierServiceRoutes } from '../modules/services/services.routes';
import { postServiceRoutes } from '../modules/services/post-services.routes';
import { territoryRoutes } from '../modules/territory/territory.routes';
import { authentication } from './auth';
import type { App } from './context';
import { installErrorHandling } from './error-handler';
import { AppError, toProblem } from './errors';
import { installSecurityHeaders } from './security-headers';

export const VERSION = '0.1.0';

/**
 * Builds the HTTP application over an open storage. `listen` is called only by `adentro serve`;
 * tests call `app.inject()`.
 */
export async function buildApp(
  config: Config,
  storage: Storage,
  options: {
    logStream?: NodeJS.WritableStream;
    /** The demo population's background load, whose progress /api/health shows while it runs. */
    demoPopulation?: { progress(): DemoPopulationProgress | null };
  } = {},
): Promise<App> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      ...(options.logStream && { stream: options.logStream }),
      // Request lines name the route pattern, never the path or body: no patient names or ids in logs.
      serializers: {
        req: (req) => ({ method: req.method, route: req.routeOptions?.url }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
    },
    genReqId: () => randomUUID(),
    logController: new LogController({ requestIdLogLabel: 'requestId', disableRequestLogging: true }),
    trustProxy: false,
    bodyLimit: 1_048_576,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('db', storage.db);
  app.decorate('config', config);
  app.decorate('storageKind', storage.kind);

  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
  });

  installSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine writes its CSS variables in a style element
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: config.secureCookies,
  });
  await app.register(cookie);
  installErrorHandling(app);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Adentro API',
        version: VERSION,
        description: 'Health information system for a tiered, community-based public health network.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'adentro_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  await app.register(authentication);

  app.get('/api/health', {
    schema: {
      tags: ['system'],
      summary: 'Liveness and database check, and the demo population load while it runs',
      response: {
        200: z.object({
          status: z.literal('ok'),
          database: z.string(),
          version: z.string(),
          demoPopulation: z
            .object({
              status: z.enum(['loading', 'waiting', 'done']),
              percent: z.number(),
              posts: z.number(),
              postsDone: z.number(),
              rows: z.number(),
              finishedAt: z.string().nullable(),
            })
            .optional(),
        }),
      },
    },
    handler: async () => {
      await app.db.selectFrom('ledger_head').select('seq').executeTakeFirst();
      const demoPopulation = options.demoPopulation?.progress() ?? undefined;
      return {
        status: 'ok' as const,
        database: app.storageKind,
        version: VERSION,
        ...(demoPopulation && { demoPopulation }),
      };
    },
  });
  await app.register(territoryRoutes);
  await app.register(facilityRoutes);
  await app.register(peopleRoutes);
  await app.register(integrityRoutes);
  await app.register(censusRoutes);
  await app.register(careRoutes);
  await app.register(referralRoutes);
  await app.register(tierServiceRoutes);
  await app.register(postServiceRoutes);
  await app.register(medicinesRoutes);

  const hasWeb = existsSync(join(config.webDir, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: config.webDir, index: ['index.html'] });
  app.setNotFoundHandler(async (request, reply) => {
    if (hasWeb && request.method === 'GET' && !request.url.startsWith('/api/')) return reply.sendFile('index.html');
    return reply
      .status(404)
      .type('application/problem+json')
      .send(
        toProblem(new AppError('NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}`), request.id),
      );
  });
  return app;
}
