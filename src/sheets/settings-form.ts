/**
 * The settings sidebar's form, as pure functions: which settings it edits, how each submitted
 * field is checked (SIREN, SIRET, VAT number, IBAN, BIC, number patterns, e-mail addresses,
 * days…), the messages in the workbook's language, and the normalized value each field writes
 * into the Settings tab. Also the next number each pattern would give, and the date of the next
 * monthly job.
 */
import { parseReminderSchedule } from '../billing/payment-book';
import { addMonths, dateFromParts, dateParts, type CalendarDate } from '../domain/dates';
import {
  isValidBic,
  isValidIban,
  isValidSiren,
  isValidSiret,
  isValidVatNumber,
} from '../domain/identifiers';
import { nextSequence, type CounterState } from '../domain/numbering';
import {
  formatInvoiceNumber,
  parseNumberPattern,
  seriesKey,
  usesProvider,
} from '../domain/number-pattern';
import {
  isDateValue,
  parseBool,
  parseEmails,
  parseEnum,
  parseInteger,
  type CellValue,
} from './cells';
import { DEFAULT_SETTINGS, type Settings } from './settings';
import { BILLING_MODES, type Lang } from './tabs';
import { render, t, type Message } from '../texts';

export type FieldKind =
  | 'text'
  | 'postcode'
  | 'siren'
  | 'siret'
  | 'vat'
  | 'iban'
  | 'bic'
  | 'email'
  | 'emails'
  | 'pattern'
  | 'terms'
  | 'day'
  | 'reminders'
  | 'bool'
  | 'billingMode';

export type SectionKey =
  'organisation' | 'identifiers' | 'bank' | 'emails' | 'numbering' | 'billing';

export const SIDEBAR_KEYS = [
  'orgName',
  'legalForm',
  'address',
  'postcode',
  'city',
  'siren',
  'siret',
  'vatNumber',
  'iban',
  'bic',
  'senderName',
  'replyTo',
  'financeEmail',
  'invoicePattern',
  'creditPattern',
  'selfBillingPattern',
  'paymentTerms',
  'billingCallDay',
  'reminders',
  'autoSend',
  'trainingBillingMode',
] as const satisfies readonly (keyof Settings)[];

export type SidebarKey = (typeof SIDEBAR_KEYS)[number];
export type PatternKey = 'invoicePattern' | 'creditPattern' | 'selfBillingPattern';
export const PATTERN_KEYS: readonly PatternKey[] = [
  'invoicePattern',
  'creditPattern',
  'selfBillingPattern',
];

export interface SidebarField {
  readonly key: SidebarKey;
  readonly kind: FieldKind;
  readonly section: SectionKey;
  /** An empty value is refused (the others may stay empty until an action needs them). */
  readonly required?: boolean;
}

export const SIDEBAR_FIELDS: readonly SidebarField[] = [
  { key: 'orgName', kind: 'text', section: 'organisation', required: true },
  { key: 'legalForm', kind: 'text', section: 'organisation' },
  { key: 'address', kind: 'text', section: 'organisation' },
  { key: 'postcode', kind: 'postcode', section: 'organisation' },
  { key: 'city', kind: 'text', section: 'organisation' },
  { key: 'siren', kind: 'siren', section: 'identifiers' },
  { key: 'siret', kind: 'siret', section: 'identifiers' },
  { key: 'vatNumber', kind: 'vat', section: 'identifiers' },
  { key: 'iban', kind: 'iban', section: 'bank' },
  { key: 'bic', kind: 'bic', section: 'bank' },
  { key: 'senderName', kind: 'text', section: 'emails' },
  { key: 'replyTo', kind: 'email', section: 'emails' },
  { key: 'financeEmail', kind: 'emails', section: 'emails' },
  { key: 'invoicePattern', kind: 'pattern', section: 'numbering', required: true },
  { key: 'creditPattern', kind: 'pattern', section: 'numbering', required: true },
  { key: 'selfBillingPattern', kind: 'pattern', section: 'numbering', required: true },
  { key: 'paymentTerms', kind: 'terms', section: 'billing', required: true },
  { key: 'billingCallDay', kind: 'day', section: 'billing', required: true },
  { key: 'reminders', kind: 'reminders', section: 'billing', required: true },
  { key: 'autoSend', kind: 'bool', section: 'billing' },
  { key: 'trainingBillingMode', kind: 'billingMode', section: 'billing', required: true },
];

