/**
 * The advanced Docs service (`Docs` global): Documents.get returns a minimal Docs API JSON of the
 * saved Doc, Documents.batchUpdate applies `replaceAllText` requests (literal text, matchCase
 * false by default, in body, headers and footers) and the index-based requests of
 * docs-requests.ts in one counted call, in order, all or nothing, as the API does
 * (https://developers.google.com/workspace/docs/api/reference/rest/v1/documents/batchUpdate:
 * "If any request is not valid, then the entire request will fail and nothing will be
 * applied"). It works on Docs made by DocumentApp and the other way round.
 *
 * `getDocumentJson` and `applyBatchUpdate` do the work without counting a call: the advanced
 * service and the REST endpoints (url-fetch.ts) both go through them.
 */
import type { SimContext } from './context';
import {
  AUTO_PAGE_NUMBER,
  AUTO_TEXT,
  deepCopy,
  docSections,
  newDocModel,
  replaceLiteralInNode,
  runsText,
  type Block,
  type CellNode,
  type DocModel,
  type SectionNode,
  type TextBlock,
  type TextStyle,
} from './doc-model';
import {
  deleteContentRange,
  deleteTableRow,
  FOOTER_ID,
  HEADER_ID,
  insertTableRow,
  insertText,
  RequestInvalid,
  updateParagraphStyle,
  updateTableCellStyle,
  updateTextStyle,
} from './docs-requests';
import { MIME } from './drive-state';
import { rateMessage } from './rest-state';

type ApiDocument = GoogleAppsScript.Docs.Schema.Document;
type ApiElement = GoogleAppsScript.Docs.Schema.StructuralElement;
type ApiTextStyle = GoogleAppsScript.Docs.Schema.TextStyle;
type ApiRequest = GoogleAppsScript.Docs.Schema.Request;
type ApiResponse = GoogleAppsScript.Docs.Schema.Response;

/**
 * Apps Script's error for a failed advanced-service call. It also carries what the REST answer
 * holds (HTTP code, status, reason and the API's own message) for url-fetch.ts.
 */
export class GoogleJsonResponseException extends Error {
  constructor(
    method: string,
    readonly apiMessage: string,
    readonly code = 400,
    readonly status = 'INVALID_ARGUMENT',
    readonly reason = 'badRequest',
  ) {
    super(`API call to docs.documents.${method} failed with error: ${apiMessage}`);
    this.name = 'GoogleJsonResponseException';
  }
}

function notFound(method: string): GoogleJsonResponseException {
  return new GoogleJsonResponseException(
    method,
    'Requested entity was not found.',
    404,
    'NOT_FOUND',
    'notFound',
  );
}

const NAMED_STYLE: Record<string, string> = {
  NORMAL: 'NORMAL_TEXT',
  TITLE: 'TITLE',
  SUBTITLE: 'SUBTITLE',
  HEADING1: 'HEADING_1',
  HEADING2: 'HEADING_2',
  HEADING3: 'HEADING_3',
  HEADING4: 'HEADING_4',
  HEADING5: 'HEADING_5',
  HEADING6: 'HEADING_6',
};
const ALIGNMENT: Record<string, string> = {
  LEFT: 'START',
  CENTER: 'CENTER',
  RIGHT: 'END',
  JUSTIFY: 'JUSTIFIED',
};

function rgb(hex: string): GoogleAppsScript.Docs.Schema.OptionalColor | undefined {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return undefined;
  const c = (s: string | undefined): number => parseInt(s ?? '0', 16) / 255;
  return { color: { rgbColor: { red: c(m[1]), green: c(m[2]), blue: c(m[3]) } } };
}

