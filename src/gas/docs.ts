/**
 * DocsPort over the Drive and Docs REST APIs (UrlFetchApp.fetchAll, see rest.ts): documents are
 * made in waves, four concurrent requests per document (copy, one batchUpdate, PDF export, PDF
 * upload) plus one for the e-invoice XML. The template itself is laid out once with DocumentApp
 * and read once per run with the advanced Docs service.
 */
import { t } from '../texts';
import type {
  DocsPort,
  FileRef,
  RenderJob,
  RenderResult,
  TemplateLayout,
  TemplateParagraph,
} from '../app/ports';
import type { ApiStructuralElement } from '../render/doc-requests';
import { quotaOf } from '../app/time-budget';
import { childrenNamed, DOC_MIME, docUrl, driveApi, fileUrl, PDF_MIME } from './drive-api';
import { FileCache } from './files';
import { placeholdersIn } from '../render/document-model';
import { XML_MIME } from '../einvoice';
import {
  documentRequests,
  planTemplate,
  type ApiDocument,
  type TemplatePlan,
} from '../render/doc-requests';
import {
  DRIVE,
  DRIVE_UPLOAD,
  DOCS,
  ok,
  RestClient,
  multipartBody,
  signedUtf8,
  signed,
  unsigned,
  exportCall,
  type RestCall,
  type RestResult,
} from './rest';

function quotaOfText(error: string): 'docs' | 'other' | null {
  const q = quotaOf(new Error(error));
  if (q === 'docs') return 'docs';
  if (q !== null || /^HTTP (429|5\d\d)/.test(error)) return 'other';
  return null;
}

let boundaries = 0;

/** Drive files.create with its content, in one multipart upload. */
function uploadCall(folderId: string, name: string, mimeType: string, bytes: number[]): RestCall {
  const boundary = `facturier-${Date.now().toString(36)}-${(boundaries++).toString(36)}`;
  const body = multipartBody({ name, mimeType, parents: [folderId] }, mimeType, bytes, boundary);
  return {
    endpoint: 'drive.files.create',
    url: `${DRIVE_UPLOAD}/files?uploadType=multipart&fields=id`,
    method: 'post',
    bytes: body.bytes,
    contentType: body.contentType,
  };
}

/** The advanced Docs service, declared in appsscript.json (enabledAdvancedServices). */
function docsApi(): GoogleAppsScript.Docs.Collection.DocumentsCollection {
  const api = typeof Docs === 'undefined' ? undefined : Docs.Documents;
  if (!api) throw new Error('The advanced Docs service is not enabled (appsscript.json).');
  return api;
}

/** The text of an empty paragraph of the layout: a word joiner, invisible, found again by the keeps. */
const EMPTY = '\u2060';

/**
 * A paragraph's look in one call: Paragraph.setAttributes takes the paragraph's attributes
 * (alignment, spacing) and its text's (size, weight, colour) together, as the reference's
 * example for DocumentApp.Attribute styles an appended paragraph
 * (https://developers.google.com/apps-script/reference/document/attribute). A template has
 * about eighty paragraphs: one call each instead of up to seven keeps set-up short.
 */
function styleParagraph(p: GoogleAppsScript.Document.Paragraph, t: TemplateParagraph): void {
  const A = DocumentApp.Attribute;
  const style: Record<string, unknown> = {
    [String(A.FONT_SIZE)]: t.size ?? 10,
    [String(A.SPACING_BEFORE)]: t.spaceBefore ?? 0,
    [String(A.SPACING_AFTER)]: t.spaceAfter ?? 0,
  };
  if (t.bold) style[String(A.BOLD)] = true;
  if (t.color) style[String(A.FOREGROUND_COLOR)] = t.color;
  if (t.align === 'right')
    style[String(A.HORIZONTAL_ALIGNMENT)] = DocumentApp.HorizontalAlignment.RIGHT;
  else if (t.align === 'center')
    style[String(A.HORIZONTAL_ALIGNMENT)] = DocumentApp.HorizontalAlignment.CENTER;
  p.setAttributes(style);
}

