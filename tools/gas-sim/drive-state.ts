/**
 * Drive as persistent, serialisable world state: a folder tree under "My Drive", files holding
 * bytes or a Google Doc model, trash flags, sharing and times. Handles (drive.ts, docs.ts) are
 * created per execution over this state.
 *
 * Docs opened with DocumentApp are edited in a working copy owned by the execution; the saved
 * model, which Drive exports (getAs, getBlob, makeCopy) and the Docs API sees, is updated by
 * saveAndClose() or, as Apps Script does at the end of a script, once another execution touches
 * the Drive or the state is serialised.
 */
import { createHash } from 'node:crypto';
import { deepCopy, type DocModel } from './doc-model';
import { gasError } from './errors';

export const MIME = {
  GOOGLE_APPS_SCRIPT: 'application/vnd.google-apps.script',
  GOOGLE_DRAWINGS: 'application/vnd.google-apps.drawing',
  GOOGLE_DOCS: 'application/vnd.google-apps.document',
  GOOGLE_FORMS: 'application/vnd.google-apps.form',
  GOOGLE_SHEETS: 'application/vnd.google-apps.spreadsheet',
  GOOGLE_SITES: 'application/vnd.google-apps.site',
  GOOGLE_SLIDES: 'application/vnd.google-apps.presentation',
  FOLDER: 'application/vnd.google-apps.folder',
  SHORTCUT: 'application/vnd.google-apps.shortcut',
  BMP: 'image/bmp',
  GIF: 'image/gif',
  JPEG: 'image/jpeg',
  PNG: 'image/png',
  SVG: 'image/svg+xml',
  PDF: 'application/pdf',
  CSS: 'text/css',
  CSV: 'text/csv',
  HTML: 'text/html',
  JAVASCRIPT: 'application/javascript',
  PLAIN_TEXT: 'text/plain',
  RTF: 'application/rtf',
  OPENDOCUMENT_GRAPHICS: 'application/vnd.oasis.opendocument.graphics',
  OPENDOCUMENT_PRESENTATION: 'application/vnd.oasis.opendocument.presentation',
  OPENDOCUMENT_SPREADSHEET: 'application/vnd.oasis.opendocument.spreadsheet',
  OPENDOCUMENT_TEXT: 'application/vnd.oasis.opendocument.text',
  MICROSOFT_EXCEL: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  MICROSOFT_EXCEL_LEGACY: 'application/vnd.ms-excel',
  MICROSOFT_POWERPOINT: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  MICROSOFT_POWERPOINT_LEGACY: 'application/vnd.ms-powerpoint',
  MICROSOFT_WORD: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  MICROSOFT_WORD_LEGACY: 'application/msword',
  ZIP: 'application/zip',
} as const;

/** The `MimeType` global of Apps Script. */
export const MIME_TYPE: GoogleAppsScript.Base.MimeType = { ...MIME };

export type SharingAccess =
  'PRIVATE' | 'ANYONE' | 'ANYONE_WITH_LINK' | 'DOMAIN' | 'DOMAIN_WITH_LINK';
export type SharingPermission =
  'VIEW' | 'EDIT' | 'COMMENT' | 'OWNER' | 'ORGANIZER' | 'FILE_ORGANIZER' | 'NONE';

interface ItemBase {
  id: string;
  name: string;
  /** Folder ids; empty for the root folder. */
  parents: string[];
  trashed: boolean;
  description: string | null;
  owner: string;
  viewers: string[];
  commenters: string[];
  editors: string[];
  sharingAccess: SharingAccess;
  sharingPermission: SharingPermission;
  /** ISO timestamps of the simulated clock. */
  created: string;
  updated: string;
  /**
   * Made by the script (any Drive, DocumentApp or advanced-service call): the files that the
   * drive.file scope reaches ("files you use with this app"); the user's other files are not.
   */
  byApp?: boolean;
}

export type FolderRecord = ItemBase;

export interface FileRecord extends ItemBase {
  mimeType: string;
  /** Content of ordinary files; null for Google Docs. */
  bytes: Uint8Array | null;
  /** Saved content of a Google Doc. */
  doc: DocModel | null;
}

export type FileJson = Omit<FileRecord, 'bytes'> & { bytes: string | null };

export interface DriveJson {
  version: 1;
  rootId: string;
  seq: number;
  folders: FolderRecord[];
  files: FileJson[];
  docsDailyQuota?: number;
  docsCreated?: Record<string, number>;
}

