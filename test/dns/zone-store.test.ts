import { describe, expect, it } from 'vitest';
import { DnsValidationError } from '../../src/dns/validation-error.ts';
import { DnsZoneStore } from '../../src/emulator/dns/zone-store.ts';

function validationError(action: () => void): DnsValidationError {
  try {
    action();
  } catch (error) {
    if (error instanceof DnsValidationError) return error;
    throw error;
  }
  throw new Error('expected a DnsValidationError');
}

describe('DnsZoneStore', () => {
  it('keys names case-insensitively and without the trailing dot', () => {
    const store = new DnsZoneStore();
    store.set('_DNSAuth.Img.Example.COM.', { type: 'TXT', values: ['token'], ttl: 60 });
    expect(store.get('_dnsauth.img.example.com')).toEqual([{ type: 'TXT', values: ['token'], ttl: 60 }]);
    expect(store.entries()).toEqual([
      { name: '_dnsauth.img.example.com', records: [{ type: 'TXT', values: ['token'], ttl: 60 }] },
    ]);
  });

  it('replaces the rrset of one type and keeps the others', () => {
    const store = new DnsZoneStore();
    store.set('a.example.com', { type: 'A', values: ['192.0.2.1'], ttl: 60 });
    store.set('a.example.com', { type: 'TXT', values: ['x'], ttl: 60 });
    store.set('A.example.com', { type: 'A', values: ['192.0.2.2', '192.0.2.3'], ttl: 30 });
    expect(store.get('a.example.com')).toEqual([
      { type: 'A', values: ['192.0.2.2', '192.0.2.3'], ttl: 30 },
      { type: 'TXT', values: ['x'], ttl: 60 },
    ]);
  });

  it('deletes one type or every type and reports whether anything went', () => {
    const store = new DnsZoneStore();
    store.set('a.example.com', { type: 'A', values: ['192.0.2.1'], ttl: 60 });
    store.set('a.example.com', { type: 'TXT', values: ['x'], ttl: 60 });
    expect(store.delete('a.example.com', 'AAAA')).toBe(false);
    expect(store.delete('a.example.com', 'A')).toBe(true);
    expect(store.get('a.example.com').map((r) => r.type)).toEqual(['TXT']);
    expect(store.delete('A.EXAMPLE.COM')).toBe(true);
    expect(store.get('a.example.com')).toEqual([]);
    expect(store.delete('a.example.com')).toBe(false);
  });

  it('tells empty non-terminals from absent names', () => {
    const store = new DnsZoneStore();
    store.set('_dnsauth.img.example.com', { type: 'TXT', values: ['x'], ttl: 60 });
    expect(store.exists('img.example.com')).toBe(true);
    expect(store.exists('other.example.com')).toBe(false);
  });

  it('clears everything and bumps the serial only on changes', () => {
    const store = new DnsZoneStore();
    const start = store.serial;
    store.clear();
    expect(store.serial).toBe(start);
    store.set('a.example.com', { type: 'A', values: ['192.0.2.1'], ttl: 60 });
    store.delete('missing.example.com');
    expect(store.serial).toBe(start + 1);
    store.clear();
    expect(store.entries()).toEqual([]);
    expect(store.serial).toBe(start + 2);
  });

  it('returns copies, so callers cannot change the zone behind its back', () => {
    const store = new DnsZoneStore();
    store.set('a.example.com', { type: 'TXT', values: ['x'], ttl: 60 });
    store.get('a.example.com')[0]?.values.push('injected');
    expect(store.get('a.example.com')[0]?.values).toEqual(['x']);
  });

  it('normalizes values: IPv6 text form, lower-case targets, repeated values collapsed', () => {
    const store = new DnsZoneStore();
    store.set('a.example.com', { type: 'AAAA', values: ['2001:DB8:0:0::1', '2001:db8::1'], ttl: 60 });
    store.set('b.example.com', { type: 'CNAME', values: ['Bucket.OSS-cn-hangzhou.aliyuncs.com.'], ttl: 60 });
    expect(store.get('a.example.com')[0]?.values).toEqual(['2001:db8::1']);
    expect(store.get('b.example.com')[0]?.values).toEqual(['bucket.oss-cn-hangzhou.aliyuncs.com']);
  });

  it.each([
    ['a label over 63 bytes', `${'a'.repeat(64)}.example.com`, 'DNS_INVALID_NAME'],
    ['a name over 253 bytes', `${'abcdefghi.'.repeat(26)}com`, 'DNS_INVALID_NAME'],
    ['an empty label', 'a..example.com', 'DNS_INVALID_NAME'],
    ['a space', 'a b.example.com', 'DNS_INVALID_NAME'],
    ['an empty name', '.', 'DNS_INVALID_NAME'],
  ])('rejects %s', (_label, name, code) => {
    const error = validationError(() =>
      new DnsZoneStore().set(name, { type: 'A', values: ['192.0.2.1'], ttl: 1 }),
    );
    expect(error).toMatchObject({ code, field: 'name' });
  });

  it('accepts names of exactly 63-byte labels and 253 bytes', () => {
    const store = new DnsZoneStore();
    const name = [`${'a'.repeat(63)}`, 'b'.repeat(63), 'c'.repeat(63), 'd'.repeat(61)].join('.');
    expect(name).toHaveLength(253);
    store.set(name, { type: 'A', values: ['192.0.2.1'], ttl: 1 });
    expect(store.get(name)).toHaveLength(1);
  });

  it.each([
    ['an invalid IPv4 address', { type: 'A', values: ['256.1.1.1'], ttl: 1 }, 'values[0]'],
    ['an IPv6 address in an A record', { type: 'A', values: ['::1'], ttl: 1 }, 'values[0]'],
    ['an invalid IPv6 address', { type: 'AAAA', values: ['192.0.2.1', 'fe80::1::2'], ttl: 1 }, 'values[0]'],
    ['two CNAME targets', { type: 'CNAME', values: ['a.example.com', 'b.example.com'], ttl: 1 }, 'values'],
    ['a CNAME target that is not a name', { type: 'CNAME', values: ['not a name'], ttl: 1 }, 'values[0]'],
    ['an unknown type', { type: 'MX', values: ['mail.example.com'], ttl: 1 }, 'type'],
    ['a negative ttl', { type: 'TXT', values: ['x'], ttl: -1 }, 'ttl'],
    ['a fractional ttl', { type: 'TXT', values: ['x'], ttl: 1.5 }, 'ttl'],
    ['no values', { type: 'TXT', values: [], ttl: 1 }, 'values'],
    ['a non-string value', { type: 'TXT', values: [42], ttl: 1 }, 'values[0]'],
    [
      'a record set too large for one message',
      { type: 'TXT', values: ['x'.repeat(70_000)], ttl: 1 },
      'values',
    ],
  ])('rejects %s with a field-naming error', (_label, rrset, field) => {
    const error = validationError(() =>
      new DnsZoneStore().set('a.example.com', rrset as unknown as Parameters<DnsZoneStore['set']>[1]),
    );
    expect(error.code).toBe('DNS_INVALID_RECORD');
    expect(error.field).toBe(field);
    expect(error.message.length).toBeGreaterThan(10);
  });

  it('accepts lower-case type names from JSON input', () => {
    const store = new DnsZoneStore();
    store.set('a.example.com', { type: 'txt', values: ['x'], ttl: 1 } as unknown as Parameters<
      DnsZoneStore['set']
    >[1]);
    expect(store.get('a.example.com')[0]?.type).toBe('TXT');
  });
});