/** Paragraph texts of the API document in order, cells included, with their ranges. */
function apiParagraphs(
  content: readonly ApiStructuralElement[],
  out: { text: string; start: number; end: number }[] = [],
): typeof out {
  for (const el of content) {
    if (el.paragraph && el.startIndex !== undefined && el.endIndex !== undefined) {
      const text = (el.paragraph.elements ?? []).map((e) => e.textRun?.content ?? '').join('');
      out.push({ text: text.replace(/\n$/, ''), start: el.startIndex, end: el.endIndex });
    }
    for (const row of el.table?.tableRows ?? []) {
      for (const cell of row.tableCells ?? []) apiParagraphs(cell.content ?? [], out);
    }
  }
  return out;
}

/**
 * keepWithNext and keepLinesTogether, which DocumentApp cannot set, by one Docs API
 * batchUpdate: each paragraph of the layout found again, in order, by its text.
 */
function keepRequests(layout: TemplateLayout, content: readonly ApiStructuralElement[]): object[] {
  const found = apiParagraphs(content);
  const wanted = layout.body.flatMap((b) =>
    b.type === 'paragraph'
      ? [b]
      : [...b.rows.flatMap((r) => r.flatMap((c) => c.paragraphs)), b.after],
  );
  const requests: object[] = [];
  let at = 0;
  for (const t of wanted) {
    const text = t.text === '' ? EMPTY : t.text;
    while (at < found.length && found[at]?.text !== text) at += 1;
    const p = found[at];
    if (!p) break;
    at += 1;
    const fields = [
      ...(t.keepWithNext ? ['keepWithNext'] : []),
      ...(t.keepLinesTogether ? ['keepLinesTogether'] : []),
    ];
    if (fields.length === 0) continue;
    requests.push({
      updateParagraphStyle: {
        range: { startIndex: p.start, endIndex: p.end },
        paragraphStyle: {
          keepWithNext: t.keepWithNext === true,
          keepLinesTogether: t.keepLinesTogether === true,
        },
        fields: fields.join(','),
      },
    });
  }
  return requests;
}

export class GasDocs implements DocsPort {
  private readonly plans = new Map<string, TemplatePlan>();

  constructor(
    private readonly cache: FileCache = new FileCache(),
    private readonly rest: RestClient = new RestClient(),
  ) {}

  /**
   * Made in its folder by the Drive API (no move afterwards, which DriveApp would need the drive
   * scope for), laid out with DocumentApp under a working name, and given its name only once
   * complete: a run stopped half-way leaves no half-made template under the real name, and the
   * next run puts the leftover in the trash before starting again.
   */
  createTemplate(folderId: string, name: string, layout: TemplateLayout): FileRef {
    // Always the same working name, whatever the language: the next run finds it to trash it.
    const working = t('fr', 'docs.template-working-name', { name });
    for (const left of childrenNamed(folderId, working, false)) {
      driveApi().Files.update({ trashed: true }, left);
    }
    const id = String(
      driveApi().Files.create({ name: working, mimeType: DOC_MIME, parents: [folderId] }).id,
    );
    const doc = DocumentApp.openById(id);
    if (layout.header.length > 0) {
      const header = doc.addHeader();
      header.clear();
      layout.header.forEach((t) => styleParagraph(header.appendParagraph(t.text || EMPTY), t));
    }
    const body = doc.getBody();
    // A4, as French invoices are printed.
    body.setPageWidth(595.276).setPageHeight(841.89);
    body.setMarginTop(48).setMarginBottom(48).setMarginLeft(56.7).setMarginRight(56.7);
    const first = body.getChild(0);
    if (first.getType() === DocumentApp.ElementType.PARAGRAPH) first.asParagraph().setText(EMPTY);
    for (const block of layout.body) {
      if (block.type === 'paragraph') {
        styleParagraph(body.appendParagraph(block.text || EMPTY), block);
        continue;
      }
      const table = body.appendTable(
        block.rows.map((r) => r.map((c) => c.paragraphs[0]?.text || EMPTY)),
      );
      table.setBorderWidth(block.borderWidth);
      if (block.borderColor) table.setBorderColor(block.borderColor);
      block.widths.forEach((w, i) => table.setColumnWidth(i, w));
      block.rows.forEach((r, i) => {
        const row = table.getRow(i);
        r.forEach((c, k) => {
          const cell = row.getCell(k);
          // Padding and background in one call (TableCell.setAttributes).
          const A = DocumentApp.Attribute;
          cell.setAttributes({
            [String(A.PADDING_TOP)]: block.padding,
            [String(A.PADDING_BOTTOM)]: block.padding,
            [String(A.PADDING_LEFT)]: block.padding,
            [String(A.PADDING_RIGHT)]: block.padding,
            ...(c.background ? { [String(A.BACKGROUND_COLOR)]: c.background } : {}),
          });
          c.paragraphs.forEach((t, n) => {
            const par =
              n === 0 ? cell.getChild(0).asParagraph() : cell.appendParagraph(t.text || EMPTY);
            styleParagraph(par, t);
          });
        });
      });
      // Docs keeps a paragraph after a table: the layout's next block.
      const at = body.getChildIndex(table) + 1;
      const next = at < body.getNumChildren() ? body.getChild(at) : null;
      const after =
        next?.getType() === DocumentApp.ElementType.PARAGRAPH && next.asParagraph().getText() === ''
          ? next.asParagraph()
          : body.insertParagraph(at, '');
      after.setText(block.after.text || EMPTY);
      styleParagraph(after, block.after);
    }
    // The new document's own empty paragraph, above the layout, made as small as it goes
    // (Docs keeps a paragraph before a table that starts a body).
    if (first.getType() === DocumentApp.ElementType.PARAGRAPH) {
      styleParagraph(first.asParagraph(), { text: '', size: 1 });
    }
    const footer = doc.addFooter();
    footer.clear();
    // A new footer holds one empty paragraph: the layout's first.
    const own = footer.getNumChildren() === 1 ? footer.getChild(0) : null;
    layout.footer.forEach((t, i) => {
      const par =
        i === 0 && own?.getType() === DocumentApp.ElementType.PARAGRAPH
          ? own.asParagraph()
          : footer.appendParagraph('');
      par.setText(t.text || EMPTY);
      styleParagraph(par, t);
    });
    doc.saveAndClose();
    const api = docsApi().get(id) as { body?: { content?: ApiStructuralElement[] } };
    const keeps = keepRequests(layout, api.body?.content ?? []);
    if (keeps.length > 0) {
      docsApi().batchUpdate({ requests: keeps }, id);
      // The same per-user limit as the invoices' batchUpdates that may follow in this run.
      this.rest.noteDocsWrite();
    }
    driveApi().Files.update({ name }, id);
    return { id, url: docUrl(id) };
  }

