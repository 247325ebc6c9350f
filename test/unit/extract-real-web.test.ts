import { afterEach, describe, expect, it } from 'vitest';
import { CaptureResultSchema } from '@/lib/capture-result';
import { finishCapture } from '@/lib/extract/extension/finish';
import { markupEntities } from '@/lib/extract/extension/markup';
import { extractPage } from '@/lib/extract/page';
import { parsePage } from '../../scripts/common/dom';

// What real pages do that our own pages did not (each case a shape seen in test/fixtures/real), read through the
// public path: extractPage on a DOM, then finishCapture with the marked-up parts.
const open: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of open.splice(0)) await close();
});

function capture(html: string, url = 'https://www.acme-widgets.com/team') {
  const page = parsePage(
    `<!doctype html><html><head>${html.includes('<head>') ? '' : ''}</head><body>${html}</body></html>`,
    url,
  );
  open.push(page.close);
  const raw = extractPage(page.document);
  return CaptureResultSchema.parse(finishCapture(raw, { markup: markupEntities(raw.snapshots, raw.url) }));
}

const named = (result: ReturnType<typeof capture>, full: string) =>
  result.candidates.find((c) => c.name?.full === full);

describe('structured data', () => {
  it('reads any Organization subtype from the vocabulary, with its ContactPoint, as a company contact', () => {
    const ld = {
      '@context': 'https://schema.org',
      '@type': 'Dentist',
      name: 'Bright Smile Dental',
      contactPoint: { '@type': 'ContactPoint', telephone: '+1 415 555 0142', email: 'front.desk@brightsmile.com' },
    };
    const result = capture(`<script type="application/ld+json">${JSON.stringify(ld)}</script><p>Welcome</p>`);
    expect(result.candidates).toContainEqual(
      expect.objectContaining({ name: null, company: 'Bright Smile Dental', emails: ['front.desk@brightsmile.com'] }),
    );
  });

  it('follows @id references in a graph and keeps a declared person without any channel', () => {
    const ld = {
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'Organization', '@id': '#org', name: 'Nordwind Energie GmbH' },
        { '@type': 'Person', name: 'Lena Vogt', jobTitle: 'Leiterin Vertrieb', worksFor: { '@id': '#org' } },
      ],
    };
    const result = capture(
      `<script type="application/ld+json">${JSON.stringify(ld)}</script>`,
      'https://nordwind.de/team',
    );
    expect(named(result, 'Lena Vogt')).toMatchObject({
      title: 'Leiterin Vertrieb',
      company: 'Nordwind Energie GmbH',
      emails: [],
    });
  });

  it('reads microdata, RDFa and a classic hCard', () => {
    const result = capture(
      '<div itemscope itemtype="https://schema.org/Person"><span itemprop="name">Ada Byron</span><span itemprop="jobTitle">Analyst</span><a itemprop="email" href="mailto:ada@engines.co.uk">mail</a></div>' +
        '<div vocab="https://schema.org/" typeof="Person"><span property="name">Alan Turing</span><span property="telephone">+44 20 7946 0958</span></div>' +
        '<div class="vcard"><span class="fn">Grace Hopper</span> <span class="org">Navy Labs</span> <span class="title">Rear Admiral</span></div>',
      'https://engines.co.uk/people',
    );
    expect(named(result, 'Ada Byron')).toMatchObject({ title: 'Analyst', emails: ['ada@engines.co.uk'] });
    expect(named(result, 'Alan Turing')?.phones.map((p) => p.e164)).toEqual(['+442079460958']);
    expect(named(result, 'Grace Hopper')).toMatchObject({ company: 'Navy Labs', title: 'Rear Admiral' });
  });

  it("gives a card's number to the business it marks up, not to the place in its address", () => {
    const result = capture(
      '<div class="vcard"><span class="fn org">Mediterranean Wraps</span><div class="adr"><span class="locality">Palo Alto</span></div><span class="tel">(650) 321-8189</span></div>',
    );
    expect(result.candidates.find((c) => c.phones.some((p) => p.e164 === '+16503218189'))).toMatchObject({
      name: null,
      company: 'Mediterranean Wraps',
    });
    expect(named(result, 'Palo Alto')).toBeUndefined();
  });
  it("keeps a résumé's school its own, not the site's organisation and not the employer of its contact card", () => {
    const result = capture(
      `<div class="h-resume"><p class="p-name">Tim Berners-Lee</p>
        <div class="p-contact h-card"><p class="p-title">Director of the World Wide Web Foundation</p></div>
        <p class="p-education h-event h-card"><span class="p-name p-org">The Queen's College, Oxford University</span>,
          <span class="p-description">BA Hons (I) Physics</span></p></div>`,
      'http://example.com/',
    );
    expect(result.candidates.map((c) => [c.company, c.title])).toEqual([
      [null, 'Director of the World Wide Web Foundation'],
      ["The Queen's College, Oxford University", null],
    ]);
  });
});

