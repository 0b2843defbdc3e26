/** Shared set-up for the in-memory Apps Script tests. */
import { Execution, type ExecutionOptions } from '../../tools/gas-sim/execution';
import { createSpreadsheetState } from '../../tools/gas-sim/spreadsheet';
import type { SpreadsheetState } from '../../tools/gas-sim/sheets-state';
import { SCOPE } from '../../tools/gas-sim/scopes';
import { World, type WorldOptions } from '../../tools/gas-sim/world';

export interface Services {
  SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  PropertiesService: GoogleAppsScript.Properties.PropertiesService;
  LockService: GoogleAppsScript.Lock.LockService;
  CacheService: GoogleAppsScript.Cache.CacheService;
  ScriptApp: GoogleAppsScript.Script.ScriptApp;
  Session: GoogleAppsScript.Base.Session;
  Utilities: GoogleAppsScript.Utilities.Utilities;
  HtmlService: GoogleAppsScript.HTML.HtmlService;
  Logger: GoogleAppsScript.Base.Logger;
  console: Pick<Console, 'log' | 'info' | 'warn' | 'error'>;
  Date: DateConstructor;
}

/**
 * These tests are of the simulated API's behaviour, not of the product's authorization: their
 * worlds declare every scope the table knows unless a test says otherwise (scopes.test.ts).
 */
export const EVERY_SCOPE: readonly string[] = Object.values(SCOPE);

export function newWorld(opts: Partial<WorldOptions> = {}): World {
  return new World({ today: '2026-11-05', oauthScopes: EVERY_SCOPE, ...opts });
}

/** A world whose active spreadsheet exists (one sheet, 1000 × 26, fr_FR, Europe/Paris). */
export function worldWithWorkbook(opts: Partial<WorldOptions> = {}): {
  world: World;
  ss: SpreadsheetState;
} {
  const world = newWorld(opts);
  const ss = createSpreadsheetState({ world }, 'Classeur');
  world.sheets.activeId = ss.id;
  return { world, ss };
}

export function services(execution: Execution): Services {
  return execution.globals() as unknown as Services;
}

export function start(world: World, opts: ExecutionOptions = {}): { ex: Execution; gas: Services } {
  const ex = new Execution(world, opts);
  return { ex, gas: services(ex) };
}

/** Runs `fn` and returns what it threw (fails the test if nothing was thrown). */
export function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an exception');
}

/** Epoch ms of a wall-clock time in Paris. */
export { zonedToEpoch } from '../../tools/gas-sim/time';
