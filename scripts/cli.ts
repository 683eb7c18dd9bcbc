/**
 * How the project's CLIs end: exit with main's code; on an error, one line on stderr and exit 2 for bad
 * usage, 1 otherwise. A bad setting (ConfigError) or bad usage prints its own message, anything else is
 * prefixed with what failed.
 */
import { ConfigError } from '../core/config';

export function runCli(main: () => Promise<number>, failed: string, isUsage: (err: unknown) => boolean): void {
  main().then(
    (code) => process.exit(code),
    (err) => {
      const usage = isUsage(err);
      const message = err instanceof Error ? err.message : String(err);
      console.error(err instanceof ConfigError || usage ? message : `${failed}: ${message}`);
      process.exit(usage ? 2 : 1);
    },
  );
}

/** The import CLIs' usage errors carry their usage text. */
export const mentionsUsage = (err: unknown) => err instanceof Error && err.message.includes('usage:');
