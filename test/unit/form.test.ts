import { describe, expect, it } from 'vitest';
import { blankForm, candidateToForm, formToInput } from '@/lib/form';

describe('contact form', () => {
  it('turns national numbers into E.164 for the page region', () => {
    const form = { ...blankForm(), firstName: 'Jane', phones: [{ value: '030 1234567', type: 'work' as const }] };
    const result = formToInput(form, 'DE');
    expect(result).toMatchObject({ ok: true, input: { phones: [{ value: '+49301234567', type: 'work' }] } });
  });

  it('points at each field that needs a look', () => {
    const form = {
      ...blankForm(),
      emails: ['ok@acme.com', 'broken@'],
      phones: [{ value: '12', type: 'work' as const }],
    };
    const result = formToInput(form, 'US');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors).sort()).toEqual(['emails.1', 'phones.0']);
  });

  it('refuses an empty contact', () => {
    const result = formToInput(blankForm('https://acme.com'), 'US');
    expect(result).toMatchObject({ ok: false, errors: { form: /at least/ } });
  });

  it('pre-fills from a candidate with readable phones', () => {
    const form = candidateToForm(
      {
        name: { full: 'Jane Doe', first: 'Jane', last: 'Doe' },
        emails: ['jane@acme.com'],
        phones: [{ e164: '+442079460958', raw: '020 7946 0958', type: 'work' }],
        company: 'Acme',
        title: 'VP Sales',
        links: [],
        confidence: 0.9,
        sources: ['text'],
      },
      'https://acme.com/team',
    );
    expect(form).toMatchObject({
      firstName: 'Jane',
      phones: [{ value: '+44 20 7946 0958' }],
      website: 'https://acme.com/team',
    });
    expect(formToInput(form, 'US')).toMatchObject({ ok: true, input: { phones: [{ value: '+442079460958' }] } });
  });
});
