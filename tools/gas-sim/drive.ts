/**
 * DriveApp of the in-memory Apps Script: per-execution handles (DriveApp, Folder, File,
 * FileIterator, FolderIterator, User) over DriveState, each counted under Apps Script's class
 * name. Also the entry point for DocumentApp and the advanced Docs service, and the writer that
 * exports a Drive to a directory for the local runner.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { asBlob, type SimBlob, toSimBlob } from './blob';
import type { SimContext } from './context';
import { deepCopy } from './doc-model';
import {
  DriveState,
  MIME,
  type FileRecord,
  type FolderRecord,
  type SharingAccess,
  type SharingPermission,
} from './drive-state';
import {
  emailOf,
  exportFile,
  fileUrl,
  ITERATOR_END,
  NO_ITEM,
  shareWith,
  unshare,
  userHandle,
  type ShareList,
} from './drive-files';
import { gasError } from './errors';
import { instrument } from './recorder';

export { DriveState, MIME, MIME_TYPE } from './drive-state';
export type { DriveJson, FileRecord, FolderRecord, NewFile } from './drive-state';
export { createDocumentApp } from './docs';
export { createDocsAdvanced } from './docs-api';
export { docUrl, exportFile, fileUrl, ITERATOR_END, NO_ITEM } from './drive-files';

type RealFile = GoogleAppsScript.Drive.File;
type RealFolder = GoogleAppsScript.Drive.Folder;
type RealUser = GoogleAppsScript.Drive.User;

const ACCESS: Record<SharingAccess, SharingAccess> = {
  ANYONE: 'ANYONE',
  ANYONE_WITH_LINK: 'ANYONE_WITH_LINK',
  DOMAIN: 'DOMAIN',
  DOMAIN_WITH_LINK: 'DOMAIN_WITH_LINK',
  PRIVATE: 'PRIVATE',
};
const PERMISSION: Record<SharingPermission, SharingPermission> = {
  VIEW: 'VIEW',
  EDIT: 'EDIT',
  COMMENT: 'COMMENT',
  OWNER: 'OWNER',
  ORGANIZER: 'ORGANIZER',
  FILE_ORGANIZER: 'FILE_ORGANIZER',
  NONE: 'NONE',
};

/** Handles of one execution over a DriveState. */
export class DriveSession {
  constructor(readonly ctx: SimContext) {}

  get drive(): DriveState {
    return this.ctx.world.drive;
  }

  nowIso(): string {
    return this.ctx.now().toISOString();
  }

  settle(): void {
    this.drive.settleOthers(this.ctx.executionId);
  }

  user(email: string): RealUser {
    return userHandle(this.ctx, email);
  }

  file(rec: FileRecord): RealFile {
    const h = new FileHandle(this, rec);
    return instrument(h, 'File', this.ctx.rec) as unknown as RealFile;
  }

  folder(rec: FolderRecord): RealFolder {
    const h = new FolderHandle(this, rec);
    return instrument(h, 'Folder', this.ctx.rec) as unknown as RealFolder;
  }

  files(recs: FileRecord[]): GoogleAppsScript.Drive.FileIterator {
    const it = new ItemIterator(recs.map((r) => () => this.file(r)));
    return instrument(
      it,
      'FileIterator',
      this.ctx.rec,
    ) as unknown as GoogleAppsScript.Drive.FileIterator;
  }

  folders(recs: FolderRecord[]): GoogleAppsScript.Drive.FolderIterator {
    const it = new ItemIterator(recs.map((r) => () => this.folder(r)));
    return instrument(
      it,
      'FolderIterator',
      this.ctx.rec,
    ) as unknown as GoogleAppsScript.Drive.FolderIterator;
  }

  live<T extends FileRecord | FolderRecord>(items: T[]): T[] {
    return items.filter((x) => !this.drive.isTrashed(x));
  }

  fileRecord(id: string): FileRecord {
    const rec = this.drive.file(String(id));
    if (!rec) throw gasError(NO_ITEM);
    return rec;
  }

  folderRecord(id: string): FolderRecord {
    const rec = this.drive.folder(String(id));
    if (!rec) throw gasError(NO_ITEM);
    return rec;
  }

