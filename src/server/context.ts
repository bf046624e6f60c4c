import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config';
import type { Db, StorageKind } from '../db/database';
import type { Access } from './access';
import { AppError } from './errors';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    config: Config;
    storageKind: StorageKind;
  }
  interface FastifyRequest {
    access: Access | null;
    authVia: 'session' | 'token' | null;
  }
}

/** The Fastify instance as route modules see it: with zod schemas for types and validation. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** The caller's Access, or 401 when nobody is logged in. */
export function accessOf(request: FastifyRequest): Access {
  if (!request.access) throw new AppError('UNAUTHENTICATED');
  return request.access;
}
