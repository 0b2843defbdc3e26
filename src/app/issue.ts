/**
 * Issue and send: drafts → numbers (one allocation for the batch, under the run's lock) →
 * register and lines rows (one write each) → Doc and PDF per invoice → email per invoice.
 *
 * Each stage works from the register, so a run stopped anywhere is finished by the next one:
 * a numbered invoice without its documents gets them, a file left by an interrupted run is found
 * by name, and an email marked as being sent but not recorded is flagged, never sent twice.
 */
import { calendarDate, type CalendarDate } from '../domain/dates';
import type { InvoiceDocument, InvoiceLine } from '../domain/invoice';
import { allocateNumbers, type CounterState } from '../domain/numbering';
import { parseInvoiceNumber, parseNumberPattern } from '../domain/number-pattern';
import { invoiceTotals } from '../domain/totals';
import { lineAmounts } from '../domain/line-amounts';
import { toCalendarDate } from '../domain/time-zone';
import { computeDueDate } from '../domain/due-dates';
import { missingMentions } from '../domain/mentions';
import { formatDate, formatMoney } from '../domain/format';
import { Money } from '../domain/money';
import { extraLineDrafts } from '../billing/extra-lines';
import { clientParty, organisationParty } from '../billing/parties';
import type { Draft } from '../billing/draft';
import { invoiceDocumentModel } from '../render/invoice-document';
import { invoiceEmail } from '../render/emails';
import { isValidEmail, type CellValue } from '../sheets/cells';
import { problem } from '../sheets/problems';
import type { RowRecord } from '../sheets/read-tab';
import {
  loadOutput,
  saveOutput,
  text,
  dateText,
  type OutputTab,
  type RegisterRow,
} from './register';
import type { RunContext } from './run-context';
import { ROOT_FOLDER } from './setup';

export interface IssueOutcome {
  issued: number;
  documents: number;
  emailed: number;
  pendingMail: number;
}

const STATUS = { issued: 'émise', sent: 'envoyée', check: 'à vérifier' } as const;

/** A calendar date as a sheet cell: noon UTC of that day shows that day in any zone of ±11 h. */
export function dateCell(d: string): CellValue {
  const [y, m, day] = d.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, day ?? 1, 12));
}

export function issueAndSend(ctx: RunContext): IssueOutcome {
  const today = toCalendarDate(ctx.ports.clock.now(), ctx.timeZone);
  const register = loadOutput(ctx, 'invoices');
  const lines = loadOutput(ctx, 'invoice-lines');
  const issued = issueDrafts(ctx, today, register, lines);
  const documents = renderDocuments(ctx, register, lines);
  const { emailed, pending } = sendInvoices(ctx, register);
  return { issued, documents, emailed, pendingMail: pending };
}

function clientsByCode(ctx: RunContext): Map<string, RowRecord> {
  const map = new Map<string, RowRecord>();
  const clients = ctx.tab('clients');
  for (const rec of clients?.records ?? []) {
    const code = String(rec.values['code'] ?? '').toUpperCase();
    if (map.has(code)) {
      ctx.report(
        problem(
          'duplicate-code',
          clients?.sheetName ?? '',
          `A${rec.row}`,
          code,
          `code client en double « ${code} »`,
          `duplicate client code "${code}"`,
        ),
      );
      continue;
    }
    map.set(code, rec);
  }
  return map;
}

function counterState(ctx: RunContext, register: OutputTab): CounterState {
  const state: Record<string, { last: number; lastDate: CalendarDate }> = {};
  const pattern = parseNumberPattern(ctx.settings.invoicePattern);
  if (!pattern.ok) return state;
  for (const row of register.rows) {
    const number = text(row['number']);
    if (!number) continue;
    const parsed = parseInvoiceNumber(pattern.pattern, number);
    if (!parsed) continue;
    const date = dateText(row['issueDate'], ctx.timeZone) as CalendarDate;
    const cur = state[parsed.seriesKey];
    if (!cur || cur.last < parsed.seq)
      state[parsed.seriesKey] = { last: parsed.seq, lastDate: date };
  }
  return state;
}

