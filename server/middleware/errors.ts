/**
 * The one error handler: every error becomes {"error":{"code","message","details?"}}. Our AppErrors carry
 * their status; body-parser's client errors are 400s; anything else is our bug, a 500 without internals.
 */
import type { NextFunction, Request, Response } from 'express';
import { AppError, NotFound, translateNeo4jError, Unavailable } from '../../core/errors';

/**
 * Redis away (the queue behind imports): ioredis fails fast with these messages when it has no connection
 * (enableOfflineQueue is off for producers). That is a dependency being down, a 503, not our bug.
 */
function translateRedisError(err: unknown): unknown {
  const message = err instanceof Error ? err.message : '';
  if (/enableOfflineQueue|Connection is closed|ECONNREFUSED|ETIMEDOUT|max retries per request/i.test(message) && !(err instanceof AppError)) {
    return new Unavailable(`Redis is unavailable: ${message}`);
  }
  return err;
}

export function notFoundApi(req: Request, _res: Response, next: NextFunction) {
  next(new NotFound(`no API route ${req.method} ${req.path}`));
}

export function errorHandler(raw: unknown, req: Request, res: Response, _next: NextFunction) {
  const err = translateRedisError(translateNeo4jError(raw));
  if (err instanceof AppError) {
    if (err.status >= 500) req.log?.warn({ code: err.code, msg: err.message }, 'dependency problem');
    res.status(err.status).json({ error: { code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) } });
    return;
  }
  const status = (err as { status?: number; statusCode?: number }).status ?? (err as { statusCode?: number }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    res.status(status).json({ error: { code: 'invalid', message: (err as Error).message } });
    return;
  }
  req.log?.error({ err }, 'unhandled error');
  res.status(500).json({ error: { code: 'internal', message: `internal error; quote request id ${req.id} when reporting it` } });
}
