// npm run request -- --provider <id> --action create|update [--id X] --contact file.json [--base-url URL] [--key KEY]
// Prints, without sending, the exact HTTP request the product would send, from the code that sends it.
import { readFileSync } from 'node:fs';
import { CandidateSchema } from '../../lib/capture-result';
import { candidateToContact } from '../../lib/contact';
import { externalIdFor } from '../../lib/providers/external-id';
import { maskRequest } from '../../lib/providers/http';
import { getProvider, PROVIDER_IDS } from '../../lib/providers/index';
import type { HttpRequest, RequestContext } from '../../lib/providers/types';

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

const provider = getProvider(option('provider') ?? '') ?? fail(`--provider must be one of: ${PROVIDER_IDS.join(', ')}`);
const action = option('action');
if (action !== 'create' && action !== 'update') fail('--action must be create or update');
const remoteId = option('id');
if (action === 'update' && !remoteId) fail('--action update needs --id (the contact id in the provider)');
const file = option('contact') ?? fail('--contact <file.json> is required (a CaptureResult candidate)');

let candidate: unknown;
try {
  candidate = JSON.parse(readFileSync(file, 'utf8'));
} catch (error) {
  fail(`Could not read ${file}: ${error instanceof Error ? error.message : String(error)}`);
}
const parsed = CandidateSchema.safeParse(candidate);
if (!parsed.success)
  fail(
    `${file} is not a CaptureResult candidate: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
  );

const contact = candidateToContact(parsed.data, option('source-url') ?? '');
const values = provider.schema.safeParse(provider.fromContact(contact, externalIdFor(contact)));
if (!values.success)
  fail(
    `${provider.label} would refuse this contact: ${values.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
  );

const key = option('key') ?? 'YOUR-API-KEY-0000';
const ctx: RequestContext = {
  baseUrl: option('base-url') ?? provider.defaultBaseUrl,
  credentials: {
    apiKey: key,
    clientId: option('client-id') ?? 'YOUR-CLIENT-ID',
    clientSecret: key,
    accessToken: 'ACCESS-TOKEN-FROM-STEP-1',
  },
};

function print(request: HttpRequest): void {
  const masked = maskRequest(request);
  // The URL as fetch will send it (normalised by the URL parser), not as the string was built.
  const lines = [
    `${masked.method} ${new URL(masked.url).href}`,
    ...Object.entries(masked.headers).map(([k, v]) => `${k}: ${v}`),
  ];
  if (masked.body !== undefined) {
    let body = masked.body;
    try {
      body = JSON.stringify(JSON.parse(body), null, 2);
    } catch {
      // form-encoded: as is
    }
    lines.push('', body);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

if (provider.token) {
  process.stdout.write('# 1. access token (cached until it expires)\n');
  print(provider.token.request(ctx));
  process.stdout.write('\n# 2. the contact\n');
}
try {
  print(
    action === 'create' ? provider.create(values.data, ctx) : provider.update(remoteId as string, values.data, ctx),
  );
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
