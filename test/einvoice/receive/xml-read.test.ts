/**
 * The XML reader (src/einvoice/receive/xml-read.ts): namespaces, attributes, references, CDATA,
 * what is skipped, the byte decoders (checked against Node's own decoders on random input), the
 * errors with their positions, and the project's own XML writer read back.
 */
import fc from 'fast-check';
import { el, render, xmlDocument } from '../../../src/einvoice/xml';
import { render as renderText } from '../../../src/texts';
import {
  attr,
  child,
  childrenNamed,
  decodeUtf8,
  decodeXmlBytes,
  parseXml,
  path,
  pathAll,
  textOf,
  XmlError,
} from '../../../src/einvoice/receive/xml-read';

const CII_NS = 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100';
const RAM_NS = 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100';

function errorOf(input: string | Uint8Array): XmlError {
  try {
    parseXml(input);
  } catch (e) {
    if (e instanceof XmlError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('parseXml', () => {
  it('reads elements, prefixes, namespaces and attributes', () => {
    const root = parseXml(
      `<?xml version="1.0" encoding="UTF-8"?>
<!-- an invoice -->
<rsm:CrossIndustryInvoice xmlns:rsm="${CII_NS}" xmlns:ram="${RAM_NS}" xmlns="urn:default">
  <ram:ID schemeID='0002' other = "x">123456782</ram:ID>
  <Plain a="1"/>
  <ram:ID>second</ram:ID>
  <inner xmlns:ram="urn:other"><ram:ID>rebound</ram:ID></inner>
</rsm:CrossIndustryInvoice>`,
    );
    expect(root).toMatchObject({ name: 'rsm:CrossIndustryInvoice', local: 'CrossIndustryInvoice' });
    expect(root.prefix).toBe('rsm');
    expect(root.ns).toBe(CII_NS);
    expect(root.children.map((c) => c.name)).toEqual(['ram:ID', 'Plain', 'ram:ID', 'inner']);
    const id = child(root, 'ID');
    expect(id?.ns).toBe(RAM_NS);
    expect(id?.text).toBe('123456782');
    expect(attr(id, 'schemeID')).toBe('0002');
    expect(attr(id, 'other')).toBe('x');
    expect(attr(id, 'missing')).toBeUndefined();
    expect(child(root, 'Plain')?.ns).toBe('urn:default');
    expect(child(root, 'Plain')?.prefix).toBe('');
    expect(childrenNamed(root, 'ID').map((n) => n.text)).toEqual(['123456782', 'second']);
    expect(path(root, 'inner', 'ID')?.ns).toBe('urn:other');
    expect(pathAll(root, 'inner', 'ID').map((n) => n.text)).toEqual(['rebound']);
    expect(textOf(path(root, 'nothing', 'here'))).toBeUndefined();
  });

  it('decodes the predefined entities, character references and CDATA', () => {
    const root = parseXml(
      '<a t="&lt;&amp;&quot;&apos;&gt; &#233;&#xE9;&#x1F600;">x &lt; y &amp;&amp; z&gt;1 &#8364;<![CDATA[<not a tag> & ]]>end</a>',
    );
    expect(root.attrs['t']).toBe(`<&"'> éé😀`);
    expect(root.text).toBe('x < y && z>1 €<not a tag> & end');
  });

  it('normalizes line ends, and white space in attribute values', () => {
    const root = parseXml('<a v="one\ttwo\r\nthree&#10;four">l1\r\nl2\rl3</a>');
    expect(root.attrs['v']).toBe('one two three\nfour');
    expect(root.text).toBe('l1\nl2\nl3');
  });

  it('skips comments, processing instructions and a DOCTYPE without internal subset', () => {
    const root = parseXml(
      '\uFEFF<?xml version="1.0"?><!DOCTYPE a SYSTEM "a.dtd"><?pi data?><a><!-- c --><b/><?x y?></a><!-- after -->\n',
    );
    expect(root.children.map((c) => c.name)).toEqual(['b']);
    expect(root.text).toBe('');
  });

  it('keeps text of elements with children, and trims only in textOf', () => {
    const root = parseXml('<a>  one <b>two</b> three  </a>');
    expect(root.text).toBe('  one  three  ');
    expect(textOf(child(root, 'b'))).toBe('two');
    expect(textOf(parseXml('<a>  </a>'))).toBeUndefined();
  });

  it('reads very deep documents without exhausting the stack', () => {
    const depth = 50_000;
    const root = parseXml(`${'<d>'.repeat(depth)}x${'</d>'.repeat(depth)}`);
    let n = root;
    let levels = 1;
    while (n.children[0]) {
      n = n.children[0];
      levels++;
    }
    expect(levels).toBe(depth);
    expect(n.text).toBe('x');
  });

  it('reads back what the project writes (escaping, emoji, attributes)', () => {
    const tricky = 'Société « Brioche » & Cie <sarl> "quoted" \'apos\' 😀 — l1\nl2';
    const tree = el(
      'rsm:Root',
      { 'xmlns:rsm': CII_NS, 'xmlns:ram': RAM_NS },
      el('ram:Name', tricky),
      el('ram:ID', { schemeID: tricky }, 'x'),
    );
    if (!tree) throw new Error('empty');
    const root = parseXml(xmlDocument(tree));
    expect(textOf(child(root, 'Name'))).toBe(tricky.trim());
    expect(attr(child(root, 'ID'), 'schemeID')).toBe(tricky);
    expect(parseXml(render(tree)).children).toHaveLength(2);
  });
});

describe('parse errors name the problem and its position', () => {
  const cases: [string, string, RegExp, number, number][] = [
    ['mismatched end tag', '<a>\n  <b></c></a>', /<\/c> where <\/b> was expected/, 2, 6],
    ['unclosed element', '<a><b></b>', /<a> is not closed/, 1, 1],
    ['undefined entity', '<a>&nbsp;</a>', /undefined entity &nbsp;/, 1, 4],
    ['bare ampersand', '<a>fish & chips</a>', /not starting a reference/, 1, 9],
    ['bad character reference', '<a>&#0;</a>', /character XML does not allow/, 1, 4],
    ['malformed character reference', '<a>&#xZZ;</a>', /malformed character reference/, 1, 4],
    ['undeclared prefix', '<a>\n<x:b/></a>', /undeclared namespace prefix x/, 2, 1],
    ['repeated attribute', '<a b="1" b="2"/>', /attribute b repeated/, 1, 10],
    ['two roots', '<a/><b/>', /second root/, 1, 5],
    ['text outside the root', '<a/>text', /text outside the root/, 1, 5],
    ['< in an attribute', '<a b="x<y"/>', /"<" in an attribute value/, 1, 8],
    ['unquoted attribute', '<a b=1/>', /quoted value/, 1, 6],
    ['no root', '<?xml version="1.0"?>\n<!-- nothing -->', /no root element/, 2, 17],
    ['internal subset', '<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', /internal subset/, 1, 13],
    ['late XML declaration', '<a/><?xml version="1.0"?>', /XML declaration not at the start/, 1, 5],
    ['control character', '<a>x\u0001</a>', /U\+0001/, 1, 5],
    ['unterminated comment', '<a><!-- x</a>', /unterminated comment/, 1, 8],
    ['double hyphen in a comment', '<a><!-- x -- y --></a>', /"--" inside a comment/, 1, 8],
    ['end tag with nothing open', '</a>', /no element open/, 1, 1],
    ['unterminated start tag', '<a b="1"', /unterminated start tag/, 1, 1],
  ];
  it.each(cases)('%s', (_name, xml, reason, line, column) => {
    const e = errorOf(xml);
    expect(e.message).toMatch(reason);
    expect([e.line, e.column]).toEqual([line, column]);
    expect(e.message).toContain(`(line ${line}, column ${column})`);
    expect(renderText(e.reason, 'en')).toBe(e.message);
    expect(renderText(e.reason, 'fr')).toContain(`(ligne ${line}, colonne ${column})`);
  });
});

describe('decoding bytes', () => {
  it('decodes any string Node encodes as UTF-8', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => {
        expect(decodeUtf8(new Uint8Array(Buffer.from(s, 'utf8')))).toBe(s);
      }),
      { numRuns: 500 },
    );
  });

  it('replaces invalid sequences exactly as Node does, and throws where a fatal decoder does', () => {
    const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 64 }),
        fc.array(fc.constantFrom(0x80, 0xbf, 0xc0, 0xc2, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff)),
        (noise, special) => {
          const bytes = Uint8Array.from([...noise, ...special, ...noise.slice(0, 3)]);
          expect(decodeUtf8(bytes, false)).toBe(Buffer.from(bytes).toString('utf8'));
          let nodeThrows = false;
          try {
            fatal.decode(bytes);
          } catch {
            nodeThrows = true;
          }
          if (nodeThrows) expect(() => decodeUtf8(bytes)).toThrow(XmlError);
          else expect(decodeUtf8(bytes)).toBe(fatal.decode(bytes));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('names the byte offset of invalid UTF-8', () => {
    const bytes = new Uint8Array(Buffer.concat([Buffer.from('<a>é'), Buffer.of(0xc3, 0x28)]));
    expect(() => parseXml(bytes)).toThrow(/invalid UTF-8 byte sequence at byte 5/);
    // Surrogates encoded as UTF-8 (CESU) and overlong forms are invalid.
    expect(() => decodeUtf8(Uint8Array.of(0xed, 0xa0, 0x80))).toThrow(XmlError);
    expect(() => decodeUtf8(Uint8Array.of(0xc0, 0xaf))).toThrow(XmlError);
  });

  it('follows the byte order mark, else the declared encoding', () => {
    const text = '<?xml version="1.0"?><a>Société €</a>';
    const utf16le = Buffer.concat([Buffer.of(0xff, 0xfe), Buffer.from(text, 'utf16le')]);
    const utf16be = Buffer.from(utf16le);
    utf16be.swap16();
    const boms: Uint8Array[] = [
      Buffer.concat([Buffer.of(0xef, 0xbb, 0xbf), Buffer.from(text, 'utf8')]),
      utf16le,
      utf16be,
      Buffer.from(text, 'utf16le'),
      Buffer.from(text, 'utf8'),
    ];
    for (const bytes of boms) {
      expect(decodeXmlBytes(new Uint8Array(bytes)).replace(/^\uFEFF/, '')).toBe(text);
      expect(parseXml(new Uint8Array(bytes)).text).toBe('Société €');
    }
    const latin1 = Buffer.from(
      '<?xml version="1.0" encoding="ISO-8859-1"?><a>Société</a>',
      'latin1',
    );
    expect(parseXml(new Uint8Array(latin1)).text).toBe('Société');
    const ascii = Buffer.from("<?xml version='1.0' encoding='US-ASCII'?><a>caf\xe9</a>", 'latin1');
    expect(() => parseXml(new Uint8Array(ascii))).toThrow(/above 127 in US-ASCII/);
    const other = Buffer.from('<?xml version="1.0" encoding="Shift_JIS"?><a/>');
    expect(() => parseXml(new Uint8Array(other))).toThrow(/unsupported encoding "Shift_JIS"/);
  });
});
