/** Redis connections for BullMQ and health checks. */
import { Redis } from 'ioredis';

/**
 * BullMQ needs `maxRetriesPerRequest: null` on connections used by workers (blocking commands).
 * `lazyConnect` lets callers decide when a missing Redis becomes an error.
 */
export function createRedis(url: string, opts: { forWorker?: boolean } = {}): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: opts.forWorker ? null : 1,
    enableOfflineQueue: opts.forWorker ?? false,
    lazyConnect: true,
    connectTimeout: 5_000,
    // Keep trying in the background; callers see errors through commands failing fast.
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  });
}
