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
import { toSimBlob, type SimBlob } from './blob';
import type { SimContext } from './context';
import { deepCopy, newDocModel } from './doc-model';
import { exportFile, fileUrl } from './drive-files';
import { MIME, type FileRecord, type FolderRecord } from './drive-state';
import { SCOPE } from './scopes';

type V3File = GoogleAppsScript.Drive_v3.Drive.V3.Schema.File;
type V3Permission = GoogleAppsScript.Drive_v3.Drive.V3.Schema.Permission;

/**
 * Apps Script's error for a failed advanced-service call. It also carries what the REST answer
 * holds (HTTP code, reason, the API's own message) for url-fetch.ts; the reasons are those of
 * the Drive API's "Resolve errors" page.
 */
export class DriveApiException extends Error {
  constructor(
    method: string,
    readonly apiMessage: string,
    readonly code = 400,
    readonly reason = 'badRequest',
  ) {
    super(`API call to drive.${method} failed with error: ${apiMessage}`);
    this.name = 'GoogleJsonResponseException';
  }
}

function fileNotFound(method: string, id: string): DriveApiException {
  return new DriveApiException(method, `File not found: ${id}.`, 404, 'notFound');
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
    throw new DriveApiException('files.list', `Invalid Value: q (${p})`, 400, 'invalid');
  });
}

/** Only drive.file among the Drive scopes (neither drive nor drive.readonly): reach is narrow. */
export function onlyFileScope(scopes: readonly string[]): boolean {
  return ![SCOPE.drive, SCOPE.driveReadonly].some((s) => scopes.includes(s));
}

export type DriveOps = ReturnType<typeof driveOps>;

/**
 * The Drive API v3 methods over the world's Drive, without counting a call: the advanced
 * service and the REST endpoints (url-fetch.ts) both go through them. `fileScopeOnly` says
 * whether the caller's authorization is drive.file only (the files the app made are reachable,
 * any other answers 404).
 */
export function driveOps(ctx: SimContext, fileScopeOnly: () => boolean) {
  const world = ctx.world;
  const drive = (): SimContext['world']['drive'] => world.drive;

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
    if (!rec || !reachable(rec)) throw fileNotFound(method, key);
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
        throw new DriveApiException(
          'files.create',
          'Media is required for this file type.',
          400,
          'required',
        );
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
      drive().settleOthers(ctx.executionId);
      const { rec, folder } = lookUp('files.get', fileId);
      if (optionalArgs?.['alt'] === 'media') {
        const f = rec as FileRecord;
        if (folder || f.doc) {
          throw new DriveApiException(
            'files.get',
            'Only files with binary content can be downloaded. Use Export with Docs Editors files.',
            403,
            'fileNotDownloadable',
          );
        }
        return Buffer.from(f.bytes ?? new Uint8Array()).toString('latin1');
      }
      return project(full(rec, folder), fieldList(optionalArgs?.['fields'], false));
    },

    list(
      optionalArgs?: Record<string, unknown>,
    ): GoogleAppsScript.Drive_v3.Drive.V3.Schema.FileList {
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
      _mediaData?: unknown,
      optionalArgs?: Record<string, unknown>,
    ): V3File {
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
      _optionalArgs?: Record<string, unknown>,
    ): V3Permission {
      const { rec } = lookUp('permissions.create', fileId);
      const email = String(resource?.emailAddress ?? '');
      if (resource?.type !== 'user' || !/^[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>]+$/.test(email)) {
        throw new DriveApiException(
          'permissions.create',
          'Invalid sharing request.',
          400,
          'invalidSharingRequest',
        );
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

  /**
   * files.export (REST only here): a Google Doc as PDF or plain text, as Document.getAs gives it
   * (saved content: edits of an open DocumentApp copy are not in it until saved).
   */
  const exportAs = (fileId: string, mimeType: string): SimBlob => {
    drive().settleOthers(ctx.executionId);
    const { rec, folder } = lookUp('files.export', fileId);
    const f = rec as FileRecord;
    if (folder || !f.doc) {
      throw new DriveApiException(
        'files.export',
        'Export only supports Docs Editors files.',
        403,
        'fileNotExportable',
      );
    }
    if (mimeType !== MIME.PDF && mimeType !== MIME.PLAIN_TEXT) {
      throw new DriveApiException(
        'files.export',
        'The requested conversion is not supported.',
        400,
        'badRequest',
      );
    }
    return exportFile(f, mimeType);
  };

  return { Files, Permissions, exportAs };
}

type Args = Record<string, unknown> | undefined;

export function createDriveAdvanced(ctx: SimContext): GoogleAppsScript.Drive {
  /** The execution's authorization: declared and granted. */
  const fileScopeOnly = (): boolean => {
    const auth = ctx.rec.auth;
    if (!auth) return false;
    return onlyFileScope(auth.declared.filter((s) => auth.granted.includes(s)));
  };
  const ops = driveOps(ctx, fileScopeOnly);
  const call = (cls: string, method: string, args: unknown[]): void =>
    ctx.rec.call(cls, method, args);

  const Files = {
    create(resource: V3File, mediaData?: GoogleAppsScript.Base.BlobSource, optionalArgs?: Args) {
      call('Drive.Files', 'create', [resource, mediaData, optionalArgs]);
      return ops.Files.create(resource, mediaData, optionalArgs);
    },
    copy(resource: V3File, fileId: string, optionalArgs?: Args) {
      call('Drive.Files', 'copy', [resource, fileId, optionalArgs]);
      return ops.Files.copy(resource, fileId, optionalArgs);
    },
    get(fileId: string, optionalArgs?: Args) {
      call('Drive.Files', 'get', [fileId, optionalArgs]);
      return ops.Files.get(fileId, optionalArgs);
    },
    list(optionalArgs?: Args) {
      call('Drive.Files', 'list', [optionalArgs]);
      return ops.Files.list(optionalArgs);
    },
    update(resource: V3File, fileId: string, mediaData?: unknown, optionalArgs?: Args) {
      call('Drive.Files', 'update', [resource, fileId, mediaData, optionalArgs]);
      return ops.Files.update(resource, fileId, mediaData, optionalArgs);
    },
    remove(fileId: string) {
      call('Drive.Files', 'remove', [fileId]);
      ops.Files.remove(fileId);
    },
  };
  const Permissions = {
    create(resource: V3Permission, fileId: string, optionalArgs?: Args) {
      call('Drive.Permissions', 'create', [resource, fileId, optionalArgs]);
      return ops.Permissions.create(resource, fileId, optionalArgs);
    },
  };
  return { Files, Permissions } as unknown as GoogleAppsScript.Drive;
}
