import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { CaptureResultSchema } from '@/lib/capture-result';
import { finishCapture } from '@/lib/extract/extension/finish';
import { markupEntities } from '@/lib/extract/extension/markup';
import { extractPage } from '@/lib/extract/page';
import { DEFAULT_LIMITS } from '@/lib/extract/page/scan';
import { parsePage } from '../../scripts/common/dom';

const open: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of open.splice(0)) await close();
});

function capture(html: string, url = 'https://www.acme-widgets.com/team', region?: string) {
  const page = parsePage(html, url);
  open.push(page.close);
  const raw = extractPage(page.document);
  return CaptureResultSchema.parse(
    finishCapture(raw, { region: region ?? null, markup: markupEntities(raw.snapshots, raw.url) }),
  );
}

describe('the demo lead page', () => {
  const result = capture(readFileSync('demo/team.html', 'utf8'), 'http://127.0.0.1:8080/team.html');
  const byName = (full: string) => result.candidates.find((c) => c.name?.full === full);

  it('finds each person with their own details and title', () => {
    expect(byName('Jane Q. Doe')).toMatchObject({
      name: { first: 'Jane Q.', last: 'Doe' },
      title: 'VP Sales',
      company: 'Northwind Robotics',
      emails: ['jane.doe@northwind-robotics.com'],
      phones: [{ e164: '+14155550132', type: 'work' }],
    });
    expect(byName('Ana García Márquez')).toMatchObject({
      name: { first: 'Ana', last: 'García Márquez' },
      emails: ['ana.garcia@northwind-robotics.com'],
      phones: [{ e164: '+34912345678' }],
    });
    expect(byName('Priya Sharma')?.phones.map((p) => p.e164)).toEqual(['+442079460958']);
  });

  it('decodes the obfuscated address and reads office and mobile numbers', () => {
    expect(byName('Lukas Meyer')).toMatchObject({
      emails: ['lukas.meyer@northwind-robotics.com'],
      phones: [
        { e164: '+4930901820', type: 'work' },
        { e164: '+4915123456789', type: 'mobile' },
      ],
    });
  });

  it('reads a national number with an extension in the page region', () => {
    expect(byName('Tomás Okafor')?.phones[0]).toMatchObject({ e164: '+14155550199', raw: '(415) 555-0199 ext. 12' });
  });

  it('keeps the general enquiries line apart from the people', () => {
    const general = result.candidates.find((c) => c.emails.includes('info@northwind-robotics.com'));
    expect(general?.name).toBeNull();
    expect(general?.phones.map((p) => p.e164)).toEqual(['+14155550100']);
    expect(result.candidates.indexOf(general as never)).toBe(result.candidates.length - 1);
  });

  it('leaves out the honeypot, code samples, image names, dates, prices and order numbers', () => {
    const emails = result.candidates.flatMap((c) => c.emails);
    const phones = result.candidates.flatMap((c) => c.phones.map((p) => p.e164));
    expect(emails).not.toContain('trap@northwind-robotics.com');
    expect(emails.some((e) => e.includes('example.com') || e.includes('.png'))).toBe(false);
    expect(result.candidates).toHaveLength(6);
    expect(phones).toHaveLength(7);
  });
});

describe('links', () => {
  it('splits a mailto with several addresses and drops its query', () => {
    const result = capture(
      '<p><a href="mailto:a.one@acme-widgets.com,b.two@acme-widgets.com?subject=Hi&cc=x@y.com">Write</a></p>',
    );
    expect(result.candidates.flatMap((c) => c.emails)).toEqual(['a.one@acme-widgets.com', 'b.two@acme-widgets.com']);
  });

  it('reads tel: links with percent-encoding and leaves out non-numbers', () => {
    const result = capture('<p><a href="tel:%2B1%20212%20555%200143">Call</a> <a href="tel:12">x</a></p>');
    expect(result.candidates[0]?.phones.map((p) => p.e164)).toEqual(['+12125550143']);
  });
});

