import { readFileSync } from 'node:fs';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const english = JSON.parse(readFileSync('public/_locales/en/messages.json', 'utf8')) as Messages;

/** The browser's i18n.getMessage over the English messages file, placeholders and $1…$9 as the browsers do. */
export function getMessage(name: string, substitutions: string | string[] = []): string {
  const entry = english[name];
  if (!entry) return '';
  const subs = Array.isArray(substitutions) ? substitutions : [substitutions];
  const fill = (text: string) => text.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
  return entry.message.replace(/\$([A-Za-z0-9_]+)\$/g, (whole, placeholder: string) => {
    const content = entry.placeholders?.[placeholder.toLowerCase()]?.content;
    return content === undefined ? whole : fill(content);
  });
}

// WXT's fake browser leaves i18n unimplemented.
beforeEach(() => {
  Object.assign(fakeBrowser.i18n, { getMessage });
});