  /** The record behind a File handle passed by a script. */
  fileOf(h: unknown): FileRecord {
    const rec = (h as Partial<FileHandle> | null)?.simRecord?.();
    if (!rec || !('mimeType' in rec)) throw gasError('Invalid argument: file');
    return rec;
  }

  folderOf(h: unknown): FolderRecord {
    const rec = (h as Partial<FolderHandle> | null)?.simRecord?.();
    if (!rec || 'mimeType' in rec) throw gasError('Invalid argument: folder');
    return rec;
  }

  createFolder(name: string, parentId: string): RealFolder {
    this.settle();
    if (String(name ?? '') === '') throw gasError('Invalid argument: name');
    const rec = this.drive.addFolder(
      String(name),
      parentId,
      this.ctx.world.userEmail,
      this.ctx.now(),
    );
    rec.byApp = true;
    return this.folder(rec);
  }

  createFile(
    parentId: string,
    nameOrBlob: string | GoogleAppsScript.Base.BlobSource,
    content?: string,
    mimeType?: string,
  ): RealFile {
    this.settle();
    let name: string;
    let bytes: Uint8Array;
    let type: string;
    if (typeof nameOrBlob === 'string') {
      name = nameOrBlob;
      bytes = new Uint8Array(Buffer.from(String(content ?? ''), 'utf8'));
      type = mimeType ?? MIME.PLAIN_TEXT;
    } else {
      const blob = toSimBlob(nameOrBlob);
      name = blob.name ?? 'Untitled';
      bytes = new Uint8Array(blob.bytes);
      type = blob.contentType ?? 'application/octet-stream';
    }
    if (name === '') throw gasError('Invalid argument: name');
    if (type.startsWith('application/vnd.google-apps.')) {
      throw gasError(`Invalid argument: ${type} cannot be created from content`);
    }
    const rec = this.drive.addFile({
      name,
      mimeType: type,
      bytes,
      parentId,
      owner: this.ctx.world.userEmail,
      now: this.ctx.now(),
    });
    rec.byApp = true;
    return this.file(rec);
  }
}

class ItemIterator<T> {
  private i = 0;
  constructor(private readonly items: (() => T)[]) {}
  hasNext(): boolean {
    return this.i < this.items.length;
  }
  next(): T {
    const make = this.items[this.i];
    if (!make) throw gasError(ITERATOR_END);
    this.i += 1;
    return make();
  }
  getContinuationToken(): string {
    return `sim-iterator:${this.i}`;
  }
}

abstract class ItemHandle<R extends FileRecord | FolderRecord> {
  constructor(
    protected readonly s: DriveSession,
    protected readonly rec: R,
  ) {}

  simRecord(): R {
    return this.rec;
  }

  protected touch(): void {
    this.rec.updated = this.s.nowIso();
  }

  protected share(list: ShareList, email: string): void {
    shareWith(this.rec, list, email);
  }

  protected unshare(list: ShareList, email: string): void {
    unshare(this.rec, list, email);
  }

  getId(): string {
    return this.rec.id;
  }
  getName(): string {
    return this.rec.name;
  }
  getDescription(): string | null {
    return this.rec.description;
  }
  getDateCreated(): GoogleAppsScript.Base.Date {
    return new Date(this.rec.created);
  }
  getLastUpdated(): GoogleAppsScript.Base.Date {
    return new Date(this.rec.updated);
  }
  isTrashed(): boolean {
    return this.rec.trashed;
  }
  getParents(): GoogleAppsScript.Drive.FolderIterator {
    const parents = this.rec.parents
      .map((p) => this.s.drive.folder(p))
      .filter((f): f is FolderRecord => f !== undefined);
    return this.s.folders(parents);
  }
  getOwner(): RealUser {
    return this.s.user(this.rec.owner || this.s.ctx.world.userEmail);
  }
  /** Drive lists commenters among the viewers. */
  getViewers(): RealUser[] {
    return [...this.rec.viewers, ...this.rec.commenters].map((e) => this.s.user(e));
  }
  getEditors(): RealUser[] {
    return this.rec.editors.map((e) => this.s.user(e));
  }
  getSharingAccess(): GoogleAppsScript.Drive.Access {
    return this.rec.sharingAccess as unknown as GoogleAppsScript.Drive.Access;
  }
  getSharingPermission(): GoogleAppsScript.Drive.Permission {
    return this.rec.sharingPermission as unknown as GoogleAppsScript.Drive.Permission;
  }
  getAccess(user: string | GoogleAppsScript.Base.User): GoogleAppsScript.Drive.Permission {
    const e = emailOf(user);
    let p: SharingPermission = 'NONE';
    if (e === this.rec.owner) p = 'OWNER';
    else if (this.rec.editors.includes(e)) p = 'EDIT';
    else if (this.rec.commenters.includes(e)) p = 'COMMENT';
    else if (this.rec.viewers.includes(e)) p = 'VIEW';
    return p as unknown as GoogleAppsScript.Drive.Permission;
  }