function issueDrafts(
  ctx: RunContext,
  today: CalendarDate,
  register: OutputTab,
  lines: OutputTab,
): number {
  const extras = ctx.tab('extra-lines');
  if (!extras) return 0;
  const billed = new Set(lines.rows.map((r) => text(r['sourceId'])).filter((s) => s !== ''));
  const clients = clientsByCode(ctx);
  const { drafts, problems } = extraLineDrafts({ extras, clients, settings: ctx.settings, billed });
  problems.forEach((p) => ctx.report(p));
  const ready: { draft: Draft; invoice: InvoiceDocument }[] = [];
  for (const draft of drafts) {
    const terms =
      Number(clients.get(draft.buyerCode)?.values['paymentTerms'] ?? ctx.settings.paymentTerms) ||
      ctx.settings.paymentTerms;
    const invoice: InvoiceDocument = {
      ...draft.invoice,
      issueDate: today,
      dueDate: computeDueDate(today, { days: terms }).dueDate,
    };
    // Checked before allocating, so that a refused invoice never uses up a number.
    const missing = missingMentions(invoice, { expectNumber: false });
    if (missing.length > 0) {
      for (const m of missing) {
        ctx.report(
          problem(
            'missing-mention',
            register.name,
            '',
            m.value ?? '',
            `Facture pour ${draft.buyerCode} non émise : ${m.message.fr}`,
            `Invoice for ${draft.buyerCode} not issued: ${m.message.en}`,
          ),
        );
      }
      continue;
    }
    ready.push({ draft, invoice });
  }
  if (ready.length === 0) return 0;
  const allocation = allocateNumbers(
    counterState(ctx, register),
    ready.map(() => ({ pattern: ctx.settings.invoicePattern, issueDate: today })),
  );
  let count = 0;
  ready.forEach(({ draft, invoice }, i) => {
    const outcome = allocation.outcomes[i];
    if (!outcome || !outcome.ok) {
      for (const p of outcome && !outcome.ok ? outcome.problems : []) {
        ctx.report(
          problem('numbering', register.name, '', p.value ?? '', p.message.fr, p.message.en),
        );
      }
      return;
    }
    const numbered: InvoiceDocument = {
      ...invoice,
      number: outcome.number,
      paymentReference: `${draft.buyerCode} ${outcome.number}`,
    };
    appendInvoice(register, lines, draft, numbered);
    count++;
  });
  saveOutput(ctx, register);
  saveOutput(ctx, lines);
  return count;
}

function appendInvoice(
  register: OutputTab,
  lines: OutputTab,
  draft: Draft,
  inv: InvoiceDocument,
): void {
  const totals = invoiceTotals(inv);
  const period = inv.servicePeriod
    ? `${inv.servicePeriod.start}..${inv.servicePeriod.end}`
    : (inv.serviceDate ?? '');
  const row: RegisterRow = {
    number: inv.number ?? '',
    draftId: draft.key,
    kind: inv.kind,
    direction: 'à encaisser',
    status: STATUS.issued,
    seller: inv.seller.name,
    buyer: inv.buyer.name,
    buyerCode: draft.buyerCode,
    financer: '',
    sponsor: '',
    period: (inv.servicePeriod?.start ?? inv.serviceDate ?? '').slice(0, 7),
    issueDate: dateCell(inv.issueDate ?? ''),
    serviceDates: period,
    totalHT: totals.taxBasisTotal.toNumber(),
    vatByRate: totals.vatBreakdown.map((b) => `${b.key}=${b.taxAmount.toFixed(2)}`).join('; '),
    totalTTC: totals.grandTotal.toNumber(),
    dueDate: dateCell(inv.dueDate ?? ''),
    docLink: '',
    pdfLink: '',
    emailedAt: '',
    creditTarget: '',
    sourceRows: draft.origins.map((o) => o.id).join(' '),
    fingerprint: fingerprint(inv),
  };
  register.rows.push(row);
  inv.lines.forEach((line, i) => {
    const origin = draft.origins[i];
    lines.rows.push(
      lineRow(
        inv.number ?? '',
        i + 1,
        line,
        origin?.tab ?? '',
        origin?.id ?? '',
        totals.lineVat[i] ?? Money.zero(),
      ),
    );
  });
}