describe('what directories write in their own way', () => {
  it('reads "Family, Given" names, and not a place written the same way', () => {
    const result = capture(
      '<table><tr><td>Bean, Kathy</td><td>kbean@hico-isd.net</td></tr><tr><td>Austin, Texas</td><td>office@hico-isd.net</td></tr></table>',
    );
    expect(named(result, 'Kathy Bean')?.emails).toContain('kbean@hico-isd.net');
    expect(named(result, 'Texas Austin')).toBeUndefined();
  });

  it('applies a disguise that every row of a column repeats, and "AT" in capitals', () => {
    const rows = ['alee', 'broe', 'cpoe'].map(
      (u, i) => `<tr><td>Person ${['Ann Lee', 'Bob Roe', 'Cy Poe'][i]}</td><td>${u} at uni-kampus.ac.id</td></tr>`,
    );
    const result = capture(
      `<table>${rows.join('')}</table><p>E: dhammika AT ce.pdn.ac.lk</p>`,
      'https://uni-kampus.ac.id/staff',
    );
    const emails = result.candidates.flatMap((c) => c.emails);
    expect(emails).toEqual(
      expect.arrayContaining([
        'alee@uni-kampus.ac.id',
        'broe@uni-kampus.ac.id',
        'cpoe@uni-kampus.ac.id',
        'dhammika@ce.pdn.ac.lk',
      ]),
    );
  });

  it.each([
    [
      'numbers that share an area code',
      '<p>Tel: 021-6887 7803/7805</p>',
      'https://kantor.co.id/kontak',
      ['+622168877803', '+622168877805'],
    ],
    [
      'two numbers joined by a dash',
      '<p>Tel.: 971 504 472 - 971 504 002</p>',
      'https://diario.es/contacto',
      ['+34971504472', '+34971504002'],
    ],
    ['a number alone on its line', '<div>0845 766 5522</div>', 'https://bank.co.uk/contact', ['+448457665522']],
    [
      'a number after a short label of any words',
      '<p>Reservations: 888-264-5494</p>',
      'https://hotel.com/contact',
      ['+18882645494'],
    ],
  ])('reads %s', (_, html, url, phones) => {
    expect(capture(html, url).candidates.flatMap((c) => c.phones.map((p) => p.e164))).toEqual(phones);
  });

  it('reads an imprint laid out in a <pre>, but no number in code or a raw message', () => {
    // Ackersyndikat's imprint (a static site) sets its address block in a <pre>.
    const result = capture(
      '<pre>Ackersyndikat e.V.\nKirchweg 1\nD-34260 Kaufungen\n\nTel.: 05605-8007-97</pre>' +
        '<pre><code>curl -H "X-Id: 0561 4410 2290" https://api.example.org</code></pre>' +
        '<pre class="raw">Message-ID: &lt;CAH7r2@mail.ackersyndikat.org&gt;\nReturn-Path: bounce-1@mta.ackersyndikat.org</pre>' +
        '<pre>config = { fax: "0561 4410 2291" };</pre>' +
        '<p><a href="mailto:kontakt@ackersyndikat.org">kontakt@ackersyndikat.org</a></p>',
      'https://www.ackersyndikat.de/impressum/',
    );
    expect(result.candidates.flatMap((c) => c.phones.map((p) => p.e164))).toEqual(['+495605800797']);
    expect(result.candidates.flatMap((c) => c.emails)).toEqual(['kontakt@ackersyndikat.org']);
  });

  it("gives an exhibitor row's address the company its first words name, when the address is at its domain", () => {
    const row = (booth: string, text: string) => `<tr><td>${booth}</td><td>${text}</td></tr>`;
    const result = capture(
      `<table>${row('314', 'Bloomsbury Academic, <a href="//www.bloomsbury.com">www.bloomsbury.com</a>, askacademic@bloomsbury.com')}${row('400', 'ArtsInteractive, <a href="//www.artsinteractiveinc.com">www.artsinteractiveinc.com</a>, writeus@artsinteractiveinc.com')}${row('118', 'Coffee corner, ask us: help@societymusictheory.org')}${row('312', 'University of California Press, <a href="//www.ucpress.edu">www.ucpress.edu</a>, rsmith@ucpress.edu')}${row('120', 'Press desk: media@societymusictheory.org')}</table>`,
      'https://guide.societymusictheory.org/exhibitors.html',
    );
    const companyOf = (email: string) => result.candidates.find((c) => c.emails.includes(email))?.company;
    expect(companyOf('askacademic@bloomsbury.com')).toBe('Bloomsbury Academic');
    expect(companyOf('writeus@artsinteractiveinc.com')).toBe('ArtsInteractive');
    expect(companyOf('help@societymusictheory.org')).not.toBe('Coffee corner');
    // A publisher's or a society's name needs no domain to match; a labelled line ("Press desk:") is no name.
    expect(companyOf('rsmith@ucpress.edu')).toBe('University of California Press');
    expect(companyOf('media@societymusictheory.org') ?? '').not.toMatch(/Press desk/);
  });

  it("gives the one name in an exhibitor table none of the other rows' addresses", () => {
    // The AMS/SMT 2018 exhibitor list: one row reads like "Name, Inc."; the rows below it are other exhibitors.
    const row = (booth: string, text: string) => `<tr><td>${booth}</td><td>${text}</td></tr>`;
    const result = capture(
      `<table>${row('214', 'A-R Editions, Inc., <a href="//www.areditions.com">www.areditions.com</a>, info@areditions.com')}${row('300', 'Kai Brandt, <a href="//www.kb.org">www.kb.org</a>, kai@kb.org')}${Array.from(
        { length: 12 },
        (_, i) => i + 1,
      )
        .map((i) =>
          row(String(400 + i), `Exhibitor Number${i}, <a href="//www.ex${i}.com">www.ex${i}.com</a>, info@ex${i}.com`),
        )
        .join('')}</table>`,
      'https://guide.societymusictheory.org/exhibitors.html',
    );
    expect(result.candidates.find((c) => c.emails.includes('info@areditions.com'))?.name).toBe(null);
    for (const i of [10, 11, 12])
      expect(result.candidates.find((c) => c.emails.includes(`info@ex${i}.com`))?.name?.full).not.toBe('Kai Brandt');
  });

  it('reads two whole numbers joined by a bare slash as two, and leaves a date range alone', () => {
    // Kragerø upper secondary school's staff table: home and mobile in one cell.
    const result = capture(
      '<table><tr><td>Navn</td><td>Tel. (p) / mobil</td><td>Ansatt</td></tr><tr><td><a href="mailto:annekaas@online.no">Aas, Anne-Kristine</a></td><td>35982021/90954571</td><td>2019/2020</td></tr></table>',
      'https://www.kragero.vgs.no/ansatte.html',
    );
    expect(named(result, 'Anne-Kristine Aas')?.phones.map((p) => p.e164)).toEqual(['+4735982021', '+4790954571']);
  });

  it("takes a staff table's role from the column headed as one, not the address beside the name", () => {
    const row = (name: string, address: string, role: string) =>
      `<tr><td>${name}</td><td>${address}</td><td>35985234</td><td>${role}</td></tr>`;
    const result = capture(
      `<table><tr><td><b>Navn</b></td><td><b>Adresse</b></td><td><b>Tel. (a)</b></td><td><b>Stilling/funksjon</b></td></tr>${row('Aas, Anne-Kristine', 'Rørvikveien 9, 3770 KRAGERØ', 'Undervisning AA')}${row('Aarø, Per', 'Vadfoss, 3770 KRAGERØ', 'Vaktmester')}</table>`,
      'https://www.kragero.vgs.no/ansatte.html',
    );
    expect(named(result, 'Anne-Kristine Aas')?.title).toBe('Undervisning AA');
    expect(named(result, 'Per Aarø')?.title).toBe('Vaktmester');
  });

  it("reads a number written in groups at the end of a footer's address block, and not its postcode", () => {
    const result = capture(
      '<footer><p>© 2022 Emory University <span class="address">| 201 Dowman Drive, Atlanta, Georgia 30322 USA 404.727.6123</span></p></footer>',
      'https://www.mathcs.emory.edu/site/people/',
    );
    expect(result.candidates.flatMap((c) => c.phones.map((p) => p.e164))).toEqual(['+14047276123']);
  });

  it('does not take a registry number or a date written alone on a line', () => {
    const result = capture(
      '<p>HRB 123456</p><div>12.05.2024</div><div>2024-0113-5566</div><p><a href="mailto:info@acme-widgets.com">info@acme-widgets.com</a></p>',
    );
    expect(result.candidates.flatMap((c) => c.phones)).toEqual([]);
  });

  it('reads a mailto behind an icon in an aria-hidden list, and a page hidden until its scripts run', () => {
    const result = capture(
      '<style>html{visibility:hidden}</style><h2>Shuwen Deng</h2><ul aria-hidden="true"><li><a href="mailto:shuwend@tsinghua.edu.cn"><i class="fas fa-envelope"></i></a></li></ul>',
      'https://has-lab.example.cn/people',
    );
    expect(named(result, 'Shuwen Deng')?.emails).toEqual(['shuwend@tsinghua.edu.cn']);
  });
  it("reads a heading inside a person's card as their title, and a heading outside a card still as a section", () => {
    // The Ohio Wesleyan library's staff list: each card is a list of lines, the job title an <h4> among them.
    const card = (name: string, title: string, phone: string, email: string) =>
      `<div class="staffProfile"><img src="x.png" alt="${name}"><ul><li class="staffName">${name}</li><li><h4>${title}</h4></li><li>${phone}</li><li><a href="mailto:${email}">${email}</a></li></ul></div>`;
    const result = capture(
      `<h1>All Library Staff A-Z</h1>${card('Catherine Cardwell', 'Director of Libraries', '740-368-3246', 'cacardwe@owu.edu')}${card('Bernard Derr', 'Rare Books Librarian', '740-368-3288', 'blderr@owu.edu')}` +
        '<div><p>Posted by Jonas Weber</p><h3>Contact</h3><p><a href="mailto:press@acme-widgets.com">press@acme-widgets.com</a></p></div>',
      'https://library.owu.edu/staff.html',
    );
    expect(named(result, 'Catherine Cardwell')).toMatchObject({
      title: 'Director of Libraries',
      emails: ['cacardwe@owu.edu'],
      phones: [expect.objectContaining({ e164: '+17403683246' })],
    });
    expect(named(result, 'Bernard Derr')).toMatchObject({ title: 'Rare Books Librarian', emails: ['blderr@owu.edu'] });
    expect(named(result, 'Jonas Weber')).toBeUndefined();
  });

  it('reads a role written above the name in its card, and leaves out when it was held', () => {
    const result = capture(
      // SPS UCF's officers: <h4>role</h4>, a mailto photo, <h5>name</h5>; LISA's team: <b>role</b> over the photo and
      // the links; the Yonsei lab: "Postdoctoral researcher (2023 ~ present)" under the name; a table row whose
      // first cell is a department, not a role.
      '<div class="panel"><h4>Treasurer</h4><a href="mailto:barinbrett@knights.ucf.edu"><img src="a.png"></a><h5>Brett Barin</h5></div>' +
        '<div class="panel"><h4>Secretary</h4><a href="mailto:evelynstrunk@knights.ucf.edu"><img src="b.png"></a><h5>Evelyn Strunk</h5></div>' +
        '<center><b>Pasante</b><br><br><div><img src="c.png"></div><ul><i></i> <a href="https://www.linkedin.com/in/vl">Vanessa Leyton</a><br><i></i> <a href="mailto:vanessa.leyton@ug.uchile.cl">vanessa.leyton@ug.uchile.cl</a></ul></center>' +
        '<div class="person-card"><h3>Do Hyun Hwang</h3><p>Postdoctoral researcher (2023 ~ present)</p><a href="mailto:dhwang@yonsei.ac.kr">e-mail</a></div>' +
        '<table><tr><td>Geosciences</td><td>Mara Lind</td><td><a href="mailto:mara.lind@yonsei.ac.kr">mara.lind@yonsei.ac.kr</a></td></tr>' +
        '<tr><td>Physics</td><td>Olle Berg</td><td><a href="mailto:olle.berg@yonsei.ac.kr">olle.berg@yonsei.ac.kr</a></td></tr></table>',
      'https://sps.example.edu/people.php',
    );
    expect(named(result, 'Brett Barin')?.title).toBe('Treasurer');
    expect(named(result, 'Evelyn Strunk')?.title).toBe('Secretary');
    expect(named(result, 'Vanessa Leyton')?.title).toBe('Pasante');
    expect(named(result, 'Do Hyun Hwang')?.title).toBe('Postdoctoral researcher');
    expect(named(result, 'Mara Lind')).toMatchObject({ title: null, emails: ['mara.lind@yonsei.ac.kr'] });
  });

  it('gives a heading name the details at the end of its long bio, but not those under a sub-heading', () => {
    const bio = 'He joined the team to bring practical data science to everyday work. '.repeat(12);
    const person = (name: string, role: string, email: string) =>
      `<h3>${name} | ${role}</h3><div class="row"><p>${bio}<br>Contact: <a href="mailto:${email}">${email}</a></p></div>`;
    const result = capture(
      `<main>${person('Mehrzad Karami', 'NPO Engagement', 'mehrzad@correlaid.nl')}${person('Alexis Gillett', 'All-round Fixer', 'alexis@correlaid.nl')}` +
        `<h3>Maria Alvarez</h3><p>${bio}</p><h4>Clinic</h4><p>Write to <a href="mailto:clinic-desk@bhsl.edu">clinic-desk@bhsl.edu</a>.</p></main>`,
      'https://correlaid.nl/team/',
    );
    expect(named(result, 'Mehrzad Karami')).toMatchObject({
      title: 'NPO Engagement',
      emails: ['mehrzad@correlaid.nl'],
    });
    expect(named(result, 'Alexis Gillett')?.emails).toEqual(['alexis@correlaid.nl']);
    expect(result.candidates.find((c) => c.emails.includes('clinic-desk@bhsl.edu'))?.name?.full).not.toBe(
      'Maria Alvarez',
    );
  });

  it('keeps one address on one candidate when a number joins it to another that already holds it', () => {
    // Kaieteur News's footer as the page side hands it over: the switchboard, the address alone (Cloudflare-hidden),
    // then the address again with a switchboard number. The last joins the first by the number, and so the second.
    const raw = extractPage(parsePage('<p></p>', 'https://www.kaieteurnewsonline.com/2022/05/06/x/').document);
    const nameless = (emails: string[], phones: string[]) => ({
      name: null,
      title: null,
      company: null,
      emails,
      phones: phones.map((p) => ({ raw: p, type: 'work' as const })),
      links: [],
      sources: ['text' as const],
    });
    raw.candidates = [
      nameless([], ['+592-225-8491', '+592-225-8452']),
      nameless(['kaieteurnews@yahoo.com'], []),
      nameless(['kaieteurnews@yahoo.com'], ['+592-225-8452', '+592-226-8210']),
    ];
    const result = finishCapture(raw);
    expect(result.candidates.map((c) => [c.emails, c.phones.length])).toEqual([[['kaieteurnews@yahoo.com'], 3]]);
  });
});

