import { describe, expect, it } from 'vitest';
import { guessZone } from '../../src/domain/zone.ts';
import { ownershipRecord } from '../../src/services/domain-dns/index.ts';

describe('the zone of the TXT record', () => {
  it.each([
    ['example.com', '_dnsauth.example.com', 'example.com', '_dnsauth'],
    ['www.example.com', '_dnsauth.www.example.com', 'example.com', '_dnsauth.www'],
    ['a.b.example.com', '_dnsauth.a.b.example.com', 'example.com', '_dnsauth.a.b'],
    ['www.example.com.cn', '_dnsauth.www.example.com.cn', 'example.com.cn', '_dnsauth.www'],
    ['shop.example.co.uk', '_dnsauth.shop.example.co.uk', 'example.co.uk', '_dnsauth.shop'],
    ['example.co.uk', '_dnsauth.example.co.uk', 'example.co.uk', '_dnsauth'],
  ])('%s', (domain, name, zone, host) => {
    expect(ownershipRecord(domain, 'tok')).toEqual({
      type: 'TXT',
      name,
      zone,
      zoneSource: 'guess',
      host,
      value: 'tok',
    });
  });

  it('prefers the zone DNS found, such as a delegated sub-zone', () => {
    expect(ownershipRecord('img.shop.example.com', 'tok', 'shop.example.com')).toEqual({
      type: 'TXT',
      name: '_dnsauth.img.shop.example.com',
      zone: 'shop.example.com',
      zoneSource: 'dns',
      host: '_dnsauth.img',
      value: 'tok',
    });
    expect(ownershipRecord('shop.example.com', 'tok', 'shop.example.com')).toMatchObject({
      host: '_dnsauth',
      zoneSource: 'dns',
    });
  });

  it('falls back to the guess when the DNS zone does not enclose the domain', () => {
    expect(ownershipRecord('www.example.com', 'tok', 'example.org')).toMatchObject({
      zone: 'example.com',
      zoneSource: 'guess',
    });
  });

  it('uses @ for the apex itself', () => {
    expect(guessZone('example.com')).toEqual({ zone: 'example.com', host: '@' });
    expect(guessZone('www.example.com')).toEqual({ zone: 'example.com', host: 'www' });
  });
});
