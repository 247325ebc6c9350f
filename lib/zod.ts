import { z } from 'zod';

// Extension pages forbid eval under their CSP; zod's JIT would try it and warn.
z.config({ jitless: true });

export { z };

/**
 * A schema built on first use, not when its module loads: building zod schemas is most of the popup's script time
 * before the form shows (17 ms of a demo-page open in a CPU profile), and a page uses few of the schemas it imports
 * (the popup validates with one provider's, the worker's requests with its responses').
 */
export function lazy<T>(build: () => T): () => T {
  let built: T | undefined;
  return () => {
    built ??= build();
    return built;
  };
}
