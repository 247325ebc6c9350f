import { FAILURE_KINDS } from './failure';
import { defineStored, readRows, serial, write } from './stored';
import { z } from './zod';

/** One send, kept so the same person is recognised next time and failures can be retried from Settings. */
export const SendRecordSchema = z.object({
  id: z.string(),
  providerId: z.string(),
  action: z.enum(['create', 'update']),
  remoteId: z.string().nullable(),
  externalId: z.string().nullable(),
  name: z.string(),
  emails: z.array(z.string()),
  phones: z.array(z.string()),
  at: z.iso.datetime(),
  outcome: z.enum(['delivered', 'failed', 'unknown', 'pending']),
  error: z.string().nullable(),
  /** A failure's kind (lib/failure.ts), null for a delivery. */
  errorKind: z.enum(FAILURE_KINDS).nullable().default(null),
});

/** As written (a record without `errorKind` is one of v1); read back, every field is there. */
export type SendRecord = z.input<typeof SendRecordSchema>;

const MAX_RECORDS = 5000;
/** v1, the only version so far; `errorKind` came with a default, so a record written before it reads as null. */
export const HISTORY_VERSION = 1;
const historyItem = defineStored('local:history', { fallback: [], version: HISTORY_VERSION, migrations: {} });

export async function listHistory(): Promise<SendRecord[]> {
  return readRows('history', await historyItem.getValue(), SendRecordSchema);
}

export function watchHistory(callback: (records: SendRecord[]) => void): () => void {
  return historyItem.watch(() => void listHistory().then(callback));
}

/** Read-modify-write of the history, one at a time. */
const exclusive = serial();

/** Adds or replaces a record (by id), newest first, keeping the most recent 5,000. */
export function recordSend(record: SendRecord): Promise<void> {
  return exclusive(async () => {
    const records = (await listHistory()).filter((r) => r.id !== record.id);
    records.unshift(SendRecordSchema.parse(record));
    await write(historyItem, records.slice(0, MAX_RECORDS));
  });
}

/** The contact this person became in a provider the last time it was delivered, matched by email or phone. */
export function knownIn(
  records: SendRecord[],
  providerId: string,
  person: { emails: string[]; phones: string[] },
): { remoteId: string; since: string } | null {
  const emails = new Set(person.emails.map((e) => e.toLowerCase()));
  const matches = records.filter(
    (r) =>
      r.providerId === providerId &&
      r.outcome === 'delivered' &&
      r.remoteId !== null &&
      (r.emails.some((e) => emails.has(e.toLowerCase())) || r.phones.some((p) => person.phones.includes(p))),
  );
  if (matches.length === 0) return null;
  const first = matches[matches.length - 1] as SendRecord;
  return { remoteId: (matches[0] as SendRecord).remoteId as string, since: first.at };
}
