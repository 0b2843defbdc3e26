/**
 * A small, strict XML reader for received e-invoices (CII and UBL), with no DOM and no
 * TextDecoder, since neither exists in Apps Script.
 *
 * What it reads (XML 1.0 and Namespaces in XML 1.0): elements and attributes with namespace
 * prefixes, resolved to namespace URIs; character data with the five predefined entities and
 * numeric character references; CDATA sections. Comments, processing instructions, the XML
 * declaration and a DOCTYPE without an internal subset are skipped. A DOCTYPE with an internal
 * subset is refused: its entity declarations could not be honoured, and they are the vehicle of
 * the entity-expansion and external-entity attacks a received file may carry.
 *
 * Anything not well-formed is an `XmlError` with a line and column: an invoice that is not
 * well-formed XML is not an invoice, and a precise position helps the sender fix it.
 *
 * Bytes are decoded here too: UTF-8 (the default, with or without a byte order mark), UTF-16
 * with a byte order mark, and ISO-8859-1 / US-ASCII when the XML declaration says so.
 */

import { msg, render, type Message } from '../../texts';

/** An element of the tree. */
export interface XmlNode {
  /** Qualified name as written (`ram:ID`). */
  readonly name: string;
  /** Local part (`ID`). */
  readonly local: string;
  /** Prefix as written (`ram`), '' without. */
  readonly prefix: string;
  /** Namespace URI the prefix is bound to ('' for none). */
  readonly ns: string;
  /** Attributes by qualified name as written, namespace declarations included. */
  readonly attrs: Readonly<Record<string, string>>;
  /** Child elements, in document order. */
  readonly children: readonly XmlNode[];
  /** The character data directly inside the element (CDATA included), entities decoded. */
  readonly text: string;
}

export class XmlError extends Error {
  /** The problem and where it is, for the person reading it (the error's message: its English). */
  readonly reason: Message;

  constructor(
    /** What is wrong. */
    readonly problem: Message,
    /** 1-based position in the decoded text, or for a decoding error the byte offset. */
    readonly line: number,
    readonly column: number,
  ) {
    const reason = msg('received-file.xml.at', { problem, line, column });
    super(render(reason, 'en'));
    this.reason = reason;
    this.name = 'XmlError';
  }
}

// ---------------------------------------------------------------------------------------------
// Decoding bytes

/**
 * UTF-8 to a string, as the WHATWG Encoding Standard's UTF-8 decoder specifies: overlong forms,
 * surrogates and code points above U+10FFFF are errors. `fatal` (the default) throws an
 * `XmlError` at the first error, naming the byte offset; otherwise each maximal invalid
 * subsequence becomes U+FFFD, exactly as Node's and browsers' decoders do.
 */
export function decodeUtf8(bytes: Uint8Array, fatal = true): string {
  const chunks: string[] = [];
  const units: number[] = [];
  const flush = (): void => {
    chunks.push(String.fromCharCode(...units));
    units.length = 0;
  };
  const invalid = (at: number): void => {
    if (fatal) throw new XmlError(msg('received-file.xml.invalid-utf8', { at }), 1, at + 1);
    units.push(0xfffd);
  };
  let codePoint = 0;
  let needed = 0;
  let seen = 0;
  let lower = 0x80;
  let upper = 0xbf;
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    if (needed === 0) {
      start = i;
      if (b < 0x80) units.push(b);
      else if (b >= 0xc2 && b <= 0xdf) {
        needed = 1;
        codePoint = b & 0x1f;
      } else if (b >= 0xe0 && b <= 0xef) {
        if (b === 0xe0) lower = 0xa0;
        if (b === 0xed) upper = 0x9f;
        needed = 2;
        codePoint = b & 0xf;
      } else if (b >= 0xf0 && b <= 0xf4) {
        if (b === 0xf0) lower = 0x90;
        if (b === 0xf4) upper = 0x8f;
        needed = 3;
        codePoint = b & 0x7;
      } else invalid(i);
    } else if (b < lower || b > upper) {
      // The sequence so far is replaced, and this byte starts over (it is not consumed).
      codePoint = needed = seen = 0;
      lower = 0x80;
      upper = 0xbf;
      invalid(start);
      i--;
    } else {
      lower = 0x80;
      upper = 0xbf;
      codePoint = (codePoint << 6) | (b & 0x3f);
      if (++seen === needed) {
        if (codePoint > 0xffff) {
          const c = codePoint - 0x10000;
          units.push(0xd800 + (c >> 10), 0xdc00 + (c & 0x3ff));
        } else units.push(codePoint);
        codePoint = needed = seen = 0;
      }
    }
    if (units.length >= 8192) flush();
  }
  if (needed !== 0) invalid(start);
  flush();
  return chunks.join('');
}

