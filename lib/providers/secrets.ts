import { cleanKey, SECRET_HEADERS } from './http';
import type { HttpRequest } from './types';

/**
 * Every form a secret can take on its way to a provider: as stored, trimmed, cleaned of quotes and "Bearer " (what
 * is actually sent), and URL-encoded (as in a token request's form body). A server that echoes any of them must not
 * put it in front of the user, in storage or in a log.
 */
export function secretForms(value: string | undefined | null): string[] {
  if (!value) return [];
  const forms = new Set([value, value.trim(), cleanKey(value)]);
  for (const form of [...forms]) forms.add(encodeURIComponent(form));
  return [...forms].filter((form) => form.length >= 4);
}

/** The secrets a built request carries: its credential headers (with and without a scheme) and a form's secret. */
export function secretsOfRequest(request: HttpRequest): string[] {
  const found: string[] = [];
  for (const [name, value] of Object.entries(request.headers)) {
    if (SECRET_HEADERS.test(name)) found.push(...secretForms(value), ...secretForms(value.replace(/^\S+\s+/, '')));
  }
  if (request.body && /(^|&)client_secret=/.test(request.body)) {
    const secret = new URLSearchParams(request.body).get('client_secret');
    found.push(...secretForms(secret));
  }
  return found;
}

/** The text with every occurrence of every secret replaced (longest first, so no tail of one is left). */
export function maskText(text: string, secrets: Iterable<string>): string {
  const sorted = [...new Set(secrets)].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
  let out = text;
  for (const secret of sorted) if (out.includes(secret)) out = out.split(secret).join('••••');
  return out;
}

/** A copy of a JSON-like value with every string masked: the last guard on what leaves the background. */
export function maskDeep<T>(value: T, secrets: string[]): T {
  // Only secrets long enough that no name or e-mail on a contact can hold one by chance.
  const long = secrets.filter((s) => s.length >= 8);
  if (long.length === 0) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return maskText(v, long);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}
