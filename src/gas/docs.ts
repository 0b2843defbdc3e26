/**
 * DocsPort over DocumentApp, DriveApp and the advanced Docs service: the template is copied, its
 * line row cloned once per line, every placeholder (body, header, footer, lines) replaced in one
 * Docs API batchUpdate, then the Doc is exported as PDF.
 */
import type { DocsPort, FileRef, TemplateLayout, TemplateParagraph } from '../app/ports';
import { FileCache } from './files';
import { placeholder, placeholdersIn, type DocumentModel } from '../render/document-model';

type Body = GoogleAppsScript.Document.Body;

function ref(f: GoogleAppsScript.Drive.File): FileRef {
  return { id: f.getId(), url: f.getUrl() };
}

/** Keys longest first, so that no key is ever replaced inside a longer one. */
function orderedKeys(values: Readonly<Record<string, string>>): string[] {
  return Object.keys(values).sort((a, b) => b.length - a.length || a.localeCompare(b));
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
  private readonly folders = new Map<string, GoogleAppsScript.Drive.Folder>();
  constructor(private readonly cache: FileCache = new FileCache()) {}

  /** One DriveApp lookup per folder and run. */
  private folder(id: string): GoogleAppsScript.Drive.Folder {
    let f = this.folders.get(id);
    if (!f) {
      f = DriveApp.getFolderById(id);
      this.folders.set(id, f);
    }
    return f;
  }

  private keep(f: GoogleAppsScript.Drive.File, blob?: GoogleAppsScript.Base.Blob): FileRef {
    const r = ref(f);
    this.cache.keep(r.id, f, blob);
    return r;
  }

  private file(id: string): GoogleAppsScript.Drive.File {
    return this.cache.file(id);
  }

  createTemplate(folderId: string, name: string, layout: TemplateLayout): FileRef {
    const doc = DocumentApp.create(name);
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
    const file = DriveApp.getFileById(doc.getId());
    file.moveTo(DriveApp.getFolderById(folderId));
    return ref(file);
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

  renderDoc(
    templateId: string,
    folderId: string,
    name: string,
    model: DocumentModel,
    existingDocId: string | null,
  ): FileRef & { created: boolean } {
    const folder = this.folder(folderId);
    if (existingDocId) return { ...this.keep(this.file(existingDocId)), created: false };
    // A file of that name left by an interrupted run: reuse it if it was completed, else redo it.
    const found = folder.getFilesByName(name);
    while (found.hasNext()) {
      const f = found.next();
      const doc = DocumentApp.openById(f.getId());
      if (!doc.getBody().getText().includes('{{')) return { ...this.keep(f), created: false };
      f.setTrashed(true);
    }
    const copy = this.file(templateId).makeCopy(name, folder);
    const result = this.keep(copy);
    const doc = DocumentApp.openById(result.id);
    // DocumentApp clones the line row with its style (the Docs API cannot copy a row); each
    // clone's placeholders are renamed `{{line.N.key}}`, so that one batchUpdate then fills
    // every placeholder of body, header, footer and lines in a single request.
    this.cloneLineRows(doc.getBody(), model.lines.length);
    doc.saveAndClose();
    const values: Record<string, string> = { ...model.placeholders };
    model.lines.forEach((line, i) => {
      for (const [k, v] of Object.entries(line)) values[`line.${i}.${k}`] = v;
    });
    const requests = orderedKeys(values).map((key) => ({
      replaceAllText: {
        containsText: { text: placeholder(key), matchCase: true },
        replaceText: values[key] ?? '',
      },
    }));
    if (requests.length > 0) docsApi().batchUpdate({ requests }, result.id);
    return { ...result, created: true };
  }

  /**
   * Clone the row holding `{{line.*}}` once per line, renaming its placeholders per line. The
   * row is found with one search rather than by walking every table of the template.
   */
  private cloneLineRows(body: Body, count: number): void {
    const found = body.findText('\\{\\{line\\.');
    if (!found) return;
    let el: GoogleAppsScript.Document.Element | null = found.getElement();
    for (let up = 0; el && up < 6; up++) {
      if (el.getType() === DocumentApp.ElementType.TABLE_CELL) break;
      el = el.getParent();
    }
    if (!el || el.getType() !== DocumentApp.ElementType.TABLE_CELL) return;
    const cell = el.asTableCell();
    const row = cell.getParentRow();
    const table = cell.getParentTable();
    const r = table.getChildIndex(row);
    for (let i = 0; i < count; i++) {
      const clone = table.insertTableRow(r + 1 + i, row.copy());
      clone.replaceText('\\{\\{line\\.', `{{line.${i}.`);
    }
    table.removeRow(r);
  }

  exportPdf(docId: string, folderId: string, name: string, fresh = false): FileRef {
    const folder = this.folder(folderId);
    // A Doc made by this very run has no PDF yet: no need to look for one.
    if (!fresh) {
      const found = folder.getFilesByName(name);
      if (found.hasNext()) return this.keep(found.next());
    }
    const blob = this.file(docId).getAs('application/pdf').setName(name);
    return this.keep(folder.createFile(blob), blob);
  }

  shareWith(fileId: string, emails: readonly string[], access: 'view' | 'comment'): void {
    if (emails.length === 0) return;
    const file = this.file(fileId);
    for (const e of emails) {
      if (access === 'comment') file.addCommenter(e);
      else file.addViewer(e);
    }
  }
}
