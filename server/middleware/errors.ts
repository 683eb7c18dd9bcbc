/**
 * The one error handler: every error becomes {"error":{"code","message","details?"}}. Our AppErrors carry
 * their status; body-parser's client errors are 400s; anything else is our bug, a 500 without internals.
 */
import type { NextFunction, Request, Response } from 'express';
import { AppError, NotFound, translateNeo4jError } from '../../core/errors';

export function notFoundApi(req: Request, _res: Response, next: NextFunction) {
  next(new NotFound(`no API route ${req.method} ${req.path}`));
}

export function errorHandler(raw: unknown, req: Request, res: Response, _next: NextFunction) {
  const err = translateNeo4jError(raw);
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
