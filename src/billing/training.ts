/**
 * Training sessions → invoices per financer (SPEC §3.3, after Digiforma / Dendreo).
 *
 * When a training (Formations) is `finished`, each of its enrolments (Inscriptions) is billed:
 * - with no financer (or the sponsor as its own financer), wholly to the sponsor;
 * - with a financer, the financer pays its coverage (an amount HT or a percentage; empty = 100 %)
 *   of the hours attended, and the sponsor pays the rest: the coverage's remainder and the hours
 *   not attended. The parts add back to the row's net exactly (`allocate`, `split`).
 * Each part goes to its payer under the payer's billing mode (its client row, else the default
 * setting): `none` → nothing automatic; `per-sponsor` → one invoice per (payer, sponsor);
 * `consolidated` → one invoice per payer for all the sponsors it covers. Per session, or, with
 * periodic invoicing `monthly`, per month of the sessions' end (once the month is over).
 *
 * VAT follows the organisation's regime: an exempt training organisation bills training lines
 * exempt (art. 261-4-4° a CGI); otherwise the enrolment's VAT rate, else the default rate.
 */
import { msg, t, type Message, type PlainTextKey } from '../texts';
import { allocate, split, type Share } from '../domain/allocation';
import { monthKey, parseCalendarDate, type CalendarDate } from '../domain/dates';
import {
  dec,
  isDecimalString,
  percentToFraction,
  toPlainString,
  type Dec,
} from '../domain/decimal';
import type { InvoiceDocument, InvoiceLine } from '../domain/invoice';
import type { Language } from '../domain/language';
import { formatDecimal, formatMoney } from '../domain/format';
import { lineNet } from '../domain/line-amounts';
import { CENT_SCALE, Money } from '../domain/money';
import { lineVatFor, type LineVat } from '../domain/vat';
import { problem, type Problem } from '../sheets/problems';
import type { RowRecord, TabRead } from '../sheets/read-tab';
import type { Settings } from '../sheets/settings';
import { billedKey, isBilled, isPartlyBilled, type Unbilled } from './billed';
import { parseCoverage } from './coverage';
import type { Draft, LineOrigin } from './draft';
import { clientParty, organisationParty, vatRegimeOf } from './parties';
import type {
  TrainingBlock,
  TrainingLineDetail,
  TrainingSessionBlock,
  TrainingUnit,
} from './training-block';
import {
  cellOf,
  codeField,
  decimalField,
  emailsOf,
  field,
  languageOf,
  originOf,
  text,
} from './values';

export type BillingMode = 'none' | 'per-sponsor' | 'consolidated';

export interface TrainingInput {
  trainings: TabRead;
  enrolments: TabRead;
  /** Clients rows by upper-case code (sponsors and financers). */
  clients: ReadonlyMap<string, RowRecord>;
  settings: Settings;
  /** Item keys already on an issued invoice (`billedKey`: `ID`, `ID#financer`, `ID#sponsor`). */
  billed: ReadonlySet<string>;
  /** The run's day: with monthly invoicing, a month is billed once it is over. */
  today: CalendarDate;
  /**
   * Session references a menu action asks to bill even where the payer's mode is `none`
   * (grouped per sponsor).
   */
  manualSessions?: ReadonlySet<string>;
}

export interface TrainingResult {
  drafts: Draft[];
  problems: Problem[];
  unbilled: Unbilled[];
}

interface Training {
  ref: string;
  productRef: string;
  label: string;
  start: CalendarDate;
  end: CalendarDate;
  hours: string;
  location: string;
  trainer: string;
}

/** One part of an enrolment row, billed to one payer. */
interface Part {
  rec: RowRecord;
  training: Training;
  origin: LineOrigin;
  billed: 'whole' | 'financer' | 'sponsor';
  payer: string;
  sponsor: string;
  financer: string | undefined;
  amount: Money;
  whole: Money;
  financerShare: Money;
  unattendedHours: string | undefined;
  vat: LineVat;
  /** The financer's coverage as typed in (a percent or an amount). */
  share?: Share;
  /** A sponsor line billing only the hours not attended (their own line). */
  unattendedOnly?: boolean;
}

/** Each billing unit, one and several (`3 jours × 420,00 €`). */
const UNIT_LABELS = {
  learner: ['unit.learner', 'unit.learners'],
  day: ['unit.day', 'unit.days'],
  hour: ['unit.hour', 'unit.hours'],
  flat: ['unit.flat', 'unit.flats'],
} as const satisfies Readonly<Record<TrainingUnit, readonly [PlainTextKey, PlainTextKey]>>;

