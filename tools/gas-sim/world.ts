/**
 * The persistent state of the in-memory Apps Script: spreadsheets, Drive, mail, properties,
 * cache, triggers, locks, the UI log and the clock's day. Executions (execution.ts) come and go
 * over one world; `toJSON()`/`fromJSON()` carry it from one run, or one day, to the next.
 */
import * as crypto from 'node:crypto';
import { DriveState, type DriveJson } from './drive';
import { MailState, type MailJson } from './mail';
import { CacheStores, LockTable, PropertyStores, type PropertyScope } from './services';
import type { TriggerState } from './script-app';
import { RestState } from './rest-state';
import { SheetsState, type SheetsJson } from './sheets-state';
import { productAdvancedServices, productScopes } from './manifest';
import { SheetView } from './sheet-view';
import { checkTimeZone, dayStartMs } from './time';
import { UiLog } from './ui';
import type { LogEntry } from './utilities';

export interface WorldOptions {
  /** The simulated day, `YYYY-MM-DD`, in `timeZone`. */
  today: string;
  /** Wall-clock time at which executions start, `HH:MM` (default `08:00`). */
  startTime?: string;
  /** Script and new spreadsheets' time zone (default `Europe/Paris`). */
  timeZone?: string;
  /** New spreadsheets' locale (default `fr_FR`). */
  locale?: string;
  userEmail?: string;
  /** Mail recipients per day (default 100, the consumer quota). */
  mailDailyQuota?: number;
  /** Google Docs created per day (default 250, the consumer quota). */
  docsDailyQuota?: number;
  /** UrlFetchApp calls per day (default 20,000, the consumer quota; Workspace: 100,000). */
  urlFetchDailyQuota?: number;
  /** When set, `Utilities.getUuid()` is deterministic (for reproducible demo output). */
  seed?: string;
  /** Add-on rules for triggers (default true). */
  isAddOn?: boolean;
  /**
   * The manifest's `oauthScopes` that executions run under (default: the product's
   * appsscript.json). A call none of whose scopes is declared throws Apps Script's error.
   */
  oauthScopes?: readonly string[];
  /** What the user consented to (default: everything declared). */
  grantedScopes?: readonly string[];
  /**
   * The advanced services the manifest enables, by global name (default: the product's). Any
   * other is not defined in the script, as in Apps Script.
   */
  advancedServices?: readonly string[];
  /**
   * Whether a time-driven trigger's execution sees the document it was created from (active
   * spreadsheet, document properties, document lock). No reference page says it does, so the
   * default is the least convenient: it does not.
   */
  triggersHaveDocument?: boolean;
}

export interface WorldJson {
  version: 1;
  today: string;
  startTime: string;
  timeZone: string;
  locale: string;
  userEmail: string;
  seed: string | null;
  isAddOn: boolean;
  scriptId: string;
  elapsedMs: number;
  /** Scopes the user consented to; absent in states saved before they were recorded. */
  grantedScopes?: string[];
  triggersHaveDocument?: boolean;
  counters: Record<string, number>;
  sheets: SheetsJson;
  drive: DriveJson;
  mail: MailJson;
  properties: Record<PropertyScope, Record<string, string>>;
  cache: ReturnType<CacheStores['toJSON']>;
  triggers: TriggerState[];
  htmlFiles: Record<string, string>;
  /** UrlFetchApp calls per day and the daily quota; absent in states saved before. */
  urlFetch?: { dailyQuota: number; calls: Record<string, number> };
}

export class World {
  today: string;
  startTime: string;
  readonly timeZone: string;
  readonly locale: string;
  readonly userEmail: string;
  /** Epoch ms of `today` at `startTime` in `timeZone`. */
  clockStartMs: number;
  /**
   * Simulated time used by finished executions today: the next execution starts where the last
   * one ended, so successive runs of a day do not all start at `startTime`.
   */
  elapsedMs = 0;
  readonly seed: string | null;
  isAddOn: boolean;
  scriptId: string;
  /** The manifest's scopes: those of the code that runs, never saved with the world. */
  oauthScopes: string[];
  /** The user's consent: saved with the world, so a new version asking for more finds it short. */
  grantedScopes: string[];
  triggersHaveDocument: boolean;
  advancedServices: string[];

  sheets = new SheetsState();
  /** Which execution's unflushed spreadsheet writes the sheets hold (flush semantics). */
  sheetView = new SheetView(this);
  drive: DriveState;
  mail: MailState;
  /** The in-memory Google REST APIs' state: tokens, rate windows, test hooks (rest-state.ts). */
  rest = new RestState();
  properties = new PropertyStores();
  cache = new CacheStores();
  triggers: TriggerState[] = [];
  locks = new LockTable();
  ui = new UiLog();
  logs: LogEntry[] = [];
  /** Project HTML files for `HtmlService.createHtmlOutputFromFile(name)`. */
  htmlFiles: Record<string, string> = {};

  private counters: Record<string, number> = {};

  constructor(opts: WorldOptions) {
    this.timeZone = opts.timeZone ?? 'Europe/Paris';
    checkTimeZone(this.timeZone);
    this.today = opts.today;
    this.startTime = opts.startTime ?? '08:00';
    this.clockStartMs = dayStartMs(this.today, this.timeZone, this.startTime);
    this.locale = opts.locale ?? 'fr_FR';
    this.userEmail = opts.userEmail ?? 'user@example.com';
    this.seed = opts.seed ?? null;
    this.isAddOn = opts.isAddOn ?? true;
    this.oauthScopes = [...(opts.oauthScopes ?? productScopes())];
    this.grantedScopes = [...(opts.grantedScopes ?? this.oauthScopes)];
    this.triggersHaveDocument = opts.triggersHaveDocument ?? false;
    this.advancedServices = [...(opts.advancedServices ?? productAdvancedServices())];
    this.drive = new DriveState();
    if (opts.docsDailyQuota !== undefined) this.drive.docsDailyQuota = opts.docsDailyQuota;
    this.mail = new MailState({ dailyQuota: opts.mailDailyQuota ?? 100 });
    if (opts.urlFetchDailyQuota !== undefined)
      this.rest.urlFetchDailyQuota = opts.urlFetchDailyQuota;
    this.scriptId = this.newId('script');
  }

