/**
 * CRA (monthly activity reports) → client invoices and provider payouts (SPEC §3.2).
 *
 * Only validated CRAs are billed (draft, submitted and rejected ones produce nothing). The
 * organisation sits between the freelancer and the client: one invoice to the client per
 * (client, mission, month), a line of days × daily rate per CRA row, seller = the organisation.
 * The freelancer's payout is a payable under the mission's payment option — its CRA row's, else the
 * provider's (the options themselves are settings, not code):
 * due `delay` days after the CRA's validation, less a fee of x % of the daily rate per day
 * worked (`computePayout`).
 *
 * A CRA row changed after its invoice was issued is never billed again: the run reports it
 * (src/app/changes.ts), and the invoice stands until a credit note corrects it.
 */
import { msg, t, type Message, type PlainTextKey } from '../texts';
import {
  firstDayOfMonth,
  lastDayOfMonth,
  parseCalendarDate,
  parseMonthKey,
  type CalendarDate,
  type MonthKey,
} from '../domain/dates';
import { dec, type DecimalString } from '../domain/decimal';
import type { InvoiceDocument, InvoiceLine } from '../domain/invoice';
import type { Language } from '../domain/language';
import { lineNet } from '../domain/line-amounts';
import {
  computePayout,
  findPaymentOption,
  parsePaymentOptions,
  type PaymentOption,
} from '../domain/payment-options';
import { lineVatFor } from '../domain/vat';
import { problem, type Problem } from '../sheets/problems';
import type { RowRecord, TabRead } from '../sheets/read-tab';
import type { Settings } from '../sheets/settings';
import { isBilled, type Unbilled } from './billed';
import type { Draft, LineOrigin } from './draft';
import { clientParty, organisationParty, vatRegimeOf } from './parties';
import { linesTotals, type Payable } from './payable';
import {
  cellOf,
  codeField,
  decimalField,
  emailsOf,
  field,
  groupingText,
  languageOf,
  originOf,
  text,
} from './values';

export interface TimesheetInput {
  timesheets: TabRead;
  /** Clients and Intervenants rows by upper-case code. */
  clients: ReadonlyMap<string, RowRecord>;
  providers: ReadonlyMap<string, RowRecord>;
  settings: Settings;
  /** CRA row IDs already on an issued invoice (Lignes tab). */
  billed: ReadonlySet<string>;
}

export interface TimesheetResult {
  drafts: Draft[];
  /** One `payout` per CRA row, keyed `payout:<row ID>`, with the client draft's key. */
  payables: Payable[];
  problems: Problem[];
  unbilled: Unbilled[];
}

const MONTHS = [
  'month.1',
  'month.2',
  'month.3',
  'month.4',
  'month.5',
  'month.6',
  'month.7',
  'month.8',
  'month.9',
  'month.10',
  'month.11',
  'month.12',
] as const satisfies readonly PlainTextKey[];

export function monthLabel(month: MonthKey, language: Language): string {
  const name = MONTHS[Number(month.slice(5, 7)) - 1];
  return t(language, 'month.label', {
    month: name === undefined ? '' : t(language, name),
    year: month.slice(0, 4),
  });
}

interface CraItem {
  rec: RowRecord;
  origin: LineOrigin;
  client: string;
  provider: string;
  month: MonthKey;
  mission: string;
  days: DecimalString;
  dailyRate: DecimalString;
  validatedOn: CalendarDate;
  option: PaymentOption;
}

export function timesheetBilling(input: TimesheetInput): TimesheetResult {
  const { timesheets, clients, providers, settings, billed } = input;
  const problems: Problem[] = [];
  const unbilled: Unbilled[] = [];
  const sheet = timesheets.sheetName;
  const parsedOptions = parsePaymentOptions(settings.paymentOptions);
  const options = parsedOptions.ok ? parsedOptions.options : undefined;
  if (!parsedOptions.ok) {
    for (const p of parsedOptions.problems) {
      problems.push(problem('bad-setting', t('fr', 'tab.settings'), '', p.value ?? '', p.message));
    }
  }
  const reject = (rec: RowRecord, key: string, code: string, message: Message): void => {
    problems.push(
      problem(code, sheet, cellOf(timesheets, rec, key), text(rec.values[key]), message),
    );
    unbilled.push({ origin: originOf('timesheets', rec), reason: 'problem' });
  };
  const groups = new Map<string, CraItem[]>();
  for (const rec of timesheets.records) {
    if (field(rec, 'status') !== 'validated') continue;
    if (isBilled(billed, rec.id)) continue;
    const days = decimalField(rec, 'days');
    const dailyRate = decimalField(rec, 'dailyRate');
    const month = parseMonthKey(field(rec, 'month'));
    if (days === undefined || dailyRate === undefined || month === undefined) continue;
    if (dec(days).isZero()) continue;
    if (dec(days).isNegative() || dec(dailyRate).isNegative()) {
      const key = dec(days).isNegative() ? 'days' : 'dailyRate';
      reject(rec, key, 'negative-value', msg('cra.negative-value'));
      continue;
    }
    const validatedOn = parseCalendarDate(field(rec, 'validatedOn'));
    if (validatedOn === undefined) {
      reject(rec, 'validatedOn', 'missing-validation-date', msg('cra.missing-validation-date'));
      continue;
    }
    const client = codeField(rec, 'client');
    if (!clients.has(client)) {
      reject(rec, 'client', 'unknown-client', msg('cra.unknown-client', { code: client }));
      continue;
    }
    const provider = codeField(rec, 'provider');
    const providerRow = providers.get(provider);
    if (providerRow === undefined) {
      reject(rec, 'provider', 'unknown-provider', msg('cra.unknown-provider', { code: provider }));
      continue;
    }
    if (options === undefined) {
      unbilled.push({ origin: originOf('timesheets', rec), reason: 'problem' });
      continue;
    }
    // The mission's own option (its CRA row), else the provider's, else the first of the settings.
    const ownOption = field(rec, 'paymentOption');
    const optionName = ownOption || field(providerRow, 'paymentOption');
    const option = optionName === '' ? options[0] : findPaymentOption(options, optionName);
    if (option === undefined && ownOption !== '') {
      reject(
        rec,
        'paymentOption',
        'unknown-payment-option',
        msg('cra.unknown-option', {
          option: optionName,
          options: options.map((o) => o.name).join(', '),
        }),
      );
      continue;
    }
    if (option === undefined) {
      reject(
        rec,
        'provider',
        'unknown-payment-option',
        msg('cra.unknown-provider-option', {
          option: optionName,
          provider,
          options: options.map((o) => o.name).join(', '),
        }),
      );
      continue;
    }
    const mission = field(rec, 'mission');
    const item: CraItem = {
      rec,
      origin: originOf('timesheets', rec),
      client,
      provider,
      month,
      mission,
      days,
      dailyRate,
      validatedOn,
      option,
    };
    const key = `timesheets:${client}:${month}:${encodeURIComponent(groupingText(mission))}`;
    const list = groups.get(key) ?? [];
    list.push(item);
    groups.set(key, list);
  }

  const result: TimesheetResult = { drafts: [], payables: [], problems, unbilled };
  for (const [key, items] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    clientMonth(input, key, items, result);
  }
  return result;
}

