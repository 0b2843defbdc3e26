/**
 * MailApp of the in-memory Apps Script. Sent messages and the recipients used per day are world
 * state. The daily quota counts recipients (to + cc + bcc) per calendar day in the world's time
 * zone; a send that would pass it throws Apps Script's text and sends nothing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { toSimBlob, type SimBlob } from './blob';
import type { SimContext } from './context';
import { toEml } from './eml';
import { gasError } from './errors';
import { instrument } from './recorder';
import { zonedParts } from './time';

export const QUOTA_MESSAGE = 'Service invoked too many times for one day: email.';
/** Apps Script's consumer-account figure; Workspace accounts get 1,500. */
export const DEFAULT_DAILY_QUOTA = 100;

export interface SentAttachment {
  name: string;
  contentType: string;
  /** Base64 of the bytes. */
  base64: string;
  /** Content-ID of an inline image (the key of `inlineImages`). */
  cid?: string;
}

export interface SentMail {
  /** 1, 2, 3... in sending order over the whole world. */
  seq: number;
  /** Simulated time of sending (ISO). */
  at: string;
  /** Calendar day of sending in the world's time zone, YYYY-MM-DD. */
  day: string;
  from: { name: string | null; address: string };
  to: string[];
  cc: string[];
  bcc: string[];
  replyTo: string | null;
  subject: string;
  text: string;
  html: string | null;
  attachments: SentAttachment[];
  inlineImages: SentAttachment[];
  noReply: boolean;
}

export interface MailJson {
  dailyQuota: number;
  /** Recipients counted against the quota, per day. */
  usedByDay: Record<string, number>;
  nextSeq: number;
  sent: SentMail[];
}

export function recipientCount(m: Pick<SentMail, 'to' | 'cc' | 'bcc'>): number {
  return m.to.length + m.cc.length + m.bcc.length;
}

export class MailState {
  dailyQuota: number;
  sent: SentMail[] = [];
  usedByDay: Record<string, number> = {};
  nextSeq = 1;

  constructor(opts?: { dailyQuota?: number }) {
    this.dailyQuota = opts?.dailyQuota ?? DEFAULT_DAILY_QUOTA;
  }

  /** Recipients already counted on that day (YYYY-MM-DD in the world's time zone). */
  usedOn(day: string): number {
    return this.usedByDay[day] ?? 0;
  }

  remainingOn(day: string): number {
    return Math.max(0, this.dailyQuota - this.usedOn(day));
  }

  record(m: Omit<SentMail, 'seq'>): SentMail {
    const sent: SentMail = { ...m, seq: this.nextSeq };
    this.nextSeq += 1;
    this.sent.push(sent);
    this.usedByDay[m.day] = this.usedOn(m.day) + recipientCount(m);
    return sent;
  }

  toJSON(): MailJson {
    return {
      dailyQuota: this.dailyQuota,
      usedByDay: { ...this.usedByDay },
      nextSeq: this.nextSeq,
      sent: structuredClone(this.sent),
    };
  }

  static fromJSON(j: MailJson): MailState {
    const m = new MailState({ dailyQuota: j.dailyQuota });
    m.sent = structuredClone(j.sent);
    m.usedByDay = { ...(j.usedByDay ?? {}) };
    m.nextSeq = j.nextSeq ?? m.sent.reduce((n, s) => Math.max(n, s.seq + 1), 1);
    if (!j.usedByDay) {
      for (const s of m.sent) m.usedByDay[s.day] = m.usedOn(s.day) + recipientCount(s);
    }
    return m;
  }
}

export function dayIn(timeZone: string, at: Date): string {
  const p = zonedParts(at.getTime(), timeZone);
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

const ADDRESS = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\]+$/;

/** Comma-separated addresses, each bare or as `Name <address>`; throws "Invalid email: x". */
export function parseAddresses(list: string | undefined | null): string[] {
  if (list === undefined || list === null) return [];
  return String(list)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => {
      const angle = /<([^<>]*)>\s*$/.exec(s);
      const addr = (angle ? (angle[1] ?? '') : s).trim();
      if (!ADDRESS.test(addr)) throw gasError(`Invalid email: ${s}`);
      return s;
    });
}

