/** Recognising and splitting people's names; pure string work, shared by page and popup code. */

const PARTICLES = new Set([
  'de',
  'del',
  'della',
  'der',
  'den',
  'di',
  'da',
  'das',
  'do',
  'dos',
  'du',
  'la',
  'le',
  'van',
  'von',
  'y',
  'zu',
  'ten',
  'ter',
  'bin',
  'binti',
  'al',
  'el',
  'st.',
  "d'",
  'af',
  'av',
]);
// Title-case words that head sections or name things, not people ("Our Team", "Contact Us", "Privacy Policy").
const NOT_NAME_WORDS = new Set(
  `laboratory laboratories editions edition rcs siret siren tva naf ape kvk hrb hra ustid cif nif vat gst abn acn crn ein gisa
our the team teams contact contacts us about meet leadership people staff board management sales support services
service company news press office offices department center centre group get in touch with of for and home welcome
partners partner careers jobs imprint impressum privacy policy terms kontakt equipo nuestro directors founders
executive menu search login sign up read more learn view all download subscribe newsletter cookie cookies settings
accept reject book demo request quote free trial pricing products product solutions features blog events event
resources customer customers success stories story case studies faq help legal notice data protection street st road
avenue ave suite floor building hall stand booth room lane drive plaza square platz straße strasse gasse weg city
university college school institute hospital clinic bank hotel restaurant gmbh ag ltd llc inc corp sa sl bv srl spa kg
oy ab as north south east west new general main head chief annual report global international national european
american british german french reservations reception marketing finance engineering operations human investor
relations media enquiries inquiries email phone fax mobile tel telephone address web website online map directions
opening hours visit manager managers director officer engineer developer designer consultant associate assistant
analyst lead vice president ceo cto cfo coo cmo cio cso founder co-founder cofounder owner chairman chairwoman chair
secretary treasurer coordinator specialist representative rep advisor adviser counsel attorney lawyer solicitor
barrister paralegal professor lecturer researcher fellow student intern administrator accountant architect agent
broker editor writer producer scientist technician nurse physician surgeon doctor principal teacher dean member
trustee volunteer senior junior account accounts business development partnerships project program programme regional
area country key client communications public affairs strategy compliance procurement purchasing logistics supply
chain quality research technical technology it software digital creative art design content social growth
geschäftsführer geschäftsführerin leiter leiterin vertrieb einkauf presse inhaber inhaberin vorstand prokurist
rechtsanwalt rechtsanwältin steuerberater steuerberaterin directora gerente jefe jefa responsable directeur directrice
chargé chargée associé associée gérant gérante président présidente diretor diretora coordenador coordenadora socio
socia socio-director tourism tours travel booking guest front desk admissions admission directory info information
resolution dispute litigation transparency whatsapp webmail inbox responsável gestora técnico técnica comercial
atendimento cliente clientes operações departamento electrophysiologist cardiologist cardiology surgery medicine
oncology pediatrics radiology san são santa sankt saint rua rue calle avenida via viale piazza house tower llp asa aps
sas sarl lda pty plc nv kk gbr ohg asbl vzw sro bhd pte ltda eirl labs lab ventures capital consultores consulting
consultants consultancy agence agency alliance fintech energi energy tech studio studios systems analytics literacy
foundation association holdings industries robotics pay payments insurance pharma health healthcare realty properties
property associates asociados abogados avocats advogados rechtsanwälte tegnestuen arkitekter architects architecture
motion automation cable optronique sensorik grad grads intake materials chemistry physics biology livro reclamações
τμήμα innovations innovation networks cloud hub works factory collective trust fund lawyers law firm
grade grades ed skills life faculty police campus science sciences vision language languages processing intelligence
artificial environmental natural computer computing books rare documents government curator historical history
message subject lease novated beratung kostenlose kostenlos telefon liaison bilingual counselor counsellor aide
cheer math maths english athletics theatre theater speech dyslexia esl protocols protocol communication secure
security informatics bio experts expert experten urlaubsexperten bairro county handelsgericht amtsgericht landgericht
gericht solidarite solidarité financiere financière your librarian librarians library libraries collection collections
special first second third fourth fifth sixth kindergarten music band reading yearbook core alles profile profil
geschaeftsfuehrer geschaeftsfuehrerin mitarbeiter mitarbeiterin ansprechpartner ansprechpartnerin sekretariat
abteilung kundenservice redaktion öffnungszeiten anfahrt datenschutz haftungsausschluss javascript required google
scholar journal club available projects alle kontakte mein konto ihr zum kontaktformular über note dept announcements
bureau exécutif delegación delegacion paseo kundesenter privat bedrift kanzlei technopark acompanhe`.split(/\s+/),
);
// Words that start a sentence and never a name (none is a given name or surname of note: "Soon", "Even", "Or",
// "Long", "Still" are, and are left out).
const SENTENCE_START = new Set(
  'before after since during until once when while although because unless whether here there then now today yesterday tomorrow every each their his her this that these those some many also only already formerly previously currently recently together besides despite throughout within without toward towards upon against beyond beneath behind below above across along around into onto from through under over between among unlike than at by but nor if'.split(
    ' ',
  ),
);
const HONORIFIC =
  /^(mr|mrs|ms|mx|miss|dr|prof|professor|pd|apl|herr|herrn|frau|sr|sra|srta|dña|don|doña|mme|mlle|m|sir|dame|ing|dipl|dipl\.-ing|dipl\.-kfm|mag|mudr|judr|phdr|rndr|mgr|bc|univ\.-prof|priv\.-doz|hon|rev|fr|me|lic|arq|abg|dott|dott\.ssa|avv|ir|drs|mr\.|dra|eng|engº)\.?$/i;