function unitOf(rec: RowRecord): TrainingUnit {
  const u = field(rec, 'unit');
  return u === 'day' || u === 'hour' || u === 'flat' ? u : 'learner';
}

export function billingModeOf(
  payer: RowRecord | undefined,
  settings: Pick<Settings, 'trainingBillingMode'>,
): BillingMode {
  const pick = (s: string): BillingMode | undefined =>
    s === 'none' || s === 'per-sponsor' || s === 'consolidated' ? s : undefined;
  return (
    pick(payer === undefined ? '' : field(payer, 'billingMode')) ??
    pick(settings.trainingBillingMode) ??
    'per-sponsor'
  );
}

function trainingsByRef(
  tab: TabRead,
  problems: Problem[],
): Map<string, { training: Training; finished: boolean }> {
  const map = new Map<string, { training: Training; finished: boolean }>();
  for (const rec of tab.records) {
    const ref = codeField(rec, 'session');
    const start = parseCalendarDate(field(rec, 'start'));
    const end = parseCalendarDate(field(rec, 'end'));
    const hours = decimalField(rec, 'hours');
    if (ref === '' || start === undefined || end === undefined || hours === undefined) continue;
    if (map.has(ref)) {
      problems.push(
        problem(
          'duplicate-session',
          tab.sheetName,
          cellOf(tab, rec, 'session'),
          ref,
          msg('training.duplicate-session', { ref }),
          'warning',
        ),
      );
      continue;
    }
    map.set(ref, {
      finished: field(rec, 'status') === 'finished',
      training: {
        ref,
        productRef: field(rec, 'product'),
        label: field(rec, 'label'),
        start,
        end,
        hours,
        location: field(rec, 'location'),
        trainer: field(rec, 'trainer'),
      },
    });
  }
  return map;
}

/** Net with VAT at the line's rate, rounded half-up (informative per-line figure). */
function withVat(net: Money, vat: LineVat): Money {
  return net.plus(net.times(percentToFraction(vat.ratePercent)).roundHalfUp(CENT_SCALE));
}

