import { type Contact, displayName } from './contact';
import { sanitizeText } from './text';

const CSV_COLUMNS = [
  'First name',
  'Last name',
  'Company',
  'Job title',
  'Emails',
  'Phones',
  'Website',
  'Captured at',
  'Notes',
  'Saved at',
];

/** RFC 4180 CSV, one row per contact; several emails or phones share a cell, separated by " ; ". */
export function contactsToCsv(contacts: Contact[]): string {
  const rows = contacts.map((c) => [
    c.firstName,
    c.lastName,
    c.company,
    c.title,
    c.emails.join(' ; '),
    c.phones.map((p) => p.value).join(' ; '),
    c.website,
    c.capturedAt,
    c.notes,
    c.updatedAt,
  ]);
  return `${[CSV_COLUMNS, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

function csvCell(raw: string): string {
  // The contact sanitiser first (lib/text.ts): a contact stored before it existed carries no NEL or U+2028 out.
  const value = sanitizeText(raw, { multiline: true });
  // A cell a spreadsheet would run as a formula is prefixed with '; numbers only ("+1 415… ; +44…") are harmless.
  const safe = /^[=@\t\r]|^[+-](?![\d\s().;+-]*$)/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const VCARD_TEL_TYPE: Record<string, string> = {
  work: 'work,voice',
  mobile: 'cell',
  fax: 'fax',
  home: 'home,voice',
  other: 'voice',
};

/** vCard 4.0 (RFC 6350): CRLF line ends, values escaped, lines folded at 75 octets. */
export function contactsToVcard(contacts: Contact[]): string {
  return contacts.map(contactToVcard).join('');
}

function contactToVcard(c: Contact): string {
  const lines = ['BEGIN:VCARD', 'VERSION:4.0', `UID:urn:uuid:${c.id}`, `FN:${escapeText(displayName(c))}`];
  lines.push(`N:${escapeText(c.lastName)};${escapeText(c.firstName)};;;`);
  if (c.company) lines.push(`ORG:${escapeText(c.company)}`);
  if (c.title) lines.push(`TITLE:${escapeText(c.title)}`);
  for (const [i, email] of c.emails.entries()) {
    lines.push(`EMAIL;TYPE=work${i === 0 ? ';PREF=1' : ''}:${escapeText(email)}`);
  }
  for (const [i, p] of c.phones.entries()) {
    lines.push(`TEL;VALUE=uri;TYPE="${VCARD_TEL_TYPE[p.type] ?? 'voice'}"${i === 0 ? ';PREF=1' : ''}:tel:${p.value}`);
  }
  if (c.website) lines.push(`URL:${escapeText(c.website)}`);
  if (c.notes) lines.push(`NOTE:${escapeText(c.notes)}`);
  lines.push(`REV:${c.updatedAt.replace(/[-:]/g, '').replace(/\.\d+/, '')}`, 'END:VCARD');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

function escapeText(value: string): string {
  return sanitizeText(value, { multiline: true })
    .replace(/\\/g, '\\\\')
    .replace(/,/g, '\\,')
    .replace(/;/g, '\\;')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds a content line at 75 octets without splitting a UTF-8 character. */
function fold(line: string): string {
  const encoder = new TextEncoder();
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const char of line) {
    const bytes = encoder.encode(char).length;
    const limit = parts.length === 0 ? 75 : 74; // continuation lines start with one space
    if (size + bytes > limit) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += char;
    size += bytes;
  }
  parts.push(current);
  return parts.join('\r\n ');
}
