import type { ErrorKind, HttpRequest, ProviderError } from './types';

/** Ids as the providers hand them out: letters, digits and `_ - . :` (no slash, no dot segment), 1–100 long. */
export const SAFE_ID = /^[A-Za-z0-9_:.-]{1,100}$/;

/** Why an id cannot name a contact in a path (null when it can): "." and ".." would climb out of the path. */
export function idProblem(id: string, pattern: RegExp = SAFE_ID): string | null {
  if (id === '.' || id === '..' || /^\.+$/.test(id)) return 'a contact id cannot be dots only';
  if (!SAFE_ID.test(id) || !pattern.test(id)) return `“${id.slice(0, 40)}” is not a contact id`;
  return null;
}

/** One path segment from an id: refused unless it is a plain id, so what is built is exactly what is sent. */
export function segment(id: string, pattern?: RegExp): string {
  const problem = idProblem(id, pattern);
  if (problem) throw new Error(`Refused: ${problem}.`);
  return encodeURIComponent(id);
}

/** Joins a configured base URL and a path without doubling or losing the slash. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

export function jsonRequest(
  method: HttpRequest['method'],
  url: string,
  headers: Record<string, string>,
  body?: unknown,
): HttpRequest {
  const request: HttpRequest = { method, url, headers: { Accept: 'application/json', ...headers } };
  if (body !== undefined) {
    request.headers['Content-Type'] = 'application/json';
    request.body = JSON.stringify(body);
  }
  return request;
}

/** A pasted key arrives with spaces, quotes or a "Bearer " the provider does not want. */
export function cleanKey(key: string | undefined): string {
  return (key ?? '')
    .trim()
    .replace(/^["']|["']$/g, '')
    .replace(/^Bearer\s+/i, '')
    .trim();
}

/** The headers that carry a credential: masked when a request is printed, and masked out of what servers say. */
export const SECRET_HEADERS = /^(authorization|proxy-authorization|x-api-key|api-key|x-auth-token)$/i;

/** The request with every secret replaced by its last four characters, for printing and logs. */
export function maskRequest(request: HttpRequest): HttpRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    headers[name] = SECRET_HEADERS.test(name) ? maskSecret(value) : value;
  }
  const body = request.body?.replace(/(client_secret=)[^&]*/, (_, k: string) => `${k}${maskSecret('x'.repeat(8))}`);
  return { ...request, headers, ...(body !== undefined ? { body } : {}) };
}

export function maskSecret(value: string): string {
  const scheme = /^(Bearer|Basic)\s+/i.exec(value)?.[0] ?? '';
  const secret = value.slice(scheme.length);
  return `${scheme}${'•'.repeat(8)}${secret.length > 12 ? secret.slice(-4) : ''}`;
}

/** Reads a message field from a JSON error body, whatever its shape. */
export function messageOf(body: unknown): string | null {
  if (typeof body === 'string') return body.trim().slice(0, 300) || null;
  if (body && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    for (const key of ['message', 'error_description', 'error', 'title', 'detail']) {
      const value = record[key];
      if (typeof value === 'string' && value.trim()) return value.trim().slice(0, 300);
    }
  }
  return null;
}

/** The sentences every provider shares for the statuses they all use; a provider overrides what it knows better. */
export function commonError(label: string, status: number, body: unknown): ProviderError {
  const detail = messageOf(body);
  const said = detail ? ` ${label} said: “${detail}”` : '';
  const make = (kind: ErrorKind, message: string, retryable = false): ProviderError => ({
    kind,
    status,
    message,
    retryable,
  });
  if (status === 401) return make('auth', `The ${label} credentials were refused — check them in Settings.${said}`);
  if (status === 403)
    return make(
      'forbidden',
      `${label} does not allow this account to change contacts — ask your ${label} admin.${said}`,
    );
  if (status === 404)
    return make('not-found', `That contact no longer exists in ${label} — create it again instead.${said}`);
  if (status === 409) return make('conflict', `${label} already has a contact that conflicts with this one.${said}`);
  if (status === 400 || status === 422)
    return make('validation', `${label} did not accept the contact — fix the highlighted field and send again.${said}`);
  if (status === 429)
    return make('rate-limit', `${label} asked us to slow down; the send will be retried shortly.`, true);
  if (status >= 500)
    return make('server', `${label} had a problem (${status}); the send will be retried shortly.`, true);
  if (status === 0)
    return make(
      'network',
      `${label} could not be reached; the send will be retried when the connection is back.`,
      true,
    );
  return make('unknown', `${label} answered with an unexpected status ${status}.${said}`);
}
