/**
 * What DriveApp and DocumentApp share: URLs, Drive's export of a file (a Google Doc comes out as
 * a PDF rendered from its saved model), sharing lists and User handles.
 */
import { SimBlob } from './blob';
import type { SimContext } from './context';
import { containerText } from './doc-model';
import { MIME, type FileRecord, type FolderRecord } from './drive-state';
import { gasError } from './errors';
import { renderDocPdf } from './pdf';
import { instrument } from './recorder';

export const NO_ITEM =
  'No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.';
export const ITERATOR_END = 'Cannot retrieve the next object: iterator has reached the end.';

export function docUrl(id: string): string {
  return `https://docs.google.com/document/d/${id}/edit`;
}

export function fileUrl(rec: FileRecord): string {
  if (rec.mimeType === MIME.GOOGLE_DOCS) return docUrl(rec.id);
  if (rec.mimeType === MIME.GOOGLE_SHEETS) {
    return `https://docs.google.com/spreadsheets/d/${rec.id}/edit`;
  }
  return `https://drive.google.com/file/d/${rec.id}/view`;
}

/**
 * Simulator options for a whole process. `standInPdf`: a Doc exports as a small stand-in (a PDF
 * header and the Doc's text) instead of a rendered PDF, for the fault suite's thousands of runs,
 * which compare files by name and never look inside; everything else renders real PDFs.
 */
export const exportOptions = { standInPdf: false };

/**
 * The stand-in: a well-formed one-page PDF (catalog, pages, an empty page, a cross-reference
 * table, a trailer) carrying the Doc's text in comment lines, so that what is done to an exported
 * PDF (the Factur-X update) is done to it as to a real one.
 */
export function standInPdf(text: string): Buffer {
  const comment = text
    .split('\n')
    .map((l) => `% ${l}`)
    .join('\n');
  let body = `%PDF-1.4\n% stand-in\n${comment}\n`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
  ];
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body, 'utf8'));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'utf8');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f\r\n`;
  for (const at of offsets) body += `${String(at).padStart(10, '0')} 00000 n\r\n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'utf8');
}

/** What Drive exports for a file asked as `contentType` (getAs), or as is (null: getBlob). */
export function exportFile(rec: FileRecord, contentType: string | null): SimBlob {
  if (rec.doc) {
    const type = contentType ?? MIME.PDF;
    if (type === MIME.PDF) {
      const bytes = exportOptions.standInPdf
        ? standInPdf(containerText(rec.doc.body))
        : renderDocPdf(rec.doc, { title: rec.name, date: new Date(rec.updated) });
      return new SimBlob(new Uint8Array(bytes), MIME.PDF, `${rec.name}.pdf`);
    }
    if (type === MIME.PLAIN_TEXT) {
      const text = Buffer.from(containerText(rec.doc.body), 'utf8');
      return new SimBlob(new Uint8Array(text), MIME.PLAIN_TEXT, `${rec.name}.txt`);
    }
    throw gasError(`Converting from ${rec.mimeType} to ${type} is not supported.`);
  }
  const bytes = rec.bytes ?? new Uint8Array();
  if (contentType === null || contentType === rec.mimeType) {
    return new SimBlob(new Uint8Array(bytes), rec.mimeType, rec.name);
  }
  throw gasError(`Converting from ${rec.mimeType} to ${contentType} is not supported.`);
}

export function emailOf(user: string | GoogleAppsScript.Base.User): string {
  return typeof user === 'string' ? user : user.getEmail();
}

function checkEmail(email: string): string {
  const e = String(email).trim();
  if (!/^[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>]+$/.test(e)) throw gasError(`Invalid argument: ${e}`);
  return e;
}

export type ShareList = 'viewers' | 'commenters' | 'editors';

/** Give `email` one role on the item (a user holds one role; the owner keeps ownership). */
export function shareWith(rec: FileRecord | FolderRecord, list: ShareList, email: string): void {
  const e = checkEmail(email);
  if (e === rec.owner) return;
  for (const l of ['viewers', 'commenters', 'editors'] as const) {
    rec[l] = rec[l].filter((x) => x !== e);
  }
  rec[list].push(e);
}

export function unshare(rec: FileRecord | FolderRecord, list: ShareList, email: string): void {
  const e = String(email).trim();
  rec[list] = rec[list].filter((x) => x !== e);
}

class UserHandle implements Pick<
  GoogleAppsScript.Drive.User,
  'getEmail' | 'getName' | 'getDomain' | 'getPhotoUrl'
> {
  constructor(private readonly email: string) {}
  getEmail(): string {
    return this.email;
  }
  getName(): string {
    return this.email.split('@')[0] ?? '';
  }
  getDomain(): string {
    return this.email.split('@')[1] ?? '';
  }
  getPhotoUrl(): string {
    return '';
  }
}

export function userHandle(ctx: SimContext, email: string): GoogleAppsScript.Drive.User {
  return instrument(
    new UserHandle(email),
    'User',
    ctx.rec,
  ) as unknown as GoogleAppsScript.Drive.User;
}