function clientMonth(
  input: TimesheetInput,
  key: string,
  items: CraItem[],
  out: TimesheetResult,
): void {
  const { settings, clients, providers } = input;
  const first = items[0];
  if (first === undefined) return;
  const clientRow = clients.get(first.client);
  if (clientRow === undefined) return;
  items.sort((a, b) => a.provider.localeCompare(b.provider) || a.rec.row - b.rec.row);
  const language = languageOf(clientRow, settings.locale);
  const seller = organisationParty(settings);
  const buyer = clientParty(clientRow);
  const vat = lineVatFor(seller.vatRegime ?? 'standard', settings.vatRate || '20');
  const period = { start: firstDayOfMonth(first.month), end: lastDayOfMonth(first.month) };
  const lines: InvoiceLine[] = items.map((item) => {
    const providerRow = providers.get(item.provider);
    const providerName = (providerRow && field(providerRow, 'name')) || item.provider;
    return {
      source: { tab: 'timesheets', rowId: item.rec.id },
      description: [item.mission, providerName, monthLabel(item.month, language)].join(' — '),
      quantity: item.days,
      unit: t(language, 'unit.day'),
      unitPrice: item.dailyRate,
      vat,
    };
  });
  const invoice: InvoiceDocument = {
    kind: 'facture',
    language,
    currency: settings.currency || 'EUR',
    seller,
    buyer,
    servicePeriod: period,
    lines,
    ...(buyer.purchaseOrderReference
      ? { purchaseOrderReference: buyer.purchaseOrderReference }
      : {}),
    latePenaltyText: settings.latePenalty,
    operationCategory: 'services',
  };
  out.drafts.push({
    key,
    buyerCode: first.client,
    invoice,
    origins: items.map((i) => i.origin),
    recipients: emailsOf(clientRow),
  });
  items.forEach((item, i) => {
    const providerRow = providers.get(item.provider);
    const line = lines[i];
    if (providerRow === undefined || line === undefined) return;
    out.payables.push(payoutOf(item, line, providerRow, key, settings));
  });
}

/** The provider's payout for one CRA row: its days at its own VAT regime, less the option's fee. */
function payoutOf(
  item: CraItem,
  clientLine: InvoiceLine,
  providerRow: RowRecord,
  draftKey: string,
  settings: Settings,
): Payable {
  const payout = computePayout(item.option, {
    daysWorked: item.days,
    dailyRate: item.dailyRate,
    validatedOn: item.validatedOn,
  });
  const providerLine: InvoiceLine = {
    ...clientLine,
    vat: lineVatFor(vatRegimeOf(field(providerRow, 'vatRegime')), settings.vatRate || '20'),
  };
  const totals = linesTotals([providerLine]);
  return {
    key: `payout:${item.rec.id}`,
    kind: 'payout',
    providerCode: item.provider,
    providerName: field(providerRow, 'company') || field(providerRow, 'name'),
    month: item.month,
    period: { start: firstDayOfMonth(item.month), end: lastDayOfMonth(item.month) },
    amountHT: totals.ht.toFixed(2),
    vat: totals.vat.toFixed(2),
    amountTTC: totals.ttc.toFixed(2),
    fee: payout.fee.toFixed(2),
    net: totals.ttc.minus(payout.fee).toFixed(2),
    due: {
      from: 'validation',
      date: item.validatedOn,
      days: item.option.delayDays,
      dueDate: payout.dueDate,
      option: item.option.name,
    },
    sourceIds: [item.rec.id],
    lines: [
      {
        origin: item.origin,
        date: item.validatedOn,
        description: providerLine.description,
        quantity: item.days,
        unitPrice: item.dailyRate,
        net: lineNet(providerLine).toFixed(2),
      },
    ],
    draftKey,
  };
}
