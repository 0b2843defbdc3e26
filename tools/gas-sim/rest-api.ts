/**
 * The Google REST endpoints a script reaches through UrlFetchApp with ScriptApp.getOAuthToken(),
 * served in memory over the same state and code as the advanced services (drive-api.ts,
 * docs-api.ts):
 *
 * - Drive API v3, https://www.googleapis.com/drive/v3/files[...]: files.list (GET files),
 *   files.create of metadata (POST files), files.get (GET files/{id}, alt=media for content),
 *   files.update (PATCH files/{id}), files.delete (DELETE files/{id}), files.copy (POST
 *   files/{id}/copy), files.export (GET files/{id}/export?mimeType=), permissions.create (POST
 *   files/{id}/permissions); uploads at https://www.googleapis.com/upload/drive/v3/files with
 *   uploadType=multipart (multipart/related: JSON metadata, then the media) or media.
 *   Reference: https://developers.google.com/workspace/drive/api/reference/rest/v3/files and
 *   https://developers.google.com/workspace/drive/api/guides/manage-uploads.
 * - Docs API v1, https://docs.googleapis.com/v1/documents/{id} (GET) and
 *   .../documents/{id}:batchUpdate (POST).
 *   Reference: https://developers.google.com/workspace/docs/api/reference/rest/v1/documents.
 *
 * Anything else answers 404. Answers are JSON, errors in Google's error shape
 * ({error: {code, message, status, errors: [{message, domain, reason}]}}, the shape of the
 * Drive API's "Resolve errors" page). The bearer token must be one the world handed out; it
 * reaches what its scopes reach, as the advanced services do (scopes.ts, drive.file reach).
 */
import { SimBlob } from './blob';
import type { SimContext } from './context';
import {
  applyBatchUpdate,
  docsRateRefusal,
  getDocumentJson,
  GoogleJsonResponseException,
} from './docs-api';
import { DriveApiException, driveOps, onlyFileScope, type DriveOps } from './drive-api';
import { DOCS_QUOTA_MESSAGE } from './drive-state';
import { GasException } from './errors';
import type { TokenGrant } from './rest-state';
import { SCOPE, scopeEntry } from './scopes';

export interface HttpRequest {
  url: string;
  /** Upper case: GET, POST, PATCH, PUT, DELETE. */
  method: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  contentType: string | null;
  body: Uint8Array;
}

