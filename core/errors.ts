/**
 * The error vocabulary. Each class carries its HTTP status and a stable code, so the one error
 * middleware can answer {"error":{"code","message","details?"}} without knowing where an error came from.
 * Neo4j errors are translated here and nowhere else.
 */
import { Neo4jError } from 'neo4j-driver';

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The caller sent something we cannot use (bad parameter, bad file). */
export class Invalid extends AppError {
  constructor(message: string, details?: unknown) {
    super(400, 'invalid', message, details);
  }
}

export class NotFound extends AppError {
  constructor(message: string) {
    super(404, 'not_found', message);
  }
}

export class Conflict extends AppError {
  constructor(message: string, details?: unknown) {
    super(409, 'conflict', message, details);
  }
}

/** A dependency (Neo4j, Redis) is down or a query ran out of time: the caller may retry later. */
export class Unavailable extends AppError {
  constructor(message: string, code = 'unavailable') {
    super(503, code, message);
  }
}

const unavailableCodes = ['ServiceUnavailable', 'SessionExpired'];

/** Maps a driver error to our vocabulary; anything unknown stays as it is (and becomes a 500). */
export function translateNeo4jError(err: unknown): unknown {
  if (!(err instanceof Neo4jError)) return err;
  if (unavailableCodes.includes(err.code) || (err.code === 'N/A' && /acquisition/i.test(err.message))) {
    return new Unavailable(`Neo4j is unavailable: ${err.message}`);
  }
  if (err.code.startsWith('Neo.ClientError.Transaction.TransactionTimedOut') || err.code === 'Neo.TransientError.Transaction.LockClientStopped') {
    return new Unavailable('the query took longer than the server allows; narrow it and try again', 'query_timeout');
  }
  if (err.code === 'Neo.ClientError.Schema.ConstraintValidationFailed') return new Conflict(err.message);
  // Deadlocks and other transient errors still failing after the driver's own retries.
  if (Neo4jError.isRetryable(err)) return new Unavailable(`Neo4j is busy, try again: ${err.message}`);
  return err;
}
