/**
 * Call accounting for the in-memory Apps Script: every call on a service object is counted by
 * `Class.method`, adds simulated latency from the team's model (perf/apps-script-latency.json, a
 * copy of ../shared/perf/apps-script-latency.json that test/reference keeps identical), may be
 * made to fail on purpose, and is refused once the execution passes its time limit.
 *
 * Service objects are thin handles over world state, created per execution and wrapped by
 * `instrument()` so that no method can escape the count.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gasError } from './errors';
import { refusal, type Authorization } from './scopes';

export interface LatencyEntry {
  ms: number;
  perCellMs?: number;
}

export interface LatencyModel {
  executionLimitMs: number;
  calls: Record<string, LatencyEntry>;
  /**
   * Google REST endpoints called through UrlFetchApp, by `api.resource.method`
   * ('drive.files.copy', 'docs.documents.batchUpdate') and '*' for any other request.
   */
  rest?: Record<string, LatencyEntry>;
  /** One fetchAll: requests in waves of `concurrency`, plus `perRequestMs` each. */
  fetchAll?: { concurrency: number; perRequestMs: number };
  /** UrlFetchApp calls a day (Apps Script quotas page). */
  urlFetchDailyQuota?: { consumer: number; workspace: number };
  /** Docs API requests per minute (Docs API usage limits page). */
  docsRateLimits?: {
    writePerUser: number;
    writePerProject: number;
    readPerUser: number;
    readPerProject: number;
  };
}

interface RawModel {
  executionLimitMs: number;
  calls: Record<string, LatencyEntry>;
  rest?: Record<string, unknown>;
  fetchAll?: { concurrency: number; perRequestMs: number };
  dailyQuotas?: { urlFetchCalls?: { consumer: number; workspace: number } };
  rateLimits?: Record<string, unknown>;
}

function restEntries(raw: Record<string, unknown> | undefined): Record<string, LatencyEntry> {
  const out: Record<string, LatencyEntry> = {};
  for (const [k, v] of Object.entries(raw ?? {})) {
    if (typeof v === 'object' && v !== null && typeof (v as LatencyEntry).ms === 'number') {
      out[k] = { ms: (v as LatencyEntry).ms };
    }
  }
  return out;
}

function docsRateLimits(r: Record<string, unknown> | undefined): LatencyModel['docsRateLimits'] {
  const n = (k: string): number | undefined => (typeof r?.[k] === 'number' ? r[k] : undefined);
  const wu = n('docsWriteRequestsPerMinutePerUser');
  const wp = n('docsWriteRequestsPerMinutePerProject');
  const ru = n('docsReadRequestsPerMinutePerUser');
  const rp = n('docsReadRequestsPerMinutePerProject');
  if (wu === undefined || wp === undefined || ru === undefined || rp === undefined)
    return undefined;
  return { writePerUser: wu, writePerProject: wp, readPerUser: ru, readPerProject: rp };
}

/**
 * The figures are the team's reference, kept in the repository so that a clone runs on its own;
 * a reference test fails on any difference from ../shared/perf when that file is beside it.
 */
export function loadLatencyModel(file = defaultLatencyModelPath()): LatencyModel {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as RawModel;
  const model: LatencyModel = { executionLimitMs: raw.executionLimitMs, calls: raw.calls };
  if (raw.rest) model.rest = restEntries(raw.rest);
  if (raw.fetchAll) {
    model.fetchAll = {
      concurrency: raw.fetchAll.concurrency,
      perRequestMs: raw.fetchAll.perRequestMs,
    };
  }
  if (raw.dailyQuotas?.urlFetchCalls) model.urlFetchDailyQuota = raw.dailyQuotas.urlFetchCalls;
  const limits = docsRateLimits(raw.rateLimits);
  if (limits) model.docsRateLimits = limits;
  return model;
}

export function defaultLatencyModelPath(): string {
  const fromEnv = process.env['FACTURIER_LATENCY_MODEL'];
  if (fromEnv) return fromEnv;
  return path.resolve(__dirname, '..', '..', 'perf', 'apps-script-latency.json');
}

