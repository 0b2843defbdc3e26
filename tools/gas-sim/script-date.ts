/**
 * The script's `Date`. In Apps Script, local-time methods (`new Date(2026, 10, 5)`,
 * `getHours()`, `toString()`) follow the project's time zone, whatever the machine's. Here a
 * Date subclass computes them in the world's zone with Intl, so runs give the same dates on a
 * laptop in Paris and on a CI machine in UTC. `new Date()` and `Date.now()` give the simulated
 * clock; every other form behaves as usual.
 *
 * Dates cross realms: the bundle runs in a `vm` context and its own intrinsics, the Date values
 * handed out by other services and the host's dates do not share one prototype chain, so
 * `instanceof Date` is not a reliable test. The bundle must recognise dates with
 * `Object.prototype.toString.call(v) === '[object Date]'` (the script's `Date` answers
 * `instanceof` that way too, as a courtesy).
 */
import { dateMs, isDateLike, tzOffsetMs, zonedParts, zonedToEpoch } from './time';

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTH_NAMES = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

/** Epoch ms of local fields (overflowing fields roll over, as in the Date constructor). */
function fromLocalFields(tz: string, fields: number[]): number {
  if (fields.some((f) => !Number.isFinite(f))) return NaN;
  const [y = NaN, m = 0, d = 1, h = 0, mi = 0, s = 0, ms = 0] = fields;
  const wall = new Date(Date.UTC(y, m, d, h, mi, s, ms));
  if (y >= 0 && y <= 99) wall.setUTCFullYear(1900 + Math.trunc(y));
  return zonedToEpoch(
    tz,
    wall.getUTCFullYear(),
    wall.getUTCMonth() + 1,
    wall.getUTCDate(),
    wall.getUTCHours(),
    wall.getUTCMinutes(),
    wall.getUTCSeconds(),
    wall.getUTCMilliseconds(),
  );
}

/** ECMAScript reads a date-time string without an offset as local time; date-only ISO as UTC. */
function parseInZone(text: string, tz: string): number {
  const host = Date.parse(text);
  if (Number.isNaN(host)) return NaN;
  const s = text.trim();
  const dateOnlyIso = /^[+-]?\d{4,6}(-\d\d(-\d\d)?)?$/.test(s);
  const explicitZone =
    /(Z|[+-]\d\d:?\d\d|\b(GMT|UTC|UT)\b[+-]?\d*)$/i.test(s) || /\bGMT[+-]\d{4}\b/.test(s);
  if (dateOnlyIso || explicitZone) return host;
  // The host read it in its own zone: take the wall fields it saw and place them in ours.
  const h = new Date(host);
  return fromLocalFields(tz, [
    h.getFullYear(),
    h.getMonth(),
    h.getDate(),
    h.getHours(),
    h.getMinutes(),
    h.getSeconds(),
    h.getMilliseconds(),
  ]);
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

function offsetText(offsetMs: number): string {
  const m = Math.round(offsetMs / 60_000);
  const sign = m < 0 ? '-' : '+';
  return `GMT${sign}${pad(Math.floor(Math.abs(m) / 60))}${pad(Math.abs(m) % 60)}`;
}

function zoneLongName(ms: number, tz: string): string {
  const f = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'long' });
  return f.formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value ?? tz;
}

const classes = new Map<string, DateConstructor>();

