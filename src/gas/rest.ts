/**
 * Google REST APIs called in waves with `UrlFetchApp.fetchAll`, Apps Script's only way to have
 * requests run at the same time (the requests of one fetchAll run concurrently and come back in
 * request order: developers.google.com/apps-script/reference/url-fetch/url-fetch-app#fetchAll(Object)).
 * The user's own OAuth token (ScriptApp.getOAuthToken) carries the scopes the manifest declares;
 * UrlFetchApp itself needs script.external_request.
 *
 * - A 429 (rate limit) or a 5xx is tried again with exponential backoff, 1 s then 2, 4, 8 and
 *   16 s, as the Docs and Drive usage-limit pages advise, as long as the execution has time
 *   (developers.google.com/docs/api/limits; developers.google.com/drive/api/guides/limits).
 * - Docs API writes are paced to the per-user limit, 60 a minute: before a wave, the writes of
 *   the last 60 s plus the wave's stay within it (the per-project limit, 600 a minute shared by
 *   every user of the add-on, is left to the 429 retries).
 */

import { utf8 } from '../einvoice/pdf-update';

export const DOCS_WRITES_PER_MINUTE = 60;
const BACKOFF_MS = [1_000, 2_000, 4_000, 8_000, 16_000] as const;

export interface RestCall {
  /** The endpoint, as the latency model and the limits name it: 'drive.files.copy'. */
  endpoint: string;
  url: string;
  method: 'get' | 'post' | 'patch';
  /** A JSON body. */
  json?: unknown;
  /** A body of bytes (Java's signed bytes, as Apps Script's Byte[]) with its content type. */
  bytes?: number[];
  contentType?: string;
}

export interface RestResult {
  code: number;
  /** The parsed JSON body (errors too), or null. */
  json: Record<string, unknown> | null;
  /** The body's bytes, for a download (signed, as HTTPResponse.getContent gives them). */
  bytes: number[] | null;
  /** The API's error text, '' on success. */
  error: string;
}

export function ok(r: RestResult): boolean {
  return r.code >= 200 && r.code < 300;
}

function retryable(code: number): boolean {
  return code === 429 || code >= 500;
}

/** The API's message in Google's JSON error shape {error:{code,message,errors:[…]}}. */
function errorText(code: number, json: Record<string, unknown> | null, raw: string): string {
  const err = json?.['error'] as { message?: unknown } | undefined;
  const message = typeof err?.message === 'string' ? err.message : raw.slice(0, 300);
  return `HTTP ${code}: ${message}`;
}

export interface RestEnv {
  /** Milliseconds since the epoch, for the pacing window. */
  now(): number;
  sleep(ms: number): void;
  /** Whether waiting `ms` more still leaves the run its reserve. */
  canWait(ms: number): boolean;
}

export const appsScriptEnv = (canWait: (ms: number) => boolean = () => true): RestEnv => ({
  now: () => Date.now(),
  sleep: (ms) => Utilities.sleep(ms),
  canWait,
});

export class RestClient {
  private token: string | null = null;
  /** When each Docs write of this execution was sent. */
  private readonly docsWrites: number[] = [];

  constructor(private readonly env: RestEnv = appsScriptEnv()) {}

  private bearer(): string {
    this.token ??= ScriptApp.getOAuthToken();
    return this.token;
  }

  private request(c: RestCall): GoogleAppsScript.URL_Fetch.URLFetchRequest {
    const r: GoogleAppsScript.URL_Fetch.URLFetchRequest = {
      url: c.url,
      method: c.method,
      headers: { Authorization: `Bearer ${this.bearer()}` },
      muteHttpExceptions: true,
    };
    if (c.json !== undefined) {
      r.contentType = 'application/json';
      r.payload = JSON.stringify(c.json);
    } else if (c.bytes !== undefined) {
      r.contentType = c.contentType ?? 'application/octet-stream';
      r.payload = c.bytes as unknown as GoogleAppsScript.Byte[];
    }
    return r;
  }

  /** A Docs write sent another way (the advanced Docs service), counted in the same minute. */
  noteDocsWrite(): void {
    this.docsWrites.push(this.env.now());
  }

