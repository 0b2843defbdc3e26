/**
 * HTML checked two ways, for the emails and the dialogs:
 *
 * 1. A strict reading of the source as written: every tag closed by its own end tag (or void),
 *    every attribute `name="value"` in double quotes, every `&` an entity, every `<` a tag; then
 *    the W3C content-model rules that matter here: no block inside a paragraph or a heading,
 *    tables of thead/tbody/tfoot and rows of cells, lists of items, no interactive element in a
 *    link or a button, ids unique, every label's `for` naming a control, every control labelled,
 *    no event-handler attribute, no unknown or obsolete element, obsolete presentational
 *    attributes only where allowed.
 * 2. Chromium's own HTML parser (DOMParser) reads the same source: its tree must be the tree
 *    written, element for element, attribute for attribute and text for text. An element the
 *    parser closes early or moves (a table in a paragraph, a row straight in a table) shows as a
 *    difference.
 */
import type { Page } from 'playwright-core';

export interface Element {
  readonly tag: string;
  readonly attrs: readonly (readonly [string, string])[];
  readonly children: Node[];
}
export type Node = Element | { readonly text: string };

const isElement = (n: Node): n is Element => 'tag' in n;

const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);

/** Elements whose content is raw text up to their end tag. */
const RAW = new Set(['script', 'style', 'title', 'textarea']);

const PHRASING = new Set([
  'a',
  'abbr',
  'b',
  'br',
  'button',
  'code',
  'em',
  'i',
  'img',
  'input',
  'kbd',
  'label',
  'output',
  'select',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'textarea',
  'time',
  'u',
  'wbr',
]);

const FLOW_ONLY = new Set([
  'div',
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'table',
  'form',
  'fieldset',
  'legend',
  'section',
  'header',
  'footer',
  'nav',
  'main',
  'hr',
  'blockquote',
  'pre',
  'dl',
  'dt',
  'dd',
  'caption',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'td',
  'th',
  'option',
]);

const DOCUMENT = new Set(['html', 'head', 'body', 'meta', 'title', 'base', 'style', 'script']);

const KNOWN = new Set([...PHRASING, ...FLOW_ONLY, ...DOCUMENT]);

const INTERACTIVE = new Set(['a', 'button', 'input', 'select', 'textarea', 'label']);

/** Elements whose content may be phrasing content only. */
const PHRASING_ONLY = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'span',
  'strong',
  'b',
  'em',
  'i',
  'u',
  'small',
  'code',
  'label',
  'button',
  'legend',
  'sub',
  'sup',
  'abbr',
  'kbd',
  'time',
  'output',
  'pre',
  'dt',
]);

/** Presentational attributes the HTML standard makes obsolete (W3C validator errors). */
const OBSOLETE_ATTRS = new Set([
  'align',
  'bgcolor',
  'border',
  'cellpadding',
  'cellspacing',
  'valign',
  'width',
  'height',
  'background',
  'frame',
  'rules',
  'nowrap',
  'hspace',
  'vspace',
]);

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

export interface CheckOptions {
  /** `tag.attribute` pairs allowed although obsolete (what Outlook needs). */
  allowObsolete?: readonly string[];
  /** Element names the page may not hold at all (emails: script, style). */
  forbid?: readonly string[];
  /** Boolean attributes (`required`, `disabled`…) may be written bare, as forms write them. */
  bareBooleans?: boolean;
}

const BOOLEANS = new Set([
  'required',
  'disabled',
  'checked',
  'selected',
  'multiple',
  'readonly',
  'autofocus',
  'novalidate',
  'hidden',
]);

export interface Strict {
  /** The document's root element (html). */
  root: Element;
  problems: string[];
}

