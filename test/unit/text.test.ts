import { describe, expect, it } from 'vitest';
import { ContactInputSchema, candidateToContact, emptyContactInput } from '@/lib/contact';
import { contactsToCsv, contactsToVcard } from '@/lib/export';
import { cleanText } from '@/lib/extract/extension/finish';
import { boundUrl, sanitizeText } from '@/lib/text';

// Issue 15, 6: NEL reached the vCard raw (a reader that splits on it saw an injected CATEGORIES: line), and the
// Arabic letter mark, tag characters and Hangul fillers from JSON-LD reached the CRM fields.
describe('the contact sanitiser', () => {
  it.each([
    ['NEL', 'Jane\u0085CATEGORIES:evil', 'Jane CATEGORIES:evil'],
    ['line separator', 'Jane\u2028Doe', 'Jane Doe'],
    ['paragraph separator', 'Jane\u2029Doe', 'Jane Doe'],
    ['CR LF', 'Jane\r\nDoe', 'Jane Doe'],
    ['vertical tab and form feed', 'Ja\u000bne\u000c', 'Ja ne'],
    ['Arabic letter mark', 'Sam\u061c Kerr', 'Sam Kerr'],
    ['tag characters', 'Acme\u{e0041}\u{e0042}\u{e007f} Inc', 'Acme Inc'],
    ['Hangul fillers', '\u3164\u115f\u1160\uffa0Lee', 'Lee'],
    ['zero-width and bidi', 'Ja\u200bne \u202eDoe\u202c', 'Jane Doe'],
    ['C1 controls', 'A\u0080\u009fB', 'AB'],
    ['lone surrogate', 'A\ud800B', 'A\ufffdB'],
  ])('removes %s', (_name, input, expected) => {
    expect(sanitizeText(input)).toBe(expected);
  });

  it('keeps line breaks in a multi-line field as "\\n" only, and bounds the length without splitting a pair', () => {
    expect(sanitizeText('one\u0085two\u2028three\r\nfour', { multiline: true })).toBe('one\ntwo\nthree\nfour');
    expect(sanitizeText('ab😀', { max: 3 })).toBe('ab');
  });

  it('is what the extraction, the contact schema and both exports apply', () => {
    expect(cleanText('Jane\u0085Doe\u061c')).toBe('Jane Doe');
    const input = ContactInputSchema.parse({
      ...emptyContactInput(),
      firstName: 'Jane\u0085CATEGORIES:evil',
      company: 'Acme\u{e0041}',
      notes: 'line\u2028two',
    });
    expect(input).toMatchObject({ firstName: 'Jane CATEGORIES:evil', company: 'Acme', notes: 'line\ntwo' });
    const stored = {
      ...emptyContactInput(),
      firstName: 'Jane\u0085CATEGORIES:evil',
      lastName: 'Doe',
      id: 'c1',
      createdAt: '2026-11-30T10:00:00.000Z',
      updatedAt: '2026-11-30T10:00:00.000Z',
    };
    const vcard = contactsToVcard([stored]);
    expect(vcard).not.toMatch(/\u0085|\u2028/);
    expect(vcard.split(/\r\n|\n|\r|\u0085|\u2028|\u2029/).filter((l) => l.startsWith('CATEGORIES'))).toEqual([]);
    expect(contactsToCsv([stored])).not.toContain('\u0085');
  });
});

describe('web addresses in a contact', () => {
  const long = `https://example.com/path?${'utm=x&'.repeat(800)}`;

  it('are shortened rather than refused: no query, then the origin, then nothing', () => {
    expect(boundUrl('https://example.com/a?b=1#c', 2048)).toBe('https://example.com/a?b=1#c');
    expect(boundUrl(long, 2048)).toBe('https://example.com/path');
    expect(boundUrl(`https://example.com/${'p'.repeat(3000)}`, 2048)).toBe('https://example.com/');
    expect(boundUrl('javascript:alert(1)', 2048)).toBe('');
  });

  it('a page URL over 2,048 or 4,096 characters still makes a contact that saves', () => {
    const contact = candidateToContact(
      { name: { full: 'A B', first: 'A', last: 'B' }, emails: ['a@b.example'], phones: [] } as never,
      `${long}${'y'.repeat(4000)}`,
    );
    expect(ContactInputSchema.safeParse(contact).success).toBe(true);
    expect(contact.website).toBe('https://example.com/path');
    expect(ContactInputSchema.parse({ ...emptyContactInput(), website: long }).website).toBe(
      'https://example.com/path',
    );
  });
});
