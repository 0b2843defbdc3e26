/**
 * Extra lines (SPEC §3.4) → client drafts. The organisation is the seller.
 *
 * - Lines with no stage, and no provider while the agency fee is on: every line not yet billed
 *   goes on the next invoice to its client, one per month of lines (months are never mixed), once
 *   its month is over (`periodEnd`): a line typed late for an earlier month gets its own invoice.
 * - Agency teams (agency fee set): lines with a provider go, per (client, project), on one
 *   invoice in the organisation's name with the agency fee as its own line (`agencyFee`); each
 *   provider gets an `agency-share` payable for its own lines.
 * - Stages: `deposit` lines make a deposit invoice (kind `acompte`) per (client, project);
 *   `balance` lines make, once the pair's deposit is issued, the final invoice of the work, which
 *   deducts the deposits already invoiced (BT-113 `prepaidAmount`, their amount with VAT).
 *   Agency fee and payables apply to the balance invoice (the work), not to the deposit.
 */
import type { CalendarDate } from '../domain/dates';
import { formatDate, formatMoney } from '../domain/format';
import type { InvoiceDocument, InvoiceKind, InvoiceLine } from '../domain/invoice';
import type { Language } from '../domain/language';
import { lineNet } from '../domain/line-amounts';
import { CENT_SCALE, Money } from '../domain/money';
import { dec, isDecimalString, percentToFraction } from '../domain/decimal';
import { invoiceTotals } from '../domain/totals';
import { lineVatFor } from '../domain/vat';
import { problem, a1, type Problem } from '../sheets/problems';
import { msg, t, type PlainTextKey } from '../texts';
import type { RowRecord, TabRead } from '../sheets/read-tab';
import type { Settings } from '../sheets/settings';
import { agencyFee, agencyFeeSetting, type AgencyFeeSetting } from './agency';
import type { Unbilled } from './billed';
import type { Draft, IssuedDeposit, LineOrigin } from './draft';
import { clientParty, organisationParty, vatRegimeOf } from './parties';
import { linesTotals, type Payable } from './payable';
import {
  byDateThenRow,
  cellOf,
  codeField,
  field,
  groupingText,
  languageOf,
  originOf,
} from './values';

export interface ExtrasInput {
  extras: TabRead;
  clients: ReadonlyMap<string, RowRecord>;
  settings: Settings;
  /** IDs of source rows already on an issued invoice (from the Lines tab). */
  billed: ReadonlySet<string>;
  /** Intervenants rows by upper-case code: names and VAT regimes of agency providers. */
  providers?: ReadonlyMap<string, RowRecord>;
  /** Deposit invoices issued so far and not cancelled (see `depositPairOf`). */
  issuedDeposits?: readonly IssuedDeposit[];
  /** The Clients tab's name and a client's cell, for problems at a client's own value. */
  clientsSheet?: string;
  clientCell?: (row: RowRecord, key: string) => string;
  /**
   * The end of the period billed (the last day of the month before the run): a line dated after
   * it waits for the next period. Deposit and balance lines are billed when their stage says.
   */
  periodEnd?: CalendarDate;
}

