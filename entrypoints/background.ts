import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { onAlarm, resumeDelivery } from '@/lib/background/delivery';
import { handleMessage } from '@/lib/background/messages';
import { requestSelectionCapture } from '@/lib/selection';

const CAPTURE_SELECTION = 'capture-selection';

export default defineBackground(() => {
  const self = { id: browser.runtime.id, origin: browser.runtime.getURL('/') };
  browser.runtime.onMessage.addListener((message, sender) => handleMessage(message, sender, self));
  browser.alarms.onAlarm.addListener((alarm) => onAlarm(alarm.name));
  // No content script needs storage, so none may read it: the keys stay with the extension's pages and worker.
  // (Chromium applies this to storage.local; Firefox only to storage.session, and refuses here — see SECURITY.md.)
  const local = browser.storage.local as { setAccessLevel?: (options: { accessLevel: string }) => Promise<void> };
  void local.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }).catch(() => undefined);
  // Every start of the worker (install, browser start, or a wake-up after MV3 stopped it) resumes the outbox.
  void resumeDelivery();

  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({
      id: CAPTURE_SELECTION,
      title: browser.i18n.getMessage('captureSelection'),
      contexts: ['selection'],
    });
  });
  browser.contextMenus.onClicked.addListener(async (info, tab) => {
    if (info.menuItemId !== CAPTURE_SELECTION || tab?.id === undefined) return;
    await requestSelectionCapture(tab.id);
    // The click grants activeTab; the popup it opens reads only the selection.
    await browser.action.openPopup().catch(() => undefined);
  });
});
