/**
 * A small XML writer for the e-invoices: `el(name, attrs?, ...children)` builds an element, text
 * is always escaped, and an element with no text and no child element is left out (null), so an
 * optional field with nothing to say never appears empty. Pure string work: it runs the same in
 * Node and in Apps Script (no DOM, no TextEncoder).
 */

/** Attributes; one whose value is undefined or '' is left out. */
export type Attrs = { readonly [name: string]: string | undefined };

export interface XmlElement {
  readonly name: string;
  readonly attrs: Attrs;
  readonly children: readonly (XmlElement | string)[];
}

export type Child = XmlElement | string | null | undefined | false;

/** Characters XML 1.0 does not allow at all (control characters other than tab, LF, CR). */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeText(s: string): string {
  return s
    .replace(FORBIDDEN, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;').replace(/\r/g, '&#13;').replace(/\n/g, '&#10;');
}

function isAttrs(x: unknown): x is Attrs {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && !('children' in x);
}

/** An element, or null when it has no text and no child element. */
export function el(
  name: string,
  ...parts: readonly (Attrs | Child | readonly Child[])[]
): XmlElement | null {
  let attrs: Attrs = {};
  const children: (XmlElement | string)[] = [];
  const add = (c: Child): void => {
    if (c === null || c === undefined || c === false || c === '') return;
    children.push(c);
  };
  for (const p of parts) {
    if (Array.isArray(p)) (p as readonly Child[]).forEach(add);
    else if (isAttrs(p)) attrs = { ...attrs, ...p };
    else add(p as Child);
  }
  return children.length === 0 ? null : { name, attrs, children };
}

function attrText(attrs: Attrs): string {
  return Object.entries(attrs)
    .filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '')
    .map(([k, v]) => ` ${k}="${escapeAttr(v)}"`)
    .join('');
}

/** The element as indented XML, one element per line, text kept on its element's line. */
export function render(node: XmlElement, indent = ''): string {
  const open = `${indent}<${node.name}${attrText(node.attrs)}>`;
  if (node.children.every((c) => typeof c === 'string')) {
    return `${open}${node.children.map((c) => escapeText(c as string)).join('')}</${node.name}>\n`;
  }
  const inner = node.children
    .map((c) =>
      typeof c === 'string' ? `${indent}  ${escapeText(c)}\n` : render(c, `${indent}  `),
    )
    .join('');
  return `${open}\n${inner}${indent}</${node.name}>\n`;
}

/** A whole document: the XML declaration and the root element. */
export function xmlDocument(root: XmlElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${render(root)}`;
}

/** An element the schema requires even when it has nothing to hold. */
export function empty(name: string): XmlElement {
  return { name, attrs: {}, children: [] };
}
