// The extraction as a callable function, for timing it apart from the cost of injecting a script.
import { extractPage } from '../lib/extract/page';

(globalThis as unknown as { __captureExtract: typeof extractPage }).__captureExtract = extractPage;