/** The billing-call day is a day every month has, so the monthly job runs every month. */
export const BILLING_DAY_MIN = 1;
export const BILLING_DAY_MAX = 28;
/** Payment terms: at most 60 days after the invoice date (Code de commerce, art. L441-10). */
export const TERMS_MAX_DAYS = 60;
const TEXT_MAX = 200;

/** One field, checked: the text the sidebar shows and the cell the Settings tab gets. */
export interface NormalizedValue {
  readonly text: string;
  readonly cell: string | number;
}

export type FieldOutcome =
  | { readonly ok: true; readonly value: NormalizedValue }
  | { readonly ok: false; readonly error: string };

export type FormValues = Partial<Record<SidebarKey, NormalizedValue>>;
export type FormErrors = Partial<Record<SidebarKey, string>>;

export type FormOutcome =
  | { readonly ok: true; readonly values: FormValues }
  | { readonly ok: false; readonly errors: FormErrors };

function compact(text: string): string {
  return text.replace(/[\s\u00a0\u202f.-]+/g, '').toUpperCase();
}

function groups(text: string, sizes: readonly number[]): string {
  const out: string[] = [];
  let at = 0;
  for (const size of sizes) {
    if (at >= text.length) break;
    out.push(text.slice(at, at + size));
    at += size;
  }
  if (at < text.length) out.push(text.slice(at));
  return out.join(' ');
}

const ok = (text: string, cell: string | number = text): FieldOutcome => ({
  ok: true,
  value: { text, cell },
});
const bad = (error: string): FieldOutcome => ({ ok: false, error });

export function fieldOf(key: SidebarKey): SidebarField {
  const f = SIDEBAR_FIELDS.find((x) => x.key === key);
  if (!f) throw new Error(`not a sidebar field: ${key}`);
  return f;
}

/** The text a cell of the Settings tab holds, as the sidebar shows it before checking. */
export function cellText(key: SidebarKey, v: CellValue | undefined): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (isDateValue(v)) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'number') {
    // Sheets types a SIREN or SIRET typed without spaces as a number, dropping leading zeros.
    if (key === 'siren' && Number.isInteger(v)) return String(v).padStart(9, '0');
    if (key === 'siret' && Number.isInteger(v)) return String(v).padStart(14, '0');
    if (key === 'postcode' && Number.isInteger(v)) return String(v).padStart(5, '0');
    return String(v);
  }
  return v.trim();
}

/** The default of a setting, as text, for a Settings row that is missing or empty. */
export function defaultText(key: SidebarKey, lang: Lang): string {
  const v = DEFAULT_SETTINGS[key];
  if (typeof v === 'boolean') return yesNo(v, lang);
  if (key === 'trainingBillingMode') {
    return BILLING_MODES.find((m) => m.code === v)?.[lang] ?? String(v);
  }
  return String(v);
}

function yesNo(v: boolean, lang: Lang): string {
  return t(lang, v ? 'value.yes' : 'value.no');
}

/** Day offsets as the Settings tab keeps them: `J-3, J+7` (`D-3, D+7` in English). */
export function formatReminders(days: readonly number[], lang: Lang): string {
  const d = t(lang, 'reminders.day-letter');
  return days.map((n) => (n === 0 ? `${d}0` : `${d}${n > 0 ? '+' : ''}${n}`)).join(', ');
}