function apiTextStyle(s: TextStyle): ApiTextStyle {
  const out: ApiTextStyle = {};
  if (s.bold !== undefined) out.bold = s.bold;
  if (s.italic !== undefined) out.italic = s.italic;
  if (s.underline !== undefined) out.underline = s.underline;
  if (s.strikethrough !== undefined) out.strikethrough = s.strikethrough;
  if (s.fontSize !== undefined) out.fontSize = { magnitude: s.fontSize, unit: 'PT' };
  if (s.fontFamily !== undefined)
    out.weightedFontFamily = { fontFamily: s.fontFamily, weight: 400 };
  if (s.color !== undefined) {
    const c = rgb(s.color);
    if (c) out.foregroundColor = c;
  }
  if (s.background !== undefined) {
    const c = rgb(s.background);
    if (c) out.backgroundColor = c;
  }
  if (s.link !== undefined) out.link = { url: s.link };
  return out;
}

const pt = (magnitude: number): GoogleAppsScript.Docs.Schema.Dimension => ({
  magnitude,
  unit: 'PT',
});

/** What the model carries of a paragraph's style, in the API's fields (ParagraphStyle). */
function apiParagraphStyle(b: TextBlock): GoogleAppsScript.Docs.Schema.ParagraphStyle {
  const out: GoogleAppsScript.Docs.Schema.ParagraphStyle = {
    namedStyleType: NAMED_STYLE[b.heading] ?? 'NORMAL_TEXT',
    direction: 'LEFT_TO_RIGHT',
  };
  if (b.align) out.alignment = ALIGNMENT[b.align] ?? 'START';
  if (b.spacingBefore !== null) out.spaceAbove = pt(b.spacingBefore);
  if (b.spacingAfter !== null) out.spaceBelow = pt(b.spacingAfter);
  // The API's lineSpacing is a percentage: 100 is single spacing.
  if (b.lineSpacing !== null) out.lineSpacing = Math.round(b.lineSpacing * 10000) / 100;
  if (b.indentStart !== null) out.indentStart = pt(b.indentStart);
  if (b.indentEnd !== null) out.indentEnd = pt(b.indentEnd);
  if (b.indentFirstLine !== null) out.indentFirstLine = pt(b.indentFirstLine);
  if (b.keepWithNext !== undefined) out.keepWithNext = b.keepWithNext;
  if (b.keepLinesTogether !== undefined) out.keepLinesTogether = b.keepLinesTogether;
  return out;
}

const VALIGN: Record<string, string> = { TOP: 'TOP', CENTER: 'MIDDLE', BOTTOM: 'BOTTOM' };

/** A cell's TableCellStyle: background (when set), padding and content alignment. */
function apiCellStyle(c: CellNode): GoogleAppsScript.Docs.Schema.TableCellStyle {
  const bg = c.background ? rgb(c.background) : undefined;
  return {
    ...(bg ? { backgroundColor: bg } : {}),
    paddingTop: pt(c.paddingTop),
    paddingBottom: pt(c.paddingBottom),
    paddingLeft: pt(c.paddingLeft),
    paddingRight: pt(c.paddingRight),
    contentAlignment: VALIGN[c.verticalAlign] ?? 'TOP',
  };
}