describe('visible text', () => {
  it('decodes bracketed obfuscation forms', () => {
    const result = capture('<ul><li>maria(at)acme-widgets.org</li><li>li {at} acme-widgets {dot} org</li></ul>');
    expect(result.candidates.flatMap((c) => c.emails).sort()).toEqual([
      'li@acme-widgets.org',
      'maria@acme-widgets.org',
    ]);
  });

  it('needs a label, a + or brackets before taking digits for a phone', () => {
    const result = capture(
      '<div><p>Invoice 2024-0113-5566 due 12.05.2024</p><p>Ref 4155550143</p><p>Telefon: 030 1234567</p></div>',
      'https://www.acme-widgets.de/kontakt',
    );
    expect(result.region).toBe('DE');
    expect(result.candidates.flatMap((c) => c.phones.map((p) => p.e164))).toEqual(['+49301234567']);
  });

  it('ignores text hidden from people', () => {
    const result = capture(
      '<div hidden>a.hidden@acme-widgets.com</div><div aria-hidden="true">b.hidden@acme-widgets.com</div>' +
        '<div style="display:none">c.hidden@acme-widgets.com</div><p>d.shown@acme-widgets.com</p>',
    );
    expect(result.candidates.flatMap((c) => c.emails)).toEqual(['d.shown@acme-widgets.com']);
  });

  it('takes an unlabelled number beside an email, but never a registry number', () => {
    const result = capture(
      '<p><a href="mailto:kliu@brightlinepr.com">kliu@brightlinepr.com</a> · 212-555-0148</p>' +
        '<p>Support : <a href="mailto:support@nuagecloud.fr">support@nuagecloud.fr</a><br>' +
        'RCS Lille Métropole 493 812 056 — SIREN 493 812 056</p>',
      'https://www.brightlinepr.com/press',
    );
    expect(result.candidates.flatMap((c) => c.phones.map((p) => p.e164))).toEqual(['+12125550148']);
  });

  it('reads one-letter and line labels, full-width colons and a bracketed country code', () => {
    const result = capture(
      '<ul><li>T 044 215 30 15</li><li>Direct line: 044 215 30 16</li><li>(+41) 78 655 21 47</li></ul>',
      'https://www.bergmann-partners.ch/team',
    );
    expect(result.candidates.flatMap((c) => c.phones.map((p) => p.e164)).sort()).toEqual([
      '+41442153015',
      '+41442153016',
      '+41786552147',
    ]);
  });

  it('leaves out placeholder addresses and visually hidden traps', () => {
    const result = capture(
      '<style>.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}</style>' +
        '<p>Addresses follow the form <em>username at lakeshore dot edu</em>, e.g. vorname.nachname@lakeshore.edu.</p>' +
        '<p class="sr"><a href="mailto:trap@lakeshore.edu">trap@lakeshore.edu</a></p><p>dean@lakeshore.edu</p>',
      'https://www.lakeshore.edu/people',
    );
    expect(result.candidates.flatMap((c) => c.emails)).toEqual(['dean@lakeshore.edu']);
  });

  it('gives a detail in prose to the person a first name points back to', () => {
    const result = capture(
      '<p>Wanjiru Kamau, Director of Partnerships at Pesaflow Ltd in Nairobi, brought the mobile-money view.\n' +
        'She argued for savings groups. Wanjiru asked that enquiries go to\n' +
        '<a href="mailto:w.kamau@pesaflow.co.ke">w.kamau@pesaflow.co.ke</a>; her office line is +254 712 345 678.</p>',
      'https://www.railsandrands.ng/episodes/42',
    );
    expect(result.candidates).toHaveLength(1);
    expect(result.candidates[0]).toMatchObject({
      name: { full: 'Wanjiru Kamau' },
      emails: ['w.kamau@pesaflow.co.ke'],
      phones: [{ e164: '+254712345678' }],
      title: 'Director of Partnerships',
      company: 'Pesaflow Ltd',
    });
  });

  it('keeps the footer mailbox apart from a person whose card shows the switchboard', () => {
    const result = capture(
      '<main><div class="card"><h3>Aisha Khan</h3><p>aisha@brightwave.com</p><p>Tel: +1 415 555 0100</p></div></main>' +
        '<footer><p>Main: <a href="tel:+14155550100">(415) 555-0100</a><br><a href="mailto:hello@brightwave.com">hello@brightwave.com</a></p></footer>',
      'https://www.brightwave.com/team',
    );
    const aisha = result.candidates.find((c) => c.name?.full === 'Aisha Khan');
    expect(aisha?.emails).toEqual(['aisha@brightwave.com']);
    expect(result.candidates.find((c) => c.emails.includes('hello@brightwave.com'))?.name).toBeNull();
  });

  it('names the one personal address on a profile page from its meta tags', () => {
    const result = capture(
      '<html><head><meta property="profile:first_name" content="Rafael"><meta property="profile:last_name" content="Monteiro">' +
        '</head><body><p>Escreva para <a href="mailto:rm@consultoria.com.br">rm@consultoria.com.br</a></p></body></html>',
      'https://www.consultoria.com.br/sobre',
    );
    expect(result.candidates[0]?.name?.full).toBe('Rafael Monteiro');
    expect(result.candidates[0]?.sources).toContain('meta');
  });

  it('derives a low-confidence name from a personal address only', () => {
    const result = capture('<p>Write to john.smith@acme-widgets.com or sales@acme-widgets.com</p>');
    const john = result.candidates.find((c) => c.emails.includes('john.smith@acme-widgets.com'));
    expect(john?.name?.full).toBe('John Smith');
    expect(john?.sources).toContain('email-derived');
  });
});

