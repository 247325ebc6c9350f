import { browser } from 'wxt/browser';

/**
 * A UI string in the browser's language, from public/_locales (English and Spanish). Substitutions are $1…$9
 * in the order given. A key with no message (never expected: a test checks both files) shows itself.
 */
export function t(key: string, ...substitutions: Array<string | number>): string {
  // WXT types the keys it generated; ours are checked by a test against both message files instead.
  const getMessage = browser.i18n.getMessage as (name: string, substitutions?: string[]) => string;
  const text = getMessage(key, substitutions.map(String));
  return text || key;
}