/** Structural elements with Docs API indices (UTF-16 code units, one per paragraph end). */
function content(blocks: Block[], start: number): { elements: ApiElement[]; end: number } {
  const elements: ApiElement[] = [];
  let i = start;
  for (const b of blocks) {
    if (b.kind === 'table') {
      const tStart = i;
      i += 1;
      const tableRows = b.rows.map((r) => {
        const rStart = i;
        i += 1;
        const tableCells = r.cells.map((c) => {
          const cStart = i;
          i += 1;
          const inner = content(c.blocks, i);
          i = inner.end;
          return {
            startIndex: cStart,
            endIndex: i,
            content: inner.elements,
            tableCellStyle: apiCellStyle(c),
          };
        });
        return { startIndex: rStart, endIndex: i, tableCells };
      });
      i += 1;
      elements.push({
        startIndex: tStart,
        endIndex: i,
        table: {
          rows: b.rows.length,
          columns: Math.max(0, ...b.rows.map((r) => r.cells.length)),
          tableRows,
        },
      });
      continue;
    }
    const pStart = i;
    const runs = b.runs.map((r) => ({ text: r.text.replace(/\r/g, '\u000b'), style: r.style }));
    const parts: GoogleAppsScript.Docs.Schema.ParagraphElement[] = [];
    // The paragraph's newline closes its last text run, unless inline elements come between.
    const newlineInRun = runs.length > 0 && b.inline.length === 0;
    runs.forEach((r, k) => {
      const text = newlineInRun && k === runs.length - 1 ? `${r.text}\n` : r.text;
      // A page number or count is an AutoText element of one index (doc-model.ts).
      for (const piece of text.split(/([\ue000\ue001])/)) {
        if (piece === '') continue;
        if (AUTO_TEXT.test(piece)) {
          parts.push({
            startIndex: i,
            endIndex: i + 1,
            autoText: {
              type: piece === AUTO_PAGE_NUMBER ? 'PAGE_NUMBER' : 'PAGE_COUNT',
              textStyle: apiTextStyle(r.style),
            },
          } as GoogleAppsScript.Docs.Schema.ParagraphElement);
          i += 1;
          continue;
        }
        parts.push({
          startIndex: i,
          endIndex: i + piece.length,
          textRun: { content: piece, textStyle: apiTextStyle(r.style) },
        });
        i += piece.length;
      }
    });
    for (const inl of b.inline) {
      parts.push(
        inl === 'rule'
          ? { startIndex: i, endIndex: i + 1, horizontalRule: {} }
          : { startIndex: i, endIndex: i + 1, pageBreak: {} },
      );
      i += 1;
    }
    if (!newlineInRun) {
      parts.push({ startIndex: i, endIndex: i + 1, textRun: { content: '\n', textStyle: {} } });
      i += 1;
    }
    const paragraph: GoogleAppsScript.Docs.Schema.Paragraph = {
      elements: parts,
      paragraphStyle: apiParagraphStyle(b),
    };
    if (b.kind === 'listItem') paragraph.bullet = { listId: b.listId, nestingLevel: b.nesting };
    elements.push({ startIndex: pStart, endIndex: i, paragraph });
  }
  return { elements, end: i };
}

export function toApiDocument(
  id: string,
  title: string,
  m: DocModel,
  revision: string,
): ApiDocument {
  const body = content(m.body.blocks, 1);
  const section = (s: SectionNode, sid: string, key: 'headerId' | 'footerId'): object => ({
    [sid]: { [key]: sid, content: content(s.blocks, 0).elements },
  });
  return {
    documentId: id,
    title,
    revisionId: revision,
    body: { content: [{ endIndex: 1, sectionBreak: { sectionStyle: {} } }, ...body.elements] },
    headers: m.header ? section(m.header, HEADER_ID, 'headerId') : {},
    footers: m.footer ? section(m.footer, FOOTER_ID, 'footerId') : {},
    documentStyle: {
      ...(m.header ? { defaultHeaderId: HEADER_ID } : {}),
      ...(m.footer ? { defaultFooterId: FOOTER_ID } : {}),
      pageSize: { width: pt(m.pageWidth), height: pt(m.pageHeight) },
      marginTop: pt(m.marginTop),
      marginBottom: pt(m.marginBottom),
      marginLeft: pt(m.marginLeft),
      marginRight: pt(m.marginRight),
    },
  };
}

interface ReplaceAll {
  text: string;
  matchCase: boolean;
  replaceText: string;
}

type IndexRequest = (m: DocModel, req: never) => void;

/** The index-based requests the model supports (docs-requests.ts). */
const INDEX_REQUESTS: Record<string, IndexRequest> = {
  insertText,
  deleteContentRange,
  insertTableRow,
  deleteTableRow,
  updateTextStyle,
  updateParagraphStyle,
  updateTableCellStyle,
};

type Parsed = { kind: 'replaceAllText'; replace: ReplaceAll } | { kind: string; body: unknown };

function invalid(message: string): GoogleJsonResponseException {
  return new GoogleJsonResponseException('batchUpdate', message);
}