export function trainingDrafts(input: TrainingInput): TrainingResult {
  const { enrolments, clients, settings, billed } = input;
  const problems: Problem[] = [];
  const unbilled: Unbilled[] = [];
  const trainings = trainingsByRef(input.trainings, problems);
  const sheet = enrolments.sheetName;
  const orgRegime = vatRegimeOf(settings.vatRegime);
  const reject = (rec: RowRecord, key: string, code: string, message: Message): void => {
    problems.push(
      problem(code, sheet, cellOf(enrolments, rec, key), text(rec.values[key]), message),
    );
    unbilled.push({ origin: originOf('enrolments', rec), reason: 'problem' });
  };

  const parts: Part[] = [];
  for (const rec of enrolments.records) {
    const ref = codeField(rec, 'session');
    const found = trainings.get(ref);
    if (found === undefined) {
      if (isBilled(billed, rec.id)) continue;
      reject(rec, 'session', 'unknown-session', msg('training.unknown-session', { ref }));
      continue;
    }
    if (!found.finished || isBilled(billed, rec.id)) continue;
    const training = found.training;
    const sponsor = codeField(rec, 'sponsor');
    if (!clients.has(sponsor)) {
      reject(rec, 'sponsor', 'unknown-client', msg('training.unknown-sponsor', { code: sponsor }));
      continue;
    }
    const financerCode = codeField(rec, 'financer');
    const financer = financerCode === '' || financerCode === sponsor ? undefined : financerCode;
    if (financer !== undefined && !clients.has(financer)) {
      reject(
        rec,
        'financer',
        'unknown-client',
        msg('training.unknown-financer', { code: financer }),
      );
      continue;
    }
    const quantity = decimalField(rec, 'quantity') ?? '0';
    const unitPrice = decimalField(rec, 'unitPrice') ?? '0';
    const discount = decimalField(rec, 'discount');
    const negative = dec(quantity).isNegative() ? 'quantity' : 'unitPrice';
    if (dec(quantity).isNegative() || dec(unitPrice).isNegative()) {
      reject(rec, negative, 'negative-value', msg('training.negative-value'));
      continue;
    }
    if (discount !== undefined && dec(discount).gt(100)) {
      reject(rec, 'discount', 'bad-discount', msg('training.bad-discount'));
      continue;
    }
    const rate = decimalField(rec, 'vatRate') ?? settings.vatRate;
    const vat = lineVatFor(orgRegime, isDecimalString(rate) ? rate : '20', { training: true });
    const whole = lineNet({
      description: '',
      quantity,
      unitPrice,
      vat,
      ...(discount === undefined ? {} : { discountPercent: discount }),
    });
    const base = { rec, training, sponsor, whole, vat };
    if (financer === undefined) {
      if (isPartlyBilled(billed, rec.id)) {
        reject(rec, 'financer', 'enrolment-changed-after-issue', msg('training.financer-removed'));
        continue;
      }
      if (whole.isZero()) continue;
      parts.push({
        ...base,
        origin: originOf('enrolments', rec),
        billed: 'whole',
        payer: sponsor,
        financer: undefined,
        amount: whole,
        financerShare: Money.zero(),
        unattendedHours: undefined,
      });
      continue;
    }
    const coverage = parseCoverage(field(rec, 'coverage'));
    if (!coverage.ok) {
      reject(rec, 'coverage', 'bad-coverage', coverage.why);
      continue;
    }
    const hours = dec(training.hours);
    const attendedText = decimalField(rec, 'hoursAttended');
    const attended = attendedText === undefined ? hours : dec(attendedText);
    if (attendedText !== undefined && (attended.isNegative() || attended.gt(hours))) {
      reject(
        rec,
        'hoursAttended',
        'bad-hours',
        msg('training.bad-hours', { hours: training.hours }),
      );
      continue;
    }
    const missed = hours.minus(attended);
    const attendedPart =
      missed.gt(0) && hours.gt(0)
        ? (allocate(whole, [toPlainString(attended), toPlainString(missed)])[0] ?? whole)
        : whole;
    const financerShare = financerPart(attendedPart, coverage.share);
    const sponsorShare = whole.minus(financerShare);
    const unattendedHours = missed.gt(0) ? toPlainString(missed) : undefined;
    const partBase = { ...base, financer, financerShare, unattendedHours, share: coverage.share };
    const add = (
      part: 'financer' | 'sponsor',
      amount: Money,
      payer: string,
      unattendedOnly = false,
    ): void => {
      if (amount.isZero() || isBilled(billed, rec.id, part)) return;
      parts.push({
        ...partBase,
        origin: originOf('enrolments', rec, part),
        billed: part,
        payer,
        amount,
        ...(unattendedOnly ? { unattendedOnly } : {}),
      });
    };
    add('financer', financerShare, financer);
    // Hours not attended are the sponsor's, on a line of their own.
    const unattendedAmount = whole.minus(attendedPart);
    add('sponsor', sponsorShare.minus(unattendedAmount), sponsor);
    add('sponsor', unattendedAmount, sponsor, true);
  }

  const groups = new Map<string, Part[]>();
  const periodic = settings.periodicTraining === 'monthly';
  const currentMonth = monthKey(input.today);
  for (const part of parts) {
    const payerRow = clients.get(part.payer);
    let mode = billingModeOf(payerRow, settings);
    if (mode === 'none') {
      if (input.manualSessions?.has(part.training.ref) !== true) {
        unbilled.push({ origin: part.origin, reason: 'manual-billing' });
        continue;
      }
      mode = 'per-sponsor';
    }
    const month = monthKey(part.training.end);
    if (periodic && month >= currentMonth) {
      unbilled.push({ origin: part.origin, reason: 'month-open' });
      continue;
    }
    const scope = periodic ? `month:${month}` : `session:${part.training.ref}`;
    const bySponsor = mode === 'per-sponsor' && part.payer !== part.sponsor;
    const key = `training:${scope}:${part.payer}${bySponsor ? `:${part.sponsor}` : ''}`;
    const list = groups.get(key) ?? [];
    list.push(part);
    groups.set(key, list);
  }

  const drafts: Draft[] = [];
  for (const [key, group] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const draft = trainingDraft(key, group, input, periodic);
    if (draft !== undefined) drafts.push(draft);
  }
  // A sponsor part on two lines (its remainder, the hours not attended) waits once.
  const waiting = new Set<string>();
  const once = unbilled.filter((u) => {
    const k = `${billedKey(u.origin)}|${u.reason}`;
    if (waiting.has(k)) return false;
    waiting.add(k);
    return true;
  });
  return { drafts, problems, unbilled: once };
}

