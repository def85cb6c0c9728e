// Generators of hostile input. "Invalid" generators produce values no normalisation can turn valid, so a
// test may demand that nothing reaches OSS; "any" generators mix valid and invalid values.
import { validateHeaderValue } from 'node:http';
import fc from 'fast-check';

/** Fragments that can never be part of a host name, whatever case folding, IDN or trimming does. */
export const POISON = [
  '<',
  '>',
  '&',
  '&amp;',
  ']]>',
  '<![CDATA[',
  '"',
  "'",
  '`',
  '/',
  '\\',
  '..%2F',
  '%2e%2e%2f',
  '%00',
  '\u0000',
  '\r\n',
  '\t',
  ' x',
  '@',
  ':443',
  '?',
  '#',
  '..',
  '_',
  '$',
  '{',
  '}',
  '<!ENTITY x SYSTEM "file:///etc/passwd">',
  '&xxe;',
] as const;

export const validDomain = fc.domain().filter((d) => d.length >= 4);

/** A valid domain with a poison fragment spliced in somewhere inside it. */
export const invalidDomain = fc
  .tuple(validDomain, fc.constantFrom(...POISON), fc.nat())
  .map(([domain, poison, at]) => {
    const cut = 1 + (at % (domain.length - 1));
    return `${domain.slice(0, cut)}${poison}${domain.slice(cut)}`;
  });

const unicodeDomain = fc.constantFrom(
  'bücher.example',
  'BÜCHER.Example.',
  '例え.テスト',
  'пример.испытание',
  'xn--bcher-kva.example',
  'xn--invalid-.example',
  'xn--.example',
  '😀.example.com',
  'a\u200db.example.com',
  'ｅｘａｍｐｌｅ．ｃｏｍ',
  'example。com',
  'exa\u202emple.com',
  '\u0130stanbul.example',
  'ß.example',
  'www.example.com\u0000.evil.com',
);

/** Hosts the service may accept or refuse: valid, Unicode/IDN, oddly cased, trailing dots, poisoned. */
export const anyDomain = fc.oneof(
  validDomain,
  validDomain.map((d) => `${d.toUpperCase()}.`),
  validDomain.map((d) => `  ${d}  `),
  unicodeDomain,
  invalidDomain,
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constant('a'.repeat(300)),
);

/** Never a bucket name: upper case, forbidden characters, wrong length, leading/trailing hyphen. */
export const invalidBucket = fc.oneof(
  fc.constantFrom('A-bucket', 'ab', 'a'.repeat(64), '-bucket', 'bucket-', 'web_site', 'web.site', 'web site'),
  fc.tuple(fc.stringMatching(/^[a-z0-9]{3,20}$/), fc.constantFrom(...POISON)).map(([b, p]) => `${b}${p}`),
  fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 30 })
    .filter((s) => !/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(s)),
);

/** Any JSON value, including the wrong types for every field. */
export const jsonValue = fc.jsonValue({ maxDepth: 3 });

/** Text that is not JSON at all, or breaks in the middle. */
export const notJson = fc.oneof(
  fc.constantFrom(
    '{',
    '{"domain":',
    '{"domain": "a.example.com",}',
    "{'domain': 'a.example.com'}",
    '{"domain": NaN}',
    '// comment\n{}',
    '<xml/>',
    'null null',
    '{"a":1}{"b":2}',
    '[',
    '"unterminated',
    '\u0000',
  ),
  fc.string({ maxLength: 60 }).filter((s) => {
    try {
      JSON.parse(s);
      return false;
    } catch {
      return true;
    }
  }),
);

/** JSON objects with keys the strict body schemas refuse, prototype-pollution keys included. */
export const unknownFieldObject = fc
  .tuple(
    fc.constantFrom(
      '__proto__',
      'constructor',
      'prototype',
      'certID',
      'Domain',
      'domain ',
      'extra',
      'DOMAIN',
    ),
    jsonValue,
    fc.dictionary(fc.string({ maxLength: 10 }), jsonValue, { maxKeys: 3 }),
  )
  .map(
    ([key, value, rest]) =>
      `{${JSON.stringify(key)}:${JSON.stringify(value)},${JSON.stringify(rest).slice(1)}`,
  )
  .map((text) => text.replace(/,}$/, '}'));

/** Known fields with values of the wrong type or shape. */
export const wrongTypes = fc.oneof(
  jsonValue.filter((v) => typeof v !== 'string').map((domain) => ({ domain })),
  jsonValue
    .filter((v) => typeof v !== 'boolean' && v !== undefined)
    .map((force) => ({ domain: 'a.example.com', force })),
  jsonValue
    .filter((v) => v === null || typeof v !== 'object' || Array.isArray(v))
    .map((certificate) => ({ domain: 'a.example.com', certificate })),
  fc
    .record({ certId: jsonValue.filter((v) => typeof v !== 'string') })
    .map((certificate) => ({ domain: 'a.example.com', certificate })),
  fc
    .record({ certificate: fc.constantFrom(...POISON), privateKey: jsonValue })
    .map((certificate) => ({ domain: 'a.example.com', certificate })),
);

/** A header value Node's HTTP stack would send at all (no CR, LF, NUL or other control characters). */
export const headerValue = (arb: fc.Arbitrary<string>) =>
  arb.filter((v) => {
    try {
      validateHeaderValue('x-test', v);
      return true;
    } catch {
      return false;
    }
  });

export const hostileHeaderText = headerValue(
  fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.string({ unit: 'grapheme', maxLength: 50 }),
    fc.constantFrom(...POISON),
    fc.nat({ max: 70_000 }).map((n) => 'A'.repeat(n)),
    fc.constantFrom(
      'W/"none"',
      '"none"x',
      '""',
      '"',
      ',,,',
      '"a", W/',
      'ünïcödé',
      '\u00ff\u00fe',
      'Bearer',
      'Bearer  ',
    ),
  ),
);
