/**
 * PropertiesService, LockService and CacheService over world state.
 *
 * Locks are owned by execution ids in the world, so two executions on one world contend as two
 * real runs would. Nothing runs in parallel here: a `tryLock` that finds the lock held by
 * another execution waits its whole timeout (simulated) and fails.
 */
import type { SimContext } from './context';
import { gasError } from './errors';
import { api, Handle, track } from './handle';

type RealProps = GoogleAppsScript.Properties.Properties;

/* ---------------- Properties ---------------- */

/** Apps Script limits: 9 KB per value, 500 KB per store (keys and values, UTF-8). */
export const PROPERTY_VALUE_MAX_BYTES = 9 * 1024;
export const PROPERTY_STORE_MAX_BYTES = 500 * 1024;

export type PropertyScope = 'script' | 'user' | 'document';

export class PropertyStores {
  script: Record<string, string> = {};
  user: Record<string, string> = {};
  /** The document store of the add-on's (single) workbook. */
  document: Record<string, string> = {};
  /** The user stores of other users than the world's, by email. */
  others: Record<string, Record<string, string>> = {};

  toJSON(): Record<PropertyScope, Record<string, string>> & {
    others?: Record<string, Record<string, string>>;
  } {
    return {
      script: { ...this.script },
      user: { ...this.user },
      document: { ...this.document },
      others: Object.fromEntries(Object.entries(this.others).map(([k, v]) => [k, { ...v }])),
    };
  }

  static fromJSON(
    j: Record<PropertyScope, Record<string, string>> & {
      others?: Record<string, Record<string, string>>;
    },
  ): PropertyStores {
    const s = new PropertyStores();
    s.script = { ...j.script };
    s.user = { ...j.user };
    s.document = { ...j.document };
    s.others = Object.fromEntries(Object.entries(j.others ?? {}).map(([k, v]) => [k, { ...v }]));
    return s;
  }
}

function storeBytes(store: Record<string, string>): number {
  let n = 0;
  for (const [k, v] of Object.entries(store)) n += Buffer.byteLength(k) + Buffer.byteLength(v);
  return n;
}

export class PropertiesHandle
  extends Handle
  implements
    Pick<
      RealProps,
      | 'getProperty'
      | 'setProperty'
      | 'getProperties'
      | 'setProperties'
      | 'deleteProperty'
      | 'deleteAllProperties'
      | 'getKeys'
    >
{
  constructor(
    private readonly ctx: SimContext,
    private readonly scope: PropertyScope,
  ) {
    super();
  }

  _store(): Record<string, string> {
    const p = this.ctx.world.properties;
    if (this.scope === 'user' && this.ctx.user !== this.ctx.world.userEmail) {
      return (p.others[this.ctx.user] ??= {});
    }
    return p[this.scope];
  }

  _replace(next: Record<string, string>): void {
    const p = this.ctx.world.properties;
    if (this.scope === 'user' && this.ctx.user !== this.ctx.world.userEmail) {
      p.others[this.ctx.user] = next;
    } else p[this.scope] = next;
  }

  getProperty(key: string): string | null {
    return Object.prototype.hasOwnProperty.call(this._store(), key)
      ? (this._store()[key] ?? null)
      : null;
  }

  setProperty(key: string, value: string): RealProps {
    this._write({ [key]: value }, false);
    return api(this);
  }

  getProperties(): { [key: string]: string } {
    return { ...this._store() };
  }

  setProperties(properties: { [key: string]: string }, deleteAllOthers = false): RealProps {
    this._write(properties, deleteAllOthers);
    return api(this);
  }

  deleteProperty(key: string): RealProps {
    const next = { ...this._store() };
    delete next[key];
    this._replace(next);
    return api(this);
  }

  deleteAllProperties(): RealProps {
    this._replace({});
    return api(this);
  }

  getKeys(): string[] {
    return Object.keys(this._store());
  }

  /** Values are stored as strings, as Apps Script does (`String(value)`). */
  _write(props: Record<string, unknown>, deleteAllOthers: boolean): void {
    const next: Record<string, string> = deleteAllOthers ? {} : { ...this._store() };
    for (const [k, v] of Object.entries(props)) {
      const s = String(v);
      if (Buffer.byteLength(s) > PROPERTY_VALUE_MAX_BYTES)
        throw gasError('Argument too large: value');
      next[k] = s;
    }
    if (storeBytes(next) > PROPERTY_STORE_MAX_BYTES) {
      throw gasError(
        'You have exceeded the property storage quota. Please remove some properties and try again.',
      );
    }
    this._replace(next);
  }
}

