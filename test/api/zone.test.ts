import { describe, expect, it } from 'vitest';
import { guessZone } from '../../src/domain/zone.ts';
import { ownershipRecord } from '../../src/services/token-view.ts';

describe('zone guess for the TXT record', () => {
  it.each([
    ['example.com', '_dnsauth.example.com', 'example.com', '_dnsauth'],
    ['www.example.com', '_dnsauth.www.example.com', 'example.com', '_dnsauth.www'],
    ['a.b.example.com', '_dnsauth.a.b.example.com', 'example.com', '_dnsauth.a.b'],
    ['www.example.com.cn', '_dnsauth.www.example.com.cn', 'example.com.cn', '_dnsauth.www'],
    ['shop.example.co.uk', '_dnsauth.shop.example.co.uk', 'example.co.uk', '_dnsauth.shop'],
    ['example.co.uk', '_dnsauth.example.co.uk', 'example.co.uk', '_dnsauth'],
  ])('%s', (domain, name, zone, host) => {
    expect(ownershipRecord(domain, 'tok')).toEqual({ type: 'TXT', name, zone, host, value: 'tok' });
  });

  it('uses @ for the apex itself', () => {
    expect(guessZone('example.com')).toEqual({ zone: 'example.com', host: '@' });
    expect(guessZone('www.example.com')).toEqual({ zone: 'example.com', host: 'www' });
  });
});