/** Apps Script's text when the day's Docs creations are used up. */
export const DOCS_QUOTA_MESSAGE = 'Service invoked too many times for one day: docs create.';

/** Docs created per day: 250 for a consumer account (quotas page; ../shared/perf). */
export const DEFAULT_DOCS_DAILY_QUOTA = 250;

interface Pending {
  executionId: string;
  model: DocModel;
  /** Open Document handles of that execution. */
  open: number;
  touched: string;
}

const EPOCH = '1970-01-01T00:00:00.000Z';

function base(id: string, name: string, parents: string[], owner: string, now: string): ItemBase {
  return {
    id,
    name,
    parents,
    trashed: false,
    description: null,
    owner,
    viewers: [],
    commenters: [],
    editors: [],
    sharingAccess: 'PRIVATE',
    sharingPermission: 'NONE',
    created: now,
    updated: now,
  };
}

export interface NewFile {
  name: string;
  mimeType: string;
  bytes?: Uint8Array;
  doc?: DocModel;
  parentId?: string;
  owner?: string;
  now?: Date;
}

export class DriveState {
  readonly folders = new Map<string, FolderRecord>();
  readonly files = new Map<string, FileRecord>();
  rootId: string;
  /** Ids are derived from this counter so that runs are reproducible. */
  seq = 0;
  private readonly pending = new Map<string, Pending>();
  docsDailyQuota = DEFAULT_DOCS_DAILY_QUOTA;
  /** Google Docs created per day (`YYYY-MM-DD` in the world's zone). */
  docsCreated: Record<string, number> = {};

  /** Counts one Doc created on `day`; refuses it, as Apps Script does, past the daily quota. */
  countDocCreated(day: string): void {
    const n = this.docsCreated[day] ?? 0;
    if (n >= this.docsDailyQuota) throw gasError(DOCS_QUOTA_MESSAGE);
    this.docsCreated[day] = n + 1;
  }

  constructor(opts: { owner?: string; now?: Date } = {}) {
    this.rootId = `0A${this.hashId(0).slice(0, 17)}Uk9PVA`;
    const now = opts.now?.toISOString() ?? EPOCH;
    this.folders.set(this.rootId, base(this.rootId, 'My Drive', [], opts.owner ?? '', now));
  }

  private hashId(n: number): string {
    return createHash('sha256').update(`facturier-sim-drive:${n}`).digest('base64url');
  }

  /** A Drive-looking id: 33 characters for folders, 44 for files. */
  newId(kind: 'file' | 'folder'): string {
    this.seq += 1;
    const h = this.hashId(this.seq) + this.hashId(-this.seq);
    return `1${h.slice(0, kind === 'file' ? 43 : 32)}`;
  }

  root(): FolderRecord {
    return this.folders.get(this.rootId) as FolderRecord;
  }

  folder(id: string): FolderRecord | undefined {
    return this.folders.get(id);
  }

  file(id: string): FileRecord | undefined {
    return this.files.get(id);
  }

  addFolder(name: string, parentId = this.rootId, owner?: string, now?: Date): FolderRecord {
    this.requireFolder(parentId);
    const id = this.newId('folder');
    const rec = base(
      id,
      String(name),
      [parentId],
      owner ?? this.root().owner,
      (now ?? new Date(0)).toISOString(),
    );
    this.folders.set(id, rec);
    return rec;
  }

  addFile(f: NewFile): FileRecord {
    const parentId = f.parentId ?? this.rootId;
    this.requireFolder(parentId);
    const id = this.newId('file');
    const rec: FileRecord = {
      ...base(
        id,
        f.name,
        [parentId],
        f.owner ?? this.root().owner,
        (f.now ?? new Date(0)).toISOString(),
      ),
      mimeType: f.mimeType,
      bytes: f.bytes ? new Uint8Array(f.bytes) : null,
      doc: f.doc ? deepCopy(f.doc) : null,
    };
    this.files.set(id, rec);
    return rec;
  }

  private requireFolder(id: string): FolderRecord {
    const f = this.folders.get(id);
    if (!f) throw new Error(`No folder ${id} in the simulated Drive`);
    return f;
  }

  /** Trashed itself, or every parent folder trashed (recursively). */
  isTrashed(item: ItemBase): boolean {
    if (item.trashed) return true;
    if (item.parents.length === 0) return false;
    return item.parents.every((p) => {
      const f = this.folders.get(p);
      return f ? this.isTrashed(f) : true;
    });
  }