export function createPropertiesService(
  ctx: SimContext,
): GoogleAppsScript.Properties.PropertiesService {
  const make = (scope: PropertyScope): RealProps =>
    api(track(new PropertiesHandle(ctx, scope), 'Properties', ctx.rec));
  const svc = new (class extends Handle implements GoogleAppsScript.Properties.PropertiesService {
    getScriptProperties(): RealProps {
      return make('script');
    }
    getUserProperties(): RealProps {
      return make('user');
    }
    /** Null outside a containing document (Class PropertiesService reference page). */
    getDocumentProperties(): RealProps {
      return (ctx.hasDocument ? make('document') : null) as RealProps;
    }
  })();
  return api(track(svc, 'PropertiesService', ctx.rec));
}

/* ---------------- Locks ---------------- */

export type LockScope = 'script' | 'user' | 'document';

export const LOCK_TIMEOUT_MESSAGE =
  'Lock timeout: another process was holding the lock for too long.';

/** Who holds which lock. Not persisted: locks die with the executions that hold them. */
export class LockTable {
  /** By lock: `script`, `document`, or `user:<email>` (each user has a user lock of their own). */
  readonly owners = new Map<string, string>();

  holder(scope: string): string | undefined {
    return this.owners.get(scope);
  }

  /** Apps Script releases an execution's locks when it ends. */
  releaseAll(executionId: string): void {
    for (const [scope, owner] of [...this.owners]) {
      if (owner === executionId) this.owners.delete(scope);
    }
  }
}

export class LockHandle extends Handle implements GoogleAppsScript.Lock.Lock {
  constructor(
    private readonly ctx: SimContext,
    private readonly scope: LockScope,
  ) {
    super();
  }

  /** The lock's key in the world's table: the user lock is each user's own. */
  private get key(): string {
    return this.scope === 'user' ? `user:${this.ctx.user}` : this.scope;
  }

  tryLock(timeoutInMillis: number): boolean {
    const table = this.ctx.world.locks;
    const holder = table.holder(this.key);
    if (holder === undefined || holder === this.ctx.executionId) {
      table.owners.set(this.key, this.ctx.executionId);
      return true;
    }
    // Nobody else runs while we wait: the whole timeout passes and the lock is still taken.
    this.ctx.rec.wait(Math.max(0, timeoutInMillis));
    return false;
  }

  waitLock(timeoutInMillis: number): void {
    if (!this.tryLock(timeoutInMillis)) throw gasError(LOCK_TIMEOUT_MESSAGE);
  }

  hasLock(): boolean {
    return this.ctx.world.locks.holder(this.key) === this.ctx.executionId;
  }

  releaseLock(): void {
    if (this.hasLock()) this.ctx.world.locks.owners.delete(this.key);
  }
}

export function createLockService(ctx: SimContext): GoogleAppsScript.Lock.LockService {
  const make = (scope: LockScope): GoogleAppsScript.Lock.Lock =>
    api(track(new LockHandle(ctx, scope), 'Lock', ctx.rec));
  const svc = new (class extends Handle implements GoogleAppsScript.Lock.LockService {
    getScriptLock(): GoogleAppsScript.Lock.Lock {
      return make('script');
    }
    getUserLock(): GoogleAppsScript.Lock.Lock {
      return make('user');
    }
    /** Null outside a containing document (Class LockService reference page). */
    getDocumentLock(): GoogleAppsScript.Lock.Lock {
      return (ctx.hasDocument ? make('document') : null) as GoogleAppsScript.Lock.Lock;
    }
  })();
  return api(track(svc, 'LockService', ctx.rec));
}