function decode(s: string, problems: string[], where: string): string {
  return s.replace(/&([^;\s&<]*);?/g, (whole, name: string) => {
    if (!whole.endsWith(';')) {
      problems.push(`${where}: "&" not written as an entity (${JSON.stringify(whole)})`);
      return whole;
    }
    const hex = /^#x([0-9a-f]+)$/i.exec(name);
    if (hex) return String.fromCodePoint(parseInt(hex[1] ?? '0', 16));
    const dec = /^#(\d+)$/.exec(name);
    if (dec) return String.fromCodePoint(Number(dec[1]));
    const named = ENTITIES[name];
    if (named !== undefined) return named;
    problems.push(`${where}: unknown entity ${whole}`);
    return whole;
  });
}

/** The source read as written, with no repair: what the author meant. */
export function strictParse(html: string, opts: CheckOptions = {}): Strict {
  const problems: string[] = [];
  const doc = /^<!DOCTYPE html>\s*/i.exec(html);
  if (!doc) problems.push('no <!DOCTYPE html> at the start');
  let i = doc ? doc[0].length : 0;
  const top: Element = { tag: '#document', attrs: [], children: [] };
  const stack: Element[] = [top];
  const current = (): Element => stack[stack.length - 1] ?? top;
  const at = () => `at ${i} (${stack.map((e) => e.tag).join(' > ')})`;
  while (i < html.length) {
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4);
      if (end < 0) {
        problems.push(`unclosed comment ${at()}`);
        break;
      }
      i = end + 3;
      continue;
    }
    if (html.startsWith('</', i)) {
      const m = /^<\/([a-z][a-z0-9]*)>/.exec(html.slice(i));
      if (!m) {
        problems.push(`malformed end tag ${at()}: ${JSON.stringify(html.slice(i, i + 20))}`);
        i += 2;
        continue;
      }
      const tag = m[1] ?? '';
      if (current().tag !== tag) problems.push(`</${tag}> closes <${current().tag}> ${at()}`);
      else stack.pop();
      i += m[0].length;
      continue;
    }
    if (html[i] === '<') {
      const m = /^<([a-z][a-z0-9]*)((?:\s+[^\s=>/"']+(?:="[^"]*")?)*)\s*(\/?)>/.exec(html.slice(i));
      if (!m) {
        problems.push(`"<" not starting a well-formed tag ${at()}: ${html.slice(i, i + 40)}`);
        current().children.push({ text: '<' });
        i += 1;
        continue;
      }
      const tag = m[1] ?? '';
      const attrs: [string, string][] = [];
      for (const a of (m[2] ?? '').matchAll(/\s+([^\s=>/"']+)(?:="([^"]*)")?/g)) {
        const name = a[1] ?? '';
        if (a[2] === undefined && !(opts.bareBooleans && BOOLEANS.has(name)))
          problems.push(`<${tag}> attribute ${name} has no quoted value`);
        const value = decode(a[2] ?? '', problems, `<${tag} ${name}>`);
        if (/[<>]/.test(a[2] ?? '')) problems.push(`<${tag} ${name}> holds a raw < or >`);
        if (attrs.some(([n]) => n === name)) problems.push(`<${tag}> repeats ${name}`);
        attrs.push([name, value]);
      }
      if (m[3] && !VOID.has(tag)) problems.push(`<${tag}/> is not a void element`);
      const el: Element = { tag, attrs, children: [] };
      current().children.push(el);
      i += m[0].length;
      if (VOID.has(tag)) continue;
      if (RAW.has(tag)) {
        const close = html.indexOf(`</${tag}>`, i);
        if (close < 0) {
          problems.push(`<${tag}> never closed`);
          break;
        }
        const raw = html.slice(i, close);
        const content =
          tag === 'script' || tag === 'style' ? raw : decode(raw, problems, `<${tag}>`);
        if (tag !== 'script' && tag !== 'style' && raw.includes('<'))
          problems.push(`<${tag}> holds a raw "<"`);
        if (content !== '') el.children.push({ text: content });
        i = close + tag.length + 3;
        continue;
      }
      stack.push(el);
      continue;
    }
    const next = html.indexOf('<', i);
    const raw = html.slice(i, next < 0 ? html.length : next);
    if (raw.includes('>')) problems.push(`raw ">" in text ${at()}`);
    current().children.push({ text: decode(raw, problems, `text ${at()}`) });
    i += raw.length;
  }
  if (stack.length > 1) problems.push(`never closed: ${stack.slice(1).map((e) => e.tag)}`);
  const root = top.children.filter(isElement);
  const texts = top.children.filter((n) => !isElement(n) && n.text.trim() !== '');
  if (root.length !== 1 || root[0]?.tag !== 'html' || texts.length > 0)
    problems.push('the document is not one <html> element');
  return { root: root[0] ?? top, problems };
}

const attr = (el: Element, name: string): string | undefined =>
  el.attrs.find(([n]) => n === name)?.[1];

function* walk(el: Element, parents: Element[] = []): Generator<[Element, Element[]]> {
  yield [el, parents];
  for (const c of el.children) if (isElement(c)) yield* walk(c, [...parents, el]);
}

function textOf(el: Element): string {
  return el.children.map((c) => (isElement(c) ? textOf(c) : c.text)).join('');
}

/** The content-model rules, on the tree as written. */
export function contentProblems(root: Element, opts: CheckOptions = {}): string[] {
  const problems: string[] = [];
  const ids = new Map<string, Element>();
  const allowed = new Set(opts.allowObsolete ?? []);
  const forbid = new Set(opts.forbid ?? []);
  const elements = [...walk(root)];
  for (const [el] of elements) {
    const id = attr(el, 'id');
    if (id !== undefined) {
      if (ids.has(id)) problems.push(`id "${id}" used twice`);
      ids.set(id, el);
    }
  }
  const kids = (el: Element) => el.children.filter(isElement);
  const blank = (el: Element) =>
    el.children.filter((c) => !isElement(c) && c.text.trim() !== '').length === 0;
  for (const [el, parents] of elements) {
    const path = [...parents, el].map((e) => e.tag).join(' > ');
    if (!KNOWN.has(el.tag)) problems.push(`unknown or obsolete element <${el.tag}> (${path})`);
    if (forbid.has(el.tag)) problems.push(`<${el.tag}> not allowed here (${path})`);
    for (const [name, value] of el.attrs) {
      if (/^on/i.test(name)) problems.push(`event handler attribute ${name} (${path})`);
      if (OBSOLETE_ATTRS.has(name) && !allowed.has(`${el.tag}.${name}`))
        problems.push(`obsolete attribute ${name} on <${el.tag}> (${path})`);
      if (
        (name === 'href' || name === 'src' || name === 'action') &&
        /^\s*javascript:/i.test(value)
      )
        problems.push(`javascript: URL (${path})`);
    }
    if (PHRASING_ONLY.has(el.tag)) {
      for (const k of kids(el))
        if (!PHRASING.has(k.tag)) problems.push(`<${k.tag}> inside <${el.tag}> (${path})`);
    }
    if (el.tag === 'a' || el.tag === 'button') {
      for (const [d] of [...walk(el)].slice(1))
        if (INTERACTIVE.has(d.tag)) problems.push(`<${d.tag}> inside <${el.tag}> (${path})`);
    }
    if (el.tag === 'html') {
      const tags = kids(el).map((k) => k.tag);
      if (tags.join() !== 'head,body') problems.push(`<html> holds ${tags.join()}, not head,body`);
      if (!attr(el, 'lang')) problems.push('<html> has no lang');
    }
    if (el.tag === 'head') {
      const tags = kids(el).map((k) => k.tag);
      if (!tags.includes('title')) problems.push('<head> has no <title>');
      if (!kids(el).some((k) => k.tag === 'meta' && attr(k, 'charset')?.toLowerCase() === 'utf-8'))
        problems.push('<head> has no <meta charset="utf-8">');
      for (const t of tags)
        if (!['meta', 'title', 'base', 'style', 'script'].includes(t))
          problems.push(`<${t}> inside <head>`);
    }
    if (el.tag === 'table') {
      const tags = kids(el).map((k) => k.tag);
      if (!/^(caption,)?(colgroup,)*(thead,)?(tbody,)+(tfoot,)?$/.test(`${tags.join(',')},`))
        problems.push(`<table> holds ${tags.join(',')}: want [caption] [thead] tbody… [tfoot]`);
      if (!blank(el)) problems.push(`text straight inside <table> (${path})`);
    }
    if (['thead', 'tbody', 'tfoot'].includes(el.tag)) {
      for (const k of kids(el))
        if (k.tag !== 'tr') problems.push(`<${k.tag}> inside <${el.tag}> (${path})`);
      if (!blank(el)) problems.push(`text inside <${el.tag}> (${path})`);
    }
    if (el.tag === 'tr') {
      for (const k of kids(el))
        if (k.tag !== 'td' && k.tag !== 'th') problems.push(`<${k.tag}> inside <tr> (${path})`);
      if (!blank(el)) problems.push(`text inside <tr> (${path})`);
      const parent = parents[parents.length - 1]?.tag ?? '';
      if (!['thead', 'tbody', 'tfoot'].includes(parent))
        problems.push(`<tr> inside <${parent}> (${path})`);
    }
    if ((el.tag === 'td' || el.tag === 'th') && parents[parents.length - 1]?.tag !== 'tr')
      problems.push(`<${el.tag}> outside a row (${path})`);
    if (el.tag === 'ul' || el.tag === 'ol') {
      for (const k of kids(el))
        if (k.tag !== 'li') problems.push(`<${k.tag}> inside <${el.tag}> (${path})`);
      if (!blank(el)) problems.push(`text inside <${el.tag}> (${path})`);
    }
    if (el.tag === 'li' && !['ul', 'ol'].includes(parents[parents.length - 1]?.tag ?? ''))
      problems.push(`<li> outside a list (${path})`);
    if (el.tag === 'select') {
      for (const k of kids(el))
        if (k.tag !== 'option') problems.push(`<${k.tag}> inside <select> (${path})`);
    }
    if (el.tag === 'option' && kids(el).length > 0) problems.push(`elements inside <option>`);
    if (el.tag === 'form' && parents.some((p) => p.tag === 'form')) problems.push('nested <form>');
    if (el.tag === 'label' && parents.some((p) => p.tag === 'label'))
      problems.push('nested <label>');
    if (el.tag === 'fieldset') {
      const legend = kids(el).findIndex((k) => k.tag === 'legend');
      if (legend > 0) problems.push('<legend> not first in its <fieldset>');
    }
    if (el.tag === 'label') {
      const target = attr(el, 'for');
      if (target !== undefined) {
        const control = ids.get(target);
        if (!control || !['input', 'select', 'textarea', 'button', 'output'].includes(control.tag))
          problems.push(`<label for="${target}"> names no control`);
      }
    }
    if (['input', 'select', 'textarea'].includes(el.tag)) {
      const type = attr(el, 'type') ?? 'text';
      if (!['hidden', 'submit', 'button', 'reset'].includes(type)) {
        const id = attr(el, 'id');
        const labelled =
          parents.some((p) => p.tag === 'label') ||
          attr(el, 'aria-label') !== undefined ||
          (id !== undefined &&
            elements.some(([l]) => l.tag === 'label' && attr(l, 'for') === id && textOf(l).trim()));
        if (!labelled) problems.push(`<${el.tag}${id ? ` id="${id}"` : ''}> has no label`);
      }
    }
    if (el.tag === 'img' && attr(el, 'alt') === undefined) problems.push('<img> without alt');
  }
  return problems;
}

/** The strict reading and the content rules together: every problem found. */
export function checkHtml(
  html: string,
  opts: CheckOptions = {},
): { root: Element; problems: string[] } {
  const strict = strictParse(html, opts);
  return {
    root: strict.root,
    problems: [...strict.problems, ...contentProblems(strict.root, opts)],
  };
}

/** Whitespace-only text dropped (the parser drops some of it), text runs merged. */
export function normalized(el: Element): Element {
  const children: Node[] = [];
  for (const c of el.children) {
    if (isElement(c)) children.push(normalized(c));
    else {
      let text = c.text;
      // The parser drops a newline right after <textarea> or <pre>.
      if ((el.tag === 'textarea' || el.tag === 'pre') && children.length === 0)
        text = text.replace(/^\n/, '');
      if (text.trim() === '') continue;
      const last = children[children.length - 1];
      if (last && !isElement(last)) children[children.length - 1] = { text: last.text + text };
      else children.push({ text });
    }
  }
  return { tag: el.tag, attrs: el.attrs, children };
}

/** The trees' first difference, or null when they are the same. */
export function firstDifference(a: Node, b: Node, path = ''): string | null {
  if (isElement(a) !== isElement(b))
    return `${path}: ${JSON.stringify(describe(a))} ≠ ${JSON.stringify(describe(b))}`;
  if (!isElement(a) || !isElement(b)) {
    const ta = (a as { text: string }).text;
    const tb = (b as { text: string }).text;
    return ta === tb ? null : `${path}: text ${JSON.stringify(ta)} ≠ ${JSON.stringify(tb)}`;
  }
  const here = `${path} > ${a.tag}`;
  if (a.tag !== b.tag) return `${here}: <${a.tag}> ≠ <${b.tag}>`;
  if (JSON.stringify(a.attrs) !== JSON.stringify(b.attrs))
    return `${here}: attributes ${JSON.stringify(a.attrs)} ≠ ${JSON.stringify(b.attrs)}`;
  const n = Math.max(a.children.length, b.children.length);
  for (let k = 0; k < n; k++) {
    const ca = a.children[k];
    const cb = b.children[k];
    if (!ca || !cb)
      return `${here}: child ${k} ${JSON.stringify(ca && describe(ca))} ≠ ${JSON.stringify(cb && describe(cb))}`;
    const d = firstDifference(ca, cb, `${here}[${k}]`);
    if (d) return d;
  }
  return null;
}

function describe(n: Node): string {
  return isElement(n) ? `<${n.tag}>` : n.text.slice(0, 40);
}

/**
 * Each source as Chromium's HTML parser builds it: the html element's tree, attributes in
 * source order, text decoded.
 */
export async function chromiumTrees(page: Page, sources: readonly string[]): Promise<Element[]> {
  return page.evaluate<Element[]>(`(${IN_PAGE})(${JSON.stringify(sources)})`);
}

/** Runs in the page (no DOM types here): each source parsed by DOMParser, as a plain tree. */
const IN_PAGE = `function (list) {
  function conv(n) {
    if (n.nodeType === 3) return { text: n.nodeValue || '' };
    if (n.nodeType !== 1) return null;
    var out = { tag: n.localName, attrs: [], children: [] };
    for (var i = 0; i < n.attributes.length; i++)
      out.attrs.push([n.attributes[i].name, n.attributes[i].value]);
    n.childNodes.forEach(function (c) { var k = conv(c); if (k) out.children.push(k); });
    return out;
  }
  return list.map(function (s) {
    return conv(new DOMParser().parseFromString(s, 'text/html').documentElement);
  });
}`;

/** Strict tree, content rules and Chromium's tree compared: every problem of each source. */
export async function validateAll(
  page: Page,
  sources: readonly string[],
  opts: CheckOptions = {},
): Promise<{ problems: string[]; tree: Element }[]> {
  const checked = sources.map((s) => checkHtml(s, opts));
  const trees = await chromiumTrees(page, sources);
  return checked.map((c, k) => {
    const tree = trees[k] ?? { tag: '#missing', attrs: [], children: [] };
    const diff = firstDifference(normalized(c.root), normalized(tree));
    return {
      problems: diff ? [...c.problems, `Chromium reads it differently: ${diff}`] : c.problems,
      tree,
    };
  });
}

/** Every element of a tree, with its ancestors. */
export function elementsOf(root: Element): Element[] {
  return [...walk(root)].map(([e]) => e);
}

export { attr, textOf };
