import { describe, expect, it } from 'vitest';
import { checkBaseUrl } from '@/lib/base-url';
import { messageSchema } from '@/lib/messages';
import { idFromPasted } from '@/lib/provider-form';
import { idProblem, segment } from '@/lib/providers/http';
import { getProvider, PROVIDER_IDS } from '@/lib/providers/index';
import type { Provider } from '@/lib/providers/types';

// Issue 15, 3 and 4: prototype keys were taken for providers, and pasted ids "." and ".." climbed out of the path.
describe('provider ids', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])('%s is no provider', (id) => {
    expect(getProvider(id)).toBeNull();
    expect(
      messageSchema().safeParse({ type: 'accounts.set', providerId: id, account: { baseUrl: 'https://x.example' } })
        .success,
    ).toBe(false);
  });

  it('every registered provider is found by its id', () => {
    for (const id of PROVIDER_IDS) expect(getProvider(id)?.id).toBe(id);
  });
});

describe('contact ids in paths', () => {
  const ctx = { baseUrl: 'https://api.example.com/base', credentials: { apiKey: 'k'.repeat(20) } };

  it.each(['.', '..', '...', '', 'a/b', '../x', '%2e%2e', 'a?b', 'a#b', 'a b', 'é', 'x'.repeat(101)])(
    'refuses %j for every provider, before a request is built',
    (id) => {
      expect(idProblem(id)).not.toBeNull();
      for (const providerId of PROVIDER_IDS) {
        const provider = getProvider(providerId) as Provider;
        const values = provider.schema.parse(provider.fromContact(blank(), 'ctc-e-1'));
        expect(() => provider.update(id, values, ctx)).toThrow(/Refused/);
      }
    },
  );

  it('builds exactly the URL fetch sends for a plain id', () => {
    for (const providerId of PROVIDER_IDS) {
      const provider = getProvider(providerId) as Provider;
      const request = provider.update('AbC_12-3', provider.schema.parse(provider.fromContact(blank(), 'ctc-e-1')), ctx);
      expect(new URL(request.url).href).toBe(request.url);
      expect(request.url).toMatch(/\/AbC_12-3$/);
    }
  });

  it('keeps the per-provider shape: OpenPhone ids have no dots, Vixiees takes our external reference ids', () => {
    expect(idProblem('ab.c', getProvider('openphone')?.idPattern)).not.toBeNull();
    expect(idProblem('ctc-e-0123abcd', getProvider('vixiees')?.idPattern)).toBeNull();
    expect(segment('ctc-e-0123abcd')).toBe('ctc-e-0123abcd');
  });

  it('takes the id from a pasted link, and a pasted link to ".." gives nothing usable', () => {
    expect(idFromPasted('https://my.openphone.com/contacts/CTabc123')).toBe('CTabc123');
    const dots = idFromPasted('https://my.openphone.com/contacts/..');
    expect(dots === null || idProblem(dots) !== null).toBe(true);
    expect(idProblem(idFromPasted('..') ?? '')).not.toBeNull();
  });
});

function blank() {
  return {
    firstName: 'Ann',
    lastName: 'Lee',
    company: '',
    title: '',
    emails: ['ann@example.com'],
    phones: [],
    website: '',
    notes: '',
    capturedAt: '',
  };
}

// Issue 15, 6: base URLs with user names, odd hosts or queries were accepted by a direct message.
describe('provider addresses', () => {
  it.each([
    'https://user:pass@api.openphone.com',
    'https://api.openphone.com@evil.example',
    'https://api.openphone.com/?next=1',
    'https://api.openphone.com/#x',
    'https://api',
    'https://10.0.0.1',
    'https://a_b.example',
    'http://api.openphone.com',
    'ftp://api.openphone.com',
    'javascript:alert(1)',
    'https://api.openphone.com /v1',
  ])('refuses %s', (url) => {
    expect(checkBaseUrl(url)).not.toBeNull();
  });

  it.each([
    'https://api.openphone.com',
    'https://api.quo.com/',
    'https://eu.api.routera.io/v2',
    'http://127.0.0.1:4100/x',
  ])('accepts %s (loopback outside production builds only)', (url) => {
    expect(checkBaseUrl(url)).toBeNull();
  });
});