  childFolders(folderId: string): FolderRecord[] {
    return [...this.folders.values()].filter((f) => f.parents.includes(folderId));
  }

  childFiles(folderId: string): FileRecord[] {
    return [...this.files.values()].filter((f) => f.parents.includes(folderId));
  }

  /** 'Facturier/2026/11' style path of a folder or file from My Drive (first parent). */
  pathOf(id: string): string {
    const names: string[] = [];
    let cur: ItemBase | undefined = this.files.get(id) ?? this.folders.get(id);
    while (cur && cur.id !== this.rootId) {
      names.unshift(cur.name);
      const parent: string | undefined = cur.parents[0];
      cur = parent === undefined ? undefined : this.folders.get(parent);
    }
    return names.join('/');
  }

  /** Files and folders not in the trash whose path matches exactly. */
  findByPath(path: string): (FileRecord | FolderRecord)[] {
    const all: (FileRecord | FolderRecord)[] = [...this.folders.values(), ...this.files.values()];
    return all.filter(
      (x) => !this.isTrashed(x) && x.id !== this.rootId && this.pathOf(x.id) === path,
    );
  }

  // --- Docs working copies -----------------------------------------------------------

  /** End-of-script auto-save for every execution but the given one. */
  settleOthers(executionId: string): void {
    for (const [id, p] of [...this.pending]) {
      if (p.executionId !== executionId) this.commit(id);
    }
  }

  /** The working copy of a Doc for this execution (opened on first use). */
  openDoc(fileId: string, executionId: string, now: Date): DocModel {
    this.settleOthers(executionId);
    const f = this.files.get(fileId);
    if (!f?.doc) throw new Error(`${fileId} is not a Google Doc`);
    let p = this.pending.get(fileId);
    if (!p) {
      p = { executionId, model: deepCopy(f.doc), open: 0, touched: now.toISOString() };
      this.pending.set(fileId, p);
    }
    p.open += 1;
    return p.model;
  }

  /** The execution's working copy if it has the Doc open, for edits made outside DocumentApp. */
  workingCopy(fileId: string, executionId: string): DocModel | null {
    const p = this.pending.get(fileId);
    return p && p.executionId === executionId ? p.model : null;
  }

  touchDoc(fileId: string, now: Date): void {
    const p = this.pending.get(fileId);
    if (p) p.touched = now.toISOString();
  }

  /** saveAndClose: the working copy becomes the saved content. */
  closeDoc(fileId: string, now: Date): void {
    const p = this.pending.get(fileId);
    if (!p) return;
    p.touched = now.toISOString();
    p.open -= 1;
    const f = this.files.get(fileId);
    if (f) {
      f.doc = deepCopy(p.model);
      f.updated = p.touched;
    }
    if (p.open <= 0) this.pending.delete(fileId);
  }

  private commit(fileId: string): void {
    const p = this.pending.get(fileId);
    if (!p) return;
    const f = this.files.get(fileId);
    if (f) {
      f.doc = deepCopy(p.model);
      f.updated = p.touched;
    }
    this.pending.delete(fileId);
  }

  /** Save every open working copy (the end of all scripts). */
  settleAll(): void {
    for (const id of [...this.pending.keys()]) this.commit(id);
  }

  toJSON(): DriveJson {
    this.settleAll();
    return {
      version: 1,
      rootId: this.rootId,
      seq: this.seq,
      folders: [...this.folders.values()].map((f) => deepCopy(f)),
      files: [...this.files.values()].map((f) => ({
        ...deepCopy({ ...f, bytes: null }),
        bytes: f.bytes ? Buffer.from(f.bytes).toString('base64') : null,
      })),
      docsDailyQuota: this.docsDailyQuota,
      docsCreated: { ...this.docsCreated },
    };
  }

  static fromJSON(j: DriveJson): DriveState {
    const d = new DriveState();
    d.folders.clear();
    d.rootId = j.rootId;
    d.seq = j.seq;
    d.docsDailyQuota = j.docsDailyQuota ?? DEFAULT_DOCS_DAILY_QUOTA;
    d.docsCreated = { ...(j.docsCreated ?? {}) };
    for (const f of j.folders) d.folders.set(f.id, deepCopy(f));
    for (const f of j.files) {
      d.files.set(f.id, {
        ...deepCopy({ ...f, bytes: null }),
        bytes: f.bytes === null ? null : new Uint8Array(Buffer.from(f.bytes, 'base64')),
      });
    }
    return d;
  }
}