// A role written before the name as part of it ("Rechtsanwalt Dennis Tölle", "Geschäftsführer Dr. Philipp Zahn").
const ROLE_PREFIX =
  /^(?:rechtsanwalt|rechtsanwältin|rechtsanwaeltin|geschäftsführer|geschäftsführerin|geschaeftsfuehrer|geschaeftsfuehrerin|notar|notarin|steuerberater|steuerberaterin|pfarrer|pfarrerin|doç|doc|ögr|öğr|gör|üyesi|ar|arş|avv|abogado|abogada|advogado|advogada|maître|me)\.?$/i;
const POST_NOMINAL =
  /^(phd|ph\.d\.?|md|m\.d\.?|do|d\.o\.?|mba|m\.b\.a\.?|jd|j\.d\.?|ll\.?m\.?|esq\.?|cpa|rn|msc|m\.sc\.?|bsc|b\.sc\.?|ma|m\.a\.?|ba|b\.a\.?|mph|dds|facs|frcs|cfa|pe|p\.e\.?|pmp|facp|mrcp|llb|ll\.b\.?|dphil|mres|meng|m\.eng\.?|obe|mbe|cbe|kc|qc|frs|freng|fmedsci|stb|wp|cpa|rechtsanwalt|ra)$/i;
const NAME_WORD =
  /^(\p{Lu}[\p{Ll}\p{Lu}'’-]*\.?|\p{Lu}\.|\p{Lu}\p{Ll}+[-'’]\p{Lu}\p{Ll}+|(?:d'|d’|O'|O’)\p{Lu}\p{Ll}+)$/u;
const CJK_WORD = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]{1,5}$/u;

