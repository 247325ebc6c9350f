import { E164 } from './rules';
import { z } from './zod';

export const PHONE_TYPES = ['work', 'mobile', 'fax', 'home', 'other'] as const;
const SOURCES = [
  'mailto',
  'tel',
  'text',
  'json-ld',
  'microdata',
  'rdfa',
  'microformat',
  'meta',
  'cloudflare',
  'whatsapp',
  'email-derived',
] as const;

const text = (max: number) => z.string().max(max);

/** What the injected script hands back; checked on arrival because it ran on a stranger's page. */
export const RawCaptureSchema = z.object({
  url: text(4096),
  title: text(1000),
  heading: text(1000).nullable(),
  afterHeading: z.array(text(300)).max(10).default([]),
  headingOrg: text(300).nullable().default(null),
  lang: text(100).nullable(),
  metaSiteName: text(1000).nullable(),
  metaPerson: text(1000).nullable(),
  siteTexts: z.array(text(3000)).max(10),
  legalTexts: z.array(text(300)).max(30).default([]),
  jsonLd: z.array(text(512 * 1024)).max(20),
  snapshots: z.array(text(200_000)).max(300).default([]),
  metas: z
    .array(z.tuple([text(100), text(1000)]))
    .max(200)
    .default([]),
  truncated: z.boolean(),
  candidates: z
    .array(
      z.object({
        name: text(200).nullable(),
        role: text(500).nullable().optional(),
        title: text(500).nullable(),
        company: text(500).nullable(),
        companyHint: text(500).nullable().optional(),
        rowLead: text(300).nullable().optional(),
        emails: z.array(text(254)).max(50),
        phones: z.array(z.object({ raw: text(100), type: z.enum(PHONE_TYPES) })).max(50),
        links: z.array(text(2048)).max(50),
        sources: z.array(z.enum(SOURCES)).max(10),
        declared: z.boolean().optional(),
      }),
    )
    .max(500),
});

export const PhoneSchema = z.object({
  e164: z.string().regex(E164),
  raw: text(100),
  type: z.enum(PHONE_TYPES),
});

export const CandidateSchema = z.object({
  name: z.object({ full: text(200), first: text(200), last: text(200) }).nullable(),
  emails: z.array(text(254)),
  phones: z.array(PhoneSchema),
  company: text(500).nullable(),
  title: text(500).nullable(),
  links: z.array(text(2048)),
  confidence: z.number().min(0).max(1),
  sources: z.array(z.enum(SOURCES)),
});

/** The contract of ../DESIGN.md: what extraction returns and `npm run extract` prints. */
export const CaptureResultSchema = z.object({
  url: text(4096),
  region: z.string().regex(/^[A-Z]{2}$/),
  candidates: z.array(CandidateSchema),
});

export type Phone = z.infer<typeof PhoneSchema>;
export type Candidate = z.infer<typeof CandidateSchema>;
export type CaptureResult = z.infer<typeof CaptureResultSchema>;