function financerPart(attended: Money, share: Share): Money {
  if (attended.isZero()) return attended;
  return split(attended, share).share;
}

const PART_ORDER = { whole: 0, financer: 1, sponsor: 2 } as const;

function trainingDraft(
  key: string,
  group: Part[],
  input: TrainingInput,
  periodic: boolean,
): Draft | undefined {
  const { clients, settings } = input;
  const first = group[0];
  const payerRow = first === undefined ? undefined : clients.get(first.payer);
  if (first === undefined || payerRow === undefined) return undefined;
  group.sort(
    (a, b) =>
      a.training.start.localeCompare(b.training.start) ||
      a.training.ref.localeCompare(b.training.ref) ||
      a.sponsor.localeCompare(b.sponsor) ||
      a.rec.row - b.rec.row ||
      PART_ORDER[a.billed] - PART_ORDER[b.billed],
  );
  const language = languageOf(payerRow, settings.locale);
  const buyer = clientParty(payerRow);
  const name = (code: string): string => {
    const row = clients.get(code);
    return (row === undefined ? '' : field(row, 'name')) || code;
  };
  const lines: InvoiceLine[] = [];
  const details: TrainingLineDetail[] = [];
  // Each session's block, accumulated (its learners, units and totals), written out at the end.
  const blocks = new Map<
    string,
    {
      block: Omit<
        TrainingSessionBlock,
        'learners' | 'unitLabels' | 'learnersCount' | 'totalHT' | 'billedHT'
      >;
      learners: Set<string>;
      unitLabels: Set<string>;
      learnersCount: Dec;
      total: Money;
      whole: Money;
      rows: Set<string>;
    }
  >();
  for (const part of group) {
    const { rec, training } = part;
    const unit = unitOf(rec);
    const unitLabel = t(language, UNIT_LABELS[unit][0]);
    const quantity = decimalField(rec, 'quantity') ?? '0';
    const unitPrice = decimalField(rec, 'unitPrice') ?? '0';
    const discount = decimalField(rec, 'discount');
    const learner = field(rec, 'learner');
    const learnersCount = unit === 'learner' ? quantity : '1';
    const full = part.amount.equals(part.whole);
    lines.push({
      source: { tab: 'enrolments', rowId: rec.id },
      description: describePart(part, name, language, settings.currency || 'EUR'),
      quantity: full ? quantity : '1',
      unit: full ? unitLabel : t(language, UNIT_LABELS.flat[0]),
      unitPrice: full ? unitPrice : part.amount.toFixed(2),
      ...(full && discount !== undefined ? { discountPercent: discount } : {}),
      vat: part.vat,
      serviceDate: training.end,
    });
    details.push({
      sessionRef: training.ref,
      productRef: training.productRef,
      productLabel: training.label,
      sponsorCode: part.sponsor,
      sponsorName: name(part.sponsor),
      learner,
      learnersCount,
      unit,
      unitLabel,
      quantity,
      unitPrice,
      discountPercent: discount ?? '0',
      sponsorTotalHT: part.whole.toFixed(2),
      sponsorTotalTTC: withVat(part.whole, part.vat).toFixed(2),
      financerShareHT: part.financerShare.toFixed(2),
      financerShareTTC: withVat(part.financerShare, part.vat).toFixed(2),
      billed: part.billed,
      ...(part.unattendedHours === undefined
        ? {}
        : { hoursAttended: decimalField(rec, 'hoursAttended') ?? '0' }),
    });
    const blockKey = `${training.ref}|${part.sponsor}`;
    let acc = blocks.get(blockKey);
    if (acc === undefined) {
      acc = {
        block: {
          sessionRef: training.ref,
          productRef: training.productRef,
          productLabel: training.label,
          hours: training.hours,
          start: training.start,
          end: training.end,
          location: training.location,
          trainer: training.trainer,
          sponsorCode: part.sponsor,
          sponsorName: name(part.sponsor),
        },
        learners: new Set<string>(),
        unitLabels: new Set<string>(),
        learnersCount: dec('0'),
        total: Money.zero(),
        whole: Money.zero(),
        rows: new Set<string>(),
      };
      blocks.set(blockKey, acc);
    }
    acc.total = acc.total.plus(part.amount);
    if (learner !== '') acc.learners.add(learner);
    acc.unitLabels.add(unitLabel);
    // The session's total counts each enrolment once, whole, whatever part is billed here; and
    // each enrolment's learners once, however many of its lines the invoice has.
    if (!acc.rows.has(rec.id)) {
      acc.rows.add(rec.id);
      acc.whole = acc.whole.plus(part.whole);
      acc.learnersCount = acc.learnersCount.plus(dec(learnersCount));
    }
  }
  const training: TrainingBlock = {
    sessions: [...blocks.values()].map((acc) => ({
      ...acc.block,
      learners: [...acc.learners],
      learnersCount: toPlainString(acc.learnersCount),
      unitLabels: [...acc.unitLabels],
      totalHT: acc.whole.toFixed(2),
      billedHT: acc.total.toFixed(2),
    })),
    lines: details,
  };
  const starts = group.map((p) => p.training.start).sort();
  const ends = group.map((p) => p.training.end).sort();
  const start = starts[0] ?? first.training.start;
  const end = ends[ends.length - 1] ?? first.training.end;
  const invoice: InvoiceDocument = {
    kind: 'facture',
    language,
    currency: settings.currency || 'EUR',
    seller: organisationParty(settings),
    buyer,
    servicePeriod: { start, end },
    ...(periodic ? { periodic: true } : {}),
    lines,
    ...(buyer.purchaseOrderReference
      ? { purchaseOrderReference: buyer.purchaseOrderReference }
      : {}),
    latePenaltyText: settings.latePenalty,
    operationCategory: 'services',
  };
  const financed = group.some((p) => p.billed === 'financer');
  return {
    key,
    buyerCode: first.payer,
    invoice,
    origins: group.map((p) => p.origin),
    recipients: emailsOf(payerRow),
    ...(financed ? { financerCode: first.payer } : {}),
    sponsorCodes: [...new Set(group.map((p) => p.sponsor))],
    training,
  };
}

