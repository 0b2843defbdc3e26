/** Utilities, Session, Logger and console of the in-memory Apps Script. */
import * as crypto from 'node:crypto';
import { parse as parseCsvSync } from 'csv-parse/sync';
import { asBlob, SimBlob } from './blob';
import type { SimContext } from './context';
import { gasError } from './errors';
import { formatJavaDate, parseJavaDate } from './format-date';
import { api, Handle, track } from './handle';
import { toScriptDate } from './script-date';
import { dateMs, isDateLike } from './time';

type RealUtilities = GoogleAppsScript.Utilities.Utilities;
type Byte = GoogleAppsScript.Byte;

export const Charset = { US_ASCII: 'US_ASCII', UTF_8: 'UTF_8' } as const;
export const DigestAlgorithm = {
  MD2: 'MD2',
  MD5: 'MD5',
  SHA_1: 'SHA_1',
  SHA_256: 'SHA_256',
  SHA_384: 'SHA_384',
  SHA_512: 'SHA_512',
} as const;
export const MacAlgorithm = {
  HMAC_MD5: 'HMAC_MD5',
  HMAC_SHA_1: 'HMAC_SHA_1',
  HMAC_SHA_256: 'HMAC_SHA_256',
  HMAC_SHA_384: 'HMAC_SHA_384',
  HMAC_SHA_512: 'HMAC_SHA_512',
} as const;
export const RsaAlgorithm = { RSA_SHA_1: 'RSA_SHA_1', RSA_SHA_256: 'RSA_SHA_256' } as const;

const NODE_DIGEST: Record<string, string> = {
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
  HMAC_MD5: 'md5',
  HMAC_SHA_1: 'sha1',
  HMAC_SHA_256: 'sha256',
  HMAC_SHA_384: 'sha384',
  HMAC_SHA_512: 'sha512',
};

/** Java bytes are signed: -128..127. */
export function toSignedBytes(buf: Uint8Array): Byte[] {
  return Array.from(buf, (b) => (b > 127 ? b - 256 : b));
}

function bytesOf(data: string | Byte[], charset?: unknown): Buffer {
  if (typeof data === 'string') {
    return Buffer.from(data, String(charset ?? 'UTF_8') === 'US_ASCII' ? 'latin1' : 'utf8');
  }
  if (Array.isArray(data)) return Buffer.from(Uint8Array.from(data, (b) => Number(b) & 0xff));
  throw gasError('Invalid argument: value');
}

/** Apps Script's `formatString`: printf-style `%s`, `%d`, `%i`, `%f`, `%.2f`, `%%`. */
export function formatString(template: string, args: readonly unknown[]): string {
  let k = 0;
  return template.replace(/%(-)?(\d+)?(?:\.(\d+))?([sdifx%])/g, (_all, left, width, prec, conv) => {
    if (conv === '%') return '%';
    const v = args[k++];
    let s: string;
    switch (conv) {
      case 'd':
      case 'i':
        s = String(Math.trunc(Number(v)));
        break;
      case 'f':
        s = Number(v).toFixed(prec === undefined ? 6 : Number(prec));
        break;
      case 'x':
        s = Math.trunc(Number(v)).toString(16);
        break;
      default:
        s = String(v);
        if (prec !== undefined) s = s.slice(0, Number(prec));
    }
    if (width !== undefined) {
      s = left ? s.padEnd(Number(width)) : s.padStart(Number(width));
    }
    return s;
  });
}

