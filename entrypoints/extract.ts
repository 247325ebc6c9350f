import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { extractPage } from '@/lib/extract';

// Injected into the active tab on request; what main returns is what scripting.executeScript hands the popup
// (WXT types main as returning nothing, hence the cast).
const main = (() => extractPage(document)) as unknown as () => undefined;

export default defineUnlistedScript(main);
