/** Recognising a person's name in a short piece of text; pure string work, shared by page and popup code. */

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
  'e',
  'zu',
  'ten',
  'ter',
  'bin',
  'al',
  'el',
  'st.',
]);
// Title-case words that head sections, not people ("Our Team", "Contact Us").
const NOT_NAME_WORDS = new Set(
  'our the team contact us about meet leadership people staff board management sales support services service company news press office department center centre group get in touch with of for and home welcome partners careers jobs imprint impressum privacy policy terms kontakt equipo nuestro director directors founders founder executive team. menu search login sign'.split(
    ' ',
  ),
);
const HONORIFIC = /^(mr|mrs|ms|miss|dr|prof|herr|frau|sr|sra|dña|don|mme|mlle|m)\.?$/i;
const NAME_WORD = /^(\p{Lu}[\p{L}'’-]*\.?|\p{Lu}\.)$/u;

/** The text as a person's name ("Dr. Ana García Márquez" → "Ana García Márquez"), or null. */
export function asPersonName(text: string): string | null {
  const clean = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[,;:|]+$/, '');
  if (clean.length < 3 || clean.length > 60 || /[\d@/\\()<>[\]{}]/.test(clean)) return null;
  const words = clean.split(' ').filter((w) => !HONORIFIC.test(w));
  if (words.length < 2 || words.length > 5) return null;
  let capitalised = 0;
  for (const word of words) {
    if (NOT_NAME_WORDS.has(word.toLowerCase())) return null;
    if (PARTICLES.has(word.toLowerCase())) continue;
    if (!NAME_WORD.test(word)) return null;
    capitalised++;
  }
  return capitalised >= 2 ? words.join(' ') : null;
}

/** First and last name: particles and a second surname stay with the last name ("Ana García Márquez"). */
export function splitName(full: string): { first: string; last: string } {
  const words = full.trim().split(/\s+/);
  if (words.length === 1) return { first: words[0] ?? '', last: '' };
  const particleAt = words.findIndex((w, i) => i > 0 && PARTICLES.has(w.toLowerCase()));
  if (particleAt > 0) return { first: words.slice(0, particleAt).join(' '), last: words.slice(particleAt).join(' ') };
  // Middle initials stay with the first name ("Jane Q. Doe").
  let firstEnd = 1;
  while (firstEnd < words.length - 1 && /^\p{Lu}\.$/u.test(words[firstEnd] ?? '')) firstEnd++;
  return { first: words.slice(0, firstEnd).join(' '), last: words.slice(firstEnd).join(' ') };
}

/** A low-confidence name from an address like "jane.doe@…" → "Jane Doe"; null for role boxes like info@. */
export function nameFromEmail(email: string): string | null {
  const local = email.slice(0, email.indexOf('@'));
  const parts = local.split(/[._-]+/).filter(Boolean);
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p.length < 2 || /\d/.test(p))) return null;
  const name = parts.map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join(' ');
  return asPersonName(name);
}