export interface ExtrasResult {
  drafts: Draft[];
  problems: Problem[];
  /** `agency-share` payables, one per provider per agency invoice. */
  payables: Payable[];
  unbilled: Unbilled[];
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

const UNIT_LABELS: Readonly<Record<string, PlainTextKey>> = {
  days: 'unit.day',
  flat: 'unit.flat',
  expenses: 'unit.expenses',
  rights: 'unit.rights',
  option: 'unit.option',
};

type GroupKind = 'regular' | 'agency' | 'deposit' | 'balance';

interface Group {
  kind: GroupKind;
  client: string;
  project: string;
  /** `YYYY-MM` of its lines (regular and agency groups: months are never mixed). */
  month: string;
  rows: RowRecord[];
}

const projectKey = (project: string): string => encodeURIComponent(groupingText(project));

/** The draft key of a deposit invoice, kept in the register (`draftId`). */
export function depositDraftKey(client: string, project: string): string {
  return `extra-lines:deposit:${client.toUpperCase()}:${projectKey(project)}`;
}

/**
 * The (client, project) of a deposit draft key, to turn the register's issued `acompte` rows
 * into `IssuedDeposit`s (the project comes back in its grouping form, which matches the same
 * project however it is typed).
 */
export function depositPairOf(key: string): { buyerCode: string; project: string } | undefined {
  // A second deposit of the pair has a key of its own (`…:2`); the project has no raw colon.
  const m = /^extra-lines:deposit:([^:]*):([^:]*)(?::\d+)?$/.exec(key);
  if (!m) return undefined;
  return { buyerCode: m[1] ?? '', project: decodeURIComponent(m[2] ?? '') };
}

export function extraLineDrafts(input: ExtrasInput): ExtrasResult {
  const { extras, clients, settings, billed } = input;
  const problems: Problem[] = [];
  const unbilled: Unbilled[] = [];
  const clientCol = extras.columns.get('client') ?? 1;
  const fee = agencyFeeSetting(settings.agencyFee);
  if ('invalid' in fee) {
    problems.push(
      problem(
        'bad-setting',
        t('fr', 'tab.settings'),
        '',
        fee.invalid,
        msg('extra.bad-agency-fee-setting', { rate: fee.invalid }),
      ),
    );
  }
  const reject = (rec: RowRecord, p: Problem): void => {
    problems.push(p);
    unbilled.push({ origin: originOf('extra-lines', rec), reason: 'problem' });
  };
  // A client's own rate (high-volume clients) wins over the setting; read once per client.
  const feeByClient = new Map<string, AgencyFeeSetting>();
  const feeFor = (client: string): AgencyFeeSetting => {
    const known = feeByClient.get(client);
    if (known) return known;
    const row = clients.get(client);
    const own = row === undefined ? '' : str(row.values['agencyFee']);
    const f = own === '' ? fee : agencyFeeSetting(own);
    if (own !== '' && 'invalid' in f && row !== undefined) {
      problems.push(
        problem(
          'bad-agency-fee',
          input.clientsSheet ?? 'Clients',
          input.clientCell?.(row, 'agencyFee') ?? '',
          own,
          msg('extra.bad-client-agency-fee', { client, rate: own }),
        ),
      );
    }
    feeByClient.set(client, f);
    return f;
  };
  const groups = new Map<string, Group>();
  const add = (kind: GroupKind, client: string, project: string, rec: RowRecord): void => {
    const month =
      kind === 'regular' || kind === 'agency' ? str(rec.values['date']).slice(0, 7) : '';
    const key =
      kind === 'regular'
        ? `${client}:${month}`
        : `${kind}:${client}:${projectKey(project)}:${month}`;
    const group = groups.get(key) ?? { kind, client, project, month, rows: [] };
    group.rows.push(rec);
    groups.set(key, group);
  };
  /** Deposit rows not yet billed, per (client, project): a balance waits for them. */
  const pendingDeposits = new Set<string>();
  for (const rec of extras.records) {
    if (billed.has(rec.id)) continue;
    const code = str(rec.values['client']);
    if (!clients.has(code.toUpperCase())) {
      reject(
        rec,
        problem(
          'unknown-client',
          extras.sheetName,
          a1(rec.row, clientCol),
          code,
          msg('extra.unknown-client', { code }),
        ),
      );
      continue;
    }
    const client = code.toUpperCase();
    const project = field(rec, 'project');
    const stage = field(rec, 'stage');
    const provider = codeField(rec, 'provider');
    const knownProvider = input.providers === undefined || input.providers.has(provider);
    if (provider !== '' && feeFor(client).on && !knownProvider) {
      reject(
        rec,
        problem(
          'unknown-provider',
          extras.sheetName,
          cellOf(extras, rec, 'provider'),
          provider,
          msg('extra.unknown-provider', { code: provider }),
        ),
      );
      continue;
    }
    const date = str(rec.values['date']);
    if (
      stage !== 'deposit' &&
      stage !== 'balance' &&
      input.periodEnd !== undefined &&
      date > input.periodEnd
    ) {
      unbilled.push({ origin: originOf('extra-lines', rec), reason: 'month-open' });
      continue;
    }
    if (stage === 'deposit') {
      pendingDeposits.add(`${client}:${projectKey(project)}`);
      add('deposit', client, project, rec);
    } else if (stage === 'balance') {
      add('balance', client, project, rec);
    } else if (provider !== '' && 'invalid' in feeFor(client)) {
      unbilled.push({ origin: originOf('extra-lines', rec), reason: 'problem' });
    } else if (provider !== '' && feeFor(client).on) {
      add('agency', client, project, rec);
    } else {
      add('regular', client, project, rec);
    }
  }

  const out: ExtrasResult = { drafts: [], problems, payables: [], unbilled };
  for (const group of groups.values()) {
    const clientRow = clients.get(group.client);
    if (clientRow === undefined) continue;
    group.rows.sort(byDateThenRow('date'));
    if (group.kind === 'balance') {
      const pair = `${group.client}:${projectKey(group.project)}`;
      if (pendingDeposits.has(pair)) {
        for (const r of group.rows) {
          unbilled.push({ origin: originOf('extra-lines', r), reason: 'awaiting-deposit' });
        }
        continue;
      }
    }
    const own = feeFor(group.client);
    buildDraft(input, group, clientRow, own.on ? own.percent : undefined, out);
  }
  out.drafts.sort((a, b) => a.buyerCode.localeCompare(b.buyerCode) || a.key.localeCompare(b.key));
  return out;
}

function extraLine(r: RowRecord, language: Language, settings: Settings): InvoiceLine {
  const v = r.values;
  const regime = vatRegimeOf(settings.vatRegime);
  const unitKey = UNIT_LABELS[str(v['lineKind'])];
  const unitText = str(v['unit']) || (unitKey === undefined ? '' : t(language, unitKey));
  return {
    source: { tab: 'extra-lines', rowId: r.id },
    description: [str(v['project']), str(v['description'])].filter((s) => s !== '').join(' — '),
    quantity: str(v['quantity']),
    unitPrice: str(v['unitPrice']),
    vat: lineVatFor(regime, str(v['vatRate']) || settings.vatRate),
    serviceDate: str(v['date']) as CalendarDate,
    ...(unitText ? { unit: unitText } : {}),
    ...(str(v['discount']) ? { discountPercent: str(v['discount']) } : {}),
  };
}

function buildDraft(
  input: ExtrasInput,
  group: Group,
  clientRow: RowRecord,
  feePercent: string | undefined,
  out: ExtrasResult,
): void {
  const { settings, extras } = input;
  const { rows, client } = group;
  // A client without a language gets the workbook's.
  const language = languageOf(clientRow, settings.locale);
  const seller = organisationParty(settings);
  const buyer = clientParty(clientRow);
  const lines = rows.map((r) => extraLine(r, language, settings));
  const origins: LineOrigin[] = rows.map((r) => originOf('extra-lines', r));
  // One invoice per month of lines: `extra-lines:BRIOCHE:2026-11`.
  const key =
    group.kind === 'regular'
      ? `extra-lines:${client}:${group.month}`
      : group.kind === 'deposit'
        ? depositDraftKey(client, group.project)
        : group.kind === 'agency'
          ? `extra-lines:agency:${client}:${projectKey(group.project)}:${group.month}`
          : `extra-lines:${group.kind}:${client}:${projectKey(group.project)}`;

  const withFee = feePercent !== undefined && (group.kind === 'agency' || group.kind === 'balance');
  const providerNets = rows.flatMap((r, i) => {
    const line = lines[i];
    return codeField(r, 'provider') !== '' && line !== undefined ? [lineNet(line)] : [];
  });
  const first = rows[0];
  let feeAmount: Money | undefined;
  if (withFee && providerNets.length > 0 && first !== undefined) {
    const amount = agencyFee(Money.sum(providerNets), feePercent);
    feeAmount = amount;
    const label = t(language, 'extra.agency-fee-line', { percent: feePercent });
    lines.push({
      description: [group.project, label].filter((s) => s !== '').join(' — '),
      quantity: '1',
      unit: t(language, 'unit.flat'),
      unitPrice: amount.toFixed(2),
      vat: lineVatFor(seller.vatRegime ?? 'standard', settings.vatRate),
      serviceDate: str(rows[rows.length - 1]?.values['date']) as CalendarDate,
    });
    origins.push(originOf('extra-lines', first, 'agency-fee'));
  }

  let prepaid: Money | undefined;
  let deposits: IssuedDeposit[] = [];
  if (group.kind === 'balance') {
    const target = groupingText(group.project);
    deposits = (input.issuedDeposits ?? []).filter(
      (d) => d.buyerCode.toUpperCase() === client && groupingText(d.project) === target,
    );
    if (deposits.length === 0) {
      for (const r of rows) {
        out.problems.push(
          problem(
            'balance-without-deposit',
            extras.sheetName,
            cellOf(extras, r, 'stage'),
            'solde',
            msg('extra.balance-without-deposit', { client, project: group.project }),
          ),
        );
        out.unbilled.push({ origin: originOf('extra-lines', r), reason: 'problem' });
      }
      return;
    }
    prepaid = Money.sum(deposits.map((d) => Money.of(d.amountTTC)));
  }

  const dates = rows.map((r) => str(r.values['date'])).sort();
  const start = (dates[0] ?? '') as CalendarDate;
  const end = (dates[dates.length - 1] ?? '') as CalendarDate;
  const kind: InvoiceKind = group.kind === 'deposit' ? 'acompte' : 'facture';
  const invoice: InvoiceDocument = {
    kind,
    language,
    currency: settings.currency || 'EUR',
    seller,
    buyer,
    ...(start === end ? { serviceDate: start } : { servicePeriod: { start, end } }),
    lines,
    ...(prepaid === undefined ? {} : { prepaidAmount: prepaid.toFixed(2) }),
    ...(buyer.purchaseOrderReference
      ? { purchaseOrderReference: buyer.purchaseOrderReference }
      : {}),
    latePenaltyText: settings.latePenalty,
    operationCategory: 'services',
    ...(deposits.length > 0
      ? {
          notes: deposits.map((d) => {
            const cur = settings.currency || 'EUR';
            const ttc = formatMoney(Money.of(d.amountTTC), language, cur);
            const vat = d.vat === undefined ? '' : formatMoney(Money.of(d.vat), language, cur);
            const note = { number: d.number, date: formatDate(d.issueDate, language), amount: ttc };
            return vat
              ? t(language, 'extra.deposit-note-with-vat', { ...note, vat })
              : t(language, 'extra.deposit-note', note);
          }),
        }
      : {}),
  };
  if (prepaid !== undefined && prepaid.greaterThan(invoiceTotals(invoice).grandTotal)) {
    for (const r of rows) {
      out.problems.push(
        problem(
          'deposit-exceeds-balance',
          extras.sheetName,
          cellOf(extras, r, 'stage'),
          prepaid.toFixed(2),
          msg('extra.deposits-exceed-balance', {
            amount: prepaid.toFixed(2),
            client,
            project: group.project,
          }),
        ),
      );
      out.unbilled.push({ origin: originOf('extra-lines', r), reason: 'problem' });
    }
    return;
  }
  out.drafts.push({
    key,
    buyerCode: client,
    origins,
    recipients: recipientsOf(clientRow),
    invoice,
    ...(group.kind === 'regular' ? {} : { project: group.project }),
    ...(deposits.length > 0 ? { deposits } : {}),
  });
  if (withFee) agencyPayables(input, key, rows, lines, out);
  if (feeAmount !== undefined) introducerPayable(input, key, clientRow, feeAmount, rows, out);
}

/**
 * A business introducer on the client (OFF-WORKS' programme: 6 % of the fee for an
 * introduction, 14 % when it leads the deal, 20 % when it leads it alone) earns that share of
 * the agency fee of each invoice to the client: a payable to that provider, due like an agency
 * share once its invoice is received.
 */
function introducerPayable(
  input: ExtrasInput,
  draftKey: string,
  clientRow: RowRecord,
  feeAmount: Money,
  rows: readonly RowRecord[],
  out: ExtrasResult,
): void {
  const code = codeField(clientRow, 'introducer');
  if (code === '') return;
  const { settings, providers } = input;
  const client = codeField(clientRow, 'code');
  const cell = (key: string): string => input.clientCell?.(clientRow, key) ?? '';
  const sheet = input.clientsSheet ?? 'Clients';
  const provider = providers?.get(code);
  const rebate = str(clientRow.values['introducerRebate']);
  if (provider === undefined) {
    out.problems.push(
      problem(
        'unknown-provider',
        sheet,
        cell('introducer'),
        code,
        msg('extra.unknown-introducer', { code, client }),
      ),
    );
    return;
  }
  if (!isDecimalString(rebate) || !dec(rebate).gt(0) || dec(rebate).gt(100)) {
    out.problems.push(
      problem(
        'bad-introducer-share',
        sheet,
        cell('introducerRebate'),
        rebate,
        msg('extra.bad-introducer-share', { client, share: rebate }),
      ),
    );
    return;
  }
  const ht = feeAmount.times(percentToFraction(rebate)).roundHalfUp(CENT_SCALE);
  if (!ht.isPositive()) return;
  const regime = vatRegimeOf(field(provider, 'vatRegime'));
  const line: InvoiceLine = {
    description: t(languageOf(provider, settings.locale), 'extra.introduction-line', {
      client,
      share: rebate,
    }),
    quantity: '1',
    unitPrice: ht.toFixed(2),
    vat: lineVatFor(regime, settings.vatRate),
  };
  const dates = rows.map((r) => str(r.values['date'])).sort();
  const first = rows[0];
  out.payables.push(
    receiptPayable(settings, {
      key: `introducer:${code}:${draftKey}`,
      kind: 'introducer',
      providerCode: code,
      providerName: field(provider, 'company') || field(provider, 'name') || code,
      dates,
      sourceIds: rows.map((r) => r.id),
      lines: [line],
      payableLines: [
        {
          origin: originOf('extra-lines', first ?? clientRow, 'agency-fee'),
          date: (dates[dates.length - 1] ?? '') as CalendarDate,
          description: line.description,
          quantity: '1',
          unitPrice: line.unitPrice,
          net: ht.toFixed(2),
        },
      ],
      draftKey,
    }),
  );
}

/**
 * What a provider bills us for an agency invoice (its share, an introducer's share): its lines'
 * totals under its own VAT regime, over the lines' dates, due at the payment terms once its own
 * invoice is received.
 */
function receiptPayable(
  settings: Settings,
  p: Pick<Payable, 'key' | 'kind' | 'providerCode' | 'providerName' | 'sourceIds' | 'draftKey'> & {
    dates: readonly string[];
    lines: readonly InvoiceLine[];
    payableLines: Payable['lines'];
  },
): Payable {
  const totals = linesTotals(p.lines);
  const dates = [...p.dates].sort();
  return {
    key: p.key,
    kind: p.kind,
    providerCode: p.providerCode,
    providerName: p.providerName,
    period: {
      start: (dates[0] ?? '') as CalendarDate,
      end: (dates[dates.length - 1] ?? '') as CalendarDate,
    },
    amountHT: totals.ht.toFixed(2),
    vat: totals.vat.toFixed(2),
    amountTTC: totals.ttc.toFixed(2),
    fee: '0.00',
    net: totals.ttc.toFixed(2),
    due: { from: 'receipt', days: settings.paymentTerms > 0 ? settings.paymentTerms : 30 },
    sourceIds: p.sourceIds,
    lines: p.payableLines,
    ...(p.draftKey === undefined ? {} : { draftKey: p.draftKey }),
  };
}

function recipientsOf(clientRow: RowRecord): string[] {
  const emails = clientRow.values['emails'];
  return Array.isArray(emails) ? [...(emails as readonly string[])] : [];
}

function agencyPayables(
  input: ExtrasInput,
  draftKey: string,
  rows: readonly RowRecord[],
  lines: readonly InvoiceLine[],
  out: ExtrasResult,
): void {
  const { settings, providers } = input;
  const byProvider = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const code = codeField(r, 'provider');
    if (code === '') return;
    byProvider.set(code, [...(byProvider.get(code) ?? []), i]);
  });
  for (const [code, indexes] of [...byProvider].sort(([a], [b]) => a.localeCompare(b))) {
    const row = providers?.get(code);
    const regime = vatRegimeOf(row === undefined ? '' : field(row, 'vatRegime'));
    const own = indexes.flatMap((i) => {
      const line = lines[i];
      const rec = rows[i];
      if (line === undefined || rec === undefined) return [];
      // What the provider bills us: its own lines at its own VAT regime.
      const rate = field(rec, 'vatRate') || settings.vatRate;
      return [{ rec, line: { ...line, vat: lineVatFor(regime, rate) } }];
    });
    const firstId = own[0]?.rec.id ?? '';
    out.payables.push(
      receiptPayable(settings, {
        key: `agency-share:${code}:${firstId}`,
        kind: 'agency-share',
        providerCode: code,
        providerName:
          row === undefined ? code : field(row, 'company') || field(row, 'name') || code,
        dates: own.map((o) => str(o.rec.values['date'])),
        sourceIds: own.map((o) => o.rec.id),
        lines: own.map((o) => o.line),
        payableLines: own.map((o) => ({
          origin: originOf('extra-lines', o.rec),
          date: str(o.rec.values['date']) as CalendarDate,
          description: o.line.description,
          quantity: o.line.quantity,
          unitPrice: o.line.unitPrice,
          net: lineNet(o.line).toFixed(2),
        })),
        draftKey,
      }),
    );
  }
}