describe('people grouping', () => {
  it('keeps table rows apart', () => {
    const result = capture(`<table>
      <tr><td><b>Ines Duarte</b></td><td>Buyer</td><td>ines.duarte@acme-widgets.com</td><td>Tel: +351 21 123 4567</td></tr>
      <tr><td><b>Omar Haddad</b></td><td>Plant Manager</td><td>omar.haddad@acme-widgets.com</td><td>Tel: +971 4 331 2345</td></tr>
    </table>`);
    expect(result.candidates.map((c) => [c.name?.full, c.emails[0], c.phones[0]?.e164])).toEqual([
      ['Ines Duarte', 'ines.duarte@acme-widgets.com', '+351211234567'],
      ['Omar Haddad', 'omar.haddad@acme-widgets.com', '+97143312345'],
    ]);
  });

  it('keeps phone-only people apart by their names', () => {
    const result = capture(`<section><h2>Our Team</h2>
      <div><h3>Kai Nakamura</h3><p>Phone: +81 3-1234-5678</p></div>
      <div><h3>Lena Vogel</h3><p>Phone: +49 89 123456</p></div></section>`);
    expect(result.candidates.map((c) => [c.name?.full, c.phones.map((p) => p.e164)])).toEqual([
      ['Kai Nakamura', ['+81312345678']],
      ['Lena Vogel', ['+4989123456']],
    ]);
  });
});

