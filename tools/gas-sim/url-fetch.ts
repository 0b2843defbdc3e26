/**
 * UrlFetchApp over the in-memory Google REST APIs (rest-api.ts): fetch, fetchAll and getRequest,
 * answering HTTPResponse objects. References:
 * https://developers.google.com/apps-script/reference/url-fetch/url-fetch-app and
 * https://developers.google.com/apps-script/reference/url-fetch/http-response.
 *
 * Accounting (recorder.ts, perf/apps-script-latency.json):
 * - fetch counts one call `UrlFetchApp.fetch` and costs its endpoint's `rest` figure
 *   ('docs.documents.batchUpdate'...; `rest['*']` for anything else);
 * - fetchAll of N requests counts N calls `UrlFetchApp.fetchAll`, one per request, each through
 *   the kill, fault and authorization checks. The requests go in waves of
 *   `fetchAll.concurrency`; a wave costs its slowest request's figure, plus
 *   `fetchAll.perRequestMs` per request. A kill at a request of a wave: the requests before it
 *   took effect, that one and the later ones did not, and the execution dies. An injected fault
 *   (failAt, failWhen) turns its request into an HTTP 500 answer; the others go on.
 * - every request also counts under its endpoint in `rec.restCounts`, and against the world's
 *   UrlFetchApp daily quota.
 *
 * The requests of one wave run one after the other here: a request sees what the ones before it
 * in the wave did (in Google's data centres they race; a script cannot rely on either order).
 */
import { asBlob, SimBlob } from './blob';
import type { SimContext } from './context';
import { gasError } from './errors';
import { restLatencyFor } from './recorder';
import { endpointOf, faultAnswer, serve, type HttpAnswer, type HttpRequest } from './rest-api';
import { URL_FETCH_QUOTA_MESSAGE } from './rest-state';

type RealUrlFetchApp = GoogleAppsScript.URL_Fetch.UrlFetchApp;
type RealResponse = GoogleAppsScript.URL_Fetch.HTTPResponse;

/** The advanced parameters of fetch (url-fetch-app reference, fetch(url, params)). */
export interface FetchParams {
  url?: string;
  method?: string;
  contentType?: string;
  headers?: Record<string, unknown>;
  payload?: unknown;
  muteHttpExceptions?: boolean;
  followRedirects?: boolean;
  validateHttpsCertificates?: boolean;
  escaping?: boolean;
}

interface Prepared extends HttpRequest {
  muted: boolean;
  endpoint: string;
  /** What getRequest shows of it. */
  shown: Record<string, unknown>;
}

const METHODS = ['GET', 'DELETE', 'PATCH', 'POST', 'PUT'];

function isBlobLike(v: unknown): v is { getBytes(): number[]; getContentType?(): string | null } {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { getBytes?: unknown }).getBytes === 'function'
  );
}

/**
 * The payload as bytes: a string in UTF-8, a byte array (signed, as Apps Script's Byte[]), a
 * Blob's bytes, or an object as form fields ("a JavaScript object is interpreted as a map of
 * form field names to values").
 */
function payloadBytes(payload: unknown): { bytes: Uint8Array; form: boolean } {
  if (payload === undefined || payload === null) return { bytes: new Uint8Array(), form: false };
  if (typeof payload === 'string')
    return { bytes: new Uint8Array(Buffer.from(payload, 'utf8')), form: false };
  if (Array.isArray(payload)) {
    return { bytes: Uint8Array.from(payload as unknown[], (b) => Number(b) & 0xff), form: false };
  }
  if (isBlobLike(payload)) {
    return { bytes: Uint8Array.from(payload.getBytes(), (b) => b & 0xff), form: false };
  }
  if (typeof payload === 'object') {
    const fields = Object.entries(payload as Record<string, unknown>).map(([k, v]) => {
      if (isBlobLike(v)) {
        throw gasError(
          'The in-memory UrlFetchApp does not send files as form fields (multipart/form-data).',
        );
      }
      return `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`;
    });
    return { bytes: new Uint8Array(Buffer.from(fields.join('&'), 'utf8')), form: true };
  }
  return { bytes: new Uint8Array(Buffer.from(String(payload), 'utf8')), form: false };
}

function prepare(urlArg: unknown, params: FetchParams | undefined): Prepared {
  const url = String(urlArg ?? '');
  let parsed: URL | null;
  try {
    parsed = new URL(url);
  } catch {
    parsed = null;
  }
  if (!parsed || !/^https?:$/.test(parsed.protocol)) throw gasError(`Invalid argument: ${url}`);
  const p = params ?? {};
  const method = String(p.method ?? 'get').toUpperCase();
  if (!METHODS.includes(method)) throw gasError(`Invalid argument: method`);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(p.headers ?? {})) headers[k.toLowerCase()] = String(v);
  const { bytes } = payloadBytes(p.payload);
  // "contentType: the content type (defaults to 'application/x-www-form-urlencoded')". A
  // Content-Type among `headers` is not what sets it (least convenient reading: the reference
  // gives contentType for that), nor a Blob payload's own type.
  const contentType =
    p.contentType !== undefined && p.contentType !== null
      ? String(p.contentType)
      : bytes.length > 0
        ? 'application/x-www-form-urlencoded'
        : null;
  return {
    url,
    method,
    headers,
    contentType,
    body: bytes,
    muted: p.muteHttpExceptions === true,
    endpoint: endpointOf(method, url),
    shown: {
      url,
      method: method.toLowerCase(),
      headers: { ...(p.headers ?? {}) },
      payload: p.payload ?? '',
      contentType,
      followRedirects: p.followRedirects ?? true,
      validateHttpsCertificates: p.validateHttpsCertificates ?? true,
      useIntranet: false,
    },
  };
}