function decodeUtf16(bytes: Uint8Array, start: number, bigEndian: boolean): string {
  if ((bytes.length - start) % 2 !== 0) {
    throw new XmlError(msg('received-file.xml.odd-utf16'), 1, bytes.length);
  }
  const chunks: string[] = [];
  const units: number[] = [];
  for (let i = start; i < bytes.length; i += 2) {
    const hi = bytes[bigEndian ? i : i + 1] ?? 0;
    const lo = bytes[bigEndian ? i + 1 : i] ?? 0;
    units.push((hi << 8) | lo);
    if (units.length >= 8192) {
      chunks.push(String.fromCharCode(...units));
      units.length = 0;
    }
  }
  chunks.push(String.fromCharCode(...units));
  return chunks.join('');
}

function decodeLatin1(bytes: Uint8Array, ascii: boolean): string {
  const chunks: string[] = [];
  for (let i = 0; i < bytes.length; i += 8192) {
    const part = bytes.subarray(i, i + 8192);
    if (ascii) {
      const bad = part.findIndex((b) => b > 0x7f);
      if (bad >= 0) throw new XmlError(msg('received-file.xml.non-ascii'), 1, i + bad + 1);
    }
    chunks.push(String.fromCharCode(...part));
  }
  return chunks.join('');
}

/**
 * The text of an XML document's bytes (XML 1.0 appendix F): a byte order mark decides, else the
 * encoding of the XML declaration, else UTF-8.
 */
export function decodeXmlBytes(bytes: Uint8Array): string {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) return decodeUtf8(bytes.subarray(3));
  if (b0 === 0xfe && b1 === 0xff) return decodeUtf16(bytes, 2, true);
  if (b0 === 0xff && b1 === 0xfe) return decodeUtf16(bytes, 2, false);
  // `<?` in UTF-16 without a mark.
  if (b0 === 0 && b1 === 0x3c && bytes[2] === 0 && bytes[3] === 0x3f)
    return decodeUtf16(bytes, 0, true);
  if (b0 === 0x3c && b1 === 0 && bytes[2] === 0x3f && bytes[3] === 0)
    return decodeUtf16(bytes, 0, false);
  const head = decodeLatin1(bytes.subarray(0, 200), false);
  const declared = /^<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z][A-Za-z0-9._-]*)["']/.exec(
    head,
  )?.[1];
  const encoding = (declared ?? 'utf-8').toLowerCase();
  if (encoding === 'utf-8' || encoding === 'utf8') return decodeUtf8(bytes);
  if (['iso-8859-1', 'latin1', 'iso_8859-1', 'l1'].includes(encoding))
    return decodeLatin1(bytes, false);
  if (encoding === 'us-ascii' || encoding === 'ascii') return decodeLatin1(bytes, true);
  throw new XmlError(
    msg('received-file.xml.unsupported-encoding', { encoding: declared ?? '' }),
    1,
    1,
  );
}

// ---------------------------------------------------------------------------------------------
// Parsing

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/** XML 1.0 (fifth edition) NameStartChar and NameChar, in the Basic Multilingual Plane. */
const NAME_START =
  'A-Za-z_:\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD';
const NAME = new RegExp(
  // The class lists ranges of combining marks (NameChar allows them), not combined characters.
  // eslint-disable-next-line no-misleading-character-class
  `[${NAME_START}][${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040]*`,
  'y',
);

const PREDEFINED: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};

/** XML 1.0 Char: what may appear in a document, directly or as a character reference. */
function isXmlChar(c: number): boolean {
  return (
    c === 0x9 ||
    c === 0xa ||
    c === 0xd ||
    (c >= 0x20 && c <= 0xd7ff) ||
    (c >= 0xe000 && c <= 0xfffd) ||
    (c >= 0x10000 && c <= 0x10ffff)
  );
}

interface OpenElement {
  name: string;
  local: string;
  prefix: string;
  ns: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string[];
  /** Prefix → namespace URI in scope here. */
  scope: ReadonlyMap<string, string>;
  at: number;
}

class Parser {
  private pos = 0;
  private readonly stack: OpenElement[] = [];
  private root: XmlNode | undefined;

  constructor(private readonly s: string) {}