/** The text as a person's name ("Dr. Jane Doe, MBA" → "Jane Doe"), or null when it is not one. */
export function asPersonName(text: string): string | null {
  let clean = text.replace(/[\s\u00a0]+/g, ' ').trim();
  if (clean.length < 4 || clean.length > 80) return null;
  // Post-nominals after a comma: "Maria T. Alvarez, J.D., LL.M."
  const comma = clean.indexOf(',');
  if (comma > 0) {
    const tail = clean
      .slice(comma + 1)
      .split(/[,\s]+/)
      .filter(Boolean);
    if (tail.length > 0 && !tail.every(isPostNominal)) {
      // A directory's "Bean, Kathy": family name, comma, given name.
      const flipped = familyFirst(clean.slice(0, comma), tail);
      return flipped ? asPersonName(flipped) : null;
    }
    if (tail.length === 0) return null;
    clean = clean.slice(0, comma);
  }
  clean = clean.replace(/[;:|·]+$/, '').trim();
  if (/[\d@/\\()<>[\]{}"“”«»!?&+=#*_]/.test(clean)) return null;
  const words = clean.split(' ');
  // "Doç. Dr.", "Ögr. Gör.": only abbreviations is a rank, not a name.
  if (words.every((w) => w.endsWith('.'))) return null;
  // A possessive is a heading's ("Publisher’s Note", "Doctor's Announcements").
  if (words.some((w) => /\p{L}['’]s$/u.test(w))) return null;
  while (words.length > 0 && (HONORIFIC.test(words[0] ?? '') || ROLE_PREFIX.test(words[0] ?? ''))) words.shift();
  while (words.length > 0 && isPostNominal(words[words.length - 1] ?? '')) words.pop();
  if (words.length === 2 && words.every((w) => CJK_WORD.test(w))) return words.join(' ');
  // "Before Brightwell, built the inside-sales team…": a sentence's first words, not a name.
  if (SENTENCE_START.has((words[0] ?? '').toLowerCase())) return null;
  // "Rodrigo Alejandro de la Garza Treviño": particles do not count towards the length.
  const counted = words.filter((w) => !PARTICLES.has(w.toLowerCase())).length;
  if (words.length < 2 || counted > 5 || words.length > 7) return null;
  let capitalised = 0;
  for (const word of words) {
    const lower = word.toLowerCase();
    if (NOT_NAME_WORDS.has(lower.replace(/[.,]$/, ''))) return null;
    if (PARTICLES.has(lower)) continue;
    if (!NAME_WORD.test(word)) return null;
    capitalised++;
  }
  if (capitalised < 2 || PARTICLES.has((words[words.length - 1] ?? '').toLowerCase())) return null;
  // ALL-CAPS runs are headings and acronyms, not names, unless only the family name is capitalised ("YAMADA Taro").
  if (words.filter((w) => w.length > 2 && w === w.toUpperCase()).length > 1) return null;
  return words.join(' ');
}

let places: Set<string> | null = null;

/** Country names (from the browser's own list) and US states: "Austin, Texas" is a place, not "Texas Austin". */
export function isPlaceName(words: string[]): boolean {
  if (places === null) {
    places = new Set(US_STATES.split(','));
    try {
      const names = new Intl.DisplayNames(['en'], { type: 'region' });
      for (let a = 65; a <= 90; a++)
        for (let b = 65; b <= 90; b++) {
          const code = String.fromCharCode(a, b);
          const name = names.of(code);
          if (name && name !== code) places.add(name.toLowerCase());
        }
    } catch {
      // No Intl.DisplayNames: the states still count.
    }
  }
  return places.has(words.join(' ').toLowerCase());
}

const US_STATES =
  'alabama,alaska,arizona,arkansas,california,colorado,connecticut,delaware,florida,georgia,hawaii,idaho,illinois,indiana,iowa,kansas,kentucky,louisiana,maine,maryland,massachusetts,michigan,minnesota,mississippi,missouri,montana,nebraska,nevada,new hampshire,new jersey,new mexico,new york,north carolina,north dakota,ohio,oklahoma,oregon,pennsylvania,rhode island,south carolina,south dakota,tennessee,texas,utah,vermont,virginia,washington,west virginia,wisconsin,wyoming,ontario,quebec,bavaria,bayern';

/** "Bean, Kathy" → "Kathy Bean"; "de la Cruz, María J." → "María J. de la Cruz"; null when it is not that shape. */
function familyFirst(head: string, given: string[]): string | null {
  const family = head.trim().split(' ');
  const counted = family.filter((w) => !PARTICLES.has(w.toLowerCase()));
  if (counted.length < 1 || counted.length > 2 || given.length > 3 || isPlaceName(given)) return null;
  const words = [...given, ...family];
  if (words.some((w) => NOT_NAME_WORDS.has(w.toLowerCase().replace(/[.,]$/, '')))) return null;
  if (!counted.every((w) => NAME_WORD.test(w)) || !given.every((w) => NAME_WORD.test(w))) return null;
  // An acronym is no given name ("Neuroimaging, Diffusion MRI" is a list of subjects).
  if (given.some((w) => /^\p{Lu}{3,}$/u.test(w))) return null;
  // The given name is a word, not only initials ("Doe, J." stays unread: too little to go on).
  if (!given.some((w) => /\p{Ll}{2}/u.test(w))) return null;
  return words.join(' ');
}

/** "MBA", "Ph.D.", "LL.M.": degrees written after a name (capitals or dots tell them from a surname like "Ma"). */
function isPostNominal(word: string): boolean {
  return POST_NOMINAL.test(word) && (/\p{Lu}.*\p{Lu}|\./u.test(word) || word === 'PhD');
}

const FIRM_TAIL =
  /(\b(y|e|&|and|und|et|en)\s+(asociados|associados|associates|partners?|associés|partner|co|cie|compañía)\b|,\s*(S\.?\s?C|S\.?\s?A|S\.?\s?L|S\.?\s?R\.?\s?L|GmbH|Ltd|LLP|LLC|Inc|PLLC|P\.?C|Lda|Ltda|B\.?V|AB|AS|ApS|SAS|SARL)\.?$)/iu;

// "A-R Editions, Inc., www.areditions.com, …": a legal form right after the comma makes the name a company's.
const FIRM_FORM = /^(?:Inc|Ltd|LLC|LLP|PLC|GmbH|AG|S\.?A|S\.?L|B\.?V|N\.?V|Pty|Corp|Co)\b\.?(?:[,;]|\s|$)/;
/** A name at the start of a line like "Jane Doe, VP Sales" or "Jane Doe – Head of Legal"; the rest is the role. */
export function nameAndRole(text: string): { name: string; role: string | null } | null {
  const clean = text.replace(/[\s\u00a0]+/g, ' ').trim();
  if (clean.length > 160) return null;
  const whole = clean.length <= 80 ? asPersonName(clean) : null;
  if (whole) return { name: whole, role: null };
  // A name and a role share a line only with a separator right after the name.
  if (!/[,–—|·/-]/.test(clean.slice(0, 62))) return null;
  const split = /^(.{4,60}?)\s*(?:,|\s[–—|-]\s|\s\/\s|\s·\s)\s*(.{2,100})$/.exec(clean);
  if (!split) return null;
  const name = asPersonName(split[1] ?? '');
  if (!name) return null;
  const role = (split[2] ?? '').replace(/[,;.]+$/, '').trim();
  // "Hernández Ortega, Villaseñor y Asociados, S.C.": a firm named after its partners, not a person and a role.
  if (FIRM_TAIL.test(role) || FIRM_FORM.test(role)) return null;
  // "Ytre Vefall, 3750 DRANGEDAL": a place and its postcode, not a person and a role.
  if (/^\d{4,5}\s/.test(role)) return null;
  return { name, role: role !== '' && !isPostNominal(role) ? role : null };
}

// Countries where people carry two family names (father's and mother's), both part of the last name.
const TWO_SURNAME_REGIONS = new Set([
  'ES',
  'MX',
  'AR',
  'CO',
  'CL',
  'PE',
  'VE',
  'EC',
  'GT',
  'CU',
  'BO',
  'DO',
  'HN',
  'PY',
  'SV',
  'NI',
  'CR',
  'PA',
  'UY',
  'PT',
  'BR',
]);
const IBERIAN_SURNAME = /(ez|az|iz|oz|uz|es|as|os|eira|eiro|ira|ão|ães|ña|ño)$/i;
const FAMILY_FIRST_REGIONS = new Set(['KR', 'CN', 'TW', 'HK', 'SG', 'MY', 'MO']);
const EAST_ASIAN_FAMILY =
  /^(Kim|Lee|Park|Choi|Jung|Jeong|Kang|Cho|Yoon|Jang|Lim|Han|Shin|Seo|Kwon|Hwang|Ahn|Song|Yoo|Hong|Tan|Wong|Ng|Chan|Goh|Ong|Teo|Koh|Chua|Lau|Leong|Wang|Li|Zhang|Liu|Chen|Yang|Huang|Zhao|Wu|Zhou|Xu|Sun|Zhu|Hu|Guo|Lin|Gao|Luo|Zheng|Liang|Xie|Tang|Deng|Feng|Cai|Pan|Du)$/;
const COMPOUND_GIVEN =
  /^(mar[ií]a|jos[eé]|juan|ana|luis|jean|john|mary|anne|hans|karl|carlos|miguel|pedro|jo[aã]o|luiz|ant[oó]nio|francisco|rosa|maria|paulo|marco)$/i;
const SURNAME_LOOK = /(ez|es|as|os|is|ro|ra|do|da|ño|ña|lla|lo|to|ta|na|no)$|[áéíóúñãõç]/i;

/** First and last name, by the naming customs the page's region and the name itself suggest. */
export function splitName(full: string, region = 'US'): { first: string; last: string } {
  const words = full.trim().split(/\s+/);
  if (words.length === 1) return { first: words[0] ?? '', last: '' };
  if (words.every((w) => CJK_WORD.test(w))) {
    // Family name first, as written in Japanese, Chinese and Korean.
    return { first: words.slice(1).join(' '), last: words[0] ?? '' };
  }
  const upper = words.findIndex((w) => w.length > 1 && w === w.toUpperCase() && /\p{Lu}{2}/u.test(w));
  if (upper >= 0 && words.length === 2) return { first: words[1 - upper] ?? '', last: words[upper] ?? '' };
  // "Park Ji-ho", "Lim Hui Shan": an East Asian family name written first, before a syllabic given name.
  const [head = '', ...rest] = words;
  if (
    EAST_ASIAN_FAMILY.test(head) &&
    rest.every((w) => /^\p{Lu}\p{Ll}{1,5}(-\p{Ll}{1,5})?$/u.test(w)) &&
    (FAMILY_FIRST_REGIONS.has(region) || rest.some((w) => w.includes('-')))
  )
    return { first: rest.join(' '), last: head };
  const particleAt = words.findIndex((w, i) => i > 0 && PARTICLES.has(w.toLowerCase()));
  if (particleAt > 0) {
    // "Javier Gómez de la Serna", "Lucas Ferreira da Silva": where people carry two family names, the one
    // before the particle is the first of them.
    const before = words[particleAt - 1] ?? '';
    const split =
      particleAt >= 2 && TWO_SURNAME_REGIONS.has(region) && IBERIAN_SURNAME.test(before) ? particleAt - 1 : particleAt;
    return { first: words.slice(0, split).join(' '), last: words.slice(split).join(' ') };
  }
  // Middle initials stay with the first name ("Jane Q. Doe").
  let firstEnd = 1;
  while (firstEnd < words.length - 1 && /^\p{Lu}\.$/u.test(words[firstEnd] ?? '')) firstEnd++;
  if (firstEnd > 1 || words.length === 2)
    return { first: words.slice(0, firstEnd).join(' '), last: words.slice(firstEnd).join(' ') };
  const twoSurnames =
    TWO_SURNAME_REGIONS.has(region) ||
    (SURNAME_LOOK.test(words[words.length - 2] ?? '') && /[áéíóúñãõç]/i.test(words.slice(1).join('')));
  if (twoSurnames) {
    const givenCount =
      words.length >= 4 ||
      (words.length === 3 && COMPOUND_GIVEN.test(words[0] ?? '') && COMPOUND_GIVEN.test(words[1] ?? ''))
        ? words.length - 2
        : 1;
    return { first: words.slice(0, givenCount).join(' '), last: words.slice(givenCount).join(' ') };
  }
  return { first: words.slice(0, -1).join(' '), last: words[words.length - 1] ?? '' };
}

/** A low-confidence name from an address like "jane.doe@…" → "Jane Doe"; null for role boxes like info@. */
export function nameFromEmail(email: string): string | null {
  const local = email.slice(0, email.indexOf('@'));
  const parts = local.split(/[._-]+/).filter(Boolean);
  // Every part must read like a word someone is called: "ijc-intake@" is a mailbox, not a person.
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p.length < 2 || /\d/.test(p) || !/[aeiouy]/.test(p)))
    return null;
  const name = parts.map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join(' ');
  return asPersonName(name);
}