function lineRow(
  number: string,
  index: number,
  line: InvoiceLine,
  tab: string,
  id: string,
  vat: Money,
): RegisterRow {
  const net = lineAmounts(line).net;
  return {
    invoice: number,
    line: index,
    sourceTab: tab,
    sourceId: id,
    description: line.description,
    quantity: Number(line.quantity),
    unit: line.unit ?? '',
    unitPrice: Number(line.unitPrice),
    discount: line.discountPercent ? Number(line.discountPercent) : '',
    netHT: net.toNumber(),
    vatRate: line.vat.category === 'S' ? Number(line.vat.ratePercent) : 0,
    vat: vat.toNumber(),
    ttc: net.plus(vat).toNumber(),
    financerHT: '',
    financerTTC: '',
  };
}

/** A short content hash: detects a source changed after issue. */
function fingerprint(inv: InvoiceDocument): string {
  const s = JSON.stringify(
    inv.lines.map((l) => [
      l.description,
      l.quantity,
      l.unitPrice,
      l.discountPercent ?? '',
      l.vat.ratePercent,
    ]),
  );
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Rebuild an issued invoice from its register row and its Lignes rows (the source of truth). */
export function invoiceFromRegister(
  ctx: RunContext,
  row: RegisterRow,
  lines: OutputTab,
  clients: Map<string, RowRecord>,
): InvoiceDocument | null {
  const buyerCode = text(row['buyerCode']);
  const client = clients.get(buyerCode);
  if (!client) return null;
  const seller = organisationParty(ctx.settings);
  const number = text(row['number']);
  const period = text(row['serviceDates']);
  const [start, end] = period.split('..');
  const own = lines.rows
    .filter((l) => text(l['invoice']) === number)
    .sort((a, b) => Number(a['line']) - Number(b['line']));
  const invLines: InvoiceLine[] = own.map((l) => {
    const rate = String(l['vatRate'] ?? '0');
    const discount = text(l['discount']);
    return {
      description: text(l['description']),
      quantity: String(l['quantity']),
      unitPrice: String(l['unitPrice']),
      ...(text(l['unit']) ? { unit: text(l['unit']) } : {}),
      ...(discount ? { discountPercent: discount } : {}),
      vat:
        seller.vatRegime === 'franchise'
          ? { category: 'E', ratePercent: '0', exemption: 'franchise' }
          : Number(rate) === 0
            ? { category: 'Z', ratePercent: '0' }
            : { category: 'S', ratePercent: rate },
    };
  });
  const buyer = clientParty(client);
  return {
    kind: 'facture',
    number,
    issueDate: calendarDate(dateText(row['issueDate'], ctx.timeZone)),
    dueDate: calendarDate(dateText(row['dueDate'], ctx.timeZone)),
    language: client.values['language'] === 'en' ? 'en' : 'fr',
    currency: ctx.settings.currency || 'EUR',
    seller,
    buyer,
    ...(end && start !== end
      ? { servicePeriod: { start: calendarDate(start ?? ''), end: calendarDate(end) } }
      : { serviceDate: calendarDate(start ?? '') }),
    lines: invLines,
    ...(buyer.purchaseOrderReference
      ? { purchaseOrderReference: buyer.purchaseOrderReference }
      : {}),
    paymentReference: `${buyerCode} ${number}`,
    latePenaltyText: ctx.settings.latePenalty,
    operationCategory: 'services',
  };
}

export function documentName(number: string, buyer: string): string {
  return `${number} - ${buyer}`.replace(/[\\/]/g, '-');
}

function renderDocuments(ctx: RunContext, register: OutputTab, lines: OutputTab): number {
  const todo = register.rows.filter(
    (r) => text(r['number']) && (!text(r['docLink']) || !text(r['pdfLink'])),
  );
  if (todo.length === 0) return 0;
  const templateId = ctx.settings.templateId;
  const clients = clientsByCode(ctx);
  let done = 0;
  for (const row of todo) {
    const inv = invoiceFromRegister(ctx, row, lines, clients);
    if (!inv || !inv.issueDate) continue;
    const [yyyy, mm] = inv.issueDate.split('-');
    const folder = ctx.ports.drive.ensureFolder([ROOT_FOLDER, yyyy ?? '', mm ?? '']);
    const name = documentName(inv.number ?? '', inv.buyer.name);
    const model = invoiceDocumentModel(inv, {
      buyerCode: text(row['buyerCode']),
      totals: invoiceTotals(inv),
    });
    const doc = ctx.ports.docs.renderDoc(templateId, folder.id, name, model, null);
    const pdf = ctx.ports.docs.exportPdf(doc.id, folder.id, `${name}.pdf`);
    row['docLink'] = doc.url;
    row['pdfLink'] = pdf.url;
    done++;
  }
  saveOutput(ctx, register);
  return done;
}

function fileIdFromUrl(url: string): string {
  return /\/d\/([^/]+)/.exec(url)?.[1] ?? '';
}

function sendInvoices(ctx: RunContext, register: OutputTab): { emailed: number; pending: number } {
  const clients = clientsByCode(ctx);
  const { store, mail } = ctx.ports;
  let emailed = 0;
  let pending = 0;
  const sent: string[] = [];
  for (const row of register.rows) {
    const number = text(row['number']);
    if (!number || text(row['emailedAt']) || !text(row['pdfLink'])) continue;
    if (text(row['status']) !== STATUS.issued) continue;
    const marker = `mail:${number}`;
    if (store.get(marker)) {
      row['status'] = STATUS.check;
      ctx.warn(
        'mail-unconfirmed',
        register.name,
        '',
        number,
        `Facture ${number} : un envoi a été commencé sans être confirmé ; vérifiez la boîte d'envoi avant de la renvoyer`,
        `Invoice ${number}: a send was started but not confirmed; check the sent mail before sending it again`,
      );
      continue;
    }
    const client = clients.get(text(row['buyerCode']));
    const emails = (
      Array.isArray(client?.values['emails']) ? (client?.values['emails'] as string[]) : []
    ).filter(isValidEmail);
    if (emails.length === 0) {
      ctx.report(
        problem(
          'no-recipient',
          register.name,
          '',
          text(row['buyerCode']),
          `Facture ${number} non envoyée : aucune adresse email valide pour le client ${text(row['buyerCode'])}`,
          `Invoice ${number} not sent: no valid email address for client ${text(row['buyerCode'])}`,
        ),
      );
      continue;
    }
    if (mail.remainingQuota() < emails.length) {
      pending++;
      continue;
    }
    const lang = client?.values['language'] === 'en' ? 'en' : 'fr';
    const due = dateText(row['dueDate'], ctx.timeZone);
    const message = invoiceEmail({
      lang,
      number,
      buyerName: text(row['buyer']),
      sellerName: ctx.settings.orgName,
      total: formatMoney(
        Money.fromNumberExact(Number(row['totalTTC'])),
        lang,
        ctx.settings.currency || 'EUR',
      ),
      dueDate: due ? formatDate(calendarDate(due), lang) : '',
      paymentReference: `${text(row['buyerCode'])} ${number}`,
      docUrl: text(row['docLink']),
    });
    store.set(marker, 'sending');
    mail.send({
      to: emails,
      subject: message.subject,
      text: message.text,
      html: message.html,
      senderName: ctx.settings.senderName || ctx.settings.orgName,
      replyTo: ctx.settings.replyTo,
      attachments: [
        {
          fileId: fileIdFromUrl(text(row['pdfLink'])),
          name: `${documentName(number, text(row['buyer']))}.pdf`,
        },
      ],
    });
    row['emailedAt'] = ctx.ports.clock.now();
    row['status'] = STATUS.sent;
    sent.push(marker);
    emailed++;
  }
  saveOutput(ctx, register);
  for (const marker of sent) store.remove(marker);
  return { emailed, pending };
}
