/**
 * The advanced Docs service (`Docs` global): Documents.get returns a minimal Docs API JSON of the
 * saved Doc, Documents.batchUpdate applies `replaceAllText` requests (literal text, matchCase
 * false by default, in body, headers and footers) in one counted call, all or nothing, as the
 * API does. It works on Docs made by DocumentApp and the other way round.
 */
import type { SimContext } from './context';
import {
  docSections,
  newDocModel,
  replaceLiteralInNode,
  runsText,
  type Block,
  type DocModel,
  type SectionNode,
  type TextStyle,
} from './doc-model';
import { MIME } from './drive-state';

type ApiDocument = GoogleAppsScript.Docs.Schema.Document;
type ApiElement = GoogleAppsScript.Docs.Schema.StructuralElement;
type ApiTextStyle = GoogleAppsScript.Docs.Schema.TextStyle;
type ApiRequest = GoogleAppsScript.Docs.Schema.Request;
type ApiResponse = GoogleAppsScript.Docs.Schema.Response;

/** Apps Script's error for a failed advanced-service call. */
export class GoogleJsonResponseException extends Error {
  constructor(method: string, message: string) {
    super(`API call to docs.documents.${method} failed with error: ${message}`);
    this.name = 'GoogleJsonResponseException';
  }
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
          const bg = c.background ? rgb(c.background) : undefined;
          return {
            startIndex: cStart,
            endIndex: i,
            content: inner.elements,
            tableCellStyle: bg ? { backgroundColor: bg } : {},
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
    runs.forEach((r, k) => {
      const text = k === runs.length - 1 ? `${r.text}\n` : r.text;
      parts.push({
        startIndex: i,
        endIndex: i + text.length,
        textRun: { content: text, textStyle: apiTextStyle(r.style) },
      });
      i += text.length;
    });
    for (const inl of b.inline) {
      parts.push(
        inl === 'rule'
          ? { startIndex: i, endIndex: i + 1, horizontalRule: {} }
          : { startIndex: i, endIndex: i + 1, pageBreak: {} },
      );
      i += 1;
    }
    if (runs.length === 0) {
      parts.push({ startIndex: i, endIndex: i + 1, textRun: { content: '\n', textStyle: {} } });
      i += 1;
    }
    const paragraph: GoogleAppsScript.Docs.Schema.Paragraph = {
      elements: parts,
      paragraphStyle: {
        namedStyleType: NAMED_STYLE[b.heading] ?? 'NORMAL_TEXT',
        direction: 'LEFT_TO_RIGHT',
        ...(b.align ? { alignment: ALIGNMENT[b.align] ?? 'START' } : {}),
      },
    };
    if (b.kind === 'listItem') paragraph.bullet = { listId: b.listId, nestingLevel: b.nesting };
    elements.push({ startIndex: pStart, endIndex: i, paragraph });
  }
  return { elements, end: i };
}

const HEADER_ID = 'kix.simheader';
const FOOTER_ID = 'kix.simfooter';

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
  const pt = (magnitude: number): GoogleAppsScript.Docs.Schema.Dimension => ({
    magnitude,
    unit: 'PT',
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

function validate(requests: unknown): ReplaceAll[] {
  if (!Array.isArray(requests) || requests.length === 0) {
    throw new GoogleJsonResponseException('batchUpdate', 'Invalid requests: must not be empty.');
  }
  return (requests as ApiRequest[]).map((r, i) => {
    const keys = Object.keys(r ?? {}).filter(
      (k) => (r as Record<string, unknown>)[k] !== undefined,
    );
    if (keys.length !== 1 || keys[0] !== 'replaceAllText') {
      throw new GoogleJsonResponseException(
        'batchUpdate',
        `Invalid requests[${i}]: the in-memory Docs service implements replaceAllText only (got ${keys.join(', ') || 'nothing'}).`,
      );
    }
    const req = r.replaceAllText ?? {};
    const text = req.containsText?.text;
    if (typeof text !== 'string' || text === '') {
      throw new GoogleJsonResponseException(
        'batchUpdate',
        `Invalid requests[${i}].replaceAllText: Search text must not be empty.`,
      );
    }
    return {
      text,
      matchCase: req.containsText?.matchCase === true,
      replaceText:
        req.replaceText === undefined || req.replaceText === null ? '' : String(req.replaceText),
    };
  });
}

function replaceAllIn(m: DocModel, r: ReplaceAll): number {
  let n = 0;
  for (const s of docSections(m)) n += replaceLiteralInNode(s, r.text, r.replaceText, r.matchCase);
  return n;
}

function textLength(m: DocModel): number {
  return docSections(m)
    .flatMap((s) => s.blocks)
    .reduce((sum, b) => sum + (b.kind === 'table' ? 0 : runsText(b.runs).length), 0);
}

/** The `Docs` global of one execution. */
export function createDocsAdvanced(ctx: SimContext): GoogleAppsScript.Docs {
  const drive = (): SimContext['world']['drive'] => ctx.world.drive;
  const docFile = (
    method: string,
    id: unknown,
  ): NonNullable<ReturnType<ReturnType<typeof drive>['file']>> => {
    const f = drive().file(String(id));
    if (!f || f.mimeType !== MIME.GOOGLE_DOCS || !f.doc) {
      throw new GoogleJsonResponseException(method, 'Requested entity was not found.');
    }
    return f;
  };
  const revision = (f: { updated: string; doc: DocModel | null }): string =>
    `sim-${Date.parse(f.updated).toString(36)}-${f.doc ? textLength(f.doc) : 0}`;

  const Documents: GoogleAppsScript.Docs.Collection.DocumentsCollection = {
    get(documentId: string): ApiDocument {
      ctx.rec.call('Docs.Documents', 'get', [documentId]);
      drive().settleOthers(ctx.executionId);
      const f = docFile('get', documentId);
      return toApiDocument(f.id, f.name, f.doc as DocModel, revision(f));
    },
    batchUpdate(
      resource: GoogleAppsScript.Docs.Schema.BatchUpdateDocumentRequest,
      documentId: string,
    ): GoogleAppsScript.Docs.Schema.BatchUpdateDocumentResponse {
      ctx.rec.call('Docs.Documents', 'batchUpdate', [resource, documentId]);
      drive().settleOthers(ctx.executionId);
      const f = docFile('batchUpdate', documentId);
      const requests = validate(resource?.requests);
      const saved = f.doc as DocModel;
      const working = drive().workingCopy(f.id, ctx.executionId);
      const replies: ApiResponse[] = requests.map((r) => {
        const occurrencesChanged = replaceAllIn(saved, r);
        // An open DocumentApp copy of this execution sees the edit too (Docs merges edits).
        if (working) replaceAllIn(working, r);
        return { replaceAllText: { occurrencesChanged } };
      });
      f.updated = ctx.now().toISOString();
      return { documentId: f.id, replies, writeControl: { requiredRevisionId: revision(f) } };
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