export class UtilitiesHandle
  extends Handle
  implements
    Pick<
      RealUtilities,
      | 'Charset'
      | 'DigestAlgorithm'
      | 'MacAlgorithm'
      | 'RsaAlgorithm'
      | 'formatDate'
      | 'parseDate'
      | 'formatString'
      | 'getUuid'
      | 'newBlob'
      | 'computeDigest'
      | 'computeHmacSha256Signature'
      | 'computeHmacSignature'
      | 'base64Encode'
      | 'base64Decode'
      | 'base64EncodeWebSafe'
      | 'base64DecodeWebSafe'
      | 'sleep'
      | 'parseCsv'
    >
{
  readonly Charset = Charset as unknown as RealUtilities['Charset'];
  readonly DigestAlgorithm = DigestAlgorithm as unknown as RealUtilities['DigestAlgorithm'];
  readonly MacAlgorithm = MacAlgorithm as unknown as RealUtilities['MacAlgorithm'];
  readonly RsaAlgorithm = RsaAlgorithm as unknown as RealUtilities['RsaAlgorithm'];

  constructor(private readonly ctx: SimContext) {
    super();
  }

  formatDate(date: GoogleAppsScript.Base.Date, timeZone: string, format: string): string {
    if (!isDateLike(date)) {
      throw gasError(
        `The parameters (${typeof date},String,String) don't match the method signature for Utilities.formatDate.`,
      );
    }
    return formatJavaDate(dateMs(date), timeZone, format);
  }

  /** Java SimpleDateFormat parsing of the numeric fields; null-like failures throw. */
  parseDate(date: string, timeZone: string, format: string): Date {
    const ms = parseJavaDate(String(date), timeZone, format);
    if (ms === null) throw gasError(`Unparseable date: "${date}"`);
    return toScriptDate(ms, this.ctx.world.timeZone);
  }

  formatString(template: string, ...args: unknown[]): string {
    return formatString(template, args);
  }

  getUuid(): string {
    return this.ctx.world.nextUuid();
  }

  newBlob(data: string | Byte[], contentType?: string, name?: string): GoogleAppsScript.Base.Blob {
    const bytes = new Uint8Array(bytesOf(data));
    return asBlob(new SimBlob(bytes, contentType ?? null, name ?? null, this.ctx.rec));
  }

  computeDigest(
    algorithm: GoogleAppsScript.Utilities.DigestAlgorithm,
    value: string | Byte[],
    charset?: GoogleAppsScript.Utilities.Charset,
  ): Byte[] {
    const alg = NODE_DIGEST[String(algorithm)];
    if (!alg) throw gasError(`Unsupported digest algorithm: ${String(algorithm)}`);
    return toSignedBytes(crypto.createHash(alg).update(bytesOf(value, charset)).digest());
  }

  computeHmacSha256Signature(
    value: string | Byte[],
    key: string | Byte[],
    charset?: GoogleAppsScript.Utilities.Charset,
  ): Byte[] {
    return this.computeHmacSignature(
      MacAlgorithm.HMAC_SHA_256 as unknown as GoogleAppsScript.Utilities.MacAlgorithm,
      value as string,
      key as string,
      charset as GoogleAppsScript.Utilities.Charset,
    );
  }

  computeHmacSignature(
    algorithm: GoogleAppsScript.Utilities.MacAlgorithm,
    value: string | Byte[],
    key: string | Byte[],
    charset?: GoogleAppsScript.Utilities.Charset,
  ): Byte[] {
    const alg = NODE_DIGEST[String(algorithm)];
    if (!alg) throw gasError(`Unsupported MAC algorithm: ${String(algorithm)}`);
    const mac = crypto.createHmac(alg, bytesOf(key, charset));
    return toSignedBytes(mac.update(bytesOf(value, charset)).digest());
  }

  base64Encode(data: string | Byte[], charset?: GoogleAppsScript.Utilities.Charset): string {
    return bytesOf(data, charset).toString('base64');
  }

  base64EncodeWebSafe(data: string | Byte[], charset?: GoogleAppsScript.Utilities.Charset): string {
    // Apps Script's web-safe alphabet keeps the `=` padding.
    return bytesOf(data, charset).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
  }

  base64Decode(encoded: string): Byte[] {
    return toSignedBytes(Buffer.from(encoded, 'base64'));
  }

  base64DecodeWebSafe(encoded: string): Byte[] {
    return toSignedBytes(Buffer.from(encoded, 'base64url'));
  }

  /** Apps Script allows at most 5 minutes; the time passes on the simulated clock only. */
  sleep(milliseconds: number): void {
    if (milliseconds > 300_000) throw gasError('Invalid argument: milliseconds');
    this.ctx.rec.wait(Math.max(0, milliseconds));
  }

  parseCsv(csv: string, delimiter?: string): string[][] {
    return parseCsvSync(csv, {
      delimiter: delimiter ?? ',',
      relax_column_count: true,
      relax_quotes: true,
    }) as string[][];
  }
}

export function createUtilities(ctx: SimContext): RealUtilities {
  return api(track(new UtilitiesHandle(ctx), 'Utilities', ctx.rec));
}

/* ---------------- Session ---------------- */

class UserHandle extends Handle implements Pick<GoogleAppsScript.Base.User, 'getEmail'> {
  constructor(private readonly email: string) {
    super();
  }
  getEmail(): string {
    return this.email;
  }
}

export function userHandle(ctx: SimContext, email: string): GoogleAppsScript.Base.User {
  return api<GoogleAppsScript.Base.User>(track(new UserHandle(email), 'User', ctx.rec));
}

