import { messageOf } from './http';
import { maskText, secretForms, secretsOfRequest } from './secrets';
import type { Credentials, HttpRequest, HttpResponse, Provider, ProviderError, RequestContext } from './types';

export type Fetch = (
  url: string,
  init: {
    method: string;
    headers: Record<string, string>;
    body?: string;
    signal: AbortSignal;
    redirect: 'manual';
  },
) => Promise<{
  status: number;
  headers: { forEach: (fn: (value: string, key: string) => void) => void };
  text: () => Promise<string>;
}>;

export interface Transport {
  fetch: Fetch;
  timeoutMs: number;
  now?: () => number;
}

/** A failure to get any answer: before the server could act (safe to repeat) or after it may have (unknown). */
export class NetworkError extends Error {
  constructor(
    message: string,
    readonly outcomeUnknown: boolean,
  ) {
    super(message);
  }
}

/** Sends one request with a timeout; a timeout or a dropped connection after sending leaves the outcome unknown. */
export async function send(request: HttpRequest, transport: Transport): Promise<HttpResponse> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), transport.timeoutMs);
  try {
    const response = await transport.fetch(request.url, {
      method: request.method,
      headers: request.headers,
      ...(request.body !== undefined ? { body: request.body } : {}),
      signal: controller.signal,
      // A redirect is never followed: the browser would carry the key (X-API-Key, Authorization) to wherever it
      // points. A browser answers it as an opaque redirect (status 0), Node with the 3xx itself.
      redirect: 'manual',
    });
    const text = await response.text();
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      headers[key.toLowerCase()] = value;
    });
    let body: unknown = text === '' ? null : text;
    try {
      body = text === '' ? null : JSON.parse(text);
    } catch {
      // Not JSON: keep the text for the error message.
    }
    return { status: response.status, headers, body };
  } catch (error) {
    const aborted = controller.signal.aborted;
    const refused = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|getaddrinfo/i.test(
      String((error as { cause?: unknown })?.cause ?? error),
    );
    // A write (POST/PUT/PATCH) that timed out or lost its connection may still have been committed.
    const unknown = request.method !== 'GET' && !refused;
    throw new NetworkError(
      aborted
        ? `No answer within ${transport.timeoutMs / 1000} s`
        : `Connection failed: ${messageOf(String(error)) ?? 'network error'}`,
      unknown,
    );
  } finally {
    clearTimeout(timer);
  }
}

/** Access tokens of OAuth providers, kept until shortly before they expire. */
export class TokenCache {
  private tokens = new Map<string, { token: string; expiresAt: number }>();

  get(key: string, now: number): string | null {
    const entry = this.tokens.get(key);
    return entry && entry.expiresAt > now ? entry.token : null;
  }

  set(key: string, token: string, expiresInSeconds: number, now: number): void {
    // Renewed a little before it expires (10% of its life, at most 30 s), so no request races the expiry.
    const margin = Math.min(30, expiresInSeconds * 0.1);
    this.tokens.set(key, { token, expiresAt: now + (expiresInSeconds - margin) * 1000 });
  }

  drop(key: string): void {
    this.tokens.delete(key);
  }

  /** The tokens held now (to mask them out of whatever leaves the background). */
  values(): string[] {
    return [...this.tokens.values()].map((entry) => entry.token);
  }

  /** Forgets every token of a provider: its account was changed or removed. */
  forget(providerId: string): void {
    for (const key of [...this.tokens.keys()]) if (key.startsWith(`${providerId}|`)) this.tokens.delete(key);
  }
}

export type ActionResult =
  | { ok: true; status: number; remoteId: string | null; body: unknown }
  | { ok: false; error: ProviderError; retryAfterMs: number | null };

/**
 * Runs one provider request end to end: fetches an OAuth token where the provider needs one (renewed once on a
 * 401), sends, and turns the answer into a remote id or a sentence the user can act on.
 */
export async function perform(
  provider: Provider,
  build: (ctx: RequestContext) => HttpRequest,
  base: { baseUrl: string; credentials: Credentials },
  transport: Transport,
  tokens: TokenCache,
  read: (body: unknown) => string | null = provider.readId,
): Promise<ActionResult> {
  // Every secret that went out (the stored key, the key as cleaned and sent, the access token, the client secret):
  // a server that echoes one ("credential op_live_… is not allowed") must not put it in front of the user.
  const secrets = [
    ...secretForms(base.credentials.apiKey),
    ...secretForms(base.credentials.clientSecret),
    ...secretForms(base.credentials.accessToken),
  ];
  const built = (ctx: RequestContext) => {
    const request = build(ctx);
    secrets.push(...secretsOfRequest(request));
    return request;
  };
  let result: ActionResult;
  try {
    result = await performOnce(provider, built, base, transport, tokens, read, secrets);
  } catch (error) {
    if (error instanceof NetworkError) throw new NetworkError(maskText(error.message, secrets), error.outcomeUnknown);
    throw error;
  }
  if (result.ok) return result;
  return { ...result, error: { ...result.error, message: maskText(result.error.message, secrets) } };
}