let cachedModel: LatencyModel | undefined;
export function sharedLatencyModel(): LatencyModel {
  cachedModel ??= loadLatencyModel();
  return cachedModel;
}

/** A REST endpoint's figure ('drive.files.copy'), else the `rest['*']` one. */
export function restLatencyFor(model: LatencyModel, endpoint: string): number {
  return model.rest?.[endpoint]?.ms ?? model.rest?.['*']?.ms ?? 0;
}

/** Most specific key first: `Class.method`, then `Class.*`, then `*`. */
export function latencyFor(model: LatencyModel, className: string, method: string): LatencyEntry {
  return (
    model.calls[`${className}.${method}`] ??
    model.calls[`${className}.*`] ??
    model.calls['*'] ?? { ms: 0 }
  );
}

export interface CallInfo {
  className: string;
  method: string;
  /** 1-based position of this call in the execution. */
  index: number;
  args: readonly unknown[];
}

interface FaultRule {
  match: (call: CallInfo) => boolean;
  message: string;
  remaining: number;
}

/** Thrown when the simulated execution passes its limit; Apps Script's own text. */
export const TIME_LIMIT_MESSAGE = 'Exceeded maximum execution time';

export class ExecutionKilled extends Error {
  constructor(message = TIME_LIMIT_MESSAGE) {
    super(message);
    this.name = 'Error';
  }
}

export class Recorder {
  readonly counts = new Map<string, number>();
  /** Google REST requests made through UrlFetchApp, by endpoint ('docs.documents.get'). */
  readonly restCounts = new Map<string, number>();
  simulatedMs = 0;
  callIndex = 0;
  /** Set once the time limit is passed: the execution is dead, whatever the script catches. */
  killed = false;
  private readonly faults: FaultRule[] = [];
  /**
   * The execution's authorization (manifest scopes, granted scopes, AuthMode): a call that it
   * does not cover throws Apps Script's error. Null only for the simulator's own unit tests of
   * call accounting.
   */
  auth: Authorization | null = null;
  /** Called before each counted call (the spreadsheet view switch of flush semantics). */
  beforeCall: ((className: string, method: string) => void) | null = null;

  constructor(
    readonly model: LatencyModel = sharedLatencyModel(),
    public limitMs: number | null = model.executionLimitMs,
  ) {}

  /**
   * The execution dies at its n-th call (1-based): that call and every later one throw
   * `message`, whatever the script catches, as when Apps Script ends an execution.
   */
  killAt(n: number, message = TIME_LIMIT_MESSAGE): void {
    this.killAtIndex = n;
    this.killMessage = message;
  }
  private killAtIndex: number | null = null;
  private killMessage = TIME_LIMIT_MESSAGE;

  /** Make the n-th call of this execution (1-based) throw `message`. */
  failAt(n: number, message: string): void {
    this.failWhen((c) => c.index === n, message, 1);
  }

  /** Make the first `times` calls matching `match` throw `message`. */
  failWhen(match: (call: CallInfo) => boolean, message: string, times = 1): void {
    this.faults.push({ match, message, remaining: times });
  }

  /** Count one call; throws an injected fault or the time-limit error instead of returning. */
  call(className: string, method: string, args: readonly unknown[], cells = 0): void {
    const entry = latencyFor(this.model, className, method);
    const info = this.enter(className, method, args, entry.ms + (entry.perCellMs ?? 0) * cells);
    const fault = this.faultFor(info);
    if (fault !== null) throw new Error(fault);
    this.authorize(className, method);
    this.beforeCall?.(className, method);
  }

  /**
   * One HTTP request of UrlFetchApp, costing `ms` (its endpoint's figure; 0 inside a fetchAll,
   * whose waves are timed apart). Kill, time limit and authorization throw as in call(); an
   * injected fault does not: its message is returned, and the request answers HTTP 500.
   */
  callRequest(
    className: string,
    method: string,
    args: readonly unknown[],
    ms: number,
  ): string | null {
    const info = this.enter(className, method, args, ms);
    this.authorize(className, method);
    const fault = this.faultFor(info);
    if (fault === null) this.beforeCall?.(className, method);
    return fault;
  }