  protected applySharing(
    access: GoogleAppsScript.Drive.Access,
    permission: GoogleAppsScript.Drive.Permission,
  ): void {
    const a = String(access) as SharingAccess;
    const p = String(permission) as SharingPermission;
    if (!(a in ACCESS) || !(p in PERMISSION)) throw gasError('Invalid argument: sharing');
    this.rec.sharingAccess = a;
    this.rec.sharingPermission = a === 'PRIVATE' ? 'NONE' : p;
  }
}

type FileMethods =
  | 'getId'
  | 'getName'
  | 'setName'
  | 'getMimeType'
  | 'getUrl'
  | 'getDownloadUrl'
  | 'getBlob'
  | 'getAs'
  | 'makeCopy'
  | 'moveTo'
  | 'getParents'
  | 'setTrashed'
  | 'isTrashed'
  | 'getSize'
  | 'getDateCreated'
  | 'getLastUpdated'
  | 'addViewer'
  | 'addViewers'
  | 'addCommenter'
  | 'addCommenters'
  | 'addEditor'
  | 'addEditors'
  | 'removeViewer'
  | 'removeCommenter'
  | 'removeEditor'
  | 'getViewers'
  | 'getEditors'
  | 'getOwner'
  | 'getAccess'
  | 'setSharing'
  | 'getSharingAccess'
  | 'getSharingPermission'
  | 'setDescription'
  | 'getDescription'
  | 'setContent'
  | 'isStarred'
  | 'setStarred';

class FileHandle extends ItemHandle<FileRecord> implements Pick<RealFile, FileMethods> {
  private starred = false;