/* ---------------- Cache ---------------- */

export type CacheScope = 'script' | 'user' | 'document';

interface CacheEntry {
  value: string;
  expiresAtMs: number;
}

/** Apps Script's limits: 100 KB per value, 250 characters per key, 6 hours at most. */
export const CACHE_DEFAULT_SECONDS = 600;
export const CACHE_MAX_SECONDS = 21_600;
const CACHE_VALUE_MAX_BYTES = 100 * 1024;
const CACHE_KEY_MAX = 250;

export class CacheStores {
  script = new Map<string, CacheEntry>();
  user = new Map<string, CacheEntry>();
  document = new Map<string, CacheEntry>();

  toJSON(): Record<CacheScope, Array<[string, CacheEntry]>> {
    return {
      script: [...this.script],
      user: [...this.user],
      document: [...this.document],
    };
  }

  static fromJSON(j: Record<CacheScope, Array<[string, CacheEntry]>>): CacheStores {
    const c = new CacheStores();
    c.script = new Map(j.script);
    c.user = new Map(j.user);
    c.document = new Map(j.document);
    return c;
  }
}

export class CacheHandle extends Handle implements GoogleAppsScript.Cache.Cache {
  constructor(
    private readonly ctx: SimContext,
    private readonly scope: CacheScope,
  ) {
    super();
  }

  _map(): Map<string, CacheEntry> {
    return this.ctx.world.cache[this.scope];
  }

  _nowMs(): number {
    return this.ctx.now().getTime();
  }

  get(key: string): string | null {
    const e = this._map().get(key);
    if (!e) return null;
    if (e.expiresAtMs <= this._nowMs()) {
      this._map().delete(key);
      return null;
    }
    return e.value;
  }

  getAll(keys: string[]): { [key: string]: string } {
    const out: Record<string, string> = {};
    for (const k of keys) {
      const v = this.get(k);
      if (v !== null) out[k] = v;
    }
    return out;
  }

  put(key: string, value: string, expirationInSeconds = CACHE_DEFAULT_SECONDS): void {
    if (key.length > CACHE_KEY_MAX) throw gasError('Argument too large: key');
    const s = String(value);
    if (Buffer.byteLength(s) > CACHE_VALUE_MAX_BYTES) throw gasError('Argument too large: value');
    const seconds = Math.min(Math.max(1, expirationInSeconds), CACHE_MAX_SECONDS);
    this._map().set(key, { value: s, expiresAtMs: this._nowMs() + seconds * 1000 });
  }

  putAll(values: { [key: string]: unknown }, expirationInSeconds = CACHE_DEFAULT_SECONDS): void {
    for (const [k, v] of Object.entries(values)) this.put(k, String(v), expirationInSeconds);
  }

  remove(key: string): void {
    this._map().delete(key);
  }

  removeAll(keys: string[]): void {
    for (const k of keys) this._map().delete(k);
  }
}

export function createCacheService(ctx: SimContext): GoogleAppsScript.Cache.CacheService {
  const make = (scope: CacheScope): GoogleAppsScript.Cache.Cache =>
    api(track(new CacheHandle(ctx, scope), 'Cache', ctx.rec));
  const svc = new (class extends Handle implements GoogleAppsScript.Cache.CacheService {
    getScriptCache(): GoogleAppsScript.Cache.Cache {
      return make('script');
    }
    getUserCache(): GoogleAppsScript.Cache.Cache {
      return make('user');
    }
    /** null outside a document, as in Apps Script. */
    getDocumentCache(): GoogleAppsScript.Cache.Cache | null {
      return ctx.world.sheets.activeId === null || !ctx.hasDocument ? null : make('document');
    }
  })();
  return api(track(svc, 'CacheService', ctx.rec));
}