/** HTTPResponse: an answer as the script reads it (not counted: it is data, not a service). */
export class HttpResponse {
  constructor(
    private readonly answer: HttpAnswer,
    private readonly ctx: SimContext,
  ) {}

  getResponseCode(): number {
    return this.answer.code;
  }
  getContentText(charset?: string): string {
    const enc = charset && !/^utf-?8$/i.test(charset) ? 'latin1' : 'utf8';
    return Buffer.from(this.answer.body).toString(enc);
  }
  /** "Gets the raw binary content": Byte[], signed as Java bytes (-128..127). */
  getContent(): number[] {
    return Array.from(this.answer.body, (b) => (b > 127 ? b - 256 : b));
  }
  getBlob(): GoogleAppsScript.Base.Blob {
    const type = (this.answer.headers['Content-Type'] ?? '').split(';')[0]?.trim() || null;
    return asBlob(new SimBlob(new Uint8Array(this.answer.body), type, null, this.ctx.rec));
  }
  getAs(contentType: string): GoogleAppsScript.Base.Blob {
    const blob = this.getBlob();
    if (blob.getContentType() !== contentType) {
      throw gasError(
        `Converting from ${String(blob.getContentType())} to ${contentType} is not supported.`,
      );
    }
    return blob;
  }
  getHeaders(): Record<string, string> {
    return { ...this.answer.headers, 'Content-Length': String(this.answer.body.length) };
  }
  getAllHeaders(): Record<string, string | string[]> {
    return this.getHeaders();
  }
}

/** Apps Script's text for an answer of 400 or more when not muted. */
export function requestFailedMessage(url: string, answer: HttpAnswer): string {
  let origin = url;
  try {
    origin = new URL(url).origin;
  } catch {
    // keep the url as given
  }
  const text = Buffer.from(answer.body).toString('utf8');
  // The answer cut short, as scripts quote it (about 150 characters, then "...").
  const cut = text.length > 150 ? `${text.slice(0, 150)}...` : text;
  return `Request failed for ${origin} returned code ${answer.code}. Truncated server response: ${cut} (use muteHttpExceptions option to examine full response)`;
}

class UrlFetchAppHandle {
  constructor(private readonly ctx: SimContext) {}

  /** One request through the in-memory APIs, once counted; the fault message makes it a 500. */
  private send(req: Prepared, fault: string | null, atMs: number): HttpAnswer {
    const world = this.ctx.world;
    // Quotas page: "URL Fetch calls" a day; over it, Apps Script's text.
    if (!world.rest.countUrlFetch(world.today)) throw gasError(URL_FETCH_QUOTA_MESSAGE);
    this.ctx.rec.countRest(req.endpoint);
    if (fault !== null) return faultAnswer(fault);
    return serve(this.ctx, req, atMs);
  }

  fetch(url: string, params?: FetchParams): RealResponse {
    const rec = this.ctx.rec;
    const req = prepare(url, params);
    const at = this.ctx.now().getTime();
    const fault = rec.callRequest(
      'UrlFetchApp',
      'fetch',
      [url, params],
      restLatencyFor(rec.model, req.endpoint),
    );
    const answer = this.send(req, fault, at);
    if (answer.code >= 400 && !req.muted) throw gasError(requestFailedMessage(req.url, answer));
    return new HttpResponse(answer, this.ctx) as unknown as RealResponse;
  }

  /**
   * "Makes multiple requests to fetch multiple URLs using optional advanced parameters": the
   * answers come back in the order of the requests. When one answers 400 or more and its
   * request does not mute exceptions, fetchAll throws for the first such one, after all were
   * made.
   */
  fetchAll(requests: (string | FetchParams)[]): RealResponse[] {
    const rec = this.ctx.rec;
    if (!Array.isArray(requests)) throw gasError('Invalid argument: requests');
    const prepared = requests.map((r) =>
      typeof r === 'string' ? prepare(r, {}) : prepare((r ?? {}).url, r ?? {}),
    );
    const concurrency = Math.max(1, rec.model.fetchAll?.concurrency ?? 10);
    const perRequest = rec.model.fetchAll?.perRequestMs ?? 0;
    const answers: HttpAnswer[] = [];
    for (let w = 0; w < prepared.length; w += concurrency) {
      const wave = prepared.slice(w, w + concurrency);
      const at = this.ctx.now().getTime();
      let slowest = 0;
      let done = 0;
      try {
        for (const req of wave) {
          const fault = rec.callRequest('UrlFetchApp', 'fetchAll', [req.shown], 0);
          answers.push(this.send(req, fault, at));
          slowest = Math.max(slowest, restLatencyFor(rec.model, req.endpoint));
          done += 1;
        }
      } finally {
        // The wave's time, also when the execution dies in it (what was sent was waited for).
        rec.wait(slowest + perRequest * done);
      }
    }
    prepared.forEach((req, i) => {
      const a = answers[i];
      if (a && a.code >= 400 && !req.muted) throw gasError(requestFailedMessage(req.url, a));
    });
    return answers.map((a) => new HttpResponse(a, this.ctx) as unknown as RealResponse);
  }

  /** "Returns the request that is made if the operation was invoked", without making it. */
  getRequest(url: string, params?: FetchParams): Record<string, unknown> {
    this.ctx.rec.call('UrlFetchApp', 'getRequest', [url, params]);
    return prepare(url, params).shown;
  }
}

/** The UrlFetchApp global of one execution. */
export function createUrlFetchApp(ctx: SimContext): RealUrlFetchApp {
  return new UrlFetchAppHandle(ctx) as unknown as RealUrlFetchApp;
}