  private self(): RealFile {
    return this.s.file(this.rec);
  }
  setName(name: string): RealFile {
    if (String(name ?? '') === '') throw gasError('Invalid argument: name');
    this.rec.name = String(name);
    this.touch();
    return this.self();
  }
  getMimeType(): string {
    return this.rec.mimeType;
  }
  getUrl(): string {
    return fileUrl(this.rec);
  }
  getDownloadUrl(): string {
    return `https://drive.google.com/uc?id=${this.rec.id}&export=download`;
  }
  getSize(): GoogleAppsScript.Integer {
    return this.rec.bytes?.length ?? 0;
  }
  /** Google Docs come out as PDF; pending DocumentApp edits are not in it until saved. */
  getBlob(): GoogleAppsScript.Base.Blob {
    this.s.settle();
    return asBlob(this.simBlob());
  }
  getAs(contentType: string): GoogleAppsScript.Base.Blob {
    this.s.settle();
    return asBlob(exportFile(this.rec, String(contentType)));
  }
  simBlob(): SimBlob {
    return exportFile(this.rec, null);
  }
  makeCopy(nameOrDestination?: string | RealFolder, destination?: RealFolder): RealFile {
    this.s.settle();
    let name = `Copy of ${this.rec.name}`;
    let parents = [...this.rec.parents];
    if (typeof nameOrDestination === 'string') name = nameOrDestination;
    else if (nameOrDestination !== undefined) parents = [this.s.folderOf(nameOrDestination).id];
    if (destination !== undefined) parents = [this.s.folderOf(destination).id];
    if (this.rec.doc) this.s.drive.countDocCreated(this.s.ctx.world.today);
    const rec = this.s.drive.addFile({
      name,
      mimeType: this.rec.mimeType,
      ...(this.rec.bytes ? { bytes: this.rec.bytes } : {}),
      ...(this.rec.doc ? { doc: deepCopy(this.rec.doc) } : {}),
      parentId: parents[0] ?? this.s.drive.rootId,
      owner: this.s.ctx.world.userEmail,
      now: this.s.ctx.now(),
    });
    rec.parents = parents.length > 0 ? parents : [this.s.drive.rootId];
    rec.description = this.rec.description;
    rec.byApp = true;
    return this.s.file(rec);
  }
  moveTo(destination: RealFolder): RealFile {
    this.rec.parents = [this.s.folderOf(destination).id];
    this.touch();
    return this.self();
  }
  setTrashed(trashed: boolean): RealFile {
    this.rec.trashed = Boolean(trashed);
    this.touch();
    return this.self();
  }
  setDescription(description: string): RealFile {
    this.rec.description = String(description);
    return this.self();
  }
  setContent(content: string): RealFile {
    if (this.rec.doc) throw gasError('Cannot set content of a Google Docs file.');
    this.rec.bytes = new Uint8Array(Buffer.from(String(content), 'utf8'));
    this.touch();
    return this.self();
  }
  isStarred(): boolean {
    return this.starred;
  }
  setStarred(starred: boolean): RealFile {
    this.starred = Boolean(starred);
    return this.self();
  }
  addViewer(user: string | GoogleAppsScript.Base.User): RealFile {
    this.share('viewers', emailOf(user));
    return this.self();
  }
  addViewers(emails: string[]): RealFile {
    for (const e of emails) this.share('viewers', e);
    return this.self();
  }
  addCommenter(user: string | GoogleAppsScript.Base.User): RealFile {
    this.share('commenters', emailOf(user));
    return this.self();
  }
  addCommenters(emails: string[]): RealFile {
    for (const e of emails) this.share('commenters', e);
    return this.self();
  }
  addEditor(user: string | GoogleAppsScript.Base.User): RealFile {
    this.share('editors', emailOf(user));
    return this.self();
  }
  addEditors(emails: string[]): RealFile {
    for (const e of emails) this.share('editors', e);
    return this.self();
  }
  removeViewer(user: string | GoogleAppsScript.Base.User): RealFile {
    this.unshare('viewers', emailOf(user));
    this.unshare('commenters', emailOf(user));
    return this.self();
  }
  removeCommenter(user: string | GoogleAppsScript.Base.User): RealFile {
    this.unshare('commenters', emailOf(user));
    return this.self();
  }
  removeEditor(user: string | GoogleAppsScript.Base.User): RealFile {
    this.unshare('editors', emailOf(user));
    return this.self();
  }
  setSharing(
    accessType: GoogleAppsScript.Drive.Access,
    permissionType: GoogleAppsScript.Drive.Permission,
  ): RealFile {
    this.applySharing(accessType, permissionType);
    return this.self();
  }
}

type FolderMethods =
  | 'getId'
  | 'getName'
  | 'setName'
  | 'getUrl'
  | 'createFolder'
  | 'createFile'
  | 'getFolders'
  | 'getFoldersByName'
  | 'getFiles'
  | 'getFilesByName'
  | 'getFilesByType'
  | 'addFile'
  | 'removeFile'
  | 'addFolder'
  | 'removeFolder'
  | 'moveTo'
  | 'getParents'
  | 'setTrashed'
  | 'isTrashed'
  | 'getDateCreated'
  | 'getLastUpdated'
  | 'getDescription'
  | 'setDescription'
  | 'addViewer'
  | 'addEditor'
  | 'getViewers'
  | 'getEditors'
  | 'getOwner'
  | 'setSharing'
  | 'getSharingAccess'
  | 'getSharingPermission'
  | 'getSize';