  fail(problem: Message, at: number = this.pos): never {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < at && i < this.s.length; i++) {
      if (this.s.charCodeAt(i) === 10) {
        line++;
        lineStart = i + 1;
      }
    }
    throw new XmlError(problem, line, at - lineStart + 1);
  }

  private startsWith(t: string): boolean {
    return this.s.startsWith(t, this.pos);
  }

  private skipSpace(): void {
    const s = this.s;
    while (this.pos < s.length) {
      const c = s.charCodeAt(this.pos);
      if (c !== 0x20 && c !== 0x9 && c !== 0xa && c !== 0xd) break;
      this.pos++;
    }
  }

  /** A name here; `expected` says what was expected when there is none. */
  private name(expected: Message): string {
    NAME.lastIndex = this.pos;
    const m = NAME.exec(this.s);
    if (!m) this.fail(expected);
    this.pos += m[0].length;
    return m[0];
  }

  /** Character data with references decoded; `attribute` normalizes white space (§3.3.3). */
  private decode(raw: string, at: number, attribute: boolean): string {
    let out = '';
    let i = 0;
    for (;;) {
      const amp = raw.indexOf('&', i);
      const chunk = amp < 0 ? raw.slice(i) : raw.slice(i, amp);
      this.checkChars(chunk, at + i);
      out += attribute ? chunk.replace(/[\t\n\r]/g, ' ') : chunk;
      if (amp < 0) return out;
      const semi = raw.indexOf(';', amp);
      if (semi < 0) {
        this.fail(msg('received-file.xml.bare-ampersand', { escape: '&amp;' }), at + amp);
      }
      const ref = raw.slice(amp + 1, semi);
      if (ref.startsWith('#')) {
        const hex = ref.startsWith('#x');
        const digits = ref.slice(hex ? 2 : 1);
        if (!(hex ? /^[0-9A-Fa-f]{1,6}$/ : /^[0-9]{1,7}$/).test(digits)) {
          this.fail(msg('received-file.xml.malformed-char-ref', { ref }), at + amp);
        }
        const code = parseInt(digits, hex ? 16 : 10);
        if (!isXmlChar(code)) {
          this.fail(msg('received-file.xml.forbidden-char-ref', { ref }), at + amp);
        }
        out += String.fromCodePoint(code);
      } else {
        const value = Object.prototype.hasOwnProperty.call(PREDEFINED, ref)
          ? PREDEFINED[ref]
          : undefined;
        if (value === undefined) {
          this.fail(msg('received-file.xml.undefined-entity', { ref }), at + amp);
        }
        out += value;
      }
      i = semi + 1;
    }
  }

  /** Control characters other than tab and line ends are not XML characters (§2.2). */
  private checkChars(text: string, at: number): void {
    // eslint-disable-next-line no-control-regex
    const bad = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.exec(text);
    if (bad) {
      const code = bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
      this.fail(msg('received-file.xml.forbidden-char', { code }), at + bad.index);
    }
  }

  /** Where `end` is next; `unterminated` says what it would end when it is nowhere. */
  private until(end: string, unterminated: Message): number {
    const i = this.s.indexOf(end, this.pos);
    if (i < 0) this.fail(unterminated);
    return i;
  }

  private addText(text: string, at: number): void {
    const top = this.stack[this.stack.length - 1];
    if (top) top.text.push(text);
    else if (/[^ \t\r\n]/.test(text)) this.fail(msg('received-file.xml.text-outside-root'), at);
  }

  private startTag(): void {
    const at = this.pos;
    this.pos++;
    const name = this.name(msg('received-file.xml.expected-element-name'));
    const attrs: Record<string, string> = Object.create(null) as Record<string, string>;
    let selfClosing = false;
    for (;;) {
      const before = this.pos;
      this.skipSpace();
      if (this.startsWith('/>')) {
        this.pos += 2;
        selfClosing = true;
        break;
      }
      if (this.startsWith('>')) {
        this.pos++;
        break;
      }
      if (this.pos >= this.s.length) {
        this.fail(msg('received-file.xml.unterminated-start-tag', { name }), at);
      }
      if (this.pos === before) this.fail(msg('received-file.xml.space-before-attribute'));
      const attrAt = this.pos;
      const attr = this.name(msg('received-file.xml.expected-attribute-name'));
      this.skipSpace();
      if (this.s[this.pos] !== '=') {
        this.fail(msg('received-file.xml.equals-expected', { name: attr }));
      }
      this.pos++;
      this.skipSpace();
      const quote = this.s[this.pos];
      if (quote !== '"' && quote !== "'") {
        this.fail(msg('received-file.xml.quoted-value-expected', { name: attr }));
      }
      const close = this.s.indexOf(quote, this.pos + 1);
      if (close < 0) this.fail(msg('received-file.xml.unterminated-attribute', { name: attr }));
      const raw = this.s.slice(this.pos + 1, close);
      const lt = raw.indexOf('<');
      if (lt >= 0) this.fail(msg('received-file.xml.lt-in-attribute'), this.pos + 1 + lt);
      if (Object.prototype.hasOwnProperty.call(attrs, attr)) {
        this.fail(msg('received-file.xml.repeated-attribute', { name: attr }), attrAt);
      }
      attrs[attr] = this.decode(raw, this.pos + 1, true);
      this.pos = close + 1;
    }

    const parent = this.stack[this.stack.length - 1];
    if (!parent && this.root) this.fail(msg('received-file.xml.second-root'), at);
    // The parent's bindings, copied only when this element declares its own.
    let scope: ReadonlyMap<string, string> = parent?.scope ?? new Map([['xml', XML_NS]]);
    let own: Map<string, string> | undefined;
    for (const key of Object.keys(attrs)) {
      if (key === 'xmlns' || key.startsWith('xmlns:')) {
        const uri = attrs[key] ?? '';
        const prefix = key === 'xmlns' ? '' : key.slice(6);
        if (prefix !== '' && uri === '') {
          this.fail(msg('received-file.xml.empty-namespace', { prefix }), at);
        }
        if (uri === XMLNS_NS || (prefix === 'xml') !== (uri === XML_NS)) {
          this.fail(msg('received-file.xml.reserved-namespace', { name: key }), at);
        }
        own ??= new Map(scope);
        own.set(prefix, uri);
      }
    }
    if (own) scope = own;
    const split = (qname: string, element: boolean): { prefix: string; local: string } => {
      const colon = qname.indexOf(':');
      if (colon < 0) return { prefix: '', local: qname };
      const prefix = qname.slice(0, colon);
      const local = qname.slice(colon + 1);
      if (prefix === '' || local === '' || local.includes(':')) {
        this.fail(msg('received-file.xml.malformed-qname', { name: qname }), at);
      }
      if (!scope.has(prefix) && !(prefix === 'xmlns' && !element)) {
        this.fail(msg('received-file.xml.undeclared-prefix', { prefix }), at);
      }
      return { prefix, local };
    };
    for (const key of Object.keys(attrs)) split(key, false);
    const { prefix, local } = split(name, true);
    const open: OpenElement = {
      name,
      local,
      prefix,
      ns: scope.get(prefix) ?? '',
      attrs,
      children: [],
      text: [],
      scope,
      at,
    };
    this.stack.push(open);
    if (selfClosing) this.close(open);
  }

  private close(open: OpenElement): void {
    this.stack.pop();
    const node: XmlNode = {
      name: open.name,
      local: open.local,
      prefix: open.prefix,
      ns: open.ns,
      attrs: open.attrs,
      children: open.children,
      text: open.text.join(''),
    };
    const parent = this.stack[this.stack.length - 1];
    if (parent) parent.children.push(node);
    else this.root = node;
  }

  private endTag(): void {
    const at = this.pos;
    this.pos += 2;
    const name = this.name(msg('received-file.xml.expected-end-tag-name'));
    this.skipSpace();
    if (this.s[this.pos] !== '>') this.fail(msg('received-file.xml.end-tag-gt', { name }));
    this.pos++;
    const open = this.stack[this.stack.length - 1];
    if (!open) this.fail(msg('received-file.xml.end-tag-nothing-open', { name }), at);
    if (open.name !== name) {
      this.fail(msg('received-file.xml.end-tag-mismatch', { name, open: open.name }), at);
    }
    this.close(open);
  }

  private doctype(): void {
    const at = this.pos;
    if (this.root || this.stack.length > 0) this.fail(msg('received-file.xml.late-doctype'), at);
    // Find its end, over quoted literals; an internal subset ("[") is refused (file comment).
    let i = this.pos + 9;
    while (i < this.s.length) {
      const c = this.s[i];
      if (c === '"' || c === "'") {
        const close = this.s.indexOf(c, i + 1);
        if (close < 0) break;
        i = close + 1;
      } else if (c === '[') {
        this.fail(msg('received-file.xml.internal-subset'), i);
      } else if (c === '>') {
        this.pos = i + 1;
        return;
      } else i++;
    }
    this.fail(msg('received-file.xml.unterminated-doctype'), at);
  }

  parse(): XmlNode {
    const s = this.s;
    if (s.charCodeAt(0) === 0xfeff) this.pos = 1;
    while (this.pos < s.length) {
      const lt = s.indexOf('<', this.pos);
      if (lt !== this.pos) {
        const end = lt < 0 ? s.length : lt;
        const raw = s.slice(this.pos, end);
        if (raw.includes(']]>')) {
          this.fail(msg('received-file.xml.cdata-end-in-text'), this.pos + raw.indexOf(']]>'));
        }
        this.addText(this.decode(raw, this.pos, false), this.pos);
        this.pos = end;
        continue;
      }
      if (this.startsWith('<?')) {
        const at = this.pos;
        this.pos += 2;
        const target = this.name(msg('received-file.xml.expected-pi-target'));
        if (target.toLowerCase() === 'xml' && at !== (s.charCodeAt(0) === 0xfeff ? 1 : 0)) {
          this.fail(msg('received-file.xml.late-declaration'), at);
        }
        this.pos = this.until('?>', msg('received-file.xml.unterminated-pi')) + 2;
      } else if (this.startsWith('<!--')) {
        this.pos += 4;
        const end = this.until('-->', msg('received-file.xml.unterminated-comment'));
        if (s.slice(this.pos, end).includes('--')) {
          this.fail(msg('received-file.xml.double-hyphen'), this.pos);
        }
        this.pos = end + 3;
      } else if (this.startsWith('<![CDATA[')) {
        const at = this.pos;
        if (this.stack.length === 0) this.fail(msg('received-file.xml.cdata-outside-root'), at);
        this.pos += 9;
        const end = this.until(']]>', msg('received-file.xml.unterminated-cdata'));
        const text = s.slice(this.pos, end);
        this.checkChars(text, this.pos);
        this.addText(text, at);
        this.pos = end + 3;
      } else if (this.startsWith('<!DOCTYPE')) {
        this.doctype();
      } else if (this.startsWith('</')) {
        this.endTag();
      } else {
        this.startTag();
      }
    }
    const open = this.stack[this.stack.length - 1];
    if (open) this.fail(msg('received-file.xml.not-closed', { name: open.name }), open.at);
    if (!this.root) this.fail(msg('received-file.xml.no-root'), this.pos);
    return this.root;
  }
}

