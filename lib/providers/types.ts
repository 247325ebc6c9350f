import type { ContactInput } from '../contact';
import type { z } from '../zod';

/** How a field is edited in the form. */
export type FieldType =
  | 'text'
  | 'textarea'
  | 'email'
  | 'emails'
  | 'phone'
  | 'phones'
  | 'select'
  | 'boolean'
  | 'integer'
  | 'url'
  | 'date';

/** One of a provider's contact fields, as its documentation defines it. */
export interface FieldDef {
  key: string;
  label: string;
  type: FieldType;
  required?: boolean;
  maxLength?: number;
  options?: ReadonlyArray<{ value: string; label: string }>;
  help?: string;
}

/** A request as plain data: the dry-run prints it, the background sends it. Bodies are already serialised. */
export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON when the body was JSON, else the text (or null when empty). */
  body: unknown;
}

/** The secrets of one connected account; only the background holds them. */
export interface Credentials {
  apiKey?: string;
  clientId?: string;
  clientSecret?: string;
  /** A cached OAuth access token (Routera). */
  accessToken?: string;
}

export interface RequestContext {
  baseUrl: string;
  credentials: Credentials;
}

export type ErrorKind =
  | 'auth'
  | 'forbidden'
  | 'validation'
  | 'not-found'
  | 'conflict'
  | 'archived'
  | 'duplicate'
  | 'rate-limit'
  | 'server'
  | 'network'
  | 'redirect'
  | 'unknown';

/** A failure a salesperson can act on: what happened, in a sentence, and what to do next. */
export interface ProviderError {
  kind: ErrorKind;
  status: number;
  message: string;
  /** Worth trying again later without changing anything (429, 5xx, network). */
  retryable: boolean;
}

export interface TokenGrant {
  request: (ctx: RequestContext) => HttpRequest;
  read: (body: unknown) => { accessToken: string; expiresInSeconds: number } | null;
}

/**
 * A provider is one declarative definition: fields, how a contact fills them, and how to build and read its
 * HTTP requests. The form, the outbox and the dry-run CLI are generic over this.
 */
export interface Provider<V extends Record<string, unknown> = Record<string, unknown>> {
  id: string;
  label: string;
  defaultBaseUrl: string;
  docs: string;
  auth: 'api-key' | 'oauth-client-credentials';
  fields: FieldDef[];
  /** The form's values, validated with the provider's own constraints before anything is sent. */
  schema: z.ZodType<V>;
  /** Pre-fills the provider's fields from the contact the user confirmed; the external id marks our contacts. */
  fromContact: (contact: ContactInput, externalId: string) => V;
  create: (values: V, ctx: RequestContext) => HttpRequest;
  update: (remoteId: string, values: V, ctx: RequestContext) => HttpRequest;
  /** What a contact id of this provider looks like; anything else is refused before it reaches a path. */
  idPattern: RegExp;
  /** Reads the contact as it is now, before an update (OpenPhone: its e-mails and phones carry ids to address). */
  current?: (remoteId: string, ctx: RequestContext) => HttpRequest;
  /** The update's values given the contact as it is now (its answer to `current`). */
  withCurrent?: (values: V, current: unknown) => V;
  /** Finds a contact the product created before, by its external id; absent where the API has no such search. */
  lookup?: (externalId: string, ctx: RequestContext) => HttpRequest;
  /** The remote id in a create or update response. */
  readId: (body: unknown) => string | null;
  /** The remote id in a lookup response, or null when nothing matched. */
  readLookup?: (body: unknown) => string | null;
  /** Finds many at once (a list's rows), where one request can ask for several external ids. */
  lookupMany?: {
    max: number;
    request: (externalIds: string[], ctx: RequestContext) => HttpRequest;
    read: (body: unknown) => Array<{ externalId: string; remoteId: string }>;
  };
  explain: (status: number, body: unknown) => ProviderError;
  /** Requests allowed per window, per account; every window applies. */
  rateLimits: ReadonlyArray<{ max: number; perMs: number }>;
  token?: TokenGrant;
  /**
   * A harmless authenticated read for "Test connection": a documented list, or a contact id that cannot exist
   * (a 404 then proves the key was accepted).
   */
  probe: (ctx: RequestContext) => HttpRequest;
  /**
   * What shared code asks of a provider, so it never branches on an id (issue 16):
   * - `inBrowser`: the built-in address book: no account, no network, saved by the extension itself;
   * - `hosts`: the host permission patterns its API needs (the manifest's optional hosts are these);
   * - `defaultable`: the fields Settings may give a default (where a contact came from, how to treat it);
   * - `uniqueExternalId`: the provider refuses a second active record with our external id, so sending a create
   *   again cannot duplicate it, and that refusal of a resend means an earlier attempt landed;
   * - `customFields`: how to read the account's own custom field definitions, where the API has them.
   */
  inBrowser?: true;
  hosts: string[];
  defaultable: string[];
  uniqueExternalId?: true;
  customFields?: {
    request: (ctx: RequestContext) => HttpRequest;
    read: (body: unknown) => Array<{ key: string; name: string; type: CustomFieldType }> | null;
  };
  /** Where a person opens the contact in the provider's app, if it has a stable link. */
  contactUrl?: (remoteId: string) => string | null;
}

export type CustomFieldType = 'address' | 'boolean' | 'date' | 'multi-select' | 'number' | 'string' | 'url';
