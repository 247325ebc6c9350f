import { describe, expect, it } from 'vitest';
import { asPersonName, nameAndRole, nameFromEmail, splitName } from '@/lib/extract/common/names';
import { inferRegion } from '@/lib/extract/extension/region';

describe('names', () => {
  it.each([
    ['Dr. Jane Doe', 'Jane Doe'],
    ['  Ana   García Márquez ', 'Ana García Márquez'],
    ['Ludwig van Beethoven', 'Ludwig van Beethoven'],
    ['Our Team', null],
    ['Contact Us', null],
    ['jane doe', null],
    ['Call 555 0100 Now', null],
    ['Madonna', null],
    ['Herrn Thomas Weidner', 'Thomas Weidner'],
    ['Eleanor Whitcombe FRS', 'Eleanor Whitcombe'],
    ['Rodrigo Alejandro de la Garza Treviño', 'Rodrigo Alejandro de la Garza Treviño'],
    ['Hartley Rowe LLP', null],
    ['Nordvik Energi ASA', null],
    ['Redpine Ventures', null],
    ['San Francisco', null],
    ['Graduate Admissions', null],
    ['WhatsApp Siobhán', null],
    ['Bean, Kathy', 'Kathy Bean'],
    ['Neuroimaging, Diffusion MRI', null],
    ['Before Brightwell', null],
    ['RCS Paris', null],
    ['Aarø, Per', 'Per Aarø'],
    ['PD Dr. Veronika Matschke', 'Veronika Matschke'],
    ['A-R Editions', null],
    ['Since Monday', null],
    ['Even Hansen', 'Even Hansen'],
    ['Soon Lee', 'Soon Lee'],
  ])('%s → %s', (text, expected) => {
    expect(asPersonName(text)).toBe(expected);
  });

  it.each([
    ['Jane Q. Doe', 'Jane Q.', 'Doe'],
    ['Ana García Márquez', 'Ana', 'García Márquez'],
    ['Ludwig van Beethoven', 'Ludwig', 'van Beethoven'],
    ['Cher', 'Cher', ''],
  ])('splits %s', (full, first, last) => {
    expect(splitName(full)).toEqual({ first, last });
  });

  it('reads a firm named after its partners as no person', () => {
    expect(nameAndRole('Hernández Ortega, Villaseñor y Asociados, S.C.')).toBeNull();
    expect(nameAndRole('Jane Doe, VP Sales')).toEqual({ name: 'Jane Doe', role: 'VP Sales' });
  });

  it.each([
    ['Javier Gómez de la Serna', 'ES', 'Javier', 'Gómez de la Serna'],
    ['Lucas Ferreira da Silva', 'BR', 'Lucas', 'Ferreira da Silva'],
    ['Park Ji-ho', 'DE', 'Ji-ho', 'Park'],
    ['Lim Hui Shan', 'SG', 'Hui Shan', 'Lim'],
    ['Brian Koh', 'SG', 'Brian', 'Koh'],
    ['Lee Anderson', 'US', 'Lee', 'Anderson'],
  ])('splits %s (%s) by its customs', (full, region, first, last) => {
    expect(splitName(full, region)).toEqual({ first, last });
  });

  it('derives names only from personal addresses', () => {
    expect(nameFromEmail('jane.doe@acme.com')).toBe('Jane Doe');
    expect(nameFromEmail('info@acme.com')).toBeNull();
    expect(nameFromEmail('j.doe@acme.com')).toBeNull();
    expect(nameFromEmail('sales2024.team@acme.com')).toBeNull();
  });
});

describe('region', () => {
  it.each([
    ['https://acme.com/', 'en-GB', 'GB'],
    ['https://acme.de/', null, 'DE'],
    ['https://acme.co.uk/', 'en', 'GB'],
    ['https://acme.com/', 'fr', 'FR'],
    ['http://127.0.0.1:8080/', null, 'US'],
  ])('%s %s → %s', (url, lang, region) => {
    expect(inferRegion({ url, lang })).toBe(region);
  });

  it("takes the country most of a page's addresses are at when nothing else says (an old school site's staff list)", () => {
    const staff = ['annekaas@online.no', 'tomasked@start.no', 'reidun.lund@t-fk.no', 'einar.b@t-fk.no', 'x@gmail.com'];
    expect(inferRegion({ url: 'file:///ansatte.html', lang: null, emails: staff })).toBe('NO');
    // Two addresses are too few, and a minority does not outvote the page's own domain.
    expect(inferRegion({ url: 'file:///ansatte.html', lang: null, emails: staff.slice(0, 2) })).toBe('US');
    expect(inferRegion({ url: 'https://www.acme.de/team', lang: 'de', emails: staff })).toBe('DE');
  });
});

describe('a bio that starts like a name', () => {
  it('does not read "Before Brightwell, built the inside-sales team…" as a name and a role', () => {
    expect(
      nameAndRole('Before Brightwell, built the inside-sales team at a Series B software company in Dublin.'),
    ).toBe(null);
    expect(nameAndRole('Jane Doe, founder of Acme')).toEqual({ name: 'Jane Doe', role: 'founder of Acme' });
    // A company and its legal form, a place and its postcode: not a person and a role.
    expect(nameAndRole('Bloom Verlag, Inc., www.bloom.com, info@bloom.com')).toBe(null);
    expect(nameAndRole('Ytre Vefall, 3750 DRANGEDAL')).toBe(null);
    expect(nameAndRole('Jane Doe, Co-founder')).toEqual({ name: 'Jane Doe', role: 'Co-founder' });
  });
});
