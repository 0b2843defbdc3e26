import {
  EXECUTION_LIMIT_MS,
  LIMIT_PROPERTY,
  RESERVE_MS,
  TimeBudget,
  isQuotaError,
} from '../../src/app/time-budget';
import type { ClockPort, StorePort } from '../../src/app/ports';

/** A clock that moves only when told. */
function clock(): ClockPort & { advance(ms: number): void } {
  let now = 1_000_000;
  return {
    startMs: now,
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
  };
}

function store(values: Record<string, string> = {}): StorePort {
  return {
    get: (k) => values[k] ?? null,
    set: (k, v) => {
      values[k] = v;
    },
    remove: (...keys) => {
      for (const k of keys) delete values[k];
    },
    keys: (prefix) => Object.keys(values).filter((k) => k.startsWith(prefix)),
  };
}

describe('TimeBudget', () => {
  it('plans for 6 minutes less a reserve by default', () => {
    const b = TimeBudget.of(clock(), store());
    expect(b.limitMs).toBe(EXECUTION_LIMIT_MS);
    expect(b.reserveMs).toBe(RESERVE_MS);
  });

  it('has no limit when the document property says 0, and another when it says so', () => {
    expect(TimeBudget.of(clock(), store({ [LIMIT_PROPERTY]: '0' })).limitMs).toBeNull();
    const b = TimeBudget.of(clock(), store({ [LIMIT_PROPERTY]: '80000' }));
    expect(b.limitMs).toBe(80_000);
    expect(b.reserveMs).toBe(10_000);
    expect(TimeBudget.of(clock(), store({ [LIMIT_PROPERTY]: 'soon' })).limitMs).toBe(
      EXECUTION_LIMIT_MS,
    );
  });

  it('lets a unit start while the longest one seen so far still fits before the reserve', () => {
    const c = clock();
    const b = new TimeBudget(c, 100_000, 10_000);
    // First guess for a document: 15 s.
    expect(b.allows('document', 'documents')).toBe(true);
    b.unit('document', () => c.advance(20_000));
    c.advance(49_000);
    // 69 s elapsed + 20 s (longest) = 89 s ≤ 90 s.
    expect(b.allows('document', 'documents')).toBe(true);
    c.advance(2_000);
    expect(b.allows('document', 'documents')).toBe(false);
    expect(b.stop).toEqual({ reason: 'time', step: 'documents' });
  });

  it('once stopped for time, stops every later step too', () => {
    const c = clock();
    const b = new TimeBudget(c, 100_000, 10_000);
    c.advance(89_000);
    expect(b.allows('document', 'documents')).toBe(false);
    c.advance(-89_000);
    expect(b.allows('email', 'send')).toBe(false);
    expect(b.stop?.step).toBe('documents');
  });

  it('times units even when they throw', () => {
    const c = clock();
    const b = new TimeBudget(c, 100_000, 10_000);
    expect(() =>
      b.unit('email', () => {
        c.advance(70_000);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(b.allows('email', 'send')).toBe(false);
  });

  it('keeps the first reason: a quota, then time', () => {
    const b = new TimeBudget(clock(), null);
    expect(b.allows('document', 'documents')).toBe(true);
    b.quota('mail-quota', 'send');
    b.quota('docs-quota', 'documents');
    expect(b.stop).toEqual({ reason: 'mail-quota', step: 'send' });
    expect(b.stopped).toBe(true);
    // A mail quota does not stop documents from being made.
    expect(b.allows('document', 'documents')).toBe(true);
  });
});

describe('isQuotaError', () => {
  it.each([
    ['Service invoked too many times for one day: email.', true],
    ['Service invoked too many times for one day: docs create.', true],
    ['Service invoked too many times in a short time: driveapp. Try Utilities.sleep(1000)', true],
    ['Limit Exceeded: Email Body Size.', false],
    ['Service using too much computer time for one day', true],
    ['Exceeded maximum execution time', false],
    ['Cannot read properties of undefined', false],
    ['Invalid argument: name', false],
  ])('%s → %s', (message, expected) => {
    expect(isQuotaError(new Error(message))).toBe(expected);
  });
});
