/**
 * One invocation of the script over a world: its own call recorder and simulated clock, and
 * fresh service objects (handles) over world state, each counted under Apps Script's class name.
 */
import type { SimContext } from './context';
import { createDocsAdvanced, createDocumentApp, createDriveApp, MIME } from './drive';
import { createHtmlService } from './html';
import { createMailApp } from './mail';
import { Recorder } from './recorder';
import { createScriptApp } from './script-app';
import { makeClockDate } from './script-date';
import { createCacheService, createLockService, createPropertiesService } from './services';
import { createSpreadsheetApp } from './spreadsheet';
import { createConsole, createLogger, createSession, createUtilities } from './utilities';
import type { World } from './world';

export interface ExecutionOptions {
  /** Time limit in simulated ms; null for none; default: the latency model's (6 minutes). */
  limitMs?: number | null | undefined;
  /** Run from a menu (true, default) or from a trigger (false: no UI). */
  interactive?: boolean | undefined;
  /** A recorder prepared by the caller (e.g. with faults injected). */
  recorder?: Recorder | undefined;
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
    this.ctx = {
      world,
      rec,
      executionId: world.newExecutionId(),
      interactive: opts.interactive ?? true,
      now: () => new Date(startMs + rec.simulatedMs),
    };
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
      MailApp: () => createMailApp(ctx),
      PropertiesService: () => createPropertiesService(ctx),
      LockService: () => createLockService(ctx),
      CacheService: () => createCacheService(ctx),
      ScriptApp: () => createScriptApp(ctx),
      Session: () => createSession(ctx),
      Utilities: () => createUtilities(ctx),
      HtmlService: () => createHtmlService(ctx),
      Logger: () => createLogger(ctx),
      console: () => createConsole(ctx),
      // Apps Script's `MimeType` enum: the values are the MIME strings.
      MimeType: () => Object.freeze({ ...MIME }),
      Date: () => makeClockDate(() => ctx.now().getTime(), ctx.world.timeZone),
    };
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
    this.world.locks.releaseAll(this.ctx.executionId);
    const endOffset = this.startMs - this.world.clockStartMs + this.rec.simulatedMs;
    this.world.elapsedMs = Math.max(this.world.elapsedMs, endOffset);
  }
}
