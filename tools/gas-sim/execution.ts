/**
 * One invocation of the script over a world: its own call recorder and simulated clock, and
 * fresh service objects (handles) over world state, each counted under Apps Script's class name.
 */
import type { SimContext } from './context';
import { createDocsAdvanced, createDocumentApp, createDriveApp, MIME } from './drive';
import { createDriveAdvanced } from './drive-api';
import { createHtmlService } from './html';
import { createMailApp } from './mail';
import { Recorder } from './recorder';
import { createScriptApp } from './script-app';
import { makeClockDate } from './script-date';
import { createCacheService, createLockService, createPropertiesService } from './services';
import { createSpreadsheetApp } from './spreadsheet';
import { createUrlFetchApp } from './url-fetch';
import { createConsole, createLogger, createSession, createUtilities } from './utilities';
import type { AuthModeName } from './scopes';
import type { World } from './world';

export interface ExecutionOptions {
  /** Time limit in simulated ms; null for none; default: the latency model's (6 minutes). */
  limitMs?: number | null | undefined;
  /** Run from a menu (true, default) or from a trigger (false: no UI). */
  interactive?: boolean | undefined;
  /** A recorder prepared by the caller (e.g. with faults injected). */
  recorder?: Recorder | undefined;
  /**
   * Whether a containing document is there (default: yes when interactive; for a trigger, as
   * the world's `triggersHaveDocument`).
   */
  document?: boolean | undefined;
  /** AuthMode (default FULL): onOpen runs in NONE or LIMITED. */
  authMode?: AuthModeName | undefined;
  /** Another user of the same workbook (default: the world's user): own properties and lock. */
  user?: string | undefined;
}

export class Execution {
  readonly rec: Recorder;
  readonly ctx: SimContext;
  private readonly startMs: number;
  private finished = false;
  private cachedGlobals: Record<string, unknown> | null = null;

  constructor(
    readonly world: World,
    opts: ExecutionOptions = {},
  ) {
    this.rec = opts.recorder ?? new Recorder();
    if (opts.limitMs !== undefined) this.rec.limitMs = opts.limitMs;
    this.startMs = world.nowMs();
    const rec = this.rec;
    const startMs = this.startMs;
    const interactive = opts.interactive ?? true;
    const authMode = opts.authMode ?? 'FULL';
    this.ctx = {
      world,
      rec,
      executionId: world.newExecutionId(),
      interactive,
      hasDocument: opts.document ?? (interactive || world.triggersHaveDocument),
      authMode,
      user: opts.user ?? world.userEmail,
      now: () => new Date(startMs + rec.simulatedMs),
    };
    rec.auth = { declared: world.oauthScopes, granted: world.grantedScopes, mode: authMode };
    const executionId = this.ctx.executionId;
    rec.beforeCall = (className, method) => world.sheetView.before(executionId, className, method);
  }

  /**
   * Every Apps Script global the script may use. Services are built on first use (a script
   * that never touches Drive never builds DriveApp).
   */
  globals(): Record<string, unknown> {
    if (this.cachedGlobals) return this.cachedGlobals;
    const ctx = this.ctx;
    const factories: Record<string, () => unknown> = {
      SpreadsheetApp: () => createSpreadsheetApp(ctx),
      DocumentApp: () => createDocumentApp(ctx),
      DriveApp: () => createDriveApp(ctx),
      Docs: () => createDocsAdvanced(ctx),
      Drive: () => createDriveAdvanced(ctx),
      MailApp: () => createMailApp(ctx),
      PropertiesService: () => createPropertiesService(ctx),
      LockService: () => createLockService(ctx),
      CacheService: () => createCacheService(ctx),
      ScriptApp: () => createScriptApp(ctx),
      Session: () => createSession(ctx),
      Utilities: () => createUtilities(ctx),
      HtmlService: () => createHtmlService(ctx),
      UrlFetchApp: () => createUrlFetchApp(ctx),
      Logger: () => createLogger(ctx),
      console: () => createConsole(ctx),
      // Apps Script's `MimeType` enum: the values are the MIME strings.
      MimeType: () => Object.freeze({ ...MIME }),
      Date: () => makeClockDate(() => ctx.now().getTime(), ctx.world.timeZone),
    };
    // An advanced service exists only when the manifest enables it.
    for (const name of ['Docs', 'Drive']) {
      if (!this.world.advancedServices.includes(name)) delete factories[name];
    }
    const out: Record<string, unknown> = {};
    for (const [name, make] of Object.entries(factories)) {
      let value: unknown;
      let made = false;
      Object.defineProperty(out, name, {
        enumerable: true,
        configurable: true,
        get() {
          if (!made) {
            value = make();
            made = true;
          }
          return value;
        },
        set(v: unknown) {
          value = v;
          made = true;
        },
      });
    }
    this.cachedGlobals = out;
    return out;
  }

  /** Ends the execution: releases its locks and moves the world's clock past it. */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    // Apps Script applies an execution's pending spreadsheet writes when it ends.
    this.world.sheetView.end(this.ctx.executionId);
    this.world.locks.releaseAll(this.ctx.executionId);
    const endOffset = this.startMs - this.world.clockStartMs + this.rec.simulatedMs;
    this.world.elapsedMs = Math.max(this.world.elapsedMs, endOffset);
  }
}
