/**
 * Runs a bundle (the product's `dist/Code.js`, or any script text) in a fresh `node:vm`
 * context whose globals are exactly an execution's Apps Script globals plus the language's
 * built-ins: no `require`, no `process`, no timers, as in Apps Script.
 */
import * as vm from 'node:vm';
import { Execution, type ExecutionOptions } from './execution';
import { ExecutionKilled } from './recorder';
import type { Recorder } from './recorder';
import type { World } from './world';

/**
 * Values the services hand to the script (errors, arrays, objects) are built in the host realm.
 * In Apps Script they belong to the script's own realm, so `e instanceof Error` and
 * `values instanceof Array` hold there; this prelude makes those two tests realm-blind in the
 * context (Dates: see script-date.ts). Other cross-realm checks stay unreliable: the bundle
 * should prefer `Array.isArray` and `Object.prototype.toString`.
 */
const REALM_PRELUDE = `(function () {
  var ordinary = Function.prototype[Symbol.hasInstance];
  var tag = Object.prototype.toString;
  Object.defineProperty(Error, Symbol.hasInstance, {
    configurable: true,
    value: function (v) {
      return ordinary.call(this, v) || (this === Error && tag.call(v) === '[object Error]');
    }
  });
  Object.defineProperty(Array, Symbol.hasInstance, {
    configurable: true,
    value: function (v) {
      return this === Array ? Array.isArray(v) : ordinary.call(this, v);
    }
  });
})();`;

/** Loads the bundle into a new context; returns its global object (top-level functions on it). */
export function loadBundle(
  code: string,
  execution: Execution,
  filename = 'Code.js',
): Record<string, unknown> {
  const sandbox = execution.globals();
  const context = vm.createContext(sandbox, {
    name: filename,
    codeGeneration: { strings: true, wasm: false },
  });
  vm.runInContext(REALM_PRELUDE, context, { filename: 'gas-sim-prelude.js' });
  vm.runInContext(code, context, { filename });
  return context as Record<string, unknown>;
}

export interface RunResult {
  result: unknown;
  /** The uncaught error that ended the execution (or the time limit's), else null. */
  error: Error | null;
  /** True when the execution passed its time limit, even if the script caught the error. */
  killed: boolean;
  rec: Recorder;
  execution: Execution;
}

/** Errors thrown in the vm are of another realm: rebuild them as host errors, same text. */
function toHostError(e: unknown): Error {
  if (e instanceof Error) return e;
  if (typeof e === 'object' && e !== null && 'message' in e) {
    const src = e as { name?: unknown; message?: unknown; stack?: unknown };
    const err = new Error(String(src.message));
    if (typeof src.name === 'string') err.name = src.name;
    if (typeof src.stack === 'string') err.stack = src.stack;
    return err;
  }
  return new Error(String(e));
}

/**
 * Runs one entry point as Apps Script would: a new execution, the bundle loaded afresh, the
 * function called with the event (if any). An uncaught error ends the execution and is
 * reported, not thrown. Locks the execution held are released at its end.
 */
export function runEntry(
  world: World,
  code: string,
  entry: string,
  event?: unknown,
  opts: ExecutionOptions = {},
): RunResult {
  const execution = new Execution(world, opts);
  let result: unknown;
  let error: Error | null = null;
  try {
    const g = loadBundle(code, execution);
    const fn = g[entry];
    if (typeof fn !== 'function') throw new Error(`Script function not found: ${entry}`);
    result = event === undefined ? fn() : fn(event);
  } catch (e) {
    error = toHostError(e);
  } finally {
    execution.finish();
  }
  const killed = execution.rec.killed;
  // A script that swallowed the time-limit error was still stopped by Apps Script.
  if (killed && error === null) error = new ExecutionKilled();
  return { result, error, killed, rec: execution.rec, execution };
}

/**
 * A time-driven trigger fires: its handler runs with no one at the keyboard, with the event
 * Apps Script passes (time-driven events reference: authMode, triggerUid and the time fields),
 * and, unless the world says otherwise, without a containing document.
 */
export function fireTrigger(
  world: World,
  code: string,
  triggerId?: string,
  opts: ExecutionOptions = {},
): RunResult {
  const clock = world.triggers.filter((t) => t.eventType === 'CLOCK');
  const t = triggerId === undefined ? clock[0] : clock.find((x) => x.id === triggerId);
  if (!t)
    throw new Error(triggerId ? `no trigger ${triggerId}` : 'no time-driven trigger installed');
  const now = new Date(world.nowMs());
  const event = {
    authMode: 'FULL',
    triggerUid: t.id,
    year: now.getUTCFullYear(),
    month: now.getUTCMonth() + 1,
    'day-of-month': now.getUTCDate(),
    hour: now.getUTCHours(),
    minute: now.getUTCMinutes(),
    second: now.getUTCSeconds(),
    timezone: 'UTC',
  };
  return runEntry(world, code, t.handlerFunction, event, { ...opts, interactive: false });
}
