/** Who runs the page and where: read outside the page from what ./page.ts collected raw. */

import { cleanEmail } from '../common/hits';
import { LEGAL_NAME } from '../common/legal';
import { asPersonName } from '../common/names';
import type { RawCandidate, RawCapture } from '../common/types';
import { type Entity, readEntities } from './entities';
import { jsonLdEntities } from './structured';

export interface SiteFacts {
  siteName: string | null;
  /** Registered names the page writes (an imprint's "10 o'clock GmbH"), each the company of the addresses it spells. */
  legalNames: string[];
  /** Country names and codes the page states for itself (JSON-LD addressCountry, <address>, footer). */
  countryHints: string[];
  /** People and contact points from JSON-LD. */
  people: RawCandidate[];
}

export function siteFacts(
  raw: Pick<RawCapture, 'url' | 'title' | 'metaSiteName' | 'siteTexts' | 'jsonLd'> &
    Partial<Pick<RawCapture, 'snapshots' | 'metas' | 'legalTexts'>>,
  markup: Entity[] = [],
): SiteFacts {
  const jsonLd = readEntities([...jsonLdEntities(raw.jsonLd), ...markup]);
  const [footerText = ''] = raw.siteTexts;
  const host = hostLabel(raw.url);
  const titleParts = raw.title.split(TITLE_SEPARATOR).map((t) => t.trim());
  const legal = raw.siteTexts.flatMap(legalNames);
  // Legal names anywhere on the page (its title too) count when they are the site's own name (its web address).
  const anywhere = [raw.title, ...(raw.legalTexts ?? [])].flatMap(legalNames);
  // The organisation whose name is its web address ("Grachtwerk B.V." on grachtwerk.nl) beats any other.
  const declaredName =
    jsonLd.organization &&
    raw.metaSiteName &&
    raw.metaSiteName !== jsonLd.organization &&
    folded(raw.metaSiteName) === folded(jsonLd.organization)
      ? // "Milano Citta Stato" in JSON-LD, "Milano Città Stato" in og:site_name: the name with its accents.
        raw.metaSiteName
      : jsonLd.organization;
  const siteName =
    declaredName ??
    legal.find((n) => sameAsHost(n, host)) ??
    anywhere.find((n) => sameAsHost(n, host)) ??
    // og:site_name written as a web address ("www.kas.de") names no organisation.
    (raw.metaSiteName && !/^(?:www\.)?[\w-]+(?:\.[\w-]+)+$/i.test(raw.metaSiteName) ? raw.metaSiteName : null) ??
    titleParts.find((t) => sameAsHost(t, host)) ??
    legal[0] ??
    copyrightHolder(footerText) ??
    titleSuffix(raw.title);
  const countryHints = [...jsonLd.countries, ...raw.siteTexts.map((t) => t.slice(-400))].slice(0, 10);
  return {
    // "© 2025 Atelier Verbena SAS": the year is when, not who.
    siteName: siteName?.replace(/^(?:©\s*)?(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?\s+/, '').slice(0, 200) ?? null,
    legalNames: [...new Set([...legal, ...anywhere])].slice(0, 30),
    countryHints,
    people: [...jsonLd.people, ...metaContact(raw, siteName)],
  };
}

/** The site's own e-mail and phone stated in meta tags (og:email, og:phone_number, og:fax_number). */
function metaContact(raw: Partial<Pick<RawCapture, 'metas'>>, siteName: string | null): RawCandidate[] {
  const get = (key: string) =>
    (raw.metas ?? []).filter(([k]) => k.toLowerCase() === key).map(([, v]) => v.trim().slice(0, 254));
  const emails = get('og:email').flatMap((e) => cleanEmail(e) ?? []);
  const phones = [
    ...get('og:phone_number').map((p) => ({ raw: p.slice(0, 100), type: 'work' as const })),
    ...get('og:fax_number').map((p) => ({ raw: p.slice(0, 100), type: 'fax' as const })),
  ];
  if (emails.length === 0 && phones.length === 0) return [];
  return [{ name: null, title: null, company: siteName, emails, phones, links: [], sources: ['meta'] }];
}

function legalNames(text: string): string[] {
  return [...text.replace(/\s+/g, ' ').matchAll(LEGAL_NAME)].map((m) => (m[1] ?? '').trim()).filter(Boolean);
}

/**
 * Hosting domains that give each site its own subdomain (the private section of the Public Suffix List, its most
 * used entries: the full list is a 136 KB library, too heavy for a popup that wants to open fast).
 */
const HOSTED_SITE =
  /^(?:www\.)?((?:[a-z0-9-]+\.)*[a-z0-9-]+)\.(?:github\.io|gitlab\.io|netlify\.app|vercel\.app|pages\.dev|web\.app|firebaseapp\.com|herokuapp\.com|wordpress\.com|blogspot\.com|wixsite\.com|squarespace\.com|webflow\.io|readthedocs\.io|azurewebsites\.net|glitch\.me|surge\.sh|neocities\.org|weebly\.com|carrd\.co|notion\.site|framer\.website)$/;

/** "altamiraconsultores" for https://www.altamiraconsultores.es/, "bellfontainehealth" for …bellfontainehealth.org, "finkametals" for finkametals.github.io. */
export function hostLabel(url: string): string {
  let host = '';
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
  // A site hosted under its own name on a hosting domain (finkametals.github.io): the name is the site's.
  const hosted = HOSTED_SITE.exec(host);
  if (hosted?.[1]) return hosted[1].split('.').pop() ?? '';
  const labels = host.split('.').filter((l) => l !== 'www');
  if (labels.length >= 3 && /^(co|com|org|net|ac|gov|edu|or|ne|go)$/.test(labels[labels.length - 2] ?? ''))
    labels.pop();
  labels.pop();
  return labels[labels.length - 1] ?? '';
}

const folded = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

const compact = (text: string) =>
  text
    .normalize('NFD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

/** A name written as its web address: "Altamira Consultores, S.L." ↔ altamiraconsultores, "Bellfontaine …" ↔ bellfontainehealth. */
export function sameAsHost(name: string, label: string): boolean {
  if (label.length < 4) return false;
  const c = compact(name);
  if (c.length < 4) return false;
  if (c.startsWith(label) || label.startsWith(c)) return true;
  let common = 0;
  while (common < c.length && c[common] === label[common]) common++;
  return common >= 6 && common >= Math.min(c.length, label.length) * 0.5;
}

function copyrightHolder(text: string): string | null {
  const match =
    /(?:©|\(c\)|copyright(?:\s*©)?)\s*(?:\d{4}\s*(?:[-–]\s*\d{4})?\s*(?:[·|-]\s*)?)?([^.|·,©]{2,60}?)(?:\.|\s*[|·,]|\s+all rights|\s+alle rechte|\s+todos los|\s+(?:using|powered by|built with|made with|designed by|hosted (?:on|by))\b|\s*$)/i.exec(
      text,
    );
  // "© 2022 · Emory University - All Rights Reserved": the dash before "All rights" is no part of the name.
  const holder = match?.[1]?.replace(/[\s–-]+$/, '').trim();
  if (!holder || /^\d+$/.test(holder) || IMAGE_CREDIT.test(holder)) return null;
  // "© 2026 Creevey Lab, Queen's University Belfast": a lab or group names its institution after it, and the
  // institution is whom its people work for.
  if (UNIT.test(holder) && match?.index !== undefined) {
    const rest = text.slice(match.index + match[0].length - 1);
    const parent = /^,\s*([^.|·,©]{4,80}?)(?:\.|\s*[|·,]|\s+all rights|\s*$)/i.exec(rest)?.[1]?.trim();
    if (parent && INSTITUTION.test(parent)) return parent;
  }
  return holder;
}

// "© Bildrechte anzeigen", "© Photos: …": the rights to the pictures, not who runs the site.
const IMAGE_CREDIT =
  /^(?:bildrechte|bildnachweis|bildquellen?|fotos?|photos?|photo credits?|image credits?|images?|credits|crédits? photos?|foto)\b/i;

const UNIT =
  /\b(?:lab|laboratory|labs|group|research group|team|department|dept\.?|unit|chair|lehrstuhl|arbeitsgruppe|arbeitsgruppe)\s*$/i;
const INSTITUTION =
  /\b(?:university|universit(?:y|ät|at|é|à|eit|etet|ade|ad|e)|college|institute|institut|instituto|istituto|hochschule|école|school|hospital|academy|akademie|polytechnic|politecnico|centre|center)\b/i;

// Words a page's title uses for the page, not for who runs it ("PLATIPUS Lab - People").
const PAGE_WORD =
  /^(?:home|people|team|our team|staff|members|faculty|contact|contact us|about|about us|imprint|impressum|kontakt|news|blog|publications|research|projects|welcome|start|startseite|accueil|inicio|email signatures?|directory|teacher pages|individual|profile|profil|bio|biography|details)$/i;
const ORG_LIKE =
  /\b(?:lab|laboratory|labs|group|institute|institut|university|universität|universidad|université|college|school|centre|center|society|association|foundation|stiftung|verband|verein|gmbh|ag|ltd|llc|inc|s\.?a\.?|s\.?l\.?|b\.?v\.?|company|corporation|hospital|clinic|office|district)\b/i;

const FIRM = /\b(?:asociados|associados|associates|partners|abogados|avocats|lawyers|rechtsanwälte|kanzlei)\b/i;

// "Page – Site", "Page | Site" (a separator with a space on each side; " : " is a breadcrumb either way round).
const TITLE_SEPARATOR = /\s+[|–—·-]\s+/;

function titleSuffix(title: string): string | null {
  const parts = title
    .split(TITLE_SEPARATOR)
    .map((p) => p.trim())
    .filter((p) => p !== '' && !PAGE_WORD.test(p));
  // "Aroch Green y Asociados | María Avelina Rocha Maldonado": a profile's title ends with its person, not the site.
  const [site = '', page = ''] = parts;
  if (parts.length === 2 && asPersonName(page) !== null && (ORG_LIKE.test(site) || FIRM.test(site))) return site;
  if (parts.length > 1 || (parts.length === 1 && title.includes(' '))) {
    const last = parts[parts.length - 1] ?? null;
    // A title of one part names the page, unless it reads as an organisation ("Satellite Geosciences Laboratory").
    return parts.length > 1 || (last !== null && ORG_LIKE.test(last)) ? last : null;
  }
  return null;
}
