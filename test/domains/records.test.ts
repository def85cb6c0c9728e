import { describe, expect, it } from 'vitest';
import { domainRecords } from '../../src/domains/index.ts';

describe('domainRecords', () => {
  it('lists the ownership TXT, the traffic CNAME and the acme-challenge CNAME, placed in the zone', () => {
    const records = domainRecords({
      domain: 'shop.example.com',
      cnameTarget: 'examplebucket.oss-cn-hangzhou.aliyuncs.com',
      token: 'tok',
      acmeChallengeTarget: 'k3j2.acme.example.net',
    });
    expect(records.map((r) => [r.purpose, r.type, r.name, r.zone, r.host, r.value, r.satisfied])).toEqual([
      ['ownership', 'TXT', '_dnsauth.shop.example.com', 'example.com', '_dnsauth.shop', 'tok', false],
      [
        'traffic',
        'CNAME',
        'shop.example.com',
        'example.com',
        'shop',
        'examplebucket.oss-cn-hangzhou.aliyuncs.com',
        false,
      ],
      [
        'acme-challenge',
        'CNAME',
        '_acme-challenge.shop.example.com',
        'example.com',
        '_acme-challenge.shop',
        'k3j2.acme.example.net',
        false,
      ],
    ]);
  });

  it('uses the zone DNS reported, and @ for the apex', () => {
    const [traffic] = domainRecords({
      domain: 'shop.example.com',
      cnameTarget: 't',
      dnsZone: 'shop.example.com',
    });
    expect(traffic).toMatchObject({ purpose: 'traffic', zone: 'shop.example.com', host: '@' });
    expect(domainRecords({ domain: 'a.b.example.co.uk', cnameTarget: 't' })[0]).toMatchObject({
      zone: 'example.co.uk',
      host: 'a.b',
    });
  });
});
