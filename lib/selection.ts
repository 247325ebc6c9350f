import { storage } from 'wxt/utils/storage';

/** The context menu's "Capture selection" leaves a note for the popup it opens, per tab, for this session. */
const pendingKey = (tabId: number) => `session:captureSelection:${tabId}` as const;

export function requestSelectionCapture(tabId: number): Promise<void> {
  return storage.setItem(pendingKey(tabId), true);
}

export async function takePendingSelection(tabId: number): Promise<boolean> {
  const pending = await storage.getItem<boolean>(pendingKey(tabId));
  if (pending) await storage.removeItem(pendingKey(tabId));
  return pending === true;
}
