/**
 * DocsPort over DocumentApp and DriveApp: the template is copied, its placeholders replaced in
 * body, header and footer, its line row cloned once per line, then exported as PDF.
 */
import type { DocsPort, FileRef, TemplateLayout, TemplateParagraph } from '../app/ports';
import {
  escapeRegExp,
  placeholder,
  placeholdersIn,
  type DocumentModel,
} from '../render/document-model';

type Body = GoogleAppsScript.Document.Body;
/** Body, header, footer and table rows all offer these two. */
interface Fillable {
  getText(): string;
  replaceText(searchPattern: string, replacement: string): unknown;
}

const LINE_MARK = '{{line.';

function ref(f: GoogleAppsScript.Drive.File): FileRef {
  return { id: f.getId(), url: f.getUrl() };
}

/** Keys longest first, so `{{total}}` never eats the start of `{{total.ttc}}`-like keys. */
function orderedKeys(values: Readonly<Record<string, string>>): string[] {
  return Object.keys(values).sort((a, b) => b.length - a.length || a.localeCompare(b));
}

function fill(section: Fillable, values: Readonly<Record<string, string>>): void {
  const text = section.getText();
  for (const key of orderedKeys(values)) {
    const p = placeholder(key);
    if (!text.includes(p)) continue;
    // The search pattern is RE2: the placeholder is escaped; the replacement is literal text.
    section.replaceText(escapeRegExp(p), values[key] ?? '');
  }
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
  ): FileRef {
    const folder = DriveApp.getFolderById(folderId);
    if (existingDocId) return ref(DriveApp.getFileById(existingDocId));
    // A file of that name left by an interrupted run: reuse it if it was completed, else redo it.
    const found = folder.getFilesByName(name);
    while (found.hasNext()) {
      const f = found.next();
      const doc = DocumentApp.openById(f.getId());
      if (!doc.getBody().getText().includes('{{')) return ref(f);
      f.setTrashed(true);
    }
    const copy = DriveApp.getFileById(templateId).makeCopy(name, folder);
    const doc = DocumentApp.openById(copy.getId());
    const body = doc.getBody();
    this.fillLines(body, model);
    fill(body, model.placeholders);
    const header = doc.getHeader();
    if (header) fill(header, model.placeholders);
    const footer = doc.getFooter();
    if (footer) fill(footer, model.placeholders);
    doc.saveAndClose();
    return ref(copy);
  }

  private fillLines(body: Body, model: DocumentModel): void {
    for (const table of body.getTables()) {
      for (let r = 0; r < table.getNumRows(); r++) {
        const row = table.getRow(r);
        if (!row.getText().includes(LINE_MARK)) continue;
        model.lines.forEach((line, i) => {
          const copy = table.insertTableRow(r + 1 + i, row.copy());
          fill(copy, prefixed(line));
        });
        table.removeRow(r);
        return;
      }
    }
  }

  exportPdf(docId: string, folderId: string, name: string): FileRef {
    const folder = DriveApp.getFolderById(folderId);
    const found = folder.getFilesByName(name);
    if (found.hasNext()) return ref(found.next());
    const blob = DriveApp.getFileById(docId).getAs('application/pdf').setName(name);
    return ref(folder.createFile(blob));
  }

  shareWith(fileId: string, emails: readonly string[], access: 'view' | 'comment'): void {
    if (emails.length === 0) return;
    const file = DriveApp.getFileById(fileId);
    for (const e of emails) {
      if (access === 'comment') file.addCommenter(e);
      else file.addViewer(e);
    }
  }
}

function prefixed(line: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(line)) out[`line.${k}`] = v;
  return out;
}