/**
 * Parses an XML document: bytes are decoded first (see `decodeXmlBytes`); a string is taken as
 * already decoded. Line ends are normalized to LF as XML 1.0 §2.11 requires.
 */
export function parseXml(input: string | Uint8Array): XmlNode {
  const text = typeof input === 'string' ? input : decodeXmlBytes(input);
  return new Parser(text.replace(/\r\n?/g, '\n')).parse();
}

// ---------------------------------------------------------------------------------------------
// Finding things in the tree, by local name (prefixes vary from one sender to the next)

/** The first child element with this local name. */
export function child(node: XmlNode | undefined, local: string): XmlNode | undefined {
  return node?.children.find((c) => c.local === local);
}

/** Every child element with this local name. */
export function childrenNamed(node: XmlNode | undefined, local: string): XmlNode[] {
  return node ? node.children.filter((c) => c.local === local) : [];
}

/** The element at the end of a path of local names, each step the first match. */
export function path(node: XmlNode | undefined, ...locals: readonly string[]): XmlNode | undefined {
  let at = node;
  for (const local of locals) at = child(at, local);
  return at;
}

/** Every element at the end of a path of local names, all matches at each step. */
export function pathAll(node: XmlNode | undefined, ...locals: readonly string[]): XmlNode[] {
  let level: XmlNode[] = node ? [node] : [];
  for (const local of locals) level = level.flatMap((n) => childrenNamed(n, local));
  return level;
}

/** The trimmed text of an element; undefined for no element or only white space. */
export function textOf(node: XmlNode | undefined): string | undefined {
  const t = node?.text.trim();
  return t === undefined || t === '' ? undefined : t;
}

/** An attribute by local name, whatever its prefix. */
export function attr(node: XmlNode | undefined, local: string): string | undefined {
  if (!node) return undefined;
  if (Object.prototype.hasOwnProperty.call(node.attrs, local)) return node.attrs[local];
  for (const [k, v] of Object.entries(node.attrs)) {
    if (k.endsWith(`:${local}`) && !k.startsWith('xmlns:')) return v;
  }
  return undefined;
}