/** Every request is checked for its kind before any is applied; anything else is refused. */
function validate(requests: unknown): Parsed[] {
  if (!Array.isArray(requests) || requests.length === 0) {
    throw invalid('Invalid requests: must not be empty.');
  }
  return (requests as ApiRequest[]).map((r, i) => {
    const keys = Object.keys(r ?? {}).filter(
      (k) => (r as Record<string, unknown>)[k] !== undefined,
    );
    const kind = keys[0];
    if (
      keys.length !== 1 ||
      kind === undefined ||
      !(kind === 'replaceAllText' || kind in INDEX_REQUESTS)
    ) {
      throw invalid(
        `Invalid requests[${i}]: the in-memory Docs service implements replaceAllText, ${Object.keys(INDEX_REQUESTS).join(', ')} only (got ${keys.join(', ') || 'nothing'}).`,
      );
    }
    if (kind !== 'replaceAllText') return { kind, body: (r as Record<string, unknown>)[kind] };
    const req = r.replaceAllText ?? {};
    const text = req.containsText?.text;
    if (typeof text !== 'string' || text === '') {
      throw invalid(`Invalid requests[${i}].replaceAllText: Search text must not be empty.`);
    }
    return {
      kind,
      replace: {
        text,
        matchCase: req.containsText?.matchCase === true,
        replaceText:
          req.replaceText === undefined || req.replaceText === null ? '' : String(req.replaceText),
      },
    };
  });
}

function replaceAllIn(m: DocModel, r: ReplaceAll): number {
  let n = 0;
  for (const s of docSections(m)) n += replaceLiteralInNode(s, r.text, r.replaceText, r.matchCase);
  return n;
}

/**
 * Applies the requests in order to `m`, each seeing the document as the previous one left it;
 * throws the API's error for the first invalid one (the caller keeps `m` apart until then).
 */
function applyAll(m: DocModel, parsed: readonly Parsed[]): ApiResponse[] {
  return parsed.map((p, i) => {
    if ('replace' in p)
      return { replaceAllText: { occurrencesChanged: replaceAllIn(m, p.replace) } };
    try {
      (INDEX_REQUESTS[p.kind] as IndexRequest)(m, (p.body ?? {}) as never);
    } catch (e) {
      if (e instanceof RequestInvalid)
        throw invalid(`Invalid requests[${i}].${p.kind}: ${e.message}`);
      throw e;
    }
    // "Other requests do not need to return information; these each return an empty reply."
    return {};
  });
}

function textLength(m: DocModel): number {
  return docSections(m)
    .flatMap((s) => s.blocks)
    .reduce((sum, b) => sum + (b.kind === 'table' ? 0 : runsText(b.runs).length), 0);
}

type DocFile = NonNullable<ReturnType<SimContext['world']['drive']['file']>>;

function docFile(ctx: SimContext, method: string, id: unknown): DocFile {
  const f = ctx.world.drive.file(String(id));
  if (!f || f.mimeType !== MIME.GOOGLE_DOCS || !f.doc) throw notFound(method);
  return f;
}

function revision(f: { updated: string; doc: DocModel | null }): string {
  return `sim-${Date.parse(f.updated).toString(36)}-${f.doc ? textLength(f.doc) : 0}`;
}

/** documents.get without counting a call: the saved Doc as Docs API JSON. */
export function getDocumentJson(ctx: SimContext, documentId: string): ApiDocument {
  ctx.world.drive.settleOthers(ctx.executionId);
  const f = docFile(ctx, 'get', documentId);
  return toApiDocument(f.id, f.name, f.doc as DocModel, revision(f));
}

/**
 * documents.batchUpdate without counting a call. The requests run on a copy of the saved Doc
 * that replaces it only once all have succeeded. An open DocumentApp copy of this execution
 * sees the edits too (Docs merges edits): replaceAllText always; index-based requests only when
 * that copy holds no unsaved edit (the indices are the saved Doc's). Otherwise the open copy is
 * left as it is, and saving it later overwrites the API's edits: the reference says nothing of
 * mixing the two, so the least convenient outcome is the one kept.
 */