export interface HttpAnswer {
  code: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

const JSON_TYPE = 'application/json; charset=UTF-8';

/** The JSON body of an answer, pretty-printed as Google's APIs print it. */
export function jsonAnswer(code: number, value: unknown): HttpAnswer {
  const body = new Uint8Array(Buffer.from(JSON.stringify(value, null, 2), 'utf8'));
  return { code, headers: { 'Content-Type': JSON_TYPE }, body };
}

const STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

/** Google's JSON error. */
export function errorAnswer(
  code: number,
  message: string,
  reason: string,
  status = STATUS[code] ?? 'UNKNOWN',
  extra: Record<string, unknown> = {},
): HttpAnswer {
  return jsonAnswer(code, {
    error: {
      code,
      message,
      errors: [{ message, domain: 'global', reason, ...extra }],
      status,
    },
  });
}

/** The answer to a request the recorder made fail on purpose (rec.failAt, failWhen). */
export function faultAnswer(message: string): HttpAnswer {
  return errorAnswer(500, message, 'backendError', 'INTERNAL');
}

// ---------------------------------------------------------------------------------------------
// Routes

interface Route {
  /** `api.resource.method`, as the latency model's 'rest' table names it. */
  endpoint: string;
  /** The advanced-service call whose scopes the endpoint needs (scopes.ts). */
  scopeKey: string;
  id: string | null;
  upload: boolean;
}

const DRIVE = /^\/drive\/v3\/files(?:\/([^/]+))?(?:\/(copy|export|permissions))?\/?$/;
const UPLOAD = /^\/upload\/drive\/v3\/files\/?$/;
const DOCS = /^\/v1\/documents\/([^/:]+)(:batchUpdate)?$/;

function route(method: string, url: URL): Route | null {
  const path = url.pathname;
  if (url.hostname === 'www.googleapis.com') {
    if (UPLOAD.test(path) && method === 'POST') {
      return {
        endpoint: 'drive.files.create',
        scopeKey: 'Drive.Files.create',
        id: null,
        upload: true,
      };
    }
    const m = DRIVE.exec(path);
    if (!m) return null;
    const id = m[1] === undefined ? null : decodeURIComponent(m[1]);
    const sub = m[2];
    const r = (endpoint: string, scopeKey: string): Route => ({
      endpoint,
      scopeKey,
      id,
      upload: false,
    });
    if (id === null) {
      if (sub !== undefined) return null;
      if (method === 'GET') return r('drive.files.list', 'Drive.Files.list');
      if (method === 'POST') return r('drive.files.create', 'Drive.Files.create');
      return null;
    }
    if (sub === 'copy' && method === 'POST') return r('drive.files.copy', 'Drive.Files.copy');
    if (sub === 'export' && method === 'GET') return r('drive.files.export', 'Drive.Files.export');
    if (sub === 'permissions' && method === 'POST') {
      return r('drive.permissions.create', 'Drive.Permissions.create');
    }
    if (sub !== undefined) return null;
    if (method === 'GET') return r('drive.files.get', 'Drive.Files.get');
    if (method === 'PATCH') return r('drive.files.update', 'Drive.Files.update');
    if (method === 'DELETE') return r('drive.files.delete', 'Drive.Files.remove');
    return null;
  }
  if (url.hostname === 'docs.googleapis.com') {
    const m = DOCS.exec(path);
    if (!m?.[1]) return null;
    const id = decodeURIComponent(m[1]);
    if (m[2] && method === 'POST') {
      return {
        endpoint: 'docs.documents.batchUpdate',
        scopeKey: 'Docs.Documents.batchUpdate',
        id,
        upload: false,
      };
    }
    if (!m[2] && method === 'GET') {
      return { endpoint: 'docs.documents.get', scopeKey: 'Docs.Documents.get', id, upload: false };
    }
  }
  return null;
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** The endpoint a request goes to ('drive.files.copy'), or 'other' for anything else. */
export function endpointOf(method: string, url: string): string {
  const u = parseUrl(url);
  return (u && route(method, u)?.endpoint) ?? 'other';
}

// ---------------------------------------------------------------------------------------------
// Bodies

function header(req: HttpRequest, name: string): string | undefined {
  return req.headers[name.toLowerCase()];
}

function mediaType(contentType: string | null): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

class BadRequest extends Error {}

/**
 * A JSON request body. Google's APIs read a body as JSON only when it is sent as
 * application/json: anything else (UrlFetchApp's default is application/x-www-form-urlencoded)
 * is read as form fields, none of which the method knows (assumed wording of the refusal).
 */
function jsonBody(req: HttpRequest): Record<string, unknown> {
  if (req.body.length === 0) return {};
  const text = Buffer.from(req.body).toString('utf8');
  if (mediaType(req.contentType) !== 'application/json') {
    throw new BadRequest(
      `Invalid JSON payload received. Unknown name "${text.slice(0, 60)}": Cannot bind query parameter.`,
    );
  }
  try {
    const v = JSON.parse(text) as unknown;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('not an object');
    return v as Record<string, unknown>;
  } catch {
    throw new BadRequest('Invalid JSON payload received. Unexpected token.');
  }
}

function indexOf(hay: Buffer, needle: Buffer, from: number): number {
  return hay.indexOf(needle, from);
}

interface Part {
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * A multipart/related body (RFC 2046, as the Drive upload guide describes it: "the metadata
 * part must come first and the media part second"), parsed as bytes: each part after a
 * `--boundary` line, its headers up to an empty line, its content up to the CRLF before the
 * next delimiter; the last delimiter is `--boundary--`. Lines end with CRLF.
 */
export function parseMultipart(body: Uint8Array, contentType: string | null): Part[] {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary) throw new BadRequest('Missing boundary in the multipart Content-Type.');
  const buf = Buffer.from(body);
  const delim = Buffer.from(`--${boundary}`, 'latin1');
  const crlf = Buffer.from('\r\n', 'latin1');
  let at = indexOf(buf, delim, 0);
  if (at < 0 || (at > 0 && !buf.subarray(at - 2, at).equals(crlf))) {
    throw new BadRequest('Malformed multipart body.');
  }
  const parts: Part[] = [];
  for (;;) {
    const after = at + delim.length;
    if (buf.subarray(after, after + 2).toString('latin1') === '--') break;
    if (!buf.subarray(after, after + 2).equals(crlf))
      throw new BadRequest('Malformed multipart body.');
    const start = after + 2;
    const next = indexOf(buf, Buffer.concat([crlf, delim]), start);
    if (next < 0) throw new BadRequest('Malformed multipart body.');
    const raw = buf.subarray(start, next);
    const blank = raw.indexOf(Buffer.from('\r\n\r\n', 'latin1'));
    const head = blank < 0 ? raw.toString('latin1') : raw.subarray(0, blank).toString('latin1');
    const content = blank < 0 ? Buffer.alloc(0) : raw.subarray(blank + 4);
    const headers: Record<string, string> = {};
    for (const line of head.split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0)
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    parts.push({ headers, body: content });
    at = next + 2;
  }
  return parts;
}

/** The media part's bytes: as sent, or decoded from base64 when it says so. */
function mediaBytes(p: Part): Buffer {
  const enc = (p.headers['content-transfer-encoding'] ?? '').toLowerCase();
  return enc === 'base64' ? Buffer.from(p.body.toString('latin1'), 'base64') : p.body;
}

// ---------------------------------------------------------------------------------------------
// Serving

/** Query parameters the Drive methods take (optionalArgs of the advanced service). */
function driveArgs(url: URL): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ['fields', 'q', 'addParents', 'removeParents', 'alt']) {
    const v = url.searchParams.get(key);
    if (v !== null) out[key] = v;
  }
  return out;
}

function unauthenticated(message: string): HttpAnswer {
  return errorAnswer(401, message, 'authError', 'UNAUTHENTICATED', {
    location: 'Authorization',
    locationType: 'header',
  });
}

/** The bearer token's grant, or the 401 the API answers (Google's standard texts). */
function authenticate(ctx: SimContext, req: HttpRequest): TokenGrant | HttpAnswer {
  const auth = header(req, 'authorization');
  const m = /^Bearer\s+(\S+)$/i.exec(auth ?? '');
  if (!m?.[1]) {
    return unauthenticated(
      'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
    );
  }
  const grant = ctx.world.rest.grantOf(m[1]);
  if (!grant) {
    return unauthenticated(
      'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
    );
  }
  return grant;
}

/** A status forced by the test hook (world.rest.failNext). */
function forcedAnswer(ctx: SimContext, status: number, endpoint: string): HttpAnswer {
  if (status === 429) {
    const why = endpoint.startsWith('docs.')
      ? `Quota exceeded for quota metric 'Write requests' and limit 'Write requests per minute per user' of service 'docs.googleapis.com' for consumer 'project_number:${ctx.world.projectNumber()}'.`
      : 'Rate Limit Exceeded';
    return errorAnswer(429, why, 'rateLimitExceeded');
  }
  if (status === 503)
    return errorAnswer(503, 'The service is currently unavailable.', 'backendError');
  if (status === 500) return errorAnswer(500, 'Internal error encountered.', 'backendError');
  return errorAnswer(status, `Error ${status}.`, 'forced');
}

function fromError(e: unknown): HttpAnswer {
  if (e instanceof BadRequest) return errorAnswer(400, e.message, 'badRequest');
  if (e instanceof DriveApiException) return errorAnswer(e.code, e.apiMessage, e.reason);
  if (e instanceof GoogleJsonResponseException) {
    return errorAnswer(e.code, e.apiMessage, e.reason, e.status);
  }
  // The daily Docs creation quota, met by a REST copy of a Doc. The Drive API has no page for
  // it; the least convenient plausible answer: HTTP 403 dailyLimitExceeded with Apps Script's
  // own text.
  if (e instanceof GasException && e.message === DOCS_QUOTA_MESSAGE) {
    return errorAnswer(403, e.message, 'dailyLimitExceeded');
  }
  throw e;
}

/**
 * One request to the in-memory Google APIs, at simulated time `atMs` (for the rate limits).
 * Google's own answers only: the caller (url-fetch.ts) counts the call and turns a status of
 * 400 or more into Apps Script's exception when the script does not mute it.
 */
export function serve(ctx: SimContext, req: HttpRequest, atMs: number): HttpAnswer {
  const url = parseUrl(req.url);
  const r = url ? route(req.method, url) : null;
  if (!url || !r) {
    return errorAnswer(
      404,
      `The requested URL ${url?.pathname ?? req.url} was not found on this server.`,
      'notFound',
    );
  }
  const grant = authenticate(ctx, req);
  if (!('scopes' in grant)) return grant;
  const entry = scopeEntry(
    r.scopeKey.slice(0, r.scopeKey.lastIndexOf('.')),
    r.scopeKey.slice(r.scopeKey.lastIndexOf('.') + 1),
  );
  if (entry && !entry.anyOf.some((s) => grant.scopes.includes(s))) {
    // The standard answer to a token without the method's scopes (the method's reference page
    // lists them under "Authorization scopes").
    return errorAnswer(
      403,
      'Request had insufficient authentication scopes.',
      'insufficientPermissions',
      'PERMISSION_DENIED',
    );
  }
  const forced = ctx.world.rest.takeForced(r.endpoint);
  if (forced !== null) return forcedAnswer(ctx, forced, r.endpoint);
  try {
    if (r.endpoint.startsWith('docs.')) return serveDocs(ctx, req, r, grant, atMs);
    return serveDrive(ctx, req, url, r, grant);
  } catch (e) {
    return fromError(e);
  }
}

function serveDocs(
  ctx: SimContext,
  req: HttpRequest,
  r: Route,
  grant: TokenGrant,
  atMs: number,
): HttpAnswer {
  const write = r.endpoint === 'docs.documents.batchUpdate';
  const why = docsRateRefusal(ctx, write ? 'write' : 'read', atMs, grant.user);
  if (why !== null) {
    return errorAnswer(429, why, 'rateLimitExceeded', 'RESOURCE_EXHAUSTED');
  }
  const id = String(r.id);
  // Without a Docs or broad Drive scope (drive.file alone), only the files the app made are
  // reached; another Doc answers 403 (the Docs API's answer for a document the caller may not
  // open; assumed wording).
  const docsScopes = write
    ? [SCOPE.documents, SCOPE.drive]
    : [SCOPE.documents, SCOPE.documentsReadonly, SCOPE.drive, SCOPE.driveReadonly];
  if (!docsScopes.some((s) => grant.scopes.includes(s))) {
    const f = ctx.world.drive.file(id);
    if (f && f.byApp !== true) {
      return errorAnswer(
        403,
        'The caller does not have permission',
        'forbidden',
        'PERMISSION_DENIED',
      );
    }
  }
  if (write) return jsonAnswer(200, applyBatchUpdate(ctx, jsonBody(req) as never, id));
  return jsonAnswer(200, getDocumentJson(ctx, id));
}

function serveDrive(
  ctx: SimContext,
  req: HttpRequest,
  url: URL,
  r: Route,
  grant: TokenGrant,
): HttpAnswer {
  const ops = driveOps(ctx, () => onlyFileScope(grant.scopes));
  const args = driveArgs(url);
  const id = String(r.id);
  switch (r.endpoint) {
    case 'drive.files.list':
      return jsonAnswer(200, ops.Files.list(args));
    case 'drive.files.get': {
      const got = ops.Files.get(id, args);
      if (typeof got !== 'string') return jsonAnswer(200, got);
      // alt=media: the file's bytes, as stored.
      const f = ctx.world.drive.file(id);
      return {
        code: 200,
        headers: { 'Content-Type': f?.mimeType ?? 'application/octet-stream' },
        body: new Uint8Array(Buffer.from(got, 'latin1')),
      };
    }
    case 'drive.files.update':
      return jsonAnswer(200, ops.Files.update(jsonBody(req), id, undefined, args));
    case 'drive.files.delete':
      ops.Files.remove(id);
      return { code: 204, headers: {}, body: new Uint8Array() };
    case 'drive.files.copy':
      return jsonAnswer(200, ops.Files.copy(jsonBody(req), id, args));
    case 'drive.files.export': {
      const type = url.searchParams.get('mimeType');
      if (!type) {
        return errorAnswer(400, 'Required parameter: mimeType', 'required', 'INVALID_ARGUMENT', {
          location: 'mimeType',
          locationType: 'parameter',
        });
      }
      const blob = ops.exportAs(id, type);
      return { code: 200, headers: { 'Content-Type': type }, body: new Uint8Array(blob.bytes) };
    }
    case 'drive.permissions.create': {
      // sendNotificationEmail=false or not, the in-memory Drive sends no mail.
      return jsonAnswer(200, ops.Permissions.create(jsonBody(req), id, args));
    }
    case 'drive.files.create':
      return r.upload
        ? upload(ops, req, url, args)
        : jsonAnswer(200, ops.Files.create(jsonBody(req), undefined, args));
  }
  return errorAnswer(404, 'Not Found', 'notFound');
}

/** POST upload/drive/v3/files: uploadType=multipart (metadata and media) or media (bytes only). */
function upload(
  ops: DriveOps,
  req: HttpRequest,
  url: URL,
  args: Record<string, unknown>,
): HttpAnswer {
  const type = url.searchParams.get('uploadType');
  if (type === 'media') {
    const mime = mediaType(req.contentType) || 'application/octet-stream';
    const blob = new SimBlob(new Uint8Array(req.body), mime, null);
    return jsonAnswer(
      200,
      ops.Files.create({ name: 'Untitled', mimeType: mime }, blob as never, args),
    );
  }
  if (type !== 'multipart') {
    return errorAnswer(
      400,
      `Invalid value for uploadType: ${String(type)}`,
      'invalid',
      'INVALID_ARGUMENT',
      {
        location: 'uploadType',
        locationType: 'parameter',
      },
    );
  }
  if (mediaType(req.contentType) !== 'multipart/related') {
    throw new BadRequest('The multipart upload must be sent as multipart/related.');
  }
  const parts = parseMultipart(req.body, req.contentType);
  const [meta, media] = parts;
  if (parts.length !== 2 || !meta || !media) {
    throw new BadRequest('A multipart upload has exactly two parts: the metadata, then the media.');
  }
  if (mediaType(meta.headers['content-type'] ?? null) !== 'application/json') {
    throw new BadRequest('The metadata part must be application/json.');
  }
  let metadata: Record<string, unknown>;
  try {
    metadata = JSON.parse(meta.body.toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new BadRequest('Invalid JSON payload received. Unexpected token.');
  }
  const mime =
    (typeof metadata['mimeType'] === 'string' ? metadata['mimeType'] : undefined) ??
    (mediaType(media.headers['content-type'] ?? null) || 'application/octet-stream');
  const blob = new SimBlob(new Uint8Array(mediaBytes(media)), mime, null);
  return jsonAnswer(200, ops.Files.create(metadata, blob as never, args));
}