function blobOf(source: unknown): SimBlob {
  const own = (source as { simBlob?: () => SimBlob } | null)?.simBlob;
  return typeof own === 'function' ? own.call(source) : toSimBlob(source);
}

function attachment(source: unknown, cid?: string): SentAttachment {
  const b = blobOf(source);
  return {
    name: b.name ?? (cid ? `${cid}` : 'attachment'),
    contentType: b.contentType ?? 'application/octet-stream',
    base64: Buffer.from(b.bytes).toString('base64'),
    ...(cid === undefined ? {} : { cid }),
  };
}

type Message = GoogleAppsScript.Mail.MailAdvancedParameters;

class MailAppHandle implements Pick<
  GoogleAppsScript.Mail.MailApp,
  'sendEmail' | 'getRemainingDailyQuota'
> {
  constructor(private readonly ctx: SimContext) {}

  private today(): string {
    return dayIn(this.ctx.world.timeZone, this.ctx.now());
  }

  getRemainingDailyQuota(): GoogleAppsScript.Integer {
    return this.ctx.world.mail.remainingOn(this.today());
  }

  sendEmail(
    first: Message | string,
    second?: string,
    third?: string,
    fourth?: string | Message,
  ): void {
    let msg: Message;
    if (typeof first === 'object' && first !== null) msg = first;
    else if (typeof fourth === 'string') {
      msg = { to: first, replyTo: second, subject: third, body: fourth };
    } else msg = { ...(fourth ?? {}), to: first, subject: second, body: third };
    this.send(msg);
  }

  private send(msg: Message): void {
    const to = parseAddresses(msg.to);
    const cc = parseAddresses(msg.cc);
    const bcc = parseAddresses(msg.bcc);
    if (to.length + cc.length + bcc.length === 0)
      throw gasError('Failed to send email: no recipient');
    const replyTo = msg.replyTo ? (parseAddresses(msg.replyTo)[0] ?? null) : null;
    const attachments = (msg.attachments ?? []).map((a) => attachment(a));
    const inlineImages = Object.entries(msg.inlineImages ?? {}).map(([cid, b]) =>
      attachment(b, cid),
    );
    const mail = this.ctx.world.mail;
    const day = this.today();
    if (to.length + cc.length + bcc.length > mail.remainingOn(day)) throw gasError(QUOTA_MESSAGE);
    const user = this.ctx.world.userEmail;
    const noReply = msg.noReply === true;
    mail.record({
      at: this.ctx.now().toISOString(),
      day,
      from: {
        name: msg.name === undefined || msg.name === null ? null : String(msg.name),
        address: noReply ? `noreply@${user.split('@')[1] ?? 'example.com'}` : user,
      },
      to,
      cc,
      bcc,
      replyTo,
      subject: msg.subject === undefined || msg.subject === null ? '' : String(msg.subject),
      text: msg.body === undefined || msg.body === null ? '' : String(msg.body),
      html: msg.htmlBody === undefined || msg.htmlBody === null ? null : String(msg.htmlBody),
      attachments,
      inlineImages,
      noReply,
    });
  }
}

/** The MailApp global of one execution. */
export function createMailApp(ctx: SimContext): GoogleAppsScript.Mail.MailApp {
  return instrument(
    new MailAppHandle(ctx),
    'MailApp',
    ctx.rec,
  ) as unknown as GoogleAppsScript.Mail.MailApp;
}

/** Write every sent message as NNN.eml (its sequence number) under `dir`. */
export async function writeMailFolder(
  mail: MailState,
  dir: string,
  opts: { fromSeq?: number } = {},
): Promise<string[]> {
  fs.mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const m of mail.sent) {
    if (m.seq < (opts.fromSeq ?? 0)) continue;
    const file = path.join(dir, `${String(m.seq).padStart(3, '0')}.eml`);
    fs.writeFileSync(file, await toEml(m));
    written.push(file);
  }
  return written;
}
