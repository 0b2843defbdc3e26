/**
 * DocsPort over DocumentApp, the advanced Drive service and the advanced Docs service: the
 * template is copied (Drive API files.copy, drive.file), its line row cloned once per line
 * (DocumentApp), every placeholder (body, header, footer, lines) replaced in one Docs API
 * batchUpdate, then the Doc is exported as PDF (Document.getAs) and stored (files.create).
 */
import type { DocsPort, FileRef, TemplateLayout, TemplateParagraph } from '../app/ports';
import { childrenNamed, DOC_MIME, docUrl, driveApi, fileUrl, PDF_MIME } from './drive-api';
import { FileCache } from './files';
import {
  escapeRegExp,
  inert,
  placeholder,
  placeholdersIn,
  type DocumentModel,
} from '../render/document-model';

type Body = GoogleAppsScript.Document.Body;

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
  constructor(private readonly cache: FileCache = new FileCache()) {}

  /**
   * Made in its folder by the Drive API (no move afterwards, which DriveApp would need the drive
   * scope for), laid out with DocumentApp under a working name, and given its name only once
   * complete: a run stopped half-way leaves no half-made template under the real name, and the
   * next run puts the leftover in the trash before starting again.
   */
  createTemplate(folderId: string, name: string, layout: TemplateLayout): FileRef {
    const working = `${name} (en cours de création)`;
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

  renderDoc(
    templateId: string,
    folderId: string,
    name: string,
    model: DocumentModel,
    existingDocId: string | null,
  ): FileRef & { created: boolean } {
    if (existingDocId) return { id: existingDocId, url: docUrl(existingDocId), created: false };
    // A file of that name left by an interrupted run: reuse it if it was completed, else redo it.
    for (const id of childrenNamed(folderId, name, false)) {
      const doc = DocumentApp.openById(id);
      if (!doc.getBody().getText().includes('{{')) return { id, url: docUrl(id), created: false };
      driveApi().Files.update({ trashed: true }, id);
    }
    const id = String(driveApi().Files.copy({ name, parents: [folderId] }, templateId).id);
    const doc = DocumentApp.openById(id);
    // DocumentApp clones the line row with its style (the Docs API cannot copy a row); each
    // clone's placeholders are renamed `{{line.N.key}}`, so that one batchUpdate then fills
    // every placeholder of body, header, footer and lines in a single request.
    this.cloneLineRows(doc.getBody(), model.lines.length);
    for (const key of model.drop ?? []) this.dropParagraph(doc.getBody(), key);
    doc.saveAndClose();
    const values: Record<string, string> = { ...model.placeholders };
    model.lines.forEach((line, i) => {
      for (const [k, v] of Object.entries(line)) values[`line.${i}.${k}`] = v;
    });
    const requests = orderedKeys(values).map((key) => ({
      replaceAllText: {
        containsText: { text: placeholder(key), matchCase: true },
        replaceText: inert(values[key] ?? ''),
      },
    }));
    if (requests.length > 0) docsApi().batchUpdate({ requests }, id);
    return { id, url: docUrl(id), created: true };
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

  /**
   * The paragraph holding `{{key}}` leaves the Doc (Paragraph.removeFromParent,
   * developers.google.com/apps-script/reference/document/paragraph#removeFromParent()); a
   * section's last paragraph cannot be removed, so that one is emptied instead.
   */
  private dropParagraph(body: Body, key: string): void {
    const found = body.findText(escapeRegExp(placeholder(key)));
    if (!found) return;
    const parent = found.getElement().getParent();
    if (parent.getType() !== DocumentApp.ElementType.PARAGRAPH) return;
    const paragraph = parent.asParagraph();
    try {
      paragraph.removeFromParent();
    } catch {
      // "Can't remove the last paragraph in a document section."
      paragraph.setText('');
    }
  }

  exportPdf(
    docId: string,
    folderId: string,
    name: string,
    fresh = false,
    transform?: (pdf: Uint8Array) => Uint8Array,
  ): FileRef {
    // A Doc made by this very run has no PDF yet: no need to look for one.
    if (!fresh) {
      const found = childrenNamed(folderId, name, false)[0];
      if (found) return { id: found, url: fileUrl(found) };
    }
    // The Doc is reopened: a Document closed by saveAndClose cannot be exported, and the Docs
    // API's edits are in the saved Doc only.
    let blob = DocumentApp.openById(docId).getAs(PDF_MIME).setName(name);
    if (transform) {
      // Blob bytes are Java's signed bytes (-128..127) both ways.
      const out = transform(Uint8Array.from(blob.getBytes(), (b) => b & 0xff));
      blob = Utilities.newBlob(
        Array.from(out, (b) => (b > 127 ? b - 256 : b)),
        PDF_MIME,
        name,
      );
    }
    const id = String(
      driveApi().Files.create({ name, mimeType: PDF_MIME, parents: [folderId] }, blob).id,
    );
    this.cache.keep(id, blob);
    return { id, url: fileUrl(id) };
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