  /** Where the clock stands between executions. */
  nowMs(): number {
    return this.clockStartMs + this.elapsedMs;
  }

  /** Moves to another day (at `startTime`); everything else is kept. */
  advanceTo(today: string, startTime = this.startTime): void {
    this.today = today;
    this.startTime = startTime;
    this.clockStartMs = dayStartMs(today, this.timeZone, startTime);
    this.elapsedMs = 0;
  }

  /** A per-kind counter, persisted with the world (ids stay unique across runs). */
  nextCounter(kind: string): number {
    const n = (this.counters[kind] ?? 0) + 1;
    this.counters[kind] = n;
    return n;
  }

  /**
   * A Drive-style id (44 characters of base64url), deterministic: the same world and the same
   * calls give the same ids, so runs compare.
   */
  newId(kind: string): string {
    const n = this.nextCounter(`id:${kind}`);
    const digest = crypto
      .createHash('sha256')
      .update(`${this.seed ?? 'facturier-sim'}:${kind}:${n}`)
      .digest('base64url');
    return `1${digest.slice(0, 43)}`;
  }

  /** Random UUID, or a reproducible one when the world has a seed. */
  nextUuid(): string {
    if (this.seed === null) return crypto.randomUUID();
    const n = this.nextCounter('uuid');
    const h = crypto.createHash('sha256').update(`${this.seed}:uuid:${n}`).digest();
    h[6] = ((h[6] ?? 0) & 0x0f) | 0x40;
    h[8] = ((h[8] ?? 0) & 0x3f) | 0x80;
    const hex = h.subarray(0, 16).toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  /** An execution id unique in this world's history. */
  newExecutionId(): string {
    return `exec-${this.today}-${this.nextCounter('execution')}`;
  }

  toJSON(): WorldJson {
    return {
      version: 1,
      today: this.today,
      startTime: this.startTime,
      timeZone: this.timeZone,
      locale: this.locale,
      userEmail: this.userEmail,
      seed: this.seed,
      isAddOn: this.isAddOn,
      scriptId: this.scriptId,
      elapsedMs: this.elapsedMs,
      grantedScopes: [...this.grantedScopes],
      triggersHaveDocument: this.triggersHaveDocument,
      counters: { ...this.counters },
      sheets: this.sheets.toJSON(),
      drive: this.drive.toJSON(),
      mail: this.mail.toJSON(),
      properties: this.properties.toJSON(),
      cache: this.cache.toJSON(),
      triggers: this.triggers.map((t) => ({
        ...t,
        schedule: t.schedule ? { ...t.schedule } : null,
      })),
      htmlFiles: { ...this.htmlFiles },
      urlFetch: { dailyQuota: this.rest.urlFetchDailyQuota, calls: { ...this.rest.urlFetchCalls } },
    };
  }

  /** The Cloud project number of the script, as Google's quota errors name it (derived). */
  projectNumber(): string {
    const h = crypto.createHash('sha256').update(`project:${this.scriptId}`).digest();
    return String(100000000000 + (h.readUInt32BE(0) % 900000000000));
  }

  /**
   * Restores a world, possibly on another day or at another start time. Locks, the UI log and
   * the execution logs are not carried over: they belong to executions that have ended.
   */
  static fromJSON(
    j: WorldJson,
    overrides?: { today?: string; startTime?: string; oauthScopes?: readonly string[] },
  ): World {
    const w = new World({
      today: j.today,
      startTime: j.startTime,
      timeZone: j.timeZone,
      locale: j.locale,
      userEmail: j.userEmail,
      isAddOn: j.isAddOn,
      ...(j.seed === null ? {} : { seed: j.seed }),
      ...(overrides?.oauthScopes ? { oauthScopes: overrides.oauthScopes } : {}),
      ...(j.grantedScopes ? { grantedScopes: j.grantedScopes } : {}),
      ...(j.triggersHaveDocument !== undefined
        ? { triggersHaveDocument: j.triggersHaveDocument }
        : {}),
    });
    w.counters = { ...j.counters };
    w.scriptId = j.scriptId;
    w.elapsedMs = j.elapsedMs;
    w.sheets = SheetsState.fromJSON(j.sheets);
    w.drive = DriveState.fromJSON(j.drive);
    w.mail = MailState.fromJSON(j.mail);
    w.properties = PropertyStores.fromJSON(j.properties);
    w.cache = CacheStores.fromJSON(j.cache);
    w.triggers = j.triggers.map((t) => ({ ...t, schedule: t.schedule ? { ...t.schedule } : null }));
    w.htmlFiles = { ...j.htmlFiles };
    if (j.urlFetch) {
      w.rest.urlFetchDailyQuota = j.urlFetch.dailyQuota;
      w.rest.urlFetchCalls = { ...j.urlFetch.calls };
    }
    const today = overrides?.today ?? j.today;
    const startTime = overrides?.startTime ?? j.startTime;
    if (today !== j.today || startTime !== j.startTime) w.advanceTo(today, startTime);
    return w;
  }
}
