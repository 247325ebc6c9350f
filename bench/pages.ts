// Generates realistic staff-directory pages of a given size for the benchmark, from a fixed seed: each person a
// card as CMS themes write them (wrappers, photo with srcset, name, title, short bio, email, labelled phone,
// profile links), with prose, prices, dates and order numbers between the cards.

const FIRST = [
  'Ana',
  'Ben',
  'Chloé',
  'David',
  'Elif',
  'Farid',
  'Greta',
  'Hiro',
  'Ines',
  'Jonas',
  'Kavya',
  'Liam',
  'Maya',
  'Noah',
  'Olga',
  'Pablo',
  'Quinn',
  'Rosa',
  'Sven',
  'Tara',
  'Umar',
  'Vera',
  'Wen',
  'Yara',
  'Zoe',
];
const LAST = [
  'Adler',
  'Brennan',
  'Castillo',
  'Dubois',
  'Eriksen',
  'Fischer',
  'García',
  'Hansen',
  'Ito',
  'Jensen',
  'Kowalski',
  'Lindqvist',
  'Moreau',
  'Nakamura',
  'Okafor',
  'Patel',
  'Quintero',
  'Rossi',
  'Schmidt',
  'Tanaka',
  'Usman',
  'Varga',
  'Weber',
  'Yilmaz',
  'Zimmermann',
];
const TITLES = [
  'Account Executive',
  'Head of Procurement',
  'VP Sales',
  'Research Fellow',
  'Operations Manager',
  'Senior Buyer',
  'Professor of Chemistry',
  'Partner',
  'Office Manager',
  'CTO',
];
const BIO = [
  'Joined in 2019 after eight years in logistics; looks after our distributor network in the Nordics.',
  'Leads the team that negotiates framework agreements with our 40 largest suppliers.',
  'Speaks English, Spanish and Portuguese, and runs the customer advisory board every spring.',
  'Before Brightwell, built the inside-sales team at a Series B software company in Dublin.',
];
const PROSE = [
  'Our teams support distributors across twelve countries with on-site training and spare parts within 48 hours.',
  'The spring catalogue lists 1,240 items; prices start at €19.90 and volume discounts apply from 50 units.',
  'Published 2024-03-18. Order no. 4481-2219-07 ships from our warehouse in Rotterdam within three days.',
  'Office hours are Monday to Friday, 9:00–17:30, except public holidays in the state of Bavaria.',
];

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function card(i: number, pick: <T>(list: T[]) => T): string {
  const first = pick(FIRST);
  const last = pick(LAST);
  const slug = `${first}-${last}`
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
  const email = `${slug.replace('-', '.')}${i}@brightwell.co.uk`;
  const phone = `+44 20 7946 ${String(1000 + (i % 9000)).padStart(4, '0')}`;
  const contact =
    i % 3 === 0
      ? `<li class="team-card__contact-item"><span class="label">Email:</span> <a class="team-card__email" href="mailto:${email}">${email}</a></li><li class="team-card__contact-item"><span class="label">Tel:</span> <a href="tel:${phone.replace(/\s/g, '')}">${phone}</a></li>`
      : i % 3 === 1
        ? `<li class="team-card__contact-item">${email}</li>`
        : `<li class="team-card__contact-item">Direct line ${phone}</li>`;
  return `<article class="team-card team-card--grid col-12 col-md-6 col-lg-4" data-id="${i}"><div class="team-card__inner"><figure class="team-card__media"><img class="team-card__photo" src="/img/team/${slug}.jpg" srcset="/img/team/${slug}@2x.jpg 2x" alt="Portrait of ${first} ${last}" loading="lazy" width="320" height="320"></figure><div class="team-card__body"><h3 class="team-card__name">${first} ${last}</h3><p class="team-card__title">${pick(TITLES)}</p><p class="team-card__bio">${pick(BIO)}</p><ul class="team-card__contact">${contact}</ul><div class="team-card__social"><a class="icon icon--linkedin" href="https://www.linkedin.com/in/${slug}-${i}" aria-label="LinkedIn profile of ${first} ${last}"><svg width="16" height="16" aria-hidden="true"><use href="#linkedin"></use></svg></a></div></div></div></article>`;
}

export function directoryPage(targetBytes: number, seed = 7): string {
  const rand = random(seed);
  const pick = <T>(list: T[]): T => list[Math.floor(rand() * list.length)] as T;
  const parts: string[] = [
    '<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Our people | Brightwell Group</title>',
    '<meta property="og:site_name" content="Brightwell Group"><style>.team-card{border:1px solid #ddd;padding:8px;margin:4px}.team-card__photo{width:64px;height:64px}</style></head><body>',
    '<header class="site-header"><nav aria-label="Main"><ul class="menu"><li><a href="/">Home</a></li><li><a href="/about">About</a></li><li><a href="/people">People</a></li><li><a href="/contact">Contact</a></li></ul></nav><h1>Our people</h1></header><main><section class="team-grid row">',
  ];
  let size = parts.join('').length;
  let i = 0;
  while (size < targetBytes - 600) {
    const chunk = i % 8 === 7 ? `<div class="prose"><p>${pick(PROSE)} ${pick(PROSE)}</p></div>` : card(i, pick);
    parts.push(chunk);
    size += chunk.length;
    i++;
  }
  parts.push(
    '</section></main><footer class="site-footer"><p>Brightwell Group Ltd · 1 Finsbury Row, London EC1A 1AA · <a href="mailto:info@brightwell.co.uk">info@brightwell.co.uk</a> · +44 20 7946 0000</p></footer></body></html>',
  );
  return parts.join('');
}

/** A long article (news, documentation) with a contact block at the end: the per-text cost of reading a page. */
export function articlePage(targetBytes: number, seed = 11): string {
  const rand = random(seed);
  const pick = <T>(list: T[]): T => list[Math.floor(rand() * list.length)] as T;
  const parts: string[] = [
    '<!doctype html><html lang="en-US"><head><meta charset="utf-8"><title>Warehouse automation in 2025 | Brightwell Journal</title></head><body>',
    '<header><nav><a href="/">Journal</a> <a href="/topics">Topics</a></nav></header><main><article><h1>Warehouse automation in 2025</h1>',
  ];
  let size = parts.join('').length;
  let i = 0;
  while (size < targetBytes - 700) {
    const chunk =
      i % 12 === 11
        ? `<h2>Section ${i / 12 + 1}: What changed</h2>`
        : `<p>${pick(PROSE)} ${pick(BIO)} ${pick(PROSE)}</p>`;
    parts.push(chunk);
    size += chunk.length;
    i++;
  }
  parts.push(
    '<aside class="author"><h3>Nora Lindqvist</h3><p>Senior Editor</p><p><a href="mailto:nora.lindqvist@brightwell.co.uk">nora.lindqvist@brightwell.co.uk</a> · Tel: +44 20 7946 0101</p></aside></article></main><footer><p>Brightwell Journal · info@brightwell.co.uk</p></footer></body></html>',
  );
  return parts.join('');
}
