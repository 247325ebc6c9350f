import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { extractPage } from '@/lib/extract/page';

// Injected into the active tab on request; what main returns is what scripting.executeScript hands the popup
// (WXT types main as returning nothing, hence the cast). The popup sets the scope first, in this same
// isolated world, which the page's own scripts cannot reach.
const main = (() => {
  // "Capture the selection" marks when it asked; a mark left by a popup closed before this ran is stale.
  const scope = globalThis as { __captureSelectionAt?: number };
  const asked = scope.__captureSelectionAt;
  const selectionOnly = typeof asked === 'number' && Math.abs(Date.now() - asked) < 5000;
  scope.__captureSelectionAt = undefined;
  return extractPage(document, { selectionOnly });
}) as unknown as () => undefined;

export default defineUnlistedScript(main);
