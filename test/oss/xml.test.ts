import { describe, expect, it } from 'vitest';
import { OssResponseParseError } from '../../src/oss/errors.ts';
import { listCname } from '../../src/oss/operations/cname.ts';
import { buildXml, childText, escapeXmlText, parseXml, XmlError } from '../../src/oss/xml.ts';

function xmlError(fn: () => unknown): XmlError {
  try {
    fn();
  } catch (err) {
    if (err instanceof XmlError) return err;
    throw err;
  }
  throw new Error('expected an XmlError');
}

describe('parseXml safety', () => {
  it('refuses DOCTYPE declarations and never expands entities', () => {
    const billionLaughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><Error><Code>&lol2;</Code></Error>';
    expect(xmlError(() => parseXml(billionLaughs)).code).toBe('XmlDoctypeRefused');
    expect(xmlError(() => parseXml('<!ENTITY x "y"><A>1</A>')).code).toBe('XmlDoctypeRefused');
  });

  it('refuses documents over the size limit before parsing', () => {
    const big = `<A>${'x'.repeat(2048)}</A>`;
    expect(xmlError(() => parseXml(big, 1024)).code).toBe('XmlTooLarge');
    expect(parseXml(big, 4096).text).toHaveLength(2048);
  });

  it('rejects malformed XML and non-XML', () => {
    expect(xmlError(() => parseXml('<A><B>1</B>')).code).toBe('InvalidXml');
    expect(xmlError(() => parseXml('Bad Gateway')).code).toBe('InvalidXml');
    expect(xmlError(() => parseXml('')).code).toBe('InvalidXml');
  });

  it('decodes only the predefined entities and character references', () => {
    const root = parseXml('<A><B>a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#65;&#x42; &nbsp;</B></A>');
    expect(childText(root, 'B')).toBe('a & b <c> "d" \'e\' AB &nbsp;');
  });

  it('tolerates a BOM, stray text between elements and empty elements', () => {
    const root = parseXml('\ufeff<R>;<X></X> <Y>1</Y> tail</R>');
    expect(childText(root, 'X')).toBe('');
    expect(childText(root, 'Y')).toBe('1');
    expect(childText(root, 'Z')).toBeUndefined();
  });

  it('a success body that is too large or has the wrong root is a typed parse error', () => {
    const res = (body: string) => ({
      status: 200,
      headers: { 'x-oss-request-id': 'r1' },
      body: Buffer.from(body),
    });
    expect(() => listCname.parse(res('<CnameToken/>'))).toThrow(OssResponseParseError);
    try {
      listCname.parse(res('<!DOCTYPE x><ListCnameResult/>'));
    } catch (err) {
      expect(err).toMatchObject({ code: 'XmlDoctypeRefused', requestId: 'r1', operation: 'ListCname' });
    }
  });
});

describe('request XML emission', () => {
  it('escapes text like ElementTree: & < > only', () => {
    expect(escapeXmlText(`a&b<c>d"e'f`)).toBe(`a&amp;b&lt;c&gt;d"e'f`);
  });

  it('keeps child order, omits undefined, writes booleans as true/false, no declaration, no whitespace', () => {
    const xml = buildXml('Root', [
      ['B', 'x & y'],
      ['A', undefined],
      ['C', true],
      ['D', [['E', false]]],
    ]);
    expect(xml).toBe('<Root><B>x &amp; y</B><C>true</C><D><E>false</E></D></Root>');
  });

  it('round-trips multi-line PEM text unchanged', () => {
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\r\n-----END CERTIFICATE-----\n';
    const xml = buildXml('R', [['Certificate', pem]]);
    expect(xml).toBe(`<R><Certificate>${pem}</Certificate></R>`);
  });
});
