import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { extractPage } from '@/lib/extract/page';

// Injected into the active tab on request; what main returns is what scripting.executeScript hands the popup
// (WXT types main as returning nothing, hence the cast). The popup sets the scope first, in this same
// isolated world, which the page's own scripts cannot reach.
const main = (() => {
  const scope = globalThis as { __captureSelectionOnly?: boolean };
  const selectionOnly = scope.__captureSelectionOnly === true;
  scope.__captureSelectionOnly = false;
  return extractPage(document, { selectionOnly });
}) as unknown as () => undefined;

export default defineUnlistedScript(main);
