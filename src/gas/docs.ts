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

function styleParagraph(p: GoogleAppsScript.Document.Paragraph, t: TemplateParagraph): void {
  if (t.style === 'title') p.setHeading(DocumentApp.ParagraphHeading.HEADING1);
  else if (t.style === 'heading') p.setHeading(DocumentApp.ParagraphHeading.HEADING3);
  else if (t.style === 'small') p.editAsText().setFontSize(8);
  else if (t.style === 'bold') p.editAsText().setBold(true);
  if (t.align === 'right') p.setAlignment(DocumentApp.HorizontalAlignment.RIGHT);
  else if (t.align === 'center') p.setAlignment(DocumentApp.HorizontalAlignment.CENTER);
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
    const header = doc.addHeader();
    header.clear();
    layout.header.forEach((t) => styleParagraph(header.appendParagraph(t.text), t));
    const body = doc.getBody();
    for (const block of layout.body) {
      if (block.type === 'paragraph') {
        styleParagraph(body.appendParagraph(block.text), block);
      } else {
        const table = body.appendTable(block.rows.map((r) => [...r]));
        (block.widths ?? []).forEach((w, i) => table.setColumnWidth(i, w));
        for (let i = 0; i < block.headerRows; i++) {
          const row = table.getRow(i);
          for (let c = 0; c < row.getNumCells(); c++) {
            row
              .getCell(c)
              .setBackgroundColor('#1f3a5f')
              .editAsText()
              .setBold(true)
              .setForegroundColor('#ffffff');
          }
        }
      }
    }
    const footer = doc.addFooter();
    footer.clear();
    layout.footer.forEach((t) => styleParagraph(footer.appendParagraph(t.text), t));
    doc.saveAndClose();
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
