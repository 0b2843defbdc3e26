/** PropertiesService, LockService and CacheService over a shared world. */
import { Execution } from '../../tools/gas-sim/execution';
import { LOCK_TIMEOUT_MESSAGE } from '../../tools/gas-sim/services';
import { newWorld, services, start, thrown, worldWithWorkbook } from './helpers';

describe('PropertiesService', () => {
  it('stores strings, as Apps Script converts every value to a string', () => {
    const world = newWorld();
    const { gas } = start(world);
    const p = gas.PropertiesService.getScriptProperties();
    p.setProperty('seq', 12 as unknown as string).setProperty('flag', true as unknown as string);
    expect(p.getProperty('seq')).toBe('12');
    expect(p.getProperty('flag')).toBe('true');
    expect(p.getProperty('missing')).toBeNull();
    expect(p.getKeys().sort()).toEqual(['flag', 'seq']);
  });

  it('setProperties merges, or replaces everything with deleteAllOthers', () => {
    const world = newWorld();
    const { gas } = start(world);
    const p = gas.PropertiesService.getUserProperties();
    p.setProperties({ a: '1', b: '2' });
    p.setProperties({ b: '3', c: '4' });
    expect(p.getProperties()).toEqual({ a: '1', b: '3', c: '4' });
    p.setProperties({ z: '9' }, true);
    expect(p.getProperties()).toEqual({ z: '9' });
    p.deleteProperty('z');
    expect(p.getProperties()).toEqual({});
    p.setProperty('x', 'y').deleteAllProperties();
    expect(p.getKeys()).toEqual([]);
  });

  it('script, user and document stores are separate and shared by executions', () => {
    const world = newWorld();
    start(world).gas.PropertiesService.getDocumentProperties().setProperty('k', 'doc');
    const { gas } = start(world);
    expect(gas.PropertiesService.getDocumentProperties().getProperty('k')).toBe('doc');
    expect(gas.PropertiesService.getScriptProperties().getProperty('k')).toBeNull();
  });

  it('getProperties returns a copy', () => {
    const world = newWorld();
    const { gas } = start(world);
    const p = gas.PropertiesService.getScriptProperties().setProperty('a', '1');
    const all = p.getProperties();
    all['a'] = 'changed';
    expect(p.getProperty('a')).toBe('1');
  });

  it("a value over 9 KB and a store over 500 KB are refused with Apps Script's texts", () => {
    const world = newWorld();
    const { gas } = start(world);
    const p = gas.PropertiesService.getScriptProperties();
    expect(String(thrown(() => p.setProperty('big', 'x'.repeat(9 * 1024 + 1))))).toBe(
      'Exception: Argument too large: value',
    );
    const chunk = 'y'.repeat(9000);
    const e = thrown(() => {
      for (let i = 0; i < 60; i++) p.setProperty(`k${i}`, chunk);
    });
    expect(e.message).toBe(
      'You have exceeded the property storage quota. Please remove some properties and try again.',
    );
  });

  it('counts Properties.getProperty at 30 ms and setProperty at 62 ms (latency model)', () => {
    const world = newWorld();
    const { ex, gas } = start(world);
    const p = gas.PropertiesService.getScriptProperties();
    const before = ex.rec.simulatedMs;
    p.setProperty('a', '1');
    p.getProperty('a');
    expect(ex.rec.simulatedMs - before).toBe(92);
    expect(ex.rec.count('PropertiesService.getScriptProperties')).toBe(1);
  });
});

describe('LockService between two executions on one world', () => {
  it('the second execution cannot take a lock the first holds; tryLock waits its timeout', () => {
    const world = newWorld();
    const a = start(world);
    const b = start(world);
    const lockA = a.gas.LockService.getScriptLock();
    expect(lockA.tryLock(1000)).toBe(true);
    expect(lockA.hasLock()).toBe(true);
    const lockB = b.gas.LockService.getScriptLock();
    const before = b.ex.rec.simulatedMs;
    expect(lockB.tryLock(5000)).toBe(false);
    expect(b.ex.rec.simulatedMs - before).toBe(50 + 5000);
    expect(lockB.hasLock()).toBe(false);
    expect(String(thrown(() => lockB.waitLock(2000)))).toBe(`Exception: ${LOCK_TIMEOUT_MESSAGE}`);
    expect(LOCK_TIMEOUT_MESSAGE).toBe(
      'Lock timeout: another process was holding the lock for too long.',
    );
    lockA.releaseLock();
    expect(lockB.tryLock(0)).toBe(true);
  });

  it('locks are per scope: the script lock does not block the document lock', () => {
    const { world } = worldWithWorkbook();
    const a = start(world);
    const b = start(world);
    expect(a.gas.LockService.getScriptLock().tryLock(0)).toBe(true);
    expect(b.gas.LockService.getDocumentLock().tryLock(0)).toBe(true);
    expect(b.gas.LockService.getUserLock().tryLock(0)).toBe(true);
  });

  it('an execution that ends releases its locks (Execution.finish)', () => {
    const world = newWorld();
    const a = start(world);
    a.gas.LockService.getScriptLock().waitLock(100);
    a.ex.finish();
    const b = start(world);
    expect(b.gas.LockService.getScriptLock().tryLock(0)).toBe(true);
  });

  it('releaseLock by a non-holder does nothing', () => {
    const world = newWorld();
    const a = start(world);
    const b = start(world);
    a.gas.LockService.getScriptLock().waitLock(0);
    b.gas.LockService.getScriptLock().releaseLock();
    expect(world.locks.holder('script')).toBe(a.ex.ctx.executionId);
  });
});

describe('CacheService', () => {
  it('get/put/getAll/putAll/remove with expiry on the simulated clock', () => {
    const world = newWorld();
    const ex = new Execution(world, { limitMs: null });
    const gas = services(ex);
    const cache = gas.CacheService.getScriptCache();
    cache.put('a', '1', 2);
    cache.putAll({ b: '2', c: '3' });
    expect(cache.get('a')).toBe('1');
    expect(cache.getAll(['a', 'b', 'zz'])).toEqual({ a: '1', b: '2' });
    gas.Utilities.sleep(2500);
    expect(cache.get('a')).toBeNull();
    expect(cache.get('b')).toBe('2');
    cache.remove('b');
    cache.removeAll(['c']);
    expect(cache.getAll(['b', 'c'])).toEqual({});
  });

  it('getDocumentCache is null without a document', () => {
    const world = newWorld();
    expect(start(world).gas.CacheService.getDocumentCache()).toBeNull();
    const { world: w2 } = worldWithWorkbook();
    expect(start(w2).gas.CacheService.getDocumentCache()).not.toBeNull();
  });
});