describe('profile pages', () => {
  it('gives the one person of a profile page with their headline and employer, and no company from the platform', () => {
    const page = parsePage(
      '<html><head><title>Jeff Weiner | LinkedIn</title><meta property="og:site_name" content="LinkedIn"></head><body><h1>Jeff Weiner</h1><p>CEO at LinkedIn</p><dl><dt>Location</dt><dd>San Francisco Bay Area</dd></dl></body></html>',
      'https://www.linkedin.com/in/jeffweiner08',
    );
    open.push(page.close);
    const raw = extractPage(page.document);
    const result = finishCapture(raw, { markup: markupEntities(raw.snapshots, raw.url) });
    expect(result.candidates).toEqual([
      expect.objectContaining({
        name: expect.objectContaining({ full: 'Jeff Weiner' }),
        title: 'CEO',
        company: 'LinkedIn',
        emails: [],
      }),
    ]);
  });

  it('reads the header past a sign-in dialog parked after the name, and takes the employer from its company link', () => {
    // The shape of LinkedIn's public profile today: the name's button opens a hidden sign-in dialog written right
    // after it; the current employer is a link to the platform's page of the company, not a headline.
    const page = parsePage(
      `<html><head><title>Guido van Rossum - Microsoft | LinkedIn</title></head><body>
        <section><button><h1>Guido van Rossum</h1></button>
          <div class="modal" aria-hidden="true"><section role="dialog" aria-modal="true">
            <h2>Sign in to view Guido’s full profile</h2><span>Guido can introduce you to 10+ people at Microsoft</span>
            <label>Email or phone</label><input name="session_key"></section></div>
          <h3>United States</h3><span>681 followers</span>
          <div><a href="https://www.linkedin.com/company/microsoft?trk=topcard"><img alt=""><span>Microsoft</span></a>
            <a href="https://www.linkedin.com/school/uva/"><span>University of Amsterdam</span></a></div></section>
      </body></html>`,
      'https://www.linkedin.com/in/guido-van-rossum-4a0756',
    );
    open.push(page.close);
    const raw = extractPage(page.document);
    expect(raw.afterHeading).not.toContain('Email or phone');
    const result = finishCapture(raw, { markup: markupEntities(raw.snapshots, raw.url) });
    expect(result.candidates).toEqual([
      expect.objectContaining({ name: expect.objectContaining({ full: 'Guido van Rossum' }), company: 'Microsoft' }),
    ]);
  });

  it('finds no person on an article whose heading is not a name', () => {
    const result = capture(
      '<h1>Publisher’s Note</h1><p>Write to the newsroom: <a href="mailto:news@kaieteur.example.gy">news@kaieteur.example.gy</a></p>',
      'https://kaieteur.example.gy/note',
    );
    expect(result.candidates.map((c) => c.name)).toEqual([null]);
  });
});

