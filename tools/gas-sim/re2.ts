/**
 * Search patterns of DocumentApp's replaceText / findText: Google documents them as RE2 syntax
 * passed as a string ("you'll need to escape any backslashes in the pattern"), matched
 * independently against each text element, with "capture groups and mode modifiers" not fully
 * supported. Node has no RE2, so a pattern is translated to an equivalent JS RegExp (compiled
 * with the `u` flag so that it works on code points, as RE2 does).
 *
 * Where RE2 and JS differ, the translation follows RE2:
 * - `{` and `}` that do not form a repetition `{n}`, `{n,}`, `{n,m}` are literals (`{{total}}`
 *   is a literal in RE2; a `u` RegExp would reject it);
 * - `\` before any punctuation is a literal (`\-`, `\#`, `\@`);
 * - `.` matches any character except `\n` (JS also excludes `\r`, which Docs uses for line
 *   breaks inside a paragraph);
 * - `\A`, `\z`, `\C`, `\Q...\E`, `(?P<name>...)`, POSIX classes `[[:alpha:]]`, `\pL`, `\p{Greek}`
 *   and a leading `(?i)`, `(?s)`, `(?m)`, `(?U)`-free flag group are understood;
 * - what RE2 rejects is rejected: lookaround `(?=`, `(?!`, `(?<=`, `(?<!`, backreferences `\1`,
 *   atomic groups, possessive quantifiers, scoped flag groups `(?i:...)` and flag groups
 *   after the start (the reference's "mode modifiers" caveat).
 * The error text for a rejected pattern is the simulator's own; Apps Script's is not documented.
 */

export class PatternError extends Error {
  constructor(pattern: string, why: string) {
    super(`Invalid regular expression pattern ${JSON.stringify(pattern)}: ${why}`);
    this.name = 'Exception';
  }
}

const SYNTAX_CHARS = new Set([...'^$\\.*+?()[]{}|/']);
const PERL_CLASSES = new Set([...'dDsSwWbB']);
const CONTROL_ESCAPES: Record<string, string> = {
  n: '\\n',
  r: '\\r',
  t: '\\t',
  f: '\\f',
  v: '\\v',
  a: '\\x07',
};
const POSIX_CLASSES: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};
/** Unicode general categories RE2 accepts as \pX / \p{X}; other names are scripts. */
const CATEGORY = /^(?:[CLMNPSZ]|C[cfos]|L[lmotu]|M[cen]|N[dlo]|P[cdefios]|S[ckmo]|Z[lps])$/;

function literal(ch: string, inClass: boolean): string {
  if (SYNTAX_CHARS.has(ch) || (inClass && ch === '-')) return `\\${ch}`;
  return ch;
}

function unicodeProperty(name: string, negated: boolean, pattern: string): string {
  const n = name.startsWith('^') ? name.slice(1) : name;
  const neg = negated !== name.startsWith('^');
  if (n === 'Any') return neg ? '[^\\s\\S]' : '[\\s\\S]';
  const prop = CATEGORY.test(n) ? n : `Script=${n}`;
  try {
    new RegExp(`\\p{${prop}}`, 'u');
  } catch {
    throw new PatternError(pattern, `unknown Unicode class ${name}`);
  }
  return `\\${neg ? 'P' : 'p'}{${prop}}`;
}

interface Cursor {
  src: string;
  i: number;
}