function describePart(
  part: Part,
  name: (code: string) => string,
  language: Language,
  currency: string,
): string {
  const tr = part.training;
  const product =
    tr.productRef === ''
      ? tr.label
      : t(language, 'training.product', { label: tr.label, ref: tr.productRef });
  const parts = [tr.ref, product, name(part.sponsor)];
  const learner = field(part.rec, 'learner');
  if (learner !== '') parts.push(learner);
  // What the enrolment is, as enrolled (3 jours × 420,00 €), when the line bills a part of it.
  const quantity = decimalField(part.rec, 'quantity') ?? '0';
  const [one, several] = UNIT_LABELS[unitOf(part.rec)];
  const unitPrice = decimalField(part.rec, 'unitPrice') ?? '0';
  const discount = decimalField(part.rec, 'discount');
  const enrolled = {
    quantity: formatDecimal(quantity, language),
    unit: t(language, dec(quantity).gt(1) ? several : one),
    price: formatMoney(Money.of(unitPrice), language, currency),
  };
  const asEnrolled =
    discount !== undefined && !dec(discount).isZero()
      ? t(language, 'training.as-enrolled-discount', {
          ...enrolled,
          discount: formatDecimal(discount, language),
        })
      : t(language, 'training.as-enrolled', enrolled);
  const shareText = (s: Share | undefined): string =>
    s === undefined
      ? ''
      : 'percent' in s
        ? `${formatDecimal(s.percent, language)} %`
        : formatMoney(s.amount, language, currency);
  const partial = !part.amount.equals(part.whole);
  if (part.billed === 'financer') {
    if (partial) {
      parts.push(
        t(language, 'training.financer-share-of', {
          share: shareText(part.share),
          enrolled: asEnrolled,
        }),
      );
    }
    const agreement = field(part.rec, 'agreementNumber');
    if (agreement !== '') parts.push(t(language, 'training.agreement', { agreement }));
  }
  if (part.billed === 'sponsor') {
    const financer = name(part.financer ?? '');
    if (part.unattendedOnly === true) {
      parts.push(
        t(language, 'training.unattended', {
          missed: formatDecimal(part.unattendedHours ?? '0', language),
          hours: formatDecimal(tr.hours, language),
          enrolled: asEnrolled,
        }),
      );
    } else {
      parts.push(
        t(language, 'training.sponsor-balance', {
          financer,
          share: shareText(part.share),
          enrolled: asEnrolled,
        }),
      );
    }
  }
  return parts.join(' — ');
}
