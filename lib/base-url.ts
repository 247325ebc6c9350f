/** Checking a provider's address: shared by Settings (before asking for its permission) and the background. */

/** The production build talks to https providers only; development and test builds also to this machine's mocks. */
const LOOPBACK_ALLOWED = import.meta.env.MODE !== 'production';

/**
 * Why a provider address is refused (null when it is fine): https only (http on 127.0.0.1 or localhost in
 * development and test builds), a plain host name (no user name or password, no query or fragment), no spaces.
 */
export function checkBaseUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'That is not a web address.';
  }
  if (/\s/.test(url)) return 'A provider address has no spaces.';
  const loopback = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(parsed.hostname);
  const scheme = parsed.protocol === 'https:' || (parsed.protocol === 'http:' && loopback && LOOPBACK_ALLOWED);
  if (!scheme)
    return LOOPBACK_ALLOWED
      ? 'Only https addresses are allowed (http only for 127.0.0.1 and localhost).'
      : 'Only https addresses are allowed.';
  if (parsed.username || parsed.password || url.includes('@'))
    return 'A provider address carries no user name or password: put the key in its own field.';
  if (parsed.search || parsed.hash || /[?#]/.test(url)) return 'A provider address has no query (?…) or fragment (#…).';
  // A host name of letters, digits, dots and hyphens with a dot in it (api.openphone.com), or this machine.
  if (!loopback && !/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(parsed.hostname))
    return `“${parsed.hostname.slice(0, 60)}” is not a provider’s host name.`;
  return null;
}

/** The host permission pattern an API address needs ("https://api.openphone.com/*"; ports are not part of it). */
export function originPattern(baseUrl: string): string {
  const url = new URL(baseUrl);
  return `${url.protocol}//${url.hostname}/*`;
}