  /** Counts one REST request by endpoint. */
  countRest(endpoint: string): void {
    this.restCounts.set(endpoint, (this.restCounts.get(endpoint) ?? 0) + 1);
  }

  /** REST requests by endpoint, keys sorted, for run.json and tests. */
  restByEndpoint(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const key of [...this.restCounts.keys()].sort()) out[key] = this.restCounts.get(key) ?? 0;
    return out;
  }

  /** The kill and time-limit checks, then the count and the latency of one call. */
  private enter(className: string, method: string, args: readonly unknown[], ms: number): CallInfo {
    if (this.killed) throw new ExecutionKilled(this.killMessage);
    if (this.killAtIndex !== null && this.callIndex + 1 >= this.killAtIndex) {
      this.killed = true;
      throw new ExecutionKilled(this.killMessage);
    }
    if (this.limitMs !== null && this.simulatedMs >= this.limitMs) {
      this.killed = true;
      throw new ExecutionKilled();
    }
    this.callIndex += 1;
    const info: CallInfo = { className, method, index: this.callIndex, args };
    const key = `${className}.${method}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.simulatedMs += ms;
    return info;
  }

  private faultFor(info: CallInfo): string | null {
    for (const fault of this.faults) {
      if (fault.remaining > 0 && fault.match(info)) {
        fault.remaining -= 1;
        return fault.message;
      }
    }
    return null;
  }

  private authorize(className: string, method: string): void {
    if (this.auth) {
      const why = refusal(className, method, this.auth);
      if (why !== null) {
        // Advanced services fail as their API does; built-in services with Apps Script's text.
        const e = gasError(why);
        if (why.startsWith('API call to ')) e.name = 'GoogleJsonResponseException';
        throw e;
      }
    }
  }

  /** Add time spent outside service calls (Utilities.sleep, for instance). */
  wait(ms: number): void {
    this.simulatedMs += ms;
  }

  total(): number {
    let n = 0;
    for (const v of this.counts.values()) n += v;
    return n;
  }

  /** Counts grouped as { Service: { method: n } }, keys sorted, for run.json and tests. */
  byService(): Record<string, Record<string, number>> {
    const out: Record<string, Record<string, number>> = {};
    for (const key of [...this.counts.keys()].sort()) {
      const dot = key.indexOf('.');
      const cls = key.slice(0, dot);
      const method = key.slice(dot + 1);
      (out[cls] ??= {})[method] = this.counts.get(key) ?? 0;
    }
    return out;
  }

  count(key: string): number {
    return this.counts.get(key) ?? 0;
  }
}

/** Objects that know how many cells a call on them moves (ranges), for perCellMs latency. */
export interface CellSized {
  simCellCount(): number;
}

function isCellSized(v: object): v is CellSized {
  return typeof (v as Partial<CellSized>).simCellCount === 'function';
}

const INSTRUMENTED = Symbol('instrumented');

/**
 * Wrap a handle so that each public method call is counted under `className.method`.
 * Methods run with `this` bound to the raw object, so a handle's own internal calls are free.
 * Names starting with `sim` or `_` are the simulator's own helpers and are not counted.
 */
export function instrument<T extends object>(target: T, className: string, rec: Recorder): T {
  if ((target as Record<symbol, unknown>)[INSTRUMENTED]) return target;
  return new Proxy(target, {
    get(t, prop) {
      if (prop === INSTRUMENTED) return true;
      const value: unknown = Reflect.get(t, prop, t);
      if (
        typeof value !== 'function' ||
        typeof prop !== 'string' ||
        prop === 'constructor' ||
        prop.startsWith('sim') ||
        prop.startsWith('_')
      ) {
        return value;
      }
      const fn = value as (...a: unknown[]) => unknown;
      return (...args: unknown[]) => {
        rec.call(className, prop, args, isCellSized(t) ? t.simCellCount() : 0);
        return fn.apply(t, args);
      };
    },
  });
}