/** A Date subclass whose local-time methods use `tz`. */
export function scriptDateClass(tz: string): DateConstructor {
  const cached = classes.get(tz);
  if (cached) return cached;

  class ZonedDate extends Date {
    constructor(...args: unknown[]) {
      if (args.length >= 2)
        super(
          fromLocalFields(
            tz,
            args.map((a) => Number(a)),
          ),
        );
      else if (args.length === 1 && typeof args[0] === 'string') super(parseInZone(args[0], tz));
      else if (args.length === 1 && isDateLike(args[0])) super(dateMs(args[0]));
      else if (args.length === 1) super(args[0] as number);
      else super();
    }

    static override parse(s: string): number {
      return parseInZone(String(s), tz);
    }

    _parts(): ReturnType<typeof zonedParts> | null {
      const t = this.getTime();
      return Number.isNaN(t) ? null : zonedParts(t, tz);
    }

    _setLocal(edit: (f: number[]) => void): number {
      const p = this._parts();
      const f = p
        ? [p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond]
        : [NaN, 0, 1, 0, 0, 0, 0];
      edit(f);
      return this.setTime(fromLocalFields(tz, f));
    }

    override getFullYear(): number {
      return this._parts()?.year ?? NaN;
    }
    override getMonth(): number {
      const p = this._parts();
      return p ? p.month - 1 : NaN;
    }
    override getDate(): number {
      return this._parts()?.day ?? NaN;
    }
    override getDay(): number {
      return this._parts()?.weekday ?? NaN;
    }
    override getHours(): number {
      return this._parts()?.hour ?? NaN;
    }
    override getMinutes(): number {
      return this._parts()?.minute ?? NaN;
    }
    override getSeconds(): number {
      return this._parts()?.second ?? NaN;
    }
    override getMilliseconds(): number {
      return this._parts()?.millisecond ?? NaN;
    }
    override getTimezoneOffset(): number {
      const t = this.getTime();
      return Number.isNaN(t) ? NaN : -tzOffsetMs(t, tz) / 60_000;
    }

    override setFullYear(year: number, month?: number, date?: number): number {
      return this._setLocal((f) => {
        f[0] = year;
        if (month !== undefined) f[1] = month;
        if (date !== undefined) f[2] = date;
      });
    }
    override setMonth(month: number, date?: number): number {
      return this._setLocal((f) => {
        f[1] = month;
        if (date !== undefined) f[2] = date;
      });
    }
    override setDate(date: number): number {
      return this._setLocal((f) => {
        f[2] = date;
      });
    }
    override setHours(hours: number, min?: number, sec?: number, ms?: number): number {
      return this._setLocal((f) => {
        f[3] = hours;
        if (min !== undefined) f[4] = min;
        if (sec !== undefined) f[5] = sec;
        if (ms !== undefined) f[6] = ms;
      });
    }
    override setMinutes(min: number, sec?: number, ms?: number): number {
      return this._setLocal((f) => {
        f[4] = min;
        if (sec !== undefined) f[5] = sec;
        if (ms !== undefined) f[6] = ms;
      });
    }
    override setSeconds(sec: number, ms?: number): number {
      return this._setLocal((f) => {
        f[5] = sec;
        if (ms !== undefined) f[6] = ms;
      });
    }
    override setMilliseconds(ms: number): number {
      return this._setLocal((f) => {
        f[6] = ms;
      });
    }

    override toDateString(): string {
      const p = this._parts();
      if (!p) return 'Invalid Date';
      return `${DAY_NAMES[p.weekday]} ${MONTH_NAMES[p.month - 1]} ${pad(p.day)} ${pad(p.year, 4)}`;
    }
    override toTimeString(): string {
      const p = this._parts();
      if (!p) return 'Invalid Date';
      const t = this.getTime();
      return `${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)} ${offsetText(tzOffsetMs(t, tz))} (${zoneLongName(t, tz)})`;
    }
    override toString(): string {
      if (Number.isNaN(this.getTime())) return 'Invalid Date';
      return `${this.toDateString()} ${this.toTimeString()}`;
    }
    override toLocaleString(
      locales?: string | string[],
      options?: Intl.DateTimeFormatOptions,
    ): string {
      return super.toLocaleString(locales, { timeZone: tz, ...options });
    }
    override toLocaleDateString(
      locales?: string | string[],
      options?: Intl.DateTimeFormatOptions,
    ): string {
      return super.toLocaleDateString(locales, { timeZone: tz, ...options });
    }
    override toLocaleTimeString(
      locales?: string | string[],
      options?: Intl.DateTimeFormatOptions,
    ): string {
      return super.toLocaleTimeString(locales, { timeZone: tz, ...options });
    }
  }

  const ctor = ZonedDate as unknown as DateConstructor;
  classes.set(tz, ctor);
  return ctor;
}

/** A date the script receives (from getValues…): local methods in the script's zone. */
export function toScriptDate(ms: number, tz: string): Date {
  const C = scriptDateClass(tz);
  return new C(ms);
}

/**
 * The `Date` global of an execution: the zoned class, with `new Date()`, `Date()` and
 * `Date.now()` reading the simulated clock.
 */
export function makeClockDate(nowMs: () => number, tz: string): DateConstructor {
  const C = scriptDateClass(tz);
  return new Proxy(C, {
    construct(target, args: unknown[], newTarget) {
      return Reflect.construct(target, args.length === 0 ? [nowMs()] : args, newTarget) as object;
    },
    apply() {
      return new C(nowMs()).toString();
    },
    get(target, prop, receiver) {
      if (prop === 'now') return () => nowMs();
      if (prop === Symbol.hasInstance) return (v: unknown) => isDateLike(v);
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}