/** Replaces every secret of the account that appears in a text. */
export function withoutSecrets(text: string, credentials: Credentials): string {
  return maskText(text, [
    ...secretForms(credentials.apiKey),
    ...secretForms(credentials.clientSecret),
    ...secretForms(credentials.accessToken),
  ]);
}

async function performOnce(
  provider: Provider,
  build: (ctx: RequestContext) => HttpRequest,
  base: { baseUrl: string; credentials: Credentials },
  transport: Transport,
  tokens: TokenCache,
  read: (body: unknown) => string | null,
  secrets: string[],
): Promise<ActionResult> {
  const now = transport.now ?? Date.now;
  const tokenKey = `${provider.id}|${base.baseUrl}|${base.credentials.clientId ?? ''}`;
  for (let attempt = 0; attempt < 2; attempt++) {
    const credentials = { ...base.credentials };
    if (provider.token) {
      let token = tokens.get(tokenKey, now());
      if (!token) {
        const grantRequest = provider.token.request({ ...base, credentials });
        secrets.push(...secretsOfRequest(grantRequest));
        const grant = await send(grantRequest, transport);
        const read = grant.status === 200 ? provider.token.read(grant.body) : null;
        if (!read) return { ok: false, error: tokenError(provider, grant), retryAfterMs: retryAfter(grant) };
        tokens.set(tokenKey, read.accessToken, read.expiresInSeconds, now());
        token = read.accessToken;
        secrets.push(...secretForms(token));
      }
      credentials.accessToken = token;
      secrets.push(...secretForms(token));
    }
    const response = await send(build({ baseUrl: base.baseUrl, credentials }), transport);
    if (response.status === 0 || (response.status >= 300 && response.status < 400)) {
      const to = response.headers.location ? ` to ${safeOrigin(response.headers.location, base.baseUrl)}` : '';
      return {
        ok: false,
        error: {
          kind: 'redirect',
          status: response.status,
          retryable: false,
          message: `${provider.label} answered with a redirect${to}; it was not followed, so no key went there. Check the address in Settings.`,
        },
        retryAfterMs: null,
      };
    }
    if (response.status === 401 && provider.token && attempt === 0) {
      // The token may have expired early or been revoked: fetch a new one and try once more.
      tokens.drop(tokenKey);
      continue;
    }
    if (response.status >= 200 && response.status < 300) {
      return { ok: true, status: response.status, remoteId: read(response.body), body: response.body };
    }
    return { ok: false, error: provider.explain(response.status, response.body), retryAfterMs: retryAfter(response) };
  }
  return { ok: false, error: provider.explain(401, null), retryAfterMs: null };
}

/** Where a redirect pointed, as an origin only (a path or query could carry anything). */
function safeOrigin(location: string, base: string): string {
  try {
    return new URL(location, base).origin;
  } catch {
    return 'another address';
  }
}

function tokenError(provider: Provider, response: HttpResponse): ProviderError {
  if (response.status === 0 || (response.status >= 300 && response.status < 400))
    return {
      kind: 'redirect',
      status: response.status,
      retryable: false,
      message: `${provider.label} answered the token request with a redirect; it was not followed, so no secret went there. Check the address in Settings.`,
    };
  if (response.status === 429 || response.status >= 500) return provider.explain(response.status, response.body);
  const said = messageOf(response.body);
  return {
    kind: 'auth',
    status: response.status,
    retryable: false,
    message: `${provider.label} refused the client id and secret${said ? ` (“${said}”)` : ''} — check them in Settings.`,
  };
}

/** Retry-After in milliseconds: seconds or an HTTP date. */
export function retryAfter(response: HttpResponse, now = Date.now()): number | null {
  const value = response.headers['retry-after'];
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/**
 * Runs a provider's probe: a 2xx, or a 404 for the contact id that cannot exist, means the address answered and
 * the key was accepted; anything else is the provider's own explanation.
 */
export async function probeConnection(
  provider: Provider,
  base: { baseUrl: string; credentials: Credentials },
  transport: Transport,
  tokens: TokenCache,
): Promise<{ connected: boolean; message: string }> {
  try {
    const result = await perform(provider, provider.probe, base, transport, tokens, () => null);
    if (result.ok || result.error.kind === 'not-found')
      return { connected: true, message: `Connected to ${provider.label}: the key was accepted.` };
    return { connected: false, message: result.error.message };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      connected: false,
      message: withoutSecrets(
        `Could not reach ${provider.label} at ${base.baseUrl} (${reason}). Check the address.`,
        base.credentials,
      ),
    };
  }
}