export class SessionHandle
  extends Handle
  implements
    Pick<
      GoogleAppsScript.Base.Session,
      | 'getActiveUser'
      | 'getEffectiveUser'
      | 'getActiveUserLocale'
      | 'getScriptTimeZone'
      | 'getTemporaryActiveUserKey'
    >
{
  constructor(private readonly ctx: SimContext) {
    super();
  }
  getActiveUser(): GoogleAppsScript.Base.User {
    return userHandle(this.ctx, this.ctx.user);
  }
  getEffectiveUser(): GoogleAppsScript.Base.User {
    return userHandle(this.ctx, this.ctx.user);
  }
  /** The user's language, as Apps Script reports it (`fr`, `en`). */
  getActiveUserLocale(): string {
    return this.ctx.world.locale.split('_')[0] ?? 'en';
  }
  getScriptTimeZone(): string {
    return this.ctx.world.timeZone;
  }
  /** Stable per user and script, opaque. */
  getTemporaryActiveUserKey(): string {
    return crypto
      .createHash('sha256')
      .update(`${this.ctx.world.scriptId}:${this.ctx.user}`)
      .digest('base64url')
      .slice(0, 43);
  }
}

export function createSession(ctx: SimContext): GoogleAppsScript.Base.Session {
  return api<GoogleAppsScript.Base.Session>(track(new SessionHandle(ctx), 'Session', ctx.rec));
}

/* ---------------- Logger and console ---------------- */

export interface LogEntry {
  executionId: string;
  source: 'Logger' | 'console';
  level: 'log' | 'info' | 'warn' | 'error';
  message: string;
  atMs: number;
}

function show(v: unknown, timeZone: string): string {
  if (typeof v === 'string') return v;
  if (isDateLike(v)) return toScriptDate(dateMs(v), timeZone).toString();
  if (v instanceof Error) return `${v.name}: ${v.message}`;
  if (typeof v === 'object' && v !== null) {
    try {
      return JSON.stringify(v);
    } catch {
      return String(v);
    }
  }
  return String(v);
}

function logLine(first: unknown, rest: readonly unknown[], timeZone: string): string {
  const text = (v: unknown): string => show(v, timeZone);
  if (typeof first === 'string' && rest.length > 0 && /%[sdifoOj%]/.test(first)) {
    return formatString(first.replace(/%[oOj]/g, '%s'), rest.map(text));
  }
  return [first, ...rest].map(text).join(' ');
}

export class LoggerHandle
  extends Handle
  implements Pick<GoogleAppsScript.Base.Logger, 'log' | 'getLog' | 'clear'>
{
  constructor(private readonly ctx: SimContext) {
    super();
  }

  log(data: unknown, ...values: unknown[]): GoogleAppsScript.Base.Logger {
    this.ctx.world.logs.push({
      executionId: this.ctx.executionId,
      source: 'Logger',
      level: 'info',
      message: logLine(data, values, this.ctx.world.timeZone),
      atMs: this.ctx.now().getTime(),
    });
    return api(this);
  }

  /** This execution's Logger lines, one per line, each with its time. */
  getLog(): string {
    return this.ctx.world.logs
      .filter((l) => l.executionId === this.ctx.executionId && l.source === 'Logger')
      .map((l) => `${new Date(l.atMs).toISOString()} INFO: ${l.message}\n`)
      .join('');
  }

  clear(): void {
    this.ctx.world.logs = this.ctx.world.logs.filter(
      (l) => !(l.executionId === this.ctx.executionId && l.source === 'Logger'),
    );
  }
}

export function createLogger(ctx: SimContext): GoogleAppsScript.Base.Logger {
  return api(track(new LoggerHandle(ctx), 'Logger', ctx.rec));
}

/**
 * The script's `console`, which Apps Script sends to Cloud Logging. It is not counted: it is
 * not an Apps Script service and the latency model has no entry for it.
 */
export function createConsole(
  ctx: SimContext,
): Pick<Console, 'log' | 'info' | 'warn' | 'error' | 'time' | 'timeEnd'> {
  const timers = new Map<string, number>();
  const push = (level: LogEntry['level'], first: unknown, rest: unknown[]): void => {
    ctx.world.logs.push({
      executionId: ctx.executionId,
      source: 'console',
      level,
      message: logLine(first, rest, ctx.world.timeZone),
      atMs: ctx.now().getTime(),
    });
  };
  return {
    log: (first?: unknown, ...rest: unknown[]) => push('log', first ?? '', rest),
    info: (first?: unknown, ...rest: unknown[]) => push('info', first ?? '', rest),
    warn: (first?: unknown, ...rest: unknown[]) => push('warn', first ?? '', rest),
    error: (first?: unknown, ...rest: unknown[]) => push('error', first ?? '', rest),
    time: (label: string) => {
      timers.set(label, ctx.now().getTime());
    },
    timeEnd: (label: string) => {
      const start = timers.get(label);
      if (start !== undefined) push('info', `${label}: ${ctx.now().getTime() - start}ms`, []);
      timers.delete(label);
    },
  };
}
