/**
 * Apps Script stops an execution after 6 minutes, wherever it is. A run therefore stops itself
 * first: before each unit of work (one document, one email) it checks that the longest unit of
 * that kind seen so far still fits, with a reserve left for the writes that end the run (the
 * register, the Journal, the status tab). The work not started is left for the next run.
 */
import type { ClockPort, StorePort } from './ports';

/** Apps Script's limit per execution (quotas page: "Script runtime 6 min / execution"). */
export const EXECUTION_LIMIT_MS = 6 * 60_000;

/** Kept free at the end of a run: final writes of a large workbook take about 10 s. */
export const RESERVE_MS = 45_000;

/**
 * A document property that changes the limit the run plans for, in ms; '0' for none. The local
 * runner's `--no-limit` sets it to '0' (the simulated execution has no limit either).
 */
export const LIMIT_PROPERTY = 'facturier:executionLimitMs';

/** A first guess for a kind of unit, before one has been timed in this run. */
const FIRST_GUESS_MS: Readonly<Record<string, number>> = {
  document: 15_000,
  /** A wave of documents (fetchAll): about 5 s for ten under the latency model. */
  'documents-wave': 20_000,
  email: 3_000,
};

export type StopReason = 'time' | 'mail-quota' | 'docs-quota' | 'service-limit';

export class TimeBudget {
  private readonly longest = new Map<string, number>();
  /** Why the run stopped early, and in which step; null while it goes on. */
  stop: { reason: StopReason; step: string } | null = null;

  constructor(
    private readonly clock: ClockPort,
    readonly limitMs: number | null,
    readonly reserveMs = RESERVE_MS,
  ) {}

  static of(clock: ClockPort, store: StorePort): TimeBudget {
    const raw = store.get(LIMIT_PROPERTY);
    const n = raw === null ? NaN : Number(raw);
    const limit = raw === null || !Number.isFinite(n) ? EXECUTION_LIMIT_MS : n > 0 ? n : null;
    return new TimeBudget(clock, limit, limit === null ? 0 : Math.min(RESERVE_MS, limit / 8));
  }

  elapsedMs(): number {
    return this.clock.now().getTime() - this.clock.startMs;
  }

  /**
   * May one more unit of `kind` start in `step`? Once the answer is no, it stays no for the
   * rest of the run, so that every later step leaves its work for the next run too.
   */
  allows(kind: string, step: string): boolean {
    if (this.stop?.reason === 'time') return false;
    if (this.limitMs === null) return true;
    const estimate = this.longest.get(kind) ?? FIRST_GUESS_MS[kind] ?? 5_000;
    if (this.elapsedMs() + estimate <= this.limitMs - this.reserveMs) return true;
    this.stop = { reason: 'time', step };
    return false;
  }

  /** Runs one unit of `kind`, timing it for the next estimates. */
  unit<T>(kind: string, work: () => T): T {
    const started = this.clock.now().getTime();
    try {
      return work();
    } finally {
      const took = this.clock.now().getTime() - started;
      if (took > (this.longest.get(kind) ?? 0)) this.longest.set(kind, took);
    }
  }

  /** The mail service refused a send for its quota: no more sending in this run. */
  mailRefused = false;

  /** A quota reached: the step ends, the rest waits for the next run (or the next day). */
  quota(reason: Exclude<StopReason, 'time'>, step: string): void {
    this.stop ??= { reason, step };
  }

  get stopped(): boolean {
    return this.stop !== null;
  }
}

/**
 * Apps Script ending the execution at its time limit ("Exceeded maximum execution time"): never
 * handled as one document's failure.
 */
export function isExecutionEnd(e: unknown): boolean {
  const message = e instanceof Error ? e.message : String(e);
  return /^Exceeded maximum execution time/i.test(message);
}

/**
 * Errors a service throws when a daily quota or a rate limit is reached. They end the step, not
 * the run; anything else is a bug and goes up.
 */
export function isQuotaError(e: unknown): boolean {
  const message = e instanceof Error ? e.message : String(e);
  return /too many times|quota|rate limit|too much computer time/i.test(message);
}

/**
 * Which daily quota an error says is used up: Apps Script names the service ("Service invoked
 * too many times for one day: email." / "…: docs create."); 'other' for a quota or rate limit
 * that names none, which may pass within the day.
 */
export function quotaOf(e: unknown): 'mail' | 'docs' | 'other' | null {
  if (!isQuotaError(e)) return null;
  const message = e instanceof Error ? e.message : String(e);
  if (/for one day:\s*(e-?mail|gmail)/i.test(message)) return 'mail';
  if (/for one day:\s*docs/i.test(message)) return 'docs';
  return 'other';
}