class FolderHandle extends ItemHandle<FolderRecord> implements Pick<RealFolder, FolderMethods> {
  private self(): RealFolder {
    return this.s.folder(this.rec);
  }
  setName(name: string): RealFolder {
    if (String(name ?? '') === '') throw gasError('Invalid argument: name');
    this.rec.name = String(name);
    this.touch();
    return this.self();
  }
  getUrl(): string {
    return `https://drive.google.com/drive/folders/${this.rec.id}`;
  }
  getSize(): GoogleAppsScript.Integer {
    return 0;
  }
  createFolder(name: string): RealFolder {
    return this.s.createFolder(name, this.rec.id);
  }
  createFile(
    nameOrBlob: string | GoogleAppsScript.Base.BlobSource,
    content?: string,
    mimeType?: string,
  ): RealFile {
    return this.s.createFile(this.rec.id, nameOrBlob, content, mimeType);
  }
  getFolders(): GoogleAppsScript.Drive.FolderIterator {
    return this.s.folders(this.s.live(this.s.drive.childFolders(this.rec.id)));
  }
  getFoldersByName(name: string): GoogleAppsScript.Drive.FolderIterator {
    const n = String(name);
    return this.s.folders(
      this.s.live(this.s.drive.childFolders(this.rec.id)).filter((f) => f.name === n),
    );
  }
  getFiles(): GoogleAppsScript.Drive.FileIterator {
    return this.s.files(this.s.live(this.s.drive.childFiles(this.rec.id)));
  }
  getFilesByName(name: string): GoogleAppsScript.Drive.FileIterator {
    const n = String(name);
    return this.s.files(
      this.s.live(this.s.drive.childFiles(this.rec.id)).filter((f) => f.name === n),
    );
  }
  getFilesByType(mimeType: string): GoogleAppsScript.Drive.FileIterator {
    const t = String(mimeType);
    return this.s.files(
      this.s.live(this.s.drive.childFiles(this.rec.id)).filter((f) => f.mimeType === t),
    );
  }
  addFile(child: RealFile): RealFolder {
    const f = this.s.fileOf(child);
    if (!f.parents.includes(this.rec.id)) f.parents.push(this.rec.id);
    return this.self();
  }
  removeFile(child: RealFile): RealFolder {
    const f = this.s.fileOf(child);
    f.parents = f.parents.filter((p) => p !== this.rec.id);
    return this.self();
  }
  addFolder(child: RealFolder): RealFolder {
    const f = this.s.folderOf(child);
    if (!f.parents.includes(this.rec.id)) f.parents.push(this.rec.id);
    return this.self();
  }
  removeFolder(child: RealFolder): RealFolder {
    const f = this.s.folderOf(child);
    f.parents = f.parents.filter((p) => p !== this.rec.id);
    return this.self();
  }
  moveTo(destination: RealFolder): RealFolder {
    if (this.rec.id === this.s.drive.rootId) throw gasError('Cannot move the root folder.');
    this.rec.parents = [this.s.folderOf(destination).id];
    this.touch();
    return this.self();
  }
  setTrashed(trashed: boolean): RealFolder {
    if (this.rec.id === this.s.drive.rootId) throw gasError('Cannot trash the root folder.');
    this.rec.trashed = Boolean(trashed);
    this.touch();
    return this.self();
  }
  setDescription(description: string): RealFolder {
    this.rec.description = String(description);
    return this.self();
  }
  addViewer(user: string | GoogleAppsScript.Base.User): RealFolder {
    this.share('viewers', emailOf(user));
    return this.self();
  }
  addEditor(user: string | GoogleAppsScript.Base.User): RealFolder {
    this.share('editors', emailOf(user));
    return this.self();
  }
  setSharing(
    accessType: GoogleAppsScript.Drive.Access,
    permissionType: GoogleAppsScript.Drive.Permission,
  ): RealFolder {
    this.applySharing(accessType, permissionType);
    return this.self();
  }
}

type DriveAppMethods =
  | 'getRootFolder'
  | 'getFolderById'
  | 'getFileById'
  | 'getFoldersByName'
  | 'getFilesByName'
  | 'getFilesByType'
  | 'createFolder'
  | 'createFile'
  | 'getFiles'
  | 'getFolders'
  | 'getTrashedFiles'
  | 'getTrashedFolders';

class DriveAppHandle implements Pick<GoogleAppsScript.Drive.DriveApp, DriveAppMethods> {
  readonly Access = ACCESS as unknown as typeof GoogleAppsScript.Drive.Access;
  readonly Permission = PERMISSION as unknown as typeof GoogleAppsScript.Drive.Permission;

  constructor(private readonly s: DriveSession) {}

  private allFiles(): FileRecord[] {
    return [...this.s.drive.files.values()];
  }
  private allFolders(): FolderRecord[] {
    return [...this.s.drive.folders.values()].filter((f) => f.id !== this.s.drive.rootId);
  }