/** One escape sequence after a backslash at c.i (already consumed); returns JS source. */
function escape(c: Cursor, inClass: boolean, pattern: string): string {
  const ch = c.src[c.i];
  if (ch === undefined) throw new PatternError(pattern, 'trailing backslash');
  c.i += 1;
  if (PERL_CLASSES.has(ch)) {
    if (inClass && (ch === 'b' || ch === 'B')) throw new PatternError(pattern, `\\${ch} in class`);
    return `\\${ch}`;
  }
  const control = CONTROL_ESCAPES[ch];
  if (control !== undefined) return control;
  if (ch === 'x') {
    if (c.src[c.i] === '{') {
      const end = c.src.indexOf('}', c.i);
      const hex = end < 0 ? '' : c.src.slice(c.i + 1, end);
      if (!/^[0-9A-Fa-f]{1,6}$/.test(hex)) throw new PatternError(pattern, 'bad \\x{...}');
      c.i = end + 1;
      return `\\u{${hex}}`;
    }
    const hex = c.src.slice(c.i, c.i + 2);
    if (!/^[0-9A-Fa-f]{2}$/.test(hex)) throw new PatternError(pattern, 'bad \\x escape');
    c.i += 2;
    return `\\x${hex}`;
  }
  if (ch === 'p' || ch === 'P') {
    let name: string;
    if (c.src[c.i] === '{') {
      const end = c.src.indexOf('}', c.i);
      if (end < 0) throw new PatternError(pattern, 'unterminated \\p{');
      name = c.src.slice(c.i + 1, end);
      c.i = end + 1;
    } else {
      name = c.src[c.i] ?? '';
      c.i += 1;
    }
    return unicodeProperty(name, ch === 'P', pattern);
  }
  if (ch >= '0' && ch <= '7') {
    if (ch !== '0' && !inClass) {
      throw new PatternError(pattern, 'backreferences are not supported by RE2');
    }
    let digits = ch;
    while (digits.length < 3 && /[0-7]/.test(c.src[c.i] ?? '')) {
      digits += c.src[c.i];
      c.i += 1;
    }
    return `\\u{${parseInt(digits, 8).toString(16)}}`;
  }
  if (/[89]/.test(ch)) throw new PatternError(pattern, 'backreferences are not supported by RE2');
  if (!inClass) {
    if (ch === 'A') return '(?<![\\s\\S])';
    if (ch === 'z') return '(?![\\s\\S])';
    if (ch === 'C') return '[\\s\\S]';
  }
  if (/[A-Za-z]/.test(ch)) throw new PatternError(pattern, `invalid escape \\${ch}`);
  return literal(ch, inClass);
}

function charClass(c: Cursor, pattern: string): string {
  // c.i is just after '['.
  let out = '[';
  if (c.src[c.i] === '^') {
    out += '^';
    c.i += 1;
  }
  let first = true;
  for (;;) {
    const ch = c.src[c.i];
    if (ch === undefined) throw new PatternError(pattern, 'missing ]');
    if (ch === ']' && !first) {
      c.i += 1;
      return `${out}]`;
    }
    first = false;
    if (ch === '[' && c.src[c.i + 1] === ':') {
      const end = c.src.indexOf(':]', c.i + 2);
      if (end >= 0) {
        let name = c.src.slice(c.i + 2, end);
        const negated = name.startsWith('^');
        if (negated) name = name.slice(1);
        const body = POSIX_CLASSES[name];
        if (body === undefined) throw new PatternError(pattern, `unknown class [:${name}:]`);
        if (negated) throw new PatternError(pattern, 'negated POSIX classes are not translated');
        out += body;
        c.i = end + 2;
        continue;
      }
    }
    c.i += 1;
    if (ch === '\\') {
      out += escape(c, true, pattern);
    } else if (ch === '-') {
      // A range dash between two members stays a range; a dash at either end is literal.
      out += c.src[c.i] === ']' || out.endsWith('[') || out.endsWith('[^') ? '\\-' : '-';
    } else {
      out += literal(ch, true);
    }
  }
}

const REPEAT = /^\{(\d+)(,(\d*))?\}/;