/** Checks one field on its own; `raw` as typed. */
export function checkField(key: SidebarKey, raw: string, lang: Lang): FieldOutcome {
  const field = fieldOf(key);
  const text = raw.replace(/[\r\n\t]+/g, ' ').trim();
  if (text === '') {
    return field.required ? bad(t(lang, 'form.value-required')) : ok('', '');
  }
  switch (field.kind) {
    case 'text':
      return text.length > TEXT_MAX
        ? bad(t(lang, 'form.text-too-long', { max: TEXT_MAX }))
        : ok(text);
    case 'postcode':
      return /^[A-Za-z0-9][A-Za-z0-9 -]{1,9}$/.test(text)
        ? ok(text.toUpperCase())
        : bad(t(lang, 'form.invalid-postcode', { postcode: text }));
    case 'siren': {
      const s = compact(text);
      if (!/^\d{9}$/.test(s)) return bad(t(lang, 'form.siren-digits'));
      if (!isValidSiren(s)) return bad(t(lang, 'form.siren-check'));
      return ok(groups(s, [3, 3, 3]));
    }
    case 'siret': {
      const s = compact(text);
      if (!/^\d{14}$/.test(s)) return bad(t(lang, 'form.siret-digits'));
      if (!isValidSiret(s)) return bad(t(lang, 'form.siret-check'));
      return ok(groups(s, [3, 3, 3, 5]));
    }
    case 'vat': {
      const v = compact(text);
      if (!isValidVatNumber(v)) return bad(t(lang, 'form.invalid-vat-number'));
      return ok(v);
    }
    case 'iban': {
      const v = compact(text);
      if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(v)) return bad(t(lang, 'form.iban-shape'));
      if (!isValidIban(v)) return bad(t(lang, 'form.iban-check'));
      return ok(groups(v, new Array<number>(9).fill(4)));
    }
    case 'bic': {
      const v = compact(text);
      return isValidBic(v) ? ok(v) : bad(t(lang, 'form.invalid-bic'));
    }
    case 'email':
    case 'emails': {
      const p = parseEmails(text);
      if (!p.ok) return bad(capitalize(render(p.why, lang)));
      if (field.kind === 'email' && p.value.length !== 1) return bad(t(lang, 'form.one-address'));
      return ok(p.value.join(', '));
    }
    case 'pattern': {
      const p = parseNumberPattern(text);
      if (!p.ok) return bad(problemsText(p.problems, lang));
      const provider = usesProvider(p.pattern);
      if (key === 'selfBillingPattern' && !provider) return bad(t(lang, 'form.provider-required'));
      if (key !== 'selfBillingPattern' && provider)
        return bad(t(lang, 'form.provider-self-billing-only'));
      return ok(text);
    }
    case 'terms':
    case 'day': {
      const n = parseInteger(text, lang);
      const [min, max] =
        field.kind === 'day' ? [BILLING_DAY_MIN, BILLING_DAY_MAX] : [0, TERMS_MAX_DAYS];
      if (!n.ok || n.value < min || n.value > max) {
        return bad(
          field.kind === 'day'
            ? t(lang, 'form.billing-day-range', { min, max })
            : t(lang, 'form.terms-range', { max }),
        );
      }
      return ok(String(n.value), n.value);
    }
    case 'reminders': {
      const days = parseReminderSchedule(text);
      if (days === null || days.length === 0) return bad(t(lang, 'form.reminders'));
      const s = formatReminders(days, lang);
      return ok(s);
    }
    case 'bool': {
      const b = parseBool(text);
      return b.ok ? ok(yesNo(b.value, lang)) : bad(capitalize(render(b.why, lang)));
    }
    case 'billingMode': {
      const m = parseEnum(text, BILLING_MODES);
      if (!m.ok) return bad(capitalize(render(m.why, lang)));
      return ok(BILLING_MODES.find((x) => x.code === m.value)?.[lang] ?? m.value);
    }
  }
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function problemsText(problems: readonly { readonly message: Message }[], lang: Lang): string {
  return problems.map((x) => render(x.message, lang)).join(t(lang, 'form.problems-separator'));
}

/**
 * Checks a submitted form (field key → text as typed). Only the keys present are checked and
 * returned; `current` (the Settings tab's texts) stands in for an absent field in the checks
 * across fields: the SIREN is the first 9 digits of the SIRET, a French VAT number carries the
 * SIREN, and the three series differ.
 */
