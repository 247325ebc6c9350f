import { z } from 'zod';

// Extension pages forbid eval under their CSP; zod's JIT would try it and warn.
z.config({ jitless: true });

export { z };
