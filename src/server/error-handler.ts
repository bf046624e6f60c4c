import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AccessDenied } from './access';
import type { App } from './context';
import { AppError, toProblem, type ErrorCode, type FieldError } from './errors';

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_BODY',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_BODY',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'MALFORMED_BODY',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
};

/** PostgreSQL errors a racing or odd request can still meet after the service's own checks. */
const POSTGRES_CODES: Record<string, ErrorCode> = {
  '23505': 'CONFLICT', // unique_violation
  '40001': 'CONFLICT', // serialization_failure
  '40P01': 'CONFLICT', // deadlock_detected
};

function validationFields(error: FastifyError): FieldError[] {
  if (!hasZodFastifySchemaValidationErrors(error)) return [];
  return error.validation.map((v) => ({
    field: v.instancePath.replace(/^\//, '').replaceAll('/', '.') || String(error.validationContext ?? 'body'),
    message: v.message ?? 'Invalid value',
    code: v.keyword,
  }));
}

/** Turns anything thrown into a problem+json reply; only the unexpected is a 500. */
export function toAppError(error: FastifyError & { code?: string }): AppError {
  if (error instanceof AppError) return error;
  if (error.validation) {
    const fields = validationFields(error);
    const where = error.validationContext === 'querystring' ? 'query' : (error.validationContext ?? 'body');
    const detail = fields.length > 0 ? fields.map((f) => `${f.field}: ${f.message}`).join('; ') : error.message;
    return new AppError('VALIDATION_FAILED', `Invalid ${where}: ${detail}`, fields);
  }
  const mapped = (error.code && FASTIFY_CODES[error.code]) || (error.code && POSTGRES_CODES[error.code]);
  if (mapped) return new AppError(mapped);
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new AppError(error.statusCode === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED', error.message);
  }
  return new AppError('INTERNAL', 'Something went wrong on our side; the error was logged with the request id');
}

export function installErrorHandling(app: App) {
  app.setErrorHandler(async (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const appError = toAppError(error);
    if (appError.code === 'INTERNAL') request.log.error({ err: error }, 'unexpected error');
    if (error instanceof AccessDenied) {
      request.log.warn({ code: error.code, reason: error.reason }, 'access denied');
      await app.db
        .insertInto('access_denials')
        .values({
          at: new Date(),
          user_id: request.access?.userId ?? null,
          method: request.method,
          route: request.routeOptions.url ?? request.url.split('?')[0]!,
          reason: error.reason,
          request_id: request.id,
        })
        .execute()
        .catch((err: unknown) => request.log.error({ err }, 'could not log the denied access'));
    }
    const retryAfter = (error as { retryAfter?: number }).retryAfter;
    if (retryAfter) void reply.header('retry-after', String(retryAfter));
    return reply.status(appError.status).type('application/problem+json').send(toProblem(appError, request.id));
  });
}