export function checkSettingsForm(
  form: Readonly<Record<string, unknown>>,
  lang: Lang,
  current: Readonly<Partial<Record<SidebarKey, string>>> = {},
): FormOutcome {
  const values: FormValues = {};
  const errors: FormErrors = {};
  for (const f of SIDEBAR_FIELDS) {
    if (!(f.key in form)) continue;
    const raw = form[f.key];
    const text =
      typeof raw === 'string'
        ? raw
        : typeof raw === 'number' || typeof raw === 'boolean'
          ? String(raw)
          : '';
    const r = checkField(f.key, text, lang);
    if (r.ok) values[f.key] = r.value;
    else errors[f.key] = r.error;
  }
  const known = (key: SidebarKey): string | undefined => {
    if (key in form) return values[key]?.text;
    const c = current[key];
    if (c === undefined || c === '') return c;
    const r = checkField(key, c, lang);
    return r.ok ? r.value.text : undefined;
  };
  const digits = (s: string | undefined) => (s === undefined ? '' : compact(s));
  const siren = digits(known('siren'));
  const siret = digits(known('siret'));
  if (siren !== '' && siret !== '' && siret.slice(0, 9) !== siren && !errors.siret) {
    const target: SidebarKey = 'siret' in form ? 'siret' : 'siren';
    errors[target] = t(lang, 'form.siret-starts-with-siren', { siren: groups(siren, [3, 3, 3]) });
  }
  const vat = digits(known('vatNumber'));
  const ownSiren = siren !== '' ? siren : siret.slice(0, 9);
  if (vat.startsWith('FR') && ownSiren !== '' && vat.slice(4) !== ownSiren && !errors.vatNumber) {
    errors['vatNumber'] = t(lang, 'form.vat-ends-with-siren', { siren: ownSiren });
  }
  const series = PATTERN_KEYS.map((k) => [k, known(k)] as const);
  series.forEach(([k, p], i) => {
    if (p === undefined || p === '' || errors[k]) return;
    const same = series.slice(0, i).find(([, q]) => q === p);
    if (same && k in form) errors[k] = t(lang, 'form.pattern-used');
  });
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, values };
}

/** The next number a pattern gives, or why it cannot. */
export type NumberPreview =
  | { readonly ok: true; readonly next: string; readonly provider?: string }
  | { readonly ok: false; readonly error: string };

/**
 * The number the next invoice of `pattern`'s series would get on `issueDate`, from the counters
 * of the register (`provider`: the code standing in for `{PROVIDER}`).
 */
export function previewNumber(
  key: PatternKey,
  pattern: string,
  counters: CounterState,
  issueDate: CalendarDate,
  lang: Lang,
  provider?: string,
): NumberPreview {
  const checked = checkField(key, pattern, lang);
  if (!checked.ok) return { ok: false, error: checked.error };
  const parsed = parseNumberPattern(pattern.trim());
  if (!parsed.ok) return { ok: false, error: problemsText(parsed.problems, lang) };
  if (!usesProvider(parsed.pattern)) {
    const context = { issueDate };
    const seq = nextSequence(counters, seriesKey(parsed.pattern, context));
    return { ok: true, next: formatInvoiceNumber(parsed.pattern, context, seq) };
  }
  const context = { issueDate, provider: provider ?? 'CODE' };
  const seq = nextSequence(counters, seriesKey(parsed.pattern, context));
  return {
    ok: true,
    next: formatInvoiceNumber(parsed.pattern, context, seq),
    provider: context.provider,
  };
}

/**
 * The day of the next monthly job: the billing-call day of this month if it is not past, else
 * of the next month that has that day.
 */
export function nextBillingCallDate(today: CalendarDate, day: number): CalendarDate | null {
  if (!Number.isInteger(day) || day < 1 || day > 31) return null;
  const { year, month, day: d } = dateParts(today);
  const first = dateFromParts(year, month, 1);
  if (!first) return null;
  for (let i = 0; i <= 12; i++) {
    const m = dateParts(addMonths(first, i));
    const candidate = dateFromParts(m.year, m.month, day);
    if (candidate && (i > 0 || day >= d)) return candidate;
  }
  return null;
}