  templatePlaceholders(templateId: string): string[] {
    const doc = DocumentApp.openById(templateId);
    const texts = [
      doc.getBody().getText(),
      doc.getHeader()?.getText() ?? '',
      doc.getFooter()?.getText() ?? '',
    ];
    return placeholdersIn(texts.join('\n'));
  }

  /**
   * A wave of documents, in four fetchAll requests of the REST APIs: copies of the template
   * (Drive files.copy), one batchUpdate each (Docs), PDF exports (Drive files.export), then the
   * PDFs and e-invoice XMLs stored (Drive multipart upload). No DocumentApp session, no lookup
   * by name unless an earlier run started the document; links are built from the ids.
   */
  renderBatch(jobs: readonly RenderJob[]): RenderResult[] {
    const results: (RenderResult | null)[] = jobs.map(() => null);
    const fail = (i: number, error: string): void => {
      results[i] = { ok: false, error, quota: quotaOfText(error) };
    };
    // Leftovers of a run stopped half-way through these documents go to the trash first.
    jobs.forEach((job, i) => {
      if (!job.leftovers) return;
      try {
        for (const n of [job.name, `${job.name}.pdf`, `${job.name}.xml`]) {
          for (const id of childrenNamed(job.folderId, n, false)) {
            if (id !== job.docId) driveApi().Files.update({ trashed: true }, id);
          }
        }
      } catch (e) {
        fail(i, e instanceof Error ? e.message : String(e));
      }
    });
    const docIds: (string | null)[] = jobs.map((j) => j.docId);
    const created: boolean[] = jobs.map(() => false);
    // 1. Copies.
    const toCopy = jobs.flatMap((j, i) => (results[i] || j.docId ? [] : [i]));
    const copies = this.rest.all(
      toCopy.map((i) => ({
        endpoint: 'drive.files.copy',
        url: `${DRIVE}/files/${encodeURIComponent(jobs[i]?.templateId ?? '')}/copy?fields=id`,
        method: 'post' as const,
        json: { name: jobs[i]?.name, parents: [jobs[i]?.folderId] },
      })),
    );
    toCopy.forEach((i, k) => {
      const r = copies[k] as RestResult;
      const id = r.json?.['id'];
      if (!ok(r) || typeof id !== 'string') return fail(i, r.error || 'copy without id');
      docIds[i] = id;
      created[i] = true;
    });
    // 2. One batchUpdate per new Doc.
    const toFill = toCopy.filter((i) => !results[i]);
    const fills = this.rest.all(
      toFill.map((i) => {
        const job = jobs[i] as RenderJob;
        return {
          endpoint: 'docs.documents.batchUpdate',
          url: `${DOCS}/documents/${encodeURIComponent(docIds[i] ?? '')}:batchUpdate`,
          method: 'post' as const,
          json: { requests: documentRequests(this.plan(job.templateId), job.model) },
        };
      }),
    );
    toFill.forEach((i, k) => {
      const r = fills[k] as RestResult;
      if (!ok(r)) fail(i, r.error);
    });
    // 3. PDF exports.
    const toExport = jobs.flatMap((_, i) => (results[i] ? [] : [i]));
    const exports = this.rest.all(toExport.map((i) => exportCall(docIds[i] ?? '')));
    const pdfBytes: (number[] | null)[] = jobs.map(() => null);
    toExport.forEach((i, k) => {
      const r = exports[k] as RestResult;
      if (!ok(r) || !r.bytes) return fail(i, r.error || 'empty export');
      const job = jobs[i] as RenderJob;
      try {
        pdfBytes[i] = job.transform ? signed(job.transform(unsigned(r.bytes))) : r.bytes;
      } catch (e) {
        fail(i, e instanceof Error ? e.message : String(e));
      }
    });
    // 4. The PDF and the XML of each document stored beside its Doc.
    const uploads: { i: number; kind: 'pdf' | 'xml'; call: RestCall }[] = [];
    jobs.forEach((job, i) => {
      const bytes = pdfBytes[i];
      if (results[i] || !bytes) return;
      uploads.push({
        i,
        kind: 'pdf',
        call: uploadCall(job.folderId, `${job.name}.pdf`, PDF_MIME, bytes),
      });
      if (job.xml !== null) {
        uploads.push({
          i,
          kind: 'xml',
          call: uploadCall(job.folderId, `${job.name}.xml`, XML_MIME, signedUtf8(job.xml)),
        });
      }
    });
    const stored = this.rest.all(uploads.map((u) => u.call));
    const pdfIds: (string | null)[] = jobs.map(() => null);
    const xmlIds: (string | null)[] = jobs.map(() => null);
    uploads.forEach((u, k) => {
      const r = stored[k] as RestResult;
      const id = r.json?.['id'];
      if (!ok(r) || typeof id !== 'string') return fail(u.i, r.error || 'upload without id');
      (u.kind === 'pdf' ? pdfIds : xmlIds)[u.i] = id;
    });
    return jobs.map((job, i) => {
      const done = results[i];
      if (done) return done;
      const docId = docIds[i] ?? '';
      const pdfId = pdfIds[i] ?? '';
      const bytes = pdfBytes[i];
      if (bytes) {
        this.cache.keep(
          pdfId,
          Utilities.newBlob(bytes, PDF_MIME, `${job.name}.pdf`),
          `${job.name}.pdf`,
        );
      }
      const xmlId = xmlIds[i];
      return {
        ok: true,
        doc: { id: docId, url: docUrl(docId) },
        pdf: { id: pdfId, url: fileUrl(pdfId) },
        xml: xmlId ? { id: xmlId, url: fileUrl(xmlId) } : null,
        created: created[i] === true,
      };
    });
  }

  /** The template's structure, read once per run (one Docs API read). */
  private plan(templateId: string): TemplatePlan {
    let plan = this.plans.get(templateId);
    if (!plan) {
      plan = planTemplate(docsApi().get(templateId) as ApiDocument);
      this.plans.set(templateId, plan);
    }
    return plan;
  }

  /** Shared without Drive's own notification email: our email carries the link. */
  shareWith(fileId: string, emails: readonly string[], access: 'view' | 'comment'): void {
    for (const emailAddress of emails) {
      driveApi().Permissions.create(
        { role: access === 'comment' ? 'commenter' : 'reader', type: 'user', emailAddress },
        fileId,
        { sendNotificationEmail: false },
      );
    }
  }
}
