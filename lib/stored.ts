import { storage } from 'wxt/utils/storage';
import type { z } from './zod';

/**
 * Reading what is stored, when it may not be what we wrote (another version, a crash mid-write, a hand edit, an
 * attack). A list is read row by row: rows that parse are kept, rows that do not are set aside here — never sent,
 * never silently dropped — and the options page says so in one sentence. A value that is not a list at all
 * (`{}`, `42`, garbage) is set aside whole and the list reads as empty; the next write replaces it.
 */
export interface SetAside {
  /** The storage key it came from: outbox, history, addressBook, settings. */
  key: string;
  at: string;
  /** The unreadable value, as JSON (cut at 100,000 characters). */
  json: string;
}

/**
 * A stored item with its version and the migrations that bring an older stored value up to it. Each item's
 * module (outbox, history, address book, accounts, settings) declares its schema beside this; the browser runs
 * the migrations once, when the module is first loaded in a context, before any read. A migration takes
 * whatever is there (it may be garbage) and changes only what it recognises: what still does not parse is set
 * aside on read.
 */
export function defineStored(
  key: `local:${string}`,
  options: { fallback: unknown; version: number; migrations: Record<number, (old: unknown) => unknown> },
) {
  // WXT runs migrations only when some are declared; an empty set still records the version.
  return storage.defineItem<unknown>(key, options);
}

const MAX_ENTRIES = 50;
const MAX_JSON = 100_000;
const quarantineItem = storage.defineItem<unknown>('local:quarantine', { fallback: [] });

export async function listSetAside(): Promise<SetAside[]> {
  const raw = await quarantineItem.getValue().catch(() => []);
  return Array.isArray(raw)
    ? raw.filter(
        (e): e is SetAside =>
          typeof e === 'object' && e !== null && typeof e.key === 'string' && typeof e.json === 'string',
      )
    : [];
}

export function watchSetAside(callback: (entries: SetAside[]) => void): () => void {
  return quarantineItem.watch(() => void listSetAside().then(callback));
}

export function clearSetAside(): Promise<void> {
  return quarantineItem.setValue([]);
}

/**
 * One at a time: each stored item's read-modify-write waits for the one before it (in this context), so two
 * writers never overwrite each other. Every stored item has its own `serial()`.
 */
export function serial(): <T>(work: () => Promise<T>) => Promise<T> {
  let queue: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>) => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
}

const quarantineTurn = serial();

/** Keeps unreadable values once each (the same value read again is not added twice). */
export function setAside(key: string, values: unknown[]): Promise<void> {
  const run = async () => {
    const entries = await listSetAside();
    const known = new Set(entries.map((e) => `${e.key}\u0000${e.json}`));
    for (const value of values) {
      let json: string;
      try {
        json = JSON.stringify(value) ?? String(value);
      } catch {
        json = String(value);
      }
      json = json.length > MAX_JSON ? `${json.slice(0, MAX_JSON)}…` : json;
      if (known.has(`${key}\u0000${json}`)) continue;
      known.add(`${key}\u0000${json}`);
      entries.push({ key, at: new Date().toISOString(), json });
    }
    await quarantineItem.setValue(entries.slice(-MAX_ENTRIES));
  };
  return quarantineTurn(run).catch(() => undefined);
}

/** The rows of a stored list that parse; the rest, and a value that is no list, are set aside. */
export async function readRows<T>(key: string, raw: unknown, schema: z.ZodType<T>): Promise<T[]> {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    await setAside(key, [raw]);
    return [];
  }
  const good: T[] = [];
  const bad: unknown[] = [];
  for (const row of raw) {
    const parsed = schema.safeParse(row);
    if (parsed.success) good.push(parsed.data);
    else bad.push(row);
  }
  if (bad.length > 0) await setAside(key, bad);
  return good;
}

/** An object read field by field: a field that does not parse takes its default, the others are kept. */
export async function readFields<T extends Record<string, unknown>>(
  key: string,
  raw: unknown,
  fields: { [K in keyof T]: z.ZodType<T[K]> },
  defaults: T,
): Promise<T> {
  const source = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  if (raw !== undefined && raw !== null && source !== raw) await setAside(key, [raw]);
  const out = { ...defaults };
  const bad: Record<string, unknown> = {};
  for (const name of Object.keys(fields) as Array<keyof T>) {
    if (!Object.hasOwn(source, name)) continue;
    const parsed = fields[name].safeParse(source[name as string]);
    if (parsed.success) out[name] = parsed.data;
    else bad[name as string] = source[name as string];
  }
  if (Object.keys(bad).length > 0) await setAside(key, [bad]);
  return out;
}

/**
 * Writes a stored value; a full storage area (the browser's quota for extensions) becomes one sentence with the
 * next step instead of a browser error, and what was there before is untouched.
 */
export async function write<T>(item: { setValue: (value: T) => Promise<void> }, value: T): Promise<void> {
  try {
    await item.setValue(value);
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    if (/quota|QUOTA_BYTES|storage.*full/i.test(text))
      throw new Error(
        'The extension’s storage in this browser is full: export the address book (CSV or vCard) and delete contacts you no longer need, then try again',
      );
    throw error;
  }
}