  getRootFolder(): RealFolder {
    return this.s.folder(this.s.drive.root());
  }
  getFolderById(id: string): RealFolder {
    return this.s.folder(this.s.folderRecord(id));
  }
  getFileById(id: string): RealFile {
    return this.s.file(this.s.fileRecord(id));
  }
  getFoldersByName(name: string): GoogleAppsScript.Drive.FolderIterator {
    const n = String(name);
    return this.s.folders(this.s.live(this.allFolders()).filter((f) => f.name === n));
  }
  getFilesByName(name: string): GoogleAppsScript.Drive.FileIterator {
    const n = String(name);
    return this.s.files(this.s.live(this.allFiles()).filter((f) => f.name === n));
  }
  getFilesByType(mimeType: string): GoogleAppsScript.Drive.FileIterator {
    const t = String(mimeType);
    return this.s.files(this.s.live(this.allFiles()).filter((f) => f.mimeType === t));
  }
  getFiles(): GoogleAppsScript.Drive.FileIterator {
    return this.s.files(this.s.live(this.allFiles()));
  }
  getFolders(): GoogleAppsScript.Drive.FolderIterator {
    return this.s.folders(this.s.live(this.allFolders()));
  }
  getTrashedFiles(): GoogleAppsScript.Drive.FileIterator {
    return this.s.files(this.allFiles().filter((f) => f.trashed));
  }
  getTrashedFolders(): GoogleAppsScript.Drive.FolderIterator {
    return this.s.folders(this.allFolders().filter((f) => f.trashed));
  }
  createFolder(name: string): RealFolder {
    return this.s.createFolder(name, this.s.drive.rootId);
  }
  createFile(
    nameOrBlob: string | GoogleAppsScript.Base.BlobSource,
    content?: string,
    mimeType?: string,
  ): RealFile {
    return this.s.createFile(this.s.drive.rootId, nameOrBlob, content, mimeType);
  }
}

/** The DriveApp global of one execution. */
export function createDriveApp(ctx: SimContext): GoogleAppsScript.Drive.DriveApp {
  const h = new DriveAppHandle(new DriveSession(ctx));
  return instrument(h, 'DriveApp', ctx.rec) as unknown as GoogleAppsScript.Drive.DriveApp;
}

function safeName(name: string): string {
  const cleaned = name.replace(/[/\\\0]/g, '_').replace(/^\.+$/, '_');
  return cleaned === '' ? '_' : cleaned;
}

function uniquePath(dir: string, name: string, taken: Set<string>): string {
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  let candidate = name;
  for (let n = 2; taken.has(candidate.toLowerCase()); n += 1) candidate = `${stem} (${n})${ext}`;
  taken.add(candidate.toLowerCase());
  return path.join(dir, candidate);
}

export interface WriteDriveOptions {
  /** Only write files for which this returns true (folders are created as needed). */
  include?: (file: FileRecord) => boolean;
}

/**
 * Write My Drive under `dir`: each folder a directory, each file under it, Google Docs as
 * `<name>.gdoc.pdf`, other Google files (no content) skipped, trashed items skipped. Returns the
 * written file paths.
 */
export function writeDriveTree(
  drive: DriveState,
  dir: string,
  opts: WriteDriveOptions = {},
): string[] {
  drive.settleAll();
  const written: string[] = [];
  const walk = (folderId: string, at: string): void => {
    fs.mkdirSync(at, { recursive: true });
    const taken = new Set<string>();
    const files = drive
      .childFiles(folderId)
      .filter((f) => !f.trashed && (opts.include?.(f) ?? true));
    for (const f of files) {
      let out: { name: string; bytes: Uint8Array } | null = null;
      if (f.doc) {
        // A Doc is exported as `<name>.gdoc.pdf`, so that it never takes the name of a PDF file
        // kept beside it (an invoice's Doc and its PDF share the invoice's name).
        const pdf = exportFile(f, MIME.PDF);
        out = { name: safeName(`${f.name}.gdoc.pdf`), bytes: pdf.bytes };
      } else if (f.bytes) {
        out = { name: safeName(f.name), bytes: f.bytes };
      }
      if (!out) continue;
      const p = uniquePath(at, out.name, taken);
      fs.writeFileSync(p, out.bytes);
      written.push(p);
    }
    for (const sub of drive.childFolders(folderId).filter((f) => !f.trashed)) {
      walk(sub.id, uniquePath(at, safeName(sub.name), taken));
    }
  };
  walk(drive.rootId, dir);
  return written;
}
