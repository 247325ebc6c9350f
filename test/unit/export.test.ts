import { describe, expect, it } from 'vitest';
import type { Contact } from '@/lib/contact';
import { contactsToCsv, contactsToVcard } from '@/lib/export';

const jane: Contact = {
  id: '3f1c2a7e-1d2b-4c3d-9e8f-001122334455',
  firstName: 'Jane',
  lastName: 'Doe, Jr.',
  company: 'Acme; "Widgets"',
  title: 'VP Sales',
  emails: ['jane@acme.com', 'j.doe@acme.com'],
  phones: [
    { value: '+14155550132', type: 'work' },
    { value: '+14155550133', type: 'mobile' },
  ],
  website: 'https://acme.com/team',
  notes: 'Met at the fair\nfollow up in May',
  capturedAt: '2026-05-04T09:30:00.000Z',
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-02T11:30:00.000Z',
};

describe('CSV', () => {
  it('writes a header and one quoted row per contact', () => {
    const lines = contactsToCsv([jane]).split('\r\n');
    expect(lines[0]).toBe('First name,Last name,Company,Job title,Emails,Phones,Website,Captured at,Notes,Saved at');
    expect(lines[1]).toBe(
      'Jane,"Doe, Jr.","Acme; ""Widgets""",VP Sales,jane@acme.com ; j.doe@acme.com,+14155550132 ; +14155550133,' +
        'https://acme.com/team,2026-05-04T09:30:00.000Z,"Met at the fair\nfollow up in May",2026-11-02T11:30:00.000Z',
    );
    expect(lines).toHaveLength(3);
  });

  it('defuses cells a spreadsheet would run as formulas, but not phone numbers', () => {
    const csv = contactsToCsv([
      { ...jane, firstName: '=HYPERLINK("http://evil")', lastName: '@SUM(A1)', title: '+cmd' },
    ]);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")",'@SUM(A1),"Acme; ""Widgets""",'+cmd,`);
    expect(csv).toContain(',+14155550132 ; +14155550133,');
  });
});

describe('vCard 4.0', () => {
  const card = contactsToVcard([jane]);

  it('has the required properties, CRLF line ends and escaped values', () => {
    expect(card.startsWith('BEGIN:VCARD\r\nVERSION:4.0\r\n')).toBe(true);
    expect(card.endsWith('END:VCARD\r\n')).toBe(true);
    expect(card).toContain('\r\nFN:Jane Doe\\, Jr.\r\n');
    expect(card).toContain('\r\nN:Doe\\, Jr.;Jane;;;\r\n');
    expect(card).toContain('\r\nORG:Acme\\; "Widgets"\r\n');
    expect(card).toContain('\r\nEMAIL;TYPE=work;PREF=1:jane@acme.com\r\n');
    expect(card).toContain('\r\nTEL;VALUE=uri;TYPE="cell":tel:+14155550133\r\n');
    expect(card).toContain('\r\nNOTE:Met at the fair\\nfollow up in May\r\n');
    expect(card).toContain('\r\nREV:20261102T113000Z\r\n');
    expect(card.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('folds long lines at 75 octets without splitting a character', () => {
    const long = contactsToVcard([{ ...jane, notes: 'ñ'.repeat(100) }]);
    const lines = long.split('\r\n');
    for (const line of lines) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    const note = long.slice(long.indexOf('NOTE:')).split('\r\nREV')[0] ?? '';
    expect(note.replace(/\r\n /g, '')).toBe(`NOTE:${'ñ'.repeat(100)}`);
  });
});
