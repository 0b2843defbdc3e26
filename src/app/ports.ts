/**
 * What the use cases need from the outside world. src/gas implements these with Apps Script;
 * the use cases and the pure layers never see an Apps Script global.
 */
import type { CellValue } from '../sheets/cells';
import type { DocumentModel } from '../render/document-model';
import type { TemplateLayout } from '../render/template-layout';

export type { TemplateBlock, TemplateLayout, TemplateParagraph } from '../render/template-layout';

export interface TabFormat {
  /** Number format per column (1-based index into the header), e.g. '#,##0.00' or 'dd/MM/yyyy'. */
  numberFormats: readonly (string | null)[];
  /** Dropdown values per column, or null. */
  dropdowns: readonly (readonly string[] | null)[];
  protect: boolean;
  frozenRows: number;
}

export interface WorkbookPort {
  readonly timeZone: string;
  /**
   * Read the list of tabs again: a run reads it first before it holds the lock (to know whether
   * it has anything to do), and another run may have added a tab since.
   */
  refresh(): void;
  sheetNames(): string[];
  /** The whole data range of a tab, header first (one read); null when the tab does not exist. */
  read(name: string): CellValue[][] | null;
  /**
   * Number formats of `rows` rows (header included) of `width` columns from `column`, in one
   * call: how percent columns tell `300 %` (stored as 3) from 3.
   */
  readNumberFormats(name: string, rows: number, column: number, width: number): string[][];
  /** The header row only (set-up), without reading the data below it. */
  readHeader(name: string): CellValue[] | null;
  createTab(name: string, headers: readonly string[], format: TabFormat): void;
  /** What createTab does after inserting the tab, again on a tab a stopped run left half made. */
  finishTab(name: string, headers: readonly string[], format: TabFormat): void;
  /** Append header cells after the last column (set-up adding a missing column). */
  addColumns(
    name: string,
    startColumn: number,
    headers: readonly string[],
    format: TabFormat,
  ): void;
  /**
   * Write a block of cells at (row, column), 1-based, in one call; `numberFormats` (same shape)
   * formats the cells too, for rows appended to a tab users formatted themselves.
   */
  write(
    name: string,
    row: number,
    column: number,
    values: readonly (readonly CellValue[])[],
    numberFormats?: readonly (readonly string[])[],
  ): void;
  /** Backgrounds and font colours for a block: one range, two batched calls. */
  writeColours(
    name: string,
    row: number,
    column: number,
    backgrounds: readonly (readonly string[])[],
    fontColours: readonly (readonly string[])[],
  ): void;
  toast(message: string, title?: string): void;
}

export interface FileRef {
  id: string;
  url: string;
}

export interface DrivePort {
  /** Find or create the folder path under the root ('Facturier', '2026', '11'). */
  ensureFolder(path: readonly string[]): FileRef;
  folderExists(id: string): boolean;
  fileExists(id: string): boolean;
  /** A file with this exact name in the folder (not trashed), for re-runs after a crash. */
  findFile(folderId: string, name: string): FileRef | null;
  /**
   * A text file (UTF-8) in the folder; one of that name already there (a run stopped after
   * making it) is kept, unless `fresh` says none can exist yet.
   */
  /** A file of bytes in the folder; one of that name already there is kept. */
  createBinaryFile(folderId: string, name: string, mimeType: string, bytes: Uint8Array): FileRef;
  createTextFile(
    folderId: string,
    name: string,
    mimeType: string,
    content: string,
    fresh?: boolean,
  ): FileRef;
  /**
   * A text file (UTF-8) in the folder that replaces the ones of that name: the new file is made
   * first, then the others go to the trash, so that a run stopped in between leaves two files
   * (the next run trashes the older), never none.
   */
  replaceTextFile(folderId: string, name: string, mimeType: string, content: string): FileRef;
}

export interface RenderJob {
  templateId: string;
  folderId: string;
  /** The Doc's name; its PDF and XML are `name.pdf` and `name.xml`. */
  name: string;
  model: DocumentModel;
  /** The Doc this document already has (an earlier version's run): only its PDF is made. */
  docId: string | null;
  /**
   * An earlier run started this document and stopped before recording it: files of its names
   * left in the folder go to the trash first.
   */
  leftovers: boolean;
  /** Applied to the exported PDF before it is stored (the Factur-X embedding). */
  transform?: (pdf: Uint8Array) => Uint8Array;
  /** The e-invoice XML stored beside the PDF; null for none. */
  xml: string | null;
}

export type RenderResult =
  | { ok: true; doc: FileRef; pdf: FileRef; xml: FileRef | null; created: boolean }
  | {
      ok: false;
      error: string;
      /** A daily Docs quota, another limit (429, 5xx after retries), or this document's own fault. */
      quota: 'docs' | 'other' | null;
    };

export interface DocsPort {
  /** Create the invoice template Doc in the folder; returns its id. */
  createTemplate(folderId: string, name: string, model: TemplateLayout): FileRef;
  /** Placeholders found in a template (body, header, footer), for the template check. */
  templatePlaceholders(templateId: string): string[];
  /**
   * Make a wave of documents at once: each Doc copied from the template and filled, its PDF
   * exported (through `transform`: the Factur-X embedding) and stored, its e-invoice XML stored
   * beside it. Results in job order; one job's failure never stops the others.
   */
  renderBatch(jobs: readonly RenderJob[]): RenderResult[];
  shareWith(fileId: string, emails: readonly string[], access: 'view' | 'comment'): void;
}

export interface Attachment {
  /** The PDF in Drive. */
  fileId: string;
  /** The Doc it was exported from, exported again when this run does not hold the PDF. */
  docId: string;
  name: string;
  /** Applied to a PDF exported again (the Factur-X embedding), as when it was first made. */
  transform?: (pdf: Uint8Array) => Uint8Array;
}

export interface MailMessage {
  to: readonly string[];
  cc?: readonly string[];
  subject: string;
  text: string;
  html: string;
  senderName: string;
  replyTo: string;
  attachments: readonly Attachment[];
}

export interface MailPort {
  remainingQuota(): number;
  send(message: MailMessage): void;
}

export interface StorePort {
  get(key: string): string | null;
  set(key: string, value: string): void;
  /** Removes every key given, in one write. */
  remove(...keys: string[]): void;
  /** The keys that start with `prefix`. */
  keys(prefix: string): string[];
}

export interface LockPort {
  /** Try to take the document lock for up to `ms`; false if another run holds it. */
  tryLock(ms: number): boolean;
  release(): void;
}

export interface TriggerPort {
  /** Handler names of the time-driven triggers this add-on created for this document. */
  list(): { id: string; handler: string }[];
  createHourly(handler: string): string;
  remove(id: string): void;
}

export interface ClockPort {
  now(): Date;
  /** When this execution started (epoch ms): Apps Script's time limit counts from there. */
  readonly startMs: number;
}

export interface UiPort {
  /** False in a time-driven trigger: no one to show anything to. */
  readonly interactive: boolean;
  alert(title: string, message: string): void;
  confirm(title: string, message: string): boolean;
  menu(title: string, items: readonly { caption: string; handler: string }[]): void;
  sidebar(title: string, html: string): void;
  dialog(title: string, html: string): void;
}

export interface Ports {
  workbook: WorkbookPort;
  drive: DrivePort;
  docs: DocsPort;
  mail: MailPort;
  store: StorePort;
  lock: LockPort;
  triggers: TriggerPort;
  clock: ClockPort;
  ui: UiPort;
  newId(): string;
  log(message: string): void;
}