describe('whose company', () => {
  function site(html: string, url: string) {
    const page = parsePage(`<!doctype html><html>${html}</html>`, url);
    open.push(page.close);
    const raw = extractPage(page.document);
    return CaptureResultSchema.parse(finishCapture(raw, { markup: markupEntities(raw.snapshots, raw.url) }));
  }

  it("gives an address the registered company its domain spells, in any case, and the site's name with its accents", () => {
    // AI Week's imprint names the agency behind it; Milano Città Stato's JSON-LD drops the accent og:site_name keeps.
    const imprint = site(
      '<head><title>Impressum - AI WEEK MAINFRANKEN</title></head><body><h1>Impressum</h1><p>10 o\'clock GmbH<br>Pleicherkirchplatz 1<br>97070 Würzburg</p><p>E-Mail: <a href="mailto:info@10-o-clock.de">info@10-o-clock.de</a></p></body>',
      'https://www.ai-week.de/impressum.html',
    );
    expect(imprint.candidates.find((c) => c.emails.includes('info@10-o-clock.de'))?.company).toBe("10 o'clock GmbH");
    const ld = { '@context': 'https://schema.org', '@type': 'Organization', name: 'Milano Citta Stato' };
    const magazine = site(
      `<head><meta property="og:site_name" content="Milano Città Stato"><script type="application/ld+json">${JSON.stringify(ld)}</script></head><body><footer><a href="mailto:info@milanocittastato.it">info@milanocittastato.it</a></footer></body>`,
      'https://www.milanocittastato.it/news/',
    );
    expect(magazine.candidates.find((c) => c.emails.includes('info@milanocittastato.it'))?.company).toBe(
      'Milano Città Stato',
    );
  });

  it("takes an imprint's registered name with an Austrian or association legal form (e.U., e.V.)", () => {
    // Banhalmi's imprint (Vienna): its title says only "BANHALMI"; the registered name is an e.U.
    const imprint = site(
      '<head><title>Impressum | BANHALMI</title></head><body><h1>Impressum</h1><p>Firmenname:<br>Bánhalmi Norbert e.U.</p><p>E-Mail: <a href="mailto:hello@norbertbanhalmi.com">hello@norbertbanhalmi.com</a></p></body>',
      'https://www.banhalmi.at/impressum/',
    );
    expect(imprint.candidates.find((c) => c.emails.includes('hello@norbertbanhalmi.com'))?.company).toBe(
      'Bánhalmi Norbert e.U.',
    );
    const association = site(
      '<head><title>Impressum</title></head><body><p>Ackersyndikat e.V.<br>Kirchweg 1</p><p><a href="mailto:kontakt@ackersyndikat.org">kontakt@ackersyndikat.org</a></p></body>',
      'https://ackersyndikat.org/impressum/',
    );
    expect(association.candidates[0]?.company).toBe('Ackersyndikat e.V.');
  });

  it("reads a copyright line with a dot after the year, and a profile's title that ends with its person", () => {
    // Emory's footer; Aroch Green's lawyer pages ("Firm | Person").
    const faculty = site(
      '<head><title>Department of MATH - Individual</title></head><body><h1>James Nagy</h1><p>Professor</p><p>Email: <a href="mailto:jnagy@emory.edu">jnagy@emory.edu</a></p><footer><p>Copyright © 2022 · Emory University - All Rights Reserved | 201 Dowman Drive</p></footer></body>',
      'https://www.mathcs.emory.edu/site/people/faculty/individual.php?NAME=James-Nagy',
    );
    expect(named(faculty, 'James Nagy')?.company).toBe('Emory University');
    const lawyer = site(
      '<head><title>Aroch Green y Asociados | María Avelina Rocha Maldonado</title></head><body><h1>María Avelina Rocha Maldonado</h1><p>SOCIA DIRECTORA Y FUNDADORA</p><p>avelina.rocha@arochgreenyasociados.com</p></body>',
      'https://arochgreenyasociados.com/maria-rocha.html',
    );
    expect(named(lawyer, 'María Avelina Rocha Maldonado')?.company).toBe('Aroch Green y Asociados');
  });

  it("takes the institution of a card's affiliation line, after the department it names", () => {
    const card = (name: string, email: string, affiliation: string) =>
      `<div class="column"><p><a href="https://www.linkedin.com/in/x">${name}</a></p><p><a href="mailto:${email}"><i class="bi-envelope"></i></a></p><p>Research assistant</p><p>${affiliation}</p><p>Neuroimaging, Diffusion MRI</p></div>`;
    const result = capture(
      card('Ayoub Sassi', 'ayoub.sassi@etsmtl.ca', 'Department of Software and IT Engineering, ETS, Montréal') +
        card(
          'Tina Nantenaina',
          'tina.nantenaina@etsmtl.ca',
          'Department of Physics, Faculty of Science, Université de Montréal',
        ),
      'https://neuro-ix.github.io/members.html',
    );
    expect(named(result, 'Ayoub Sassi')).toMatchObject({ company: 'ETS', title: 'Research assistant' });
    expect(named(result, 'Tina Nantenaina')?.company).toBe('Université de Montréal');
  });

  it("takes the registered name in the page's title when it is the site's own name", () => {
    const result = site(
      '<head><title>Kontakt na výrobce HS Flamingo s.r.o.</title></head><body><p>Obchod: <a href="mailto:info@hsflamingo.cz">info@hsflamingo.cz</a></p></body>',
      'http://obchod.hsflamingo.cz/kontakt',
    );
    expect(result.candidates.map((c) => c.company)).toEqual(['HS Flamingo s.r.o.']);
  });

  it("gives a certified-mail address and a webmail box named as the site the site's company, and a person's own webmail none", () => {
    const business = site(
      '<head><title>Contatti | IFM Group</title></head><body><p>PEC: <a href="mailto:ifminfomaster@legalmail.it">ifminfomaster@legalmail.it</a></p></body>',
      'http://ifmgroup.it/it/contatti',
    );
    expect(business.candidates.map((c) => c.company)).toEqual(['IFM Group']);
    const personal = site(
      '<head><title>Jon Barron</title><meta property="og:site_name" content="Jon Barron"></head><body><h1>Jon Barron</h1><p>Write to me: <a href="mailto:jonbarron@gmail.com">jonbarron@gmail.com</a></p></body>',
      'https://jonbarron.info/',
    );
    expect(personal.candidates.map((c) => [c.name?.full, c.company])).toEqual([['Jon Barron', null]]);
    const named = site(
      '<head><title>Essequibo hunter found dead – Kaieteur News</title></head><body><footer>Email: <a href="mailto:kaieteurnews@yahoo.com">kaieteurnews@yahoo.com</a></footer></body>',
      'https://www.kaieteurnewsonline.com/2022/05/06/essequibo-hunter/',
    );
    expect(named.candidates.map((c) => c.company)).toEqual(['Kaieteur News']);
  });

  it('reads "© Bildrechte anzeigen" as the rights to the pictures, not as who runs the site', () => {
    const result = site(
      '<head><title>Radfahren in der Stadt Salzburg</title></head><body><p>Telefon: 00800 400 200 00 <a href="mailto:urlaub@austria.info">urlaub@austria.info</a></p><footer><a href="/impressum">Impressum</a> <a href="#rights">© Bildrechte anzeigen</a></footer></body>',
      'https://www.austria.info/de/aktivitaeten/radfahren',
    );
    expect(result.candidates.map((c) => c.company)).toEqual([null]);
  });

  it('keeps a name and its legal form after a comma together as one company', () => {
    const result = capture(
      '<p><a href="mailto:allan@aquila-pr.example.com"><strong>Allan Aquila</strong></a><br>Allan Aquila &amp; Associates, LLC<br>+1 206 555 0147</p>',
      'https://www.heathman-hotel.example.com/contact',
    );
    expect(named(result, 'Allan Aquila')?.company).toBe('Allan Aquila & Associates, LLC');
  });
});
