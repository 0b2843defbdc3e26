/**
 * The advanced Drive service, Drive API v3 (`Drive` global, manifest serviceId `drive`, version
 * `v3`): Files.create, copy, get, list, update, remove and Permissions.create over the same
 * DriveState as DriveApp, each counted as `Drive.Files.<method>`.
 *
 * drive.file (Drive API scopes page: "Create new Drive files, or modify existing files, that you
 * open with an app or that the user shares with an app") reaches only the files the script made;
 * when no broader Drive scope is declared, any other file answers 404 as the API does, and
 * Files.list leaves it out.
 *
 * Fields: a response carries the API's default fields (kind, id, name, mimeType) unless
 * `fields` asks for more (files.get reference: "by default, only a subset of fields is
 * returned"), so code that reads webViewLink without asking for it gets undefined.
 */
import { toSimBlob } from './blob';
import type { SimContext } from './context';
import { deepCopy, newDocModel } from './doc-model';
import { fileUrl } from './drive-files';
import { MIME, type FileRecord, type FolderRecord } from './drive-state';
import { SCOPE } from './scopes';

type V3File = GoogleAppsScript.Drive_v3.Drive.V3.Schema.File;
type V3Permission = GoogleAppsScript.Drive_v3.Drive.V3.Schema.Permission;

/** Apps Script's error for a failed advanced-service call. */
export class DriveApiException extends Error {
  constructor(method: string, message: string) {
    super(`API call to drive.${method} failed with error: ${message}`);
    this.name = 'GoogleJsonResponseException';
  }
}

const DEFAULT_FIELDS = ['kind', 'id', 'name', 'mimeType'];

/** Top-level names of a field mask: `id,owners(emailAddress)` gives id and owners. */
function topLevel(mask: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of mask) {
    if (ch === '(') depth += 1;
    if (ch === ')') depth -= 1;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim().replace(/\(.*\)$/, '')).filter(Boolean);
}

/** Parses `fields` of a File: `id,webViewLink` (or, for lists, `files(id,name)`). */
function fieldList(fields: unknown, list: boolean): string[] | null {
  if (typeof fields !== 'string' || fields.trim() === '') return null;
  const f = fields.trim();
  if (f === '*') return ['*'];
  if (list) {
    const m = /files\((.*)\)/.exec(f);
    if (!m) return f.includes('files') ? ['*'] : DEFAULT_FIELDS;
    return topLevel(m[1] ?? '');
  }
  return topLevel(f);
}

function project(full: V3File, fields: string[] | null): V3File {
  const keep = fields ?? DEFAULT_FIELDS;
  if (keep.includes('*')) return full;
  const out: Record<string, unknown> = {};
  for (const k of keep) {
    const v = (full as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = v;
  }
  return out as V3File;
}

interface Clause {
  test(item: FileRecord | FolderRecord, isFolder: boolean): boolean;
}

/** Query strings: 'x' in parents, name = 'x', mimeType =|!= 'x', trashed = true|false. */
function parseQuery(
  q: string,
  rootId: string,
  /** Trashed itself or in a trashed folder: the API reports both as `trashed`. */
  isTrashed: (item: FileRecord | FolderRecord) => boolean,
): Clause[] {
  const parts = q
    .split(/\s+and\s+/i)
    .map((p) => p.trim())
    .filter(Boolean);
  const str = (s: string): string => s.replace(/\\(['\\])/g, '$1');
  return parts.map((p) => {
    let m = /^'((?:[^'\\]|\\.)*)'\s+in\s+parents$/.exec(p);
    if (m) {
      const given = str(m[1] ?? '');
      const id = given === 'root' ? rootId : given;
      return { test: (it) => it.parents.includes(id) };
    }
    m = /^name\s*=\s*'((?:[^'\\]|\\.)*)'$/.exec(p);
    if (m) {
      const name = str(m[1] ?? '');
      return { test: (it) => it.name === name };
    }
    m = /^mimeType\s*(=|!=)\s*'((?:[^'\\]|\\.)*)'$/.exec(p);
    if (m) {
      const eq = m[1] === '=';
      const type = str(m[2] ?? '');
      return {
        test: (it, isFolder) =>
          ((isFolder ? MIME.FOLDER : (it as FileRecord).mimeType) === type) === eq,
      };
    }
    m = /^trashed\s*=\s*(true|false)$/.exec(p);
    if (m) {
      const want = m[1] === 'true';
      return { test: (it) => isTrashed(it) === want };
    }
    throw new DriveApiException('files.list', `Invalid Value: q (${p})`);
  });
}

