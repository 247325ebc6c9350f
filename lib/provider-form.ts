import type { ContactInput } from './contact';
import { t } from './i18n';
import { externalIdFor } from './providers/external-id';
import type { FieldDef, Provider } from './providers/types';

/** Field types the popup edits in place; lists (emails, phones) come from the contact form above them. */
const EDITABLE = new Set<FieldDef['type']>([
  'text',
  'textarea',
  'email',
  'phone',
  'select',
  'boolean',
  'integer',
  'url',
  'date',
]);

export function isEditable(field: FieldDef): boolean {
  return EDITABLE.has(field.type);
}

/** What a provider field shows for a value: lists joined, objects by their value. */
export function shownValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(shownValue).filter(Boolean).join(', ');
  if (typeof value === 'object') return shownValue((value as { value?: unknown }).value ?? '');
  return String(value);
}

/**
 * The provider's values for a contact: its own mapping (with our external id), then what the user typed into
 * the provider's own fields. An edit to the contact form re-maps; an override wins over the mapping.
 */
export function providerValues(
  provider: Provider,
  contact: ContactInput,
  overrides: Record<string, unknown>,
): Record<string, unknown> {
  const values = provider.fromContact(contact, externalIdFor(contact)) as Record<string, unknown>;
  for (const field of provider.fields) {
    if (isEditable(field) && field.key in overrides) values[field.key] = overrides[field.key];
  }
  return values;
}

/** The provider's own checks, before anything is sent: its messages, by field. */
export function checkValues(
  provider: Provider,
  values: Record<string, unknown>,
): { ok: true; values: Record<string, unknown> } | { ok: false; errors: Record<string, string> } {
  const parsed = provider.schema.safeParse(values);
  if (parsed.success) return { ok: true, values: parsed.data as Record<string, unknown> };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? 'form');
    const field = provider.fields.find((f) => f.key === key);
    // A record's key ("Lead Source") fails inside the issue: its own rule says why.
    const message = (issue as { issues?: Array<{ message: string }> }).issues?.[0]?.message ?? issue.message;
    errors[key] ??= field ? `${field.label}: ${message}` : message;
  }
  return { ok: false, errors };
}

/** "In OpenPhone since 3 Nov" / "Already in OpenPhone": where the person is already known. */
export function knownText(providerLabel: string, since: string | null, locale?: string): string {
  if (!since) return t('alreadyIn', providerLabel);
  const date = new Date(since);
  const sameYear = date.getFullYear() === new Date().getFullYear();
  const day = date.toLocaleDateString(locale, {
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
  });
  return t('inSince', providerLabel, day);
}

/** The remote id in what the user pasted: an id, or a URL whose last path segment is one. */
export function idFromPasted(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  try {
    const url = new URL(trimmed);
    const last = url.pathname.split('/').filter(Boolean).pop();
    return last ? decodeURIComponent(last) : null;
  } catch {
    return /^[\w.:-]{1,200}$/.test(trimmed) ? trimmed : null;
  }
}

/** A send's outcome in a sentence and its next step. */
export function outcomeText(
  providerLabel: string,
  name: string,
  outcome: { state: string; error: string | null; already?: string | null },
): { text: string; error: boolean } {
  switch (outcome.state) {
    case 'delivered':
      if (outcome.already)
        return { text: t('alreadyThere', name, providerLabel, outcome.already.slice(0, 10)), error: false };
      return { text: t('sentTo', name, providerLabel), error: false };
    case 'queued':
    case 'in-flight':
    case 'unknown':
      return {
        text: `${t('notYet', name, providerLabel)}${outcome.error ? ` (${outcome.error})` : ''}`,
        error: false,
      };
    case 'may-exist':
      return { text: t('mayExist', name, providerLabel, outcome.error ?? ''), error: true };
    default:
      return { text: t('notSentError', name, outcome.error ?? t('unknownError')), error: true };
  }
}

/** What the user typed into a provider's custom fields, as the provider takes them (numbers, lists, booleans). */
export function customFieldValues(
  defs: Array<{ key: string; type: string }>,
  typed: Record<string, string | boolean>,
): Array<{ key: string; value: string | number | boolean | string[] }> {
  type Entry = { key: string; value: string | number | boolean | string[] };
  return defs.flatMap((def): Entry[] => {
    const raw = typed[def.key];
    if (raw === undefined || raw === '') return [];
    if (def.type === 'boolean') return [{ key: def.key, value: raw === true }];
    const text = String(raw).trim();
    if (text === '') return [];
    if (def.type === 'number') return Number.isFinite(Number(text)) ? [{ key: def.key, value: Number(text) }] : [];
    if (def.type === 'multi-select') {
      const items = text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      return items.length > 0 ? [{ key: def.key, value: items }] : [];
    }
    return [{ key: def.key, value: text }];
  });
}

export type UpdateMode = 'fill-empty' | 'overwrite';

const isEmpty = (value: unknown) =>
  value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

/**
 * What an update sends, given what the provider holds: "fill-empty" keeps every value already there;
 * "overwrite" sends ours wherever ours is not empty (an empty field of ours never wipes theirs).
 */
export function mergeForUpdate(
  fields: readonly FieldDef[],
  current: Record<string, unknown>,
  ours: Record<string, unknown>,
  mode: UpdateMode,
): Record<string, unknown> {
  const merged = { ...ours };
  for (const field of fields) {
    const theirs = current[field.key];
    if (isEmpty(ours[field.key]) || (mode === 'fill-empty' && !isEmpty(theirs))) merged[field.key] = theirs;
  }
  return merged;
}

/** The fields an update would change, from → to, in the provider's own labels. */
export function changesFor(
  fields: readonly FieldDef[],
  current: Record<string, unknown>,
  ours: Record<string, unknown>,
  mode: UpdateMode,
): Array<{ key: string; label: string; from: string; to: string }> {
  const merged = mergeForUpdate(fields, current, ours, mode);
  return fields
    .map((f) => ({ key: f.key, label: f.label, from: shownValue(current[f.key]), to: shownValue(merged[f.key]) }))
    .filter((c) => c.from !== c.to);
}
