/**
 * Extra lines (SPEC §3.4) → one draft per client: every line not yet billed goes on the next
 * invoice to its client. The organisation is the seller.
 */
import type { CalendarDate } from '../domain/dates';
import type { InvoiceLine } from '../domain/invoice';
import { lineVatFor } from '../domain/vat';
import { problem, a1, type Problem } from '../sheets/problems';
import type { RowRecord, TabRead } from '../sheets/read-tab';
import type { Settings } from '../sheets/settings';
import { clientParty, organisationParty } from './parties';
import type { Draft, LineOrigin } from './draft';

export interface ExtrasInput {
  extras: TabRead;
  clients: ReadonlyMap<string, RowRecord>;
  settings: Settings;
  /** IDs of source rows already on an issued invoice (from the Lines tab). */
  billed: ReadonlySet<string>;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

const UNIT_LABELS: Readonly<Record<string, { fr: string; en: string }>> = {
  days: { fr: 'jour', en: 'day' },
  flat: { fr: 'forfait', en: 'flat fee' },
  expenses: { fr: 'frais', en: 'expenses' },
  rights: { fr: 'droits', en: 'rights' },
  option: { fr: 'option', en: 'option' },
};

export function extraLineDrafts(input: ExtrasInput): { drafts: Draft[]; problems: Problem[] } {
  const { extras, clients, settings, billed } = input;
  const problems: Problem[] = [];
  const clientCol = extras.columns.get('client') ?? 1;
  const groups = new Map<string, RowRecord[]>();
  for (const rec of extras.records) {
    if (billed.has(rec.id)) continue;
    const code = str(rec.values['client']);
    if (!clients.has(code.toUpperCase())) {
      problems.push(
        problem(
          'unknown-client',
          extras.sheetName,
          a1(rec.row, clientCol),
          code,
          `client inconnu « ${code} » (onglet Clients) ; ligne non facturée`,
          `unknown client "${code}" (Clients tab); line not billed`,
        ),
      );
      continue;
    }
    const key = code.toUpperCase();
    const list = groups.get(key) ?? [];
    list.push(rec);
    groups.set(key, list);
  }
  const seller = organisationParty(settings);
  const drafts: Draft[] = [];
  for (const [code, rows] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const clientRow = clients.get(code);
    if (!clientRow) continue;
    const buyer = clientParty(clientRow);
    const language = clientRow.values['language'] === 'en' ? 'en' : 'fr';
    rows.sort(
      (a, b) => str(a.values['date']).localeCompare(str(b.values['date'])) || a.row - b.row,
    );
    const lines: InvoiceLine[] = rows.map((r) => {
      const v = r.values;
      const unitText = str(v['unit']) || UNIT_LABELS[str(v['lineKind'])]?.[language] || '';
      const line: InvoiceLine = {
        source: { tab: 'extra-lines', rowId: r.id },
        description: [str(v['project']), str(v['description'])].filter((s) => s !== '').join(' — '),
        quantity: str(v['quantity']),
        unitPrice: str(v['unitPrice']),
        vat: lineVatFor(seller.vatRegime ?? 'standard', str(v['vatRate']) || settings.vatRate),
        serviceDate: str(v['date']) as CalendarDate,
        ...(unitText ? { unit: unitText } : {}),
        ...(str(v['discount']) ? { discountPercent: str(v['discount']) } : {}),
      };
      return line;
    });
    const dates = rows.map((r) => str(r.values['date'])).sort();
    const start = (dates[0] ?? '') as CalendarDate;
    const end = (dates[dates.length - 1] ?? '') as CalendarDate;
    const origins: LineOrigin[] = rows.map((r) => ({ tab: 'extra-lines', id: r.id, row: r.row }));
    const emails = clientRow.values['emails'];
    drafts.push({
      key: `extra-lines:${code}`,
      buyerCode: code,
      origins,
      recipients: Array.isArray(emails) ? (emails as string[]) : [],
      invoice: {
        kind: 'facture',
        language,
        currency: settings.currency || 'EUR',
        seller,
        buyer,
        ...(start === end ? { serviceDate: start } : { servicePeriod: { start, end } }),
        lines,
        ...(buyer.purchaseOrderReference
          ? { purchaseOrderReference: buyer.purchaseOrderReference }
          : {}),
        latePenaltyText: settings.latePenalty,
        operationCategory: 'services',
      },
    });
  }
  return { drafts, problems };
}