export function createDriveAdvanced(ctx: SimContext): GoogleAppsScript.Drive {
  const world = ctx.world;
  const drive = (): SimContext['world']['drive'] => world.drive;

  /** Only drive.file among the Drive scopes: the user's own files are out of reach. */
  const fileScopeOnly = (): boolean => {
    const auth = ctx.rec.auth;
    if (!auth) return false;
    const broad = [SCOPE.drive, SCOPE.driveReadonly];
    return !broad.some((s) => auth.declared.includes(s) && auth.granted.includes(s));
  };

  const reachable = (it: FileRecord | FolderRecord): boolean =>
    it.id === drive().rootId || !fileScopeOnly() || it.byApp === true;

  const lookUp = (
    method: string,
    id: unknown,
  ): { rec: FileRecord | FolderRecord; folder: boolean } => {
    const key = String(id);
    const realId = key === 'root' ? drive().rootId : key;
    const file = drive().file(realId);
    const folder = file ? undefined : drive().folder(realId);
    const rec = file ?? folder;
    if (!rec || !reachable(rec)) throw new DriveApiException(method, `File not found: ${key}.`);
    return { rec, folder: !file };
  };

  const full = (rec: FileRecord | FolderRecord, folder: boolean): V3File => {
    const mimeType = folder ? MIME.FOLDER : (rec as FileRecord).mimeType;
    return {
      kind: 'drive#file',
      id: rec.id,
      name: rec.name,
      mimeType,
      parents: [...rec.parents],
      trashed: world.drive.isTrashed(rec),
      createdTime: rec.created,
      modifiedTime: rec.updated,
      webViewLink: folder
        ? `https://drive.google.com/drive/folders/${rec.id}`
        : fileUrl(rec as FileRecord),
      owners: [{ kind: 'drive#user', emailAddress: rec.owner, me: rec.owner === world.userEmail }],
      size: folder ? undefined : String((rec as FileRecord).bytes?.length ?? 0),
    } as V3File;
  };

  const parentOf = (method: string, resource: V3File): string => {
    const p = resource.parents?.[0];
    if (p === undefined) return drive().rootId;
    const { rec, folder } = lookUp(method, p);
    if (!folder) throw new DriveApiException(method, `Invalid parent: ${p} is not a folder.`);
    return rec.id;
  };

  const now = (): Date => ctx.now();

  const Files = {
    create(
      resource: V3File,
      mediaData?: GoogleAppsScript.Base.BlobSource,
      optionalArgs?: Record<string, unknown>,
    ): V3File {
      ctx.rec.call('Drive.Files', 'create', [resource, mediaData, optionalArgs]);
      drive().settleOthers(ctx.executionId);
      const name = String(resource?.name ?? 'Untitled');
      const parentId = parentOf('files.create', resource ?? {});
      const type = resource?.mimeType;
      if (type === MIME.FOLDER) {
        const rec = drive().addFolder(name, parentId, world.userEmail, now());
        rec.byApp = true;
        return project(full(rec, true), fieldList(optionalArgs?.['fields'], false));
      }
      if (type === MIME.GOOGLE_DOCS && (mediaData === undefined || mediaData === null)) {
        drive().countDocCreated(world.today);
        const rec = drive().addFile({
          name,
          mimeType: MIME.GOOGLE_DOCS,
          doc: newDocModel(),
          parentId,
          owner: world.userEmail,
          now: now(),
        });
        rec.byApp = true;
        return project(full(rec, false), fieldList(optionalArgs?.['fields'], false));
      }
      if (mediaData === undefined || mediaData === null) {
        throw new DriveApiException('files.create', 'Media is required for this file type.');
      }
      const blob = toSimBlob(mediaData);
      const mimeType = type ?? blob.contentType ?? 'application/octet-stream';
      if (mimeType.startsWith('application/vnd.google-apps.')) {
        throw new DriveApiException(
          'files.create',
          `Conversion to ${mimeType} is not supported here.`,
        );
      }
      const rec = drive().addFile({
        name: resource?.name ? name : (blob.name ?? 'Untitled'),
        mimeType,
        bytes: new Uint8Array(blob.bytes),
        parentId,
        owner: world.userEmail,
        now: now(),
      });
      rec.byApp = true;
      return project(full(rec, false), fieldList(optionalArgs?.['fields'], false));
    },

    copy(resource: V3File, fileId: string, optionalArgs?: Record<string, unknown>): V3File {
      ctx.rec.call('Drive.Files', 'copy', [resource, fileId, optionalArgs]);
      drive().settleOthers(ctx.executionId);
      const { rec, folder } = lookUp('files.copy', fileId);
      if (folder) throw new DriveApiException('files.copy', 'Folders cannot be copied.');
      const src = rec as FileRecord;
      const parentId = resource?.parents?.length
        ? parentOf('files.copy', resource)
        : (src.parents[0] ?? drive().rootId);
      if (src.doc) drive().countDocCreated(world.today);
      const copy = drive().addFile({
        name: String(resource?.name ?? `Copy of ${src.name}`),
        mimeType: src.mimeType,
        ...(src.bytes ? { bytes: src.bytes } : {}),
        ...(src.doc ? { doc: deepCopy(src.doc) } : {}),
        parentId,
        owner: world.userEmail,
        now: now(),
      });
      copy.byApp = true;
      return project(full(copy, false), fieldList(optionalArgs?.['fields'], false));
    },

    get(fileId: string, optionalArgs?: Record<string, unknown>): V3File | string {
      ctx.rec.call('Drive.Files', 'get', [fileId, optionalArgs]);
      drive().settleOthers(ctx.executionId);
      const { rec, folder } = lookUp('files.get', fileId);
      if (optionalArgs?.['alt'] === 'media') {
        const f = rec as FileRecord;
        if (folder || f.doc) {
          throw new DriveApiException(
            'files.get',
            'Only files with binary content can be downloaded. Use Export with Docs Editors files.',
          );
        }
        return Buffer.from(f.bytes ?? new Uint8Array()).toString('latin1');
      }
      return project(full(rec, folder), fieldList(optionalArgs?.['fields'], false));
    },

    list(
      optionalArgs?: Record<string, unknown>,
    ): GoogleAppsScript.Drive_v3.Drive.V3.Schema.FileList {
      ctx.rec.call('Drive.Files', 'list', [optionalArgs]);
      drive().settleOthers(ctx.executionId);
      const q = typeof optionalArgs?.['q'] === 'string' ? optionalArgs['q'] : '';
      const clauses = parseQuery(q, drive().rootId, (it) => drive().isTrashed(it));
      const items: { rec: FileRecord | FolderRecord; folder: boolean }[] = [
        ...[...drive().folders.values()]
          .filter((f) => f.id !== drive().rootId)
          .map((rec) => ({ rec, folder: true })),
        ...[...drive().files.values()].map((rec) => ({ rec, folder: false })),
      ];
      const fields = fieldList(optionalArgs?.['fields'], true);
      const files = items
        .filter(({ rec }) => reachable(rec))
        .filter(({ rec, folder }) => clauses.every((c) => c.test(rec, folder)))
        // Without `trashed = false`, the API lists trashed files too.
        .map(({ rec, folder }) => project(full(rec, folder), fields));
      return { kind: 'drive#fileList', incompleteSearch: false, files };
    },

    update(
      resource: V3File,
      fileId: string,
      mediaData?: unknown,
      optionalArgs?: Record<string, unknown>,
    ): V3File {
      ctx.rec.call('Drive.Files', 'update', [resource, fileId, mediaData, optionalArgs]);
      drive().settleOthers(ctx.executionId);
      const { rec, folder } = lookUp('files.update', fileId);
      if (resource?.name !== undefined && resource.name !== null) rec.name = String(resource.name);
      if (resource?.trashed !== undefined && resource.trashed !== null)
        rec.trashed = Boolean(resource.trashed);
      const add =
        typeof optionalArgs?.['addParents'] === 'string'
          ? optionalArgs['addParents'].split(',')
          : [];
      const remove =
        typeof optionalArgs?.['removeParents'] === 'string'
          ? optionalArgs['removeParents'].split(',')
          : [];
      if (add.length > 0 || remove.length > 0) {
        const parents = rec.parents.filter(
          (p) => !remove.includes(p) && !(remove.includes('root') && p === drive().rootId),
        );
        for (const p of add) parents.push(lookUp('files.update', p).rec.id);
        rec.parents = parents;
      }
      rec.updated = now().toISOString();
      return project(full(rec, folder), fieldList(optionalArgs?.['fields'], false));
    },

    remove(fileId: string): void {
      ctx.rec.call('Drive.Files', 'remove', [fileId]);
      drive().settleOthers(ctx.executionId);
      const { rec, folder } = lookUp('files.delete', fileId);
      if (folder) drive().folders.delete(rec.id);
      else drive().files.delete(rec.id);
    },
  };

  const Permissions = {
    create(
      resource: V3Permission,
      fileId: string,
      optionalArgs?: Record<string, unknown>,
    ): V3Permission {
      ctx.rec.call('Drive.Permissions', 'create', [resource, fileId, optionalArgs]);
      const { rec } = lookUp('permissions.create', fileId);
      const email = String(resource?.emailAddress ?? '');
      if (resource?.type !== 'user' || !/^[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>]+$/.test(email)) {
        throw new DriveApiException('permissions.create', 'Invalid sharing request.');
      }
      const list =
        resource.role === 'commenter'
          ? rec.commenters
          : resource.role === 'writer'
            ? rec.editors
            : resource.role === 'reader'
              ? rec.viewers
              : null;
      if (!list)
        throw new DriveApiException('permissions.create', `Invalid role: ${String(resource.role)}`);
      if (!list.includes(email)) list.push(email);
      return {
        kind: 'drive#permission',
        id: `sim-${email}`,
        type: 'user',
        role: resource.role,
        emailAddress: email,
      } as V3Permission;
    },
  };

  return { Files, Permissions } as unknown as GoogleAppsScript.Drive;
}