export function applyBatchUpdate(
  ctx: SimContext,
  resource: GoogleAppsScript.Docs.Schema.BatchUpdateDocumentRequest,
  documentId: string,
): GoogleAppsScript.Docs.Schema.BatchUpdateDocumentResponse {
  const drive = ctx.world.drive;
  drive.settleOthers(ctx.executionId);
  const f = docFile(ctx, 'batchUpdate', documentId);
  const parsed = validate(resource?.requests);
  const saved = f.doc as DocModel;
  const next = deepCopy(saved);
  const replies = applyAll(next, parsed);
  const working = drive.workingCopy(f.id, ctx.executionId);
  if (working) {
    if (parsed.every((p) => 'replace' in p)) {
      for (const p of parsed) if ('replace' in p) replaceAllIn(working, p.replace);
    } else if (JSON.stringify(working) === JSON.stringify(saved)) {
      applyAll(working, parsed);
    }
  }
  f.doc = next;
  f.updated = ctx.now().toISOString();
  return { documentId: f.id, replies, writeControl: { requiredRevisionId: revision(f) } };
}

/**
 * The Docs API's per-minute limits (https://developers.google.com/workspace/docs/api/limits:
 * read requests 300 per user and 3000 per project, write requests 60 and 600; "If you exceed a
 * quota, you'll generally receive a 429: Too many requests"): the message of the 429 when this
 * request of the execution's user, at `atMs`, is over one; null when it may go. The advanced
 * service and the REST endpoints share the count (the script's Cloud project is the same).
 */
export function docsRateRefusal(
  ctx: SimContext,
  kind: 'read' | 'write',
  atMs: number,
  user = ctx.user,
): string | null {
  const r = ctx.world.rest.docsRateCheck(user, kind, atMs, ctx.rec.model.docsRateLimits);
  return r ? rateMessage(r, ctx.world.projectNumber()) : null;
}

function rateGuard(ctx: SimContext, method: string, kind: 'read' | 'write', atMs: number): void {
  const why = docsRateRefusal(ctx, kind, atMs);
  if (why !== null) {
    throw new GoogleJsonResponseException(
      method,
      why,
      429,
      'RESOURCE_EXHAUSTED',
      'rateLimitExceeded',
    );
  }
}

/** The `Docs` global of one execution. */
export function createDocsAdvanced(ctx: SimContext): GoogleAppsScript.Docs {
  const drive = (): SimContext['world']['drive'] => ctx.world.drive;

  const Documents: GoogleAppsScript.Docs.Collection.DocumentsCollection = {
    get(documentId: string): ApiDocument {
      const at = ctx.now().getTime();
      ctx.rec.call('Docs.Documents', 'get', [documentId]);
      rateGuard(ctx, 'get', 'read', at);
      return getDocumentJson(ctx, documentId);
    },
    batchUpdate(
      resource: GoogleAppsScript.Docs.Schema.BatchUpdateDocumentRequest,
      documentId: string,
    ): GoogleAppsScript.Docs.Schema.BatchUpdateDocumentResponse {
      const at = ctx.now().getTime();
      ctx.rec.call('Docs.Documents', 'batchUpdate', [resource, documentId]);
      rateGuard(ctx, 'batchUpdate', 'write', at);
      return applyBatchUpdate(ctx, resource, documentId);
    },
    create(resource: ApiDocument): ApiDocument {
      ctx.rec.call('Docs.Documents', 'create', [resource]);
      drive().settleOthers(ctx.executionId);
      const rec = drive().addFile({
        name: resource?.title ?? 'Untitled document',
        mimeType: MIME.GOOGLE_DOCS,
        doc: newDocModel(),
        owner: ctx.world.userEmail,
        now: ctx.now(),
      });
      return toApiDocument(rec.id, rec.name, rec.doc as DocModel, revision(rec));
    },
  };

  // Docs.newRequest(), Docs.newReplaceAllTextRequest()...: empty objects the script fills in.
  const docs = new Proxy(
    { Documents },
    {
      get(target, prop) {
        if (prop === 'Documents') return target.Documents;
        if (typeof prop === 'string' && prop.startsWith('new')) return () => ({});
        return undefined;
      },
    },
  );
  return docs as unknown as GoogleAppsScript.Docs;
}