  /** Waits until `writes` more Docs writes keep the last minute within the per-user limit. */
  private pace(writes: number): void {
    if (writes === 0) return;
    for (;;) {
      const now = this.env.now();
      while (this.docsWrites.length > 0 && (this.docsWrites[0] ?? 0) <= now - 60_000) {
        this.docsWrites.shift();
      }
      if (this.docsWrites.length + writes <= DOCS_WRITES_PER_MINUTE) break;
      const wait =
        (this.docsWrites[this.docsWrites.length + writes - DOCS_WRITES_PER_MINUTE - 1] ?? now) +
        60_000 -
        now;
      this.env.sleep(Math.max(1, wait));
    }
    const now = this.env.now();
    for (let i = 0; i < writes; i++) this.docsWrites.push(now);
  }

  /** One wave: every call sent at once, results in call order, retried while it is worth it. */
  all(calls: readonly RestCall[]): RestResult[] {
    const results: (RestResult | null)[] = calls.map(() => null);
    let pending = calls.map((_, i) => i);
    for (let attempt = 0; pending.length > 0; attempt++) {
      this.pace(pending.filter((i) => calls[i]?.endpoint === 'docs.documents.batchUpdate').length);
      const responses = UrlFetchApp.fetchAll(
        pending.map((i) => this.request(calls[i] as RestCall)),
      );
      const again: number[] = [];
      pending.forEach((i, k) => {
        const res = responses[k] as GoogleAppsScript.URL_Fetch.HTTPResponse;
        const code = res.getResponseCode();
        const type = String((res.getHeaders() as Record<string, unknown>)['Content-Type'] ?? '');
        let json: Record<string, unknown> | null = null;
        let bytes: number[] | null = null;
        let raw = '';
        if (/json/i.test(type) || !(code >= 200 && code < 300)) {
          raw = res.getContentText();
          try {
            json = JSON.parse(raw) as Record<string, unknown>;
          } catch {
            json = null;
          }
        } else {
          bytes = res.getContent() as unknown as number[];
        }
        const result: RestResult = {
          code,
          json,
          bytes,
          error: code >= 200 && code < 300 ? '' : errorText(code, json, raw),
        };
        results[i] = result;
        if (retryable(code)) again.push(i);
      });
      const wait = BACKOFF_MS[attempt];
      if (again.length === 0 || wait === undefined || !this.env.canWait(wait)) break;
      this.env.sleep(wait);
      pending = again;
    }
    return results.map((r) => r ?? { code: 0, json: null, bytes: null, error: 'not sent' });
  }

  one(call: RestCall): RestResult {
    return this.all([call])[0] as RestResult;
  }
}

/** A multipart/related upload body (Drive API, uploadType=multipart): metadata, then the file. */
export function multipartBody(
  metadata: Record<string, unknown>,
  mimeType: string,
  content: readonly number[],
  boundary: string,
): { bytes: number[]; contentType: string } {
  const head =
    `--${boundary}\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n${JSON.stringify(metadata)}\r\n` +
    `--${boundary}\r\nContent-Type: ${mimeType}\r\n\r\n`;
  const tail = `\r\n--${boundary}--`;
  const bytes = [...signedUtf8(head)];
  for (const b of content) bytes.push(b);
  for (const b of signedUtf8(tail)) bytes.push(b);
  return { bytes, contentType: `multipart/related; boundary=${boundary}` };
}

/** Bytes as Apps Script's Byte[] (Java's signed bytes, -128..127) and back. */
export function signed(bytes: Uint8Array): number[] {
  return Array.from(bytes, (b) => (b > 127 ? b - 256 : b));
}
export function unsigned(bytes: readonly number[]): Uint8Array {
  return Uint8Array.from(bytes, (b) => b & 0xff);
}

/** UTF-8 of a string as signed bytes (the e-invoice's encoder: no TextEncoder in Apps Script). */
export function signedUtf8(s: string): number[] {
  return signed(utf8(s));
}

export const DRIVE = 'https://www.googleapis.com/drive/v3';
export const DRIVE_UPLOAD = 'https://www.googleapis.com/upload/drive/v3';
export const DOCS = 'https://docs.googleapis.com/v1';

/** Drive files.export of a Doc as PDF (drive.file reaches the Docs this add-on made). */
export function exportCall(docId: string): RestCall {
  return {
    endpoint: 'drive.files.export',
    url: `${DRIVE}/files/${encodeURIComponent(docId)}/export?mimeType=${encodeURIComponent('application/pdf')}`,
    method: 'get',
  };
}
