/**
 * HtmlService: outputs and templates. Templates support Apps Script's scriptlets: `<?= expr ?>`
 * (escaped), `<?!= expr ?>` (raw) and `<? code ?>` (statements, e.g. loops). Template code runs
 * in the simulator's realm with the template's properties as variables, not in the script's
 * context.
 */
import type { SimContext } from './context';
import { gasError } from './errors';
import { api, Handle, track } from './handle';
import { toSimBlob } from './blob';
import { SimBlob, asBlob } from './blob';

type RealOutput = GoogleAppsScript.HTML.HtmlOutput;
type RealTemplate = GoogleAppsScript.HTML.HtmlTemplate;
type RealService = GoogleAppsScript.HTML.HtmlService;

export const SandboxMode = { EMULATED: 'EMULATED', IFRAME: 'IFRAME', NATIVE: 'NATIVE' } as const;
export const XFrameOptionsMode = { ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' } as const;

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function htmlOf(source: unknown): string {
  if (source === undefined || source === null) return '';
  if (typeof source === 'string') return source;
  return toSimBlob(source).getDataAsString();
}

export class HtmlOutputHandle
  extends Handle
  implements
    Pick<
      RealOutput,
      | 'append'
      | 'appendUntrusted'
      | 'asTemplate'
      | 'clear'
      | 'getBlob'
      | 'getContent'
      | 'getHeight'
      | 'getTitle'
      | 'getWidth'
      | 'setContent'
      | 'setHeight'
      | 'setSandboxMode'
      | 'setTitle'
      | 'setWidth'
      | 'setXFrameOptionsMode'
      | 'setFaviconUrl'
      | 'getFaviconUrl'
      | 'addMetaTag'
    >
{
  title = '';
  width: number | null = null;
  height: number | null = null;
  sandboxMode = 'IFRAME';
  xFrameOptions = 'DEFAULT';
  favicon = '';
  metaTags: Array<{ name: string; content: string }> = [];

  constructor(
    private readonly ctx: SimContext,
    public content: string,
  ) {
    super();
  }

  append(addedContent: string): RealOutput {
    this.content += addedContent;
    return api(this);
  }
  appendUntrusted(addedContent: string): RealOutput {
    this.content += escapeHtml(addedContent);
    return api(this);
  }
  asTemplate(): RealTemplate {
    return createTemplateHandle(this.ctx, this.content);
  }
  clear(): RealOutput {
    this.content = '';
    return api(this);
  }
  getBlob(): GoogleAppsScript.Base.Blob {
    const bytes = new Uint8Array(Buffer.from(this.content, 'utf8'));
    return asBlob(new SimBlob(bytes, 'text/html', this.title || null, this.ctx.rec));
  }
  getContent(): string {
    return this.content;
  }
  getHeight(): number {
    return this.height ?? 0;
  }
  getTitle(): string {
    return this.title;
  }
  getWidth(): number {
    return this.width ?? 0;
  }
  getFaviconUrl(): string {
    return this.favicon;
  }
  setContent(content: string): RealOutput {
    this.content = content;
    return api(this);
  }
  setHeight(height: number): RealOutput {
    this.height = height;
    return api(this);
  }
  setWidth(width: number): RealOutput {
    this.width = width;
    return api(this);
  }
  setTitle(title: string): RealOutput {
    this.title = title;
    return api(this);
  }
  setSandboxMode(mode: GoogleAppsScript.HTML.SandboxMode): RealOutput {
    this.sandboxMode = String(mode);
    return api(this);
  }
  setXFrameOptionsMode(mode: GoogleAppsScript.HTML.XFrameOptionsMode): RealOutput {
    this.xFrameOptions = String(mode);
    return api(this);
  }
  setFaviconUrl(iconUrl: string): RealOutput {
    this.favicon = iconUrl;
    return api(this);
  }
  addMetaTag(name: string, content: string): RealOutput {
    this.metaTags.push({ name, content });
    return api(this);
  }
}

/** Compiles a template into a function body that pushes output pieces. */
export function compileTemplate(raw: string): string {
  let code = '';
  let i = 0;
  while (i < raw.length) {
    const open = raw.indexOf('<?', i);
    if (open < 0) {
      code += `__out.push(${JSON.stringify(raw.slice(i))});\n`;
      break;
    }
    if (open > i) code += `__out.push(${JSON.stringify(raw.slice(i, open))});\n`;
    const close = raw.indexOf('?>', open + 2);
    if (close < 0) throw gasError('Malformed HTML content: unterminated scriptlet');
    const inner = raw.slice(open + 2, close);
    if (inner.startsWith('!=')) code += `__out.push(__raw(${inner.slice(2).trim()}));\n`;
    else if (inner.startsWith('=')) code += `__out.push(__esc(${inner.slice(1).trim()}));\n`;
    else code += `${inner}\n`;
    i = close + 2;
  }
  return code;
}

export class HtmlTemplateHandle
  extends Handle
  implements Pick<RealTemplate, 'evaluate' | 'getRawContent' | 'getCode'>
{
  [propName: string]: unknown;

  constructor(
    readonly _ctx: SimContext,
    readonly _raw: string,
  ) {
    super();
  }

  evaluate(): RealOutput {
    const vars: Record<string, unknown> = {};
    for (const key of Object.keys(this)) {
      if (!key.startsWith('_')) vars[key] = this[key];
    }
    const out: string[] = [];
    const toText = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
    // Sloppy-mode function so that `with` exposes the template's properties as variables.
    const run = new Function(
      '__vars',
      '__out',
      '__esc',
      '__raw',
      `with (__vars) {\n${compileTemplate(this._raw)}}`,
    ) as (v: object, o: string[], e: (x: unknown) => string, r: (x: unknown) => string) => void;
    run(vars, out, (x) => escapeHtml(toText(x)), toText);
    return createOutputHandle(this._ctx, out.join(''));
  }

  getRawContent(): string {
    return this._raw;
  }

  getCode(): string {
    return compileTemplate(this._raw);
  }
}

export function createOutputHandle(ctx: SimContext, html: string): RealOutput {
  return api(track(new HtmlOutputHandle(ctx, html), 'HtmlOutput', ctx.rec));
}

function createTemplateHandle(ctx: SimContext, html: string): RealTemplate {
  return api(track(new HtmlTemplateHandle(ctx, html), 'HtmlTemplate', ctx.rec));
}

export class HtmlServiceHandle
  extends Handle
  implements
    Pick<
      RealService,
      | 'SandboxMode'
      | 'XFrameOptionsMode'
      | 'createHtmlOutput'
      | 'createHtmlOutputFromFile'
      | 'createTemplate'
      | 'createTemplateFromFile'
    >
{
  readonly SandboxMode = SandboxMode as unknown as RealService['SandboxMode'];
  readonly XFrameOptionsMode = XFrameOptionsMode as unknown as RealService['XFrameOptionsMode'];

  constructor(private readonly ctx: SimContext) {
    super();
  }

  createHtmlOutput(source?: string | GoogleAppsScript.Base.BlobSource): RealOutput {
    return createOutputHandle(this.ctx, htmlOf(source));
  }

  createHtmlOutputFromFile(filename: string): RealOutput {
    return createOutputHandle(this.ctx, this._file(filename));
  }

  createTemplate(source: string | GoogleAppsScript.Base.BlobSource): RealTemplate {
    return createTemplateHandle(this.ctx, htmlOf(source));
  }

  createTemplateFromFile(filename: string): RealTemplate {
    return createTemplateHandle(this.ctx, this._file(filename));
  }

  /** Project HTML files, as registered in `world.htmlFiles` (name without `.html`). */
  _file(filename: string): string {
    const name = filename.replace(/\.html$/, '');
    const html = this.ctx.world.htmlFiles[name];
    if (html === undefined) throw gasError(`No HTML file named ${name} was found.`);
    return html;
  }
}

export function createHtmlService(ctx: SimContext): RealService {
  return api(track(new HtmlServiceHandle(ctx), 'HtmlService', ctx.rec));
}