/** Translate an RE2 pattern to JS source plus the flags of a leading flag group. */
export function translateRe2(pattern: string): { source: string; flags: string } {
  const c: Cursor = { src: pattern, i: 0 };
  let out = '';
  let flags = '';
  let depth = 0;
  let dotAll = false;
  const lead = /^\(\?([imsU]+)\)/.exec(pattern);
  if (lead) {
    const f = lead[1] ?? '';
    if (f.includes('U')) throw new PatternError(pattern, 'ungreedy mode is not translated');
    flags = [...new Set(f)].join('');
    dotAll = f.includes('s');
    c.i = lead[0].length;
  }
  let canRepeat = false;
  while (c.i < c.src.length) {
    const ch = c.src[c.i] ?? '';
    c.i += 1;
    switch (ch) {
      case '\\': {
        if (c.src[c.i] === 'Q') {
          const end = c.src.indexOf('\\E', c.i + 1);
          const text = end < 0 ? c.src.slice(c.i + 1) : c.src.slice(c.i + 1, end);
          out += [...text].map((t) => literal(t, false)).join('');
          c.i = end < 0 ? c.src.length : end + 2;
          canRepeat = text.length > 0;
          break;
        }
        if (c.src[c.i] === 'E') {
          c.i += 1;
          break;
        }
        out += escape(c, false, pattern);
        canRepeat = true;
        break;
      }
      case '[':
        out += charClass(c, pattern);
        canRepeat = true;
        break;
      case '(': {
        if (c.src[c.i] === '?') {
          const rest = c.src.slice(c.i + 1);
          if (rest.startsWith(':')) {
            out += '(?:';
            c.i += 2;
          } else if (rest.startsWith('P<') || /^<[A-Za-z_]/.test(rest)) {
            const start = rest.startsWith('P<') ? 3 : 2;
            const end = c.src.indexOf('>', c.i);
            const name = c.src.slice(c.i + start, end);
            if (end < 0 || !/^[A-Za-z_]\w*$/.test(name)) {
              throw new PatternError(pattern, 'bad group name');
            }
            out += `(?<${name}>`;
            c.i = end + 1;
          } else if (/^(=|!|<=|<!)/.test(rest)) {
            throw new PatternError(pattern, 'lookaround is not supported by RE2');
          } else if (rest.startsWith('>')) {
            throw new PatternError(pattern, 'atomic groups are not supported by RE2');
          } else {
            throw new PatternError(pattern, 'mode modifiers are not supported here');
          }
        } else {
          out += '(';
        }
        depth += 1;
        canRepeat = false;
        break;
      }
      case ')':
        if (depth === 0) throw new PatternError(pattern, 'unexpected )');
        depth -= 1;
        out += ')';
        canRepeat = true;
        break;
      case '{': {
        const m = REPEAT.exec(c.src.slice(c.i - 1));
        if (m && canRepeat) {
          const min = Number(m[1]);
          const max = m[3] === undefined || m[3] === '' ? min : Number(m[3]);
          if (min > 1000 || max > 1000 || (m[2] !== undefined && m[3] !== '' && max < min)) {
            throw new PatternError(pattern, 'bad repetition');
          }
          out += m[0];
          c.i += m[0].length - 1;
          if (c.src[c.i] === '?') {
            out += '?';
            c.i += 1;
          }
          canRepeat = false;
        } else {
          out += '\\{';
          canRepeat = true;
        }
        break;
      }
      case '}':
        out += '\\}';
        canRepeat = true;
        break;
      case '*':
      case '+':
      case '?':
        if (!canRepeat) throw new PatternError(pattern, `missing argument to repetition ${ch}`);
        out += ch;
        if (c.src[c.i] === '?') {
          out += '?';
          c.i += 1;
        } else if (c.src[c.i] === '+') {
          throw new PatternError(pattern, 'possessive quantifiers are not supported by RE2');
        }
        canRepeat = false;
        break;
      case '.':
        out += dotAll ? '[\\s\\S]' : '[^\\n]';
        canRepeat = true;
        break;
      case '|':
        out += '|';
        canRepeat = false;
        break;
      case '^':
      case '$':
        out += ch;
        canRepeat = false;
        break;
      case '/':
        out += '\\/';
        canRepeat = true;
        break;
      default:
        out += ch;
        canRepeat = true;
    }
  }
  if (depth !== 0) throw new PatternError(pattern, 'missing )');
  return { source: out, flags: flags.replace('s', '') };
}

/** A global, unicode RegExp equivalent to the RE2 search pattern. */
export function compileRe2(pattern: string): RegExp {
  const { source, flags } = translateRe2(pattern);
  try {
    return new RegExp(source, `gu${flags}`);
  } catch (e) {
    throw new PatternError(pattern, e instanceof Error ? e.message : String(e));
  }
}

export interface Match {
  start: number;
  /** Exclusive. */
  end: number;
}

/** Every non-overlapping match, leftmost first; empty matches advance by one code point. */
export function allMatches(re: RegExp, text: string): Match[] {
  const out: Match[] = [];
  re.lastIndex = 0;
  for (;;) {
    const m = re.exec(text);
    if (!m) break;
    const start = m.index;
    const end = start + m[0].length;
    out.push({ start, end });
    if (end === start) {
      const cp = text.codePointAt(end);
      re.lastIndex = end + (cp !== undefined && cp > 0xffff ? 2 : 1);
      if (re.lastIndex > text.length) break;
    }
  }
  return out;
}