describe('scope and bounds', () => {
  it('reads only the selection when asked', () => {
    const page = parsePage(
      `<div id="a"><h3>Kai Nakamura</h3><p>kai.nakamura@acme-widgets.com</p></div>
       <div id="b"><h3>Lena Vogel</h3><p>lena.vogel@acme-widgets.com</p></div>`,
      'https://www.acme-widgets.com/team',
    );
    open.push(page.close);
    const doc = page.document;
    const range = doc.createRange();
    range.selectNodeContents(doc.getElementById('b') as Element);
    doc.getSelection()?.addRange(range);
    const raw = extractPage(doc, { selectionOnly: true });
    expect(raw.candidates.map((c) => c.emails)).toEqual([['lena.vogel@acme-widgets.com']]);
    expect(extractPage(doc).candidates).toHaveLength(2);
  });

  it('says the page was cut short when it lists more people than one capture holds', () => {
    const cards = (n: number) =>
      Array.from(
        { length: n },
        (_, i) => `<li><b>Person ${i}</b> <a href="mailto:p${i}@acme-widgets.com">mail</a></li>`,
      );
    for (const [count, cut] of [
      [250, true],
      [150, false],
    ] as const) {
      const page = parsePage(`<ul>${cards(count).join('')}</ul>`, 'https://www.acme-widgets.com/team');
      open.push(page.close);
      // Time enough on a busy machine: what is tested is the cap, not the clock (the test below).
      const raw = extractPage(page.document, { limits: { ...DEFAULT_LIMITS, maxMillis: 60_000 } });
      expect(raw.candidates).toHaveLength(Math.min(count, 200));
      expect(raw.truncated).toBe(cut);
    }
  });

  it('stops at its bounds on a huge page and says so', () => {
    const rows = Array.from(
      { length: 3000 },
      (_, i) => `<tr><td>Person ${i}</td><td>p${i}.x@acme-widgets.com</td></tr>`,
    ).join('');
    const page = parsePage(`<table>${rows}</table>`, 'https://www.acme-widgets.com/all');
    open.push(page.close);
    const raw = extractPage(page.document, { limits: { maxText: 10_000, maxNodes: 1_000_000, maxMillis: 10_000 } });
    expect(raw.truncated).toBe(true);
    expect(raw.candidates.length).toBeLessThan(3000);
  });

  it('on a slow machine cuts the page at one point: no detail loses its name, small pages are read whole', () => {
    const FIRST = ['Ana', 'Ben', 'Chloe', 'David', 'Elif', 'Farid', 'Greta', 'Hiro', 'Ines', 'Jonas'];
    const LAST = ['Adler', 'Brennan', 'Castillo', 'Dubois', 'Eriksen', 'Fischer', 'Garcia', 'Hansen', 'Ito', 'Jensen'];
    const cards = (n: number) =>
      Array.from({ length: n }, (_, i) => {
        const name = `${FIRST[i % 10]} ${LAST[Math.floor(i / 10) % 10]}`;
        const mail = `${name.toLowerCase().replace(' ', '.')}${i}@acme-widgets.com`;
        return `<div class="card"><h3>${name}</h3><p>Account Manager</p><p><a href="mailto:${mail}">${mail}</a></p><p>Tel. +49 30 1234 ${String(5000 + i)}</p></div>`;
      }).join('');
    for (const count of [12, 180]) {
      const page = parsePage(`<main>${cards(count)}</main>`, 'https://www.acme-widgets.com/team');
      open.push(page.close);
      const full = extractPage(page.document, { limits: { ...DEFAULT_LIMITS, maxMillis: 60_000 } });
      expect(full.candidates).toHaveLength(count);
      // A clock that moves on at every read, as on a machine whose other work takes the processor.
      for (const step of [0.01, 0.05, 0.2, 1, 5]) {
        let time = 0;
        const now = () => (time += step);
        const raw = extractPage(page.document, { limits: { ...DEFAULT_LIMITS, now } });
        const names = raw.candidates.map((c) => c.name);
        expect(names).toEqual(full.candidates.slice(0, names.length).map((c) => c.name));
        raw.candidates.forEach((c, i) => {
          for (const email of c.emails) expect(full.candidates[i]?.emails).toContain(email);
        });
        // Twelve people are a small page: read whole whatever the clock says.
        if (count === 12) expect(raw.candidates).toHaveLength(12);
        if (raw.candidates.length < count) expect(raw.truncated).toBe(true);
        expect(raw.candidates.length).toBeGreaterThan(0);
      }
    }
  });

  it('reads past a thousand numbers to the author at the end: only e-mail addresses count towards the cap of a long page', () => {
    const lines = Array.from(
      { length: 1200 },
      (_, i) => `<p>Order ${i} was confirmed by phone: call +1 415 555 ${String(1000 + i)} to change it.</p>`,
    ).join('');
    const author =
      '<aside><h3>Nora Lindqvist</h3><p>Senior Editor</p><a href="mailto:nora.lindqvist@brightwell.co.uk">mail</a></aside>';
    const page = parsePage(`<article>${lines}${author}</article>`, 'https://www.brightwell.co.uk/journal');
    open.push(page.close);
    const raw = extractPage(page.document, { limits: { ...DEFAULT_LIMITS, maxMillis: 60_000 } });
    expect(raw.candidates.flatMap((c) => c.emails)).toContain('nora.lindqvist@brightwell.co.uk');
  });

  it('on a page too long to read whole, still reads its closing blocks: the author box, the footer', () => {
    const prose = Array.from(
      { length: 3000 },
      (_, i) => `<p>Paragraph ${i} of a very long article about warehouse automation and its many robots.</p>`,
    ).join('');
    const end =
      '<aside class="author"><h3>Nora Lindqvist</h3><p>Senior Editor</p><a href="mailto:nora.lindqvist@brightwell.co.uk">mail</a></aside>' +
      '<footer><p>Brightwell Journal · <a href="mailto:press@brightwell.co.uk">press@brightwell.co.uk</a></p></footer>';
    const page = parsePage(`<main><article>${prose}</article>${end}</main>`, 'https://www.brightwell.co.uk/journal');
    open.push(page.close);
    // Bounded in text: the scan stops a long way before the end.
    const raw = extractPage(page.document, { limits: { maxText: 20_000, maxNodes: 1_000_000, maxMillis: 60_000 } });
    expect(raw.truncated).toBe(true);
    const nora = raw.candidates.find((c) => c.emails.includes('nora.lindqvist@brightwell.co.uk'));
    expect(nora?.name).toBe('Nora Lindqvist');
    expect(raw.candidates.flatMap((c) => c.emails)).toContain('press@brightwell.co.uk');
  });

  it('reads open shadow roots', () => {
    const page = parsePage('<div id="host"></div>', 'https://www.acme-widgets.com/');
    open.push(page.close);
    const host = page.document.getElementById('host') as Element;
    const shadow = host.attachShadow({ mode: 'open' });
    const card = page.document.createElement('div');
    card.append(Object.assign(page.document.createElement('h3'), { textContent: 'Mira Holm' }));
    card.append(Object.assign(page.document.createElement('p'), { textContent: 'mira.holm@acme-widgets.com' }));
    shadow.append(card);
    const result = finishCapture(extractPage(page.document));
    expect(result.candidates.map((c) => [c.name?.full, c.emails[0]])).toEqual([
      ['Mira Holm', 'mira.holm@acme-widgets.com'],
    ]);
  });
});

describe('a card whose bio opens like "Name, role"', () => {
  it('keeps each card’s details with the name in its heading', () => {
    // The bench's directory page (bench/pages.ts): one of its bios reads "Before Brightwell, built the …"; read as a
    // name, it took the e-mails and phones of every card it stood in (41 e-mails on one "person" in the popup).
    const card = (name: string, email: string) =>
      `<article class="team-card"><h3 class="team-card__name">${name}</h3><p class="team-card__title">VP Sales</p><p class="team-card__bio">Before Brightwell, built the inside-sales team at a Series B software company in Dublin.</p><ul><li><a href="mailto:${email}">${email}</a></li></ul></article>`;
    const result = capture(
      `<!doctype html><html><body><main>${card('Ben Varga', 'ben.varga1@brightwell.co.uk')}${card('Maya Rossi', 'maya.rossi2@brightwell.co.uk')}</main></body></html>`,
      'https://www.brightwell.co.uk/people',
    );
    expect(result.candidates.map((c) => [c.name?.full, c.emails])).toEqual([
      ['Ben Varga', ['ben.varga1@brightwell.co.uk']],
      ['Maya Rossi', ['maya.rossi2@brightwell.co.uk']],
    ]);
  });
});
