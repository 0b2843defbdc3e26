/**
 * The workbook's tabs and columns (SPEC §2): one definition serves reading (header matching in
 * French or English) and setting up (headers in the workbook's locale, dropdowns, formats).
 */
import { both, type PlainTextKey } from '../texts';

export type Lang = 'fr' | 'en';

/**
 * What a column holds, and what reading it gives (cells.ts): `id`, `text`, `link` → trimmed text;
 * `code` → trimmed upper-case text; `email` → a list of addresses; `date` → `YYYY-MM-DD`;
 * `month` → `YYYY-MM`; `datetime` → `YYYY-MM-DDTHH:MM:SS` wall time in the workbook's zone;
 * `money`, `decimal` → decimal strings; `integer` → a number; `percent` → a decimal string in
 * percent points (`'20'` for 20 %); `enum` → the value's code; `bool` → a boolean; `coverage` →
 * a share in percent points followed by `%` (`'70%'`) or an amount as a decimal string.
 */
export type ColumnKind =
  | 'id'
  | 'text'
  | 'code'
  | 'email'
  | 'date'
  | 'month'
  | 'money'
  | 'decimal'
  | 'integer'
  | 'percent'
  | 'enum'
  | 'bool'
  | 'link'
  | 'datetime'
  | 'coverage';

/** An enumerated value: its canonical code and the spellings users may type. */
export interface EnumValue<Code extends string = string> {
  readonly code: Code;
  readonly fr: string;
  readonly en: string;
  readonly aliases?: readonly string[];
}

export interface ColumnDef {
  readonly key: string;
  readonly fr: string;
  readonly en: string;
  readonly kind: ColumnKind;
  readonly required?: boolean;
  readonly values?: readonly EnumValue[];
  /** Output tabs only: a column users write in (approval, received on). */
  readonly userWritten?: boolean;
}

export interface TabDef {
  readonly key: TabKey;
  readonly fr: string;
  readonly en: string;
  readonly output: boolean;
  readonly columns: readonly ColumnDef[];
}

export type TabKey =
  | 'settings'
  | 'clients'
  | 'providers'
  | 'rates'
  | 'sessions'
  | 'timesheets'
  | 'trainings'
  | 'enrolments'
  | 'extra-lines'
  | 'payments'
  | 'invoices'
  | 'invoice-lines'
  | 'status'
  | 'billingCalls'
  | 'journal'
  | 'overflow'
  | 'received';

/** Keeps the literal keys, kinds and enum codes of a definition, so rows can be typed from it. */
function defineTab<const D extends TabDef>(def: D): D {
  return def;
}

/** A value of an enumerated column: its code, its names in the catalogue, other spellings. */
function v<const Code extends string>(
  code: Code,
  name: PlainTextKey,
  aliases: readonly string[] = [],
): EnumValue<Code> {
  return { code, ...both(name), aliases };
}

export const BILLING_MODES = [
  v('none', 'value.billing-mode.none'),
  v('per-sponsor', 'value.billing-mode.per-sponsor', ['per sponsor', 'parcommanditaire']),
  v('consolidated', 'value.billing-mode.consolidated', ['consolide']),
] as const;

export const CLIENT_KINDS = [
  v('company', 'value.client-kind.company'),
  v('sponsor', 'value.client-kind.sponsor'),
  v('financer', 'value.client-kind.financer', ['opco']),
  v('individual', 'value.client-kind.individual'),
] as const;

export const LANGS = [
  v('fr', 'value.language.fr', ['francais', 'french']),
  v('en', 'value.language.en', ['anglais', 'english']),
] as const;

export const PAYMENT_METHODS = [
  v('transfer', 'value.payment-method.transfer', ['bank transfer', 'vir']),
  v('direct-debit', 'value.payment-method.direct-debit'),
  v('cheque', 'value.payment-method.cheque', ['check']),
  v('card', 'value.payment-method.card', ['cb']),
] as const;

export const SESSION_TYPES = [
  v('mentorat', 'value.session-type.mentorat'),
  v('soutenance', 'value.session-type.soutenance', ['defense']),
] as const;

const id = { key: 'id', ...both('column.id'), kind: 'id' } as const satisfies ColumnDef;

export const SETTINGS_TAB = defineTab({
  key: 'settings',
  ...both('tab.settings'),
  output: false,
  columns: [
    { key: 'key', ...both('column.settings.key'), kind: 'text', required: true },
    { key: 'value', ...both('column.settings.value'), kind: 'text' },
  ],
});

export const CLIENTS_TAB = defineTab({
  key: 'clients',
  ...both('tab.clients'),
  output: false,
  columns: [
    id,
    { key: 'code', ...both('column.clients.code'), kind: 'code', required: true },
    { key: 'name', ...both('column.clients.name'), kind: 'text', required: true },
    { key: 'kind', ...both('column.clients.kind'), kind: 'enum', values: CLIENT_KINDS },
    { key: 'address1', ...both('column.clients.address1'), kind: 'text' },
    { key: 'address2', ...both('column.clients.address2'), kind: 'text' },
    { key: 'postcode', ...both('column.clients.postcode'), kind: 'text' },
    { key: 'city', ...both('column.clients.city'), kind: 'text' },
    { key: 'country', ...both('column.clients.country'), kind: 'text' },
    { key: 'siren', ...both('column.clients.siren'), kind: 'text' },
    { key: 'vatNumber', ...both('column.clients.vatNumber'), kind: 'text' },
    { key: 'emails', ...both('column.clients.emails'), kind: 'email' },
    {
      key: 'billingMode',
      ...both('column.clients.billingMode'),
      kind: 'enum',
      values: BILLING_MODES,
    },
    {
      key: 'paymentTerms',
      ...both('column.clients.paymentTerms'),
      kind: 'integer',
    },
    { key: 'language', ...both('column.clients.language'), kind: 'enum', values: LANGS },
    { key: 'purchaseOrder', ...both('column.clients.purchaseOrder'), kind: 'text' },
    /**
     * The reference the client asks invoices to carry (BT-10): for a public buyer invoiced
     * through Chorus Pro, its service code (its engagement number goes in the purchase order).
     */
    {
      key: 'buyerReference',
      ...both('column.clients.buyerReference'),
      kind: 'text',
    },
    /** Its e-invoicing address in the French directory (BT-49); empty: its SIREN. */
    {
      key: 'electronicAddress',
      ...both('column.clients.electronicAddress'),
      kind: 'text',
    },
    /** This client's agency fee rate (high-volume clients); empty: the setting's. */
    { key: 'agencyFee', ...both('column.clients.agencyFee'), kind: 'percent' },
    /** The provider who brought the client in, and the rebate of the fee it earns. */
    { key: 'introducer', ...both('column.clients.introducer'), kind: 'code' },
    {
      key: 'introducerRebate',
      ...both('column.clients.introducerRebate'),
      kind: 'percent',
    },
    /** The person emails greet ("Bonjour Camille Roux,"); empty: a greeting without a name. */
    { key: 'contactName', ...both('column.clients.contactName'), kind: 'text' },
  ],
});

export const PROVIDERS_TAB = defineTab({
  key: 'providers',
  ...both('tab.providers'),
  output: false,
  columns: [
    id,
    { key: 'code', ...both('column.providers.code'), kind: 'code', required: true },
    { key: 'name', ...both('column.providers.name'), kind: 'text', required: true },
    { key: 'company', ...both('column.providers.company'), kind: 'text' },
    { key: 'address', ...both('column.providers.address'), kind: 'text' },
    { key: 'postcode', ...both('column.providers.postcode'), kind: 'text' },
    { key: 'city', ...both('column.providers.city'), kind: 'text' },
    { key: 'siret', ...both('column.providers.siret'), kind: 'text' },
    { key: 'vatNumber', ...both('column.providers.vatNumber'), kind: 'text' },
    {
      key: 'vatRegime',
      ...both('column.providers.vatRegime'),
      kind: 'enum',
      values: [
        v('standard', 'value.vat-regime.standard', ['normal']),
        v('franchise', 'value.vat-regime.franchise', ['293b', 'franchise en base']),
        v('exempt-training', 'value.vat-regime.exempt-training', ['exonere']),
      ],
    },
    { key: 'iban', ...both('column.providers.iban'), kind: 'text' },
    { key: 'bic', ...both('column.providers.bic'), kind: 'text' },
    { key: 'email', ...both('column.providers.email'), kind: 'email' },
    /** Its e-invoicing address in the French directory (BT-34 on self-billing); empty: SIREN. */
    {
      key: 'electronicAddress',
      ...both('column.providers.electronicAddress'),
      kind: 'text',
    },
    {
      key: 'mandateOn',
      ...both('column.providers.mandateOn'),
      kind: 'date',
    },
    {
      key: 'contestDays',
      ...both('column.providers.contestDays'),
      kind: 'integer',
    },
    { key: 'paymentOption', ...both('column.providers.paymentOption'), kind: 'text' },
    { key: 'language', ...both('column.providers.language'), kind: 'enum', values: LANGS },
    /**
     * The person emails greet; empty: the Name column when the Company name column holds the
     * company, else a greeting without a name.
     */
    { key: 'contactName', ...both('column.providers.contactName'), kind: 'text' },
  ],
});

export const RATES_TAB = defineTab({
  key: 'rates',
  ...both('tab.rates'),
  output: false,
  columns: [
    id,
    {
      key: 'sessionType',
      ...both('column.rates.sessionType'),
      kind: 'enum',
      required: true,
      values: SESSION_TYPES,
    },
    { key: 'level', ...both('column.rates.level'), kind: 'integer', required: true },
    { key: 'rate', ...both('column.rates.rate'), kind: 'money', required: true },
    {
      key: 'validFrom',
      ...both('column.rates.validFrom'),
      kind: 'date',
      required: true,
    },
  ],
});

export const SESSIONS_TAB = defineTab({
  key: 'sessions',
  ...both('tab.sessions'),
  output: false,
  columns: [
    id,
    { key: 'date', ...both('column.sessions.date'), kind: 'date', required: true },
    { key: 'provider', ...both('column.sessions.provider'), kind: 'code', required: true },
    { key: 'student', ...both('column.sessions.student'), kind: 'text' },
    {
      key: 'type',
      ...both('column.sessions.type'),
      kind: 'enum',
      required: true,
      values: SESSION_TYPES,
    },
    { key: 'level', ...both('column.sessions.level'), kind: 'integer', required: true },
    { key: 'minutes', ...both('column.sessions.minutes'), kind: 'integer' },
    {
      key: 'status',
      ...both('column.sessions.status'),
      kind: 'enum',
      required: true,
      values: [
        v('done', 'value.session-status.done', ['realise', 'completed']),
        v('no-show', 'value.session-status.no-show', ['absence', 'noshow']),
        v('cancelled', 'value.session-status.cancelled', ['annule', 'canceled']),
      ],
    },
    { key: 'billedAs', ...both('column.sessions.billedAs'), kind: 'money' },
    { key: 'notes', ...both('column.sessions.notes'), kind: 'text' },
  ],
});

export const TIMESHEETS_TAB = defineTab({
  key: 'timesheets',
  ...both('tab.timesheets'),
  output: false,
  columns: [
    id,
    { key: 'month', ...both('column.timesheets.month'), kind: 'month', required: true },
    { key: 'provider', ...both('column.timesheets.provider'), kind: 'code', required: true },
    { key: 'client', ...both('column.timesheets.client'), kind: 'code', required: true },
    { key: 'mission', ...both('column.timesheets.mission'), kind: 'text', required: true },
    { key: 'days', ...both('column.timesheets.days'), kind: 'decimal', required: true },
    { key: 'dailyRate', ...both('column.timesheets.dailyRate'), kind: 'money', required: true },
    {
      key: 'status',
      ...both('column.timesheets.status'),
      kind: 'enum',
      required: true,
      values: [
        v('draft', 'value.timesheet-status.draft'),
        v('submitted', 'value.timesheet-status.submitted'),
        v('validated', 'value.timesheet-status.validated', ['valide', 'approved']),
        v('rejected', 'value.timesheet-status.rejected', ['refuse']),
      ],
    },
    { key: 'validatedOn', ...both('column.timesheets.validatedOn'), kind: 'date' },
    /** The mission's payout option (Basic, Express, Flash…); empty: the provider's. */
    { key: 'paymentOption', ...both('column.timesheets.paymentOption'), kind: 'text' },
  ],
});

export const TRAININGS_TAB = defineTab({
  key: 'trainings',
  ...both('tab.trainings'),
  output: false,
  columns: [
    id,
    {
      key: 'session',
      ...both('column.trainings.session'),
      kind: 'code',
      required: true,
    },
    { key: 'product', ...both('column.trainings.product'), kind: 'text' },
    { key: 'label', ...both('column.trainings.label'), kind: 'text', required: true },
    { key: 'start', ...both('column.trainings.start'), kind: 'date', required: true },
    { key: 'end', ...both('column.trainings.end'), kind: 'date', required: true },
    {
      key: 'hours',
      ...both('column.trainings.hours'),
      kind: 'decimal',
      required: true,
    },
    { key: 'location', ...both('column.trainings.location'), kind: 'text' },
    { key: 'trainer', ...both('column.trainings.trainer'), kind: 'text' },
    {
      key: 'status',
      ...both('column.trainings.status'),
      kind: 'enum',
      required: true,
      values: [
        v('planned', 'value.training-status.planned', ['planifie']),
        v('running', 'value.training-status.running', ['running']),
        v('finished', 'value.training-status.finished', ['termine', 'done', 'completed']),
        v('cancelled', 'value.training-status.cancelled', ['annule', 'canceled']),
      ],
    },
  ],
});

export const ENROLMENTS_TAB = defineTab({
  key: 'enrolments',
  ...both('tab.enrolments'),
  output: false,
  columns: [
    id,
    {
      key: 'session',
      ...both('column.enrolments.session'),
      kind: 'code',
      required: true,
    },
    { key: 'learner', ...both('column.enrolments.learner'), kind: 'text', required: true },
    { key: 'sponsor', ...both('column.enrolments.sponsor'), kind: 'code', required: true },
    { key: 'financer', ...both('column.enrolments.financer'), kind: 'code' },
    {
      key: 'unit',
      ...both('column.enrolments.unit'),
      kind: 'enum',
      required: true,
      values: [
        v('learner', 'value.billing-unit.learner', ['stagiaire']),
        v('day', 'value.billing-unit.day', ['jours', 'days']),
        v('hour', 'value.billing-unit.hour', ['heures', 'hours']),
        v('flat', 'value.billing-unit.flat', ['flat fee']),
      ],
    },
    { key: 'quantity', ...both('column.enrolments.quantity'), kind: 'decimal', required: true },
    {
      key: 'unitPrice',
      ...both('column.enrolments.unitPrice'),
      kind: 'money',
      required: true,
    },
    { key: 'discount', ...both('column.enrolments.discount'), kind: 'percent' },
    { key: 'coverage', ...both('column.enrolments.coverage'), kind: 'coverage' },
    { key: 'vatRate', ...both('column.enrolments.vatRate'), kind: 'percent' },
    { key: 'hoursAttended', ...both('column.enrolments.hoursAttended'), kind: 'decimal' },
    /** The financer's funding agreement number (n° de prise en charge), on its invoice. */
    {
      key: 'agreementNumber',
      ...both('column.enrolments.agreementNumber'),
      kind: 'text',
    },
  ],
});

export const EXTRA_LINES_TAB = defineTab({
  key: 'extra-lines',
  ...both('tab.extra-lines'),
  output: false,
  columns: [
    id,
    { key: 'date', ...both('column.extra-lines.date'), kind: 'date', required: true },
    { key: 'client', ...both('column.extra-lines.client'), kind: 'code', required: true },
    { key: 'provider', ...both('column.extra-lines.provider'), kind: 'code' },
    { key: 'project', ...both('column.extra-lines.project'), kind: 'text' },
    { key: 'description', ...both('column.extra-lines.description'), kind: 'text', required: true },
    { key: 'quantity', ...both('column.extra-lines.quantity'), kind: 'decimal', required: true },
    { key: 'unit', ...both('column.extra-lines.unit'), kind: 'text' },
    {
      key: 'unitPrice',
      ...both('column.extra-lines.unitPrice'),
      kind: 'money',
      required: true,
    },
    { key: 'discount', ...both('column.extra-lines.discount'), kind: 'percent' },
    { key: 'vatRate', ...both('column.extra-lines.vatRate'), kind: 'percent' },
    {
      key: 'lineKind',
      ...both('column.extra-lines.lineKind'),
      kind: 'enum',
      values: [
        v('days', 'value.line-kind.days'),
        v('flat', 'value.line-kind.flat', ['flat']),
        v('expenses', 'value.line-kind.expenses'),
        v('rights', 'value.line-kind.rights'),
        v('option', 'value.line-kind.option'),
      ],
    },
    {
      key: 'stage',
      ...both('column.extra-lines.stage'),
      kind: 'enum',
      values: [v('deposit', 'value.stage.deposit'), v('balance', 'value.stage.balance')],
    },
  ],
});

export const PAYMENTS_TAB = defineTab({
  key: 'payments',
  ...both('tab.payments'),
  output: false,
  columns: [
    id,
    { key: 'date', ...both('column.payments.date'), kind: 'date', required: true },
    { key: 'invoice', ...both('column.payments.invoice'), kind: 'text' },
    { key: 'amount', ...both('column.payments.amount'), kind: 'money', required: true },
    { key: 'method', ...both('column.payments.method'), kind: 'enum', values: PAYMENT_METHODS },
    { key: 'reference', ...both('column.payments.reference'), kind: 'text' },
    { key: 'note', ...both('column.payments.note'), kind: 'text' },
  ],
});

export const INVOICES_TAB = defineTab({
  key: 'invoices',
  ...both('tab.invoices'),
  output: true,
  columns: [
    { key: 'number', ...both('column.invoices.number'), kind: 'text' },
    { key: 'draftId', ...both('column.invoices.draftId'), kind: 'text' },
    { key: 'kind', ...both('column.invoices.kind'), kind: 'text' },
    { key: 'direction', ...both('column.invoices.direction'), kind: 'text' },
    { key: 'status', ...both('column.invoices.status'), kind: 'text' },
    { key: 'seller', ...both('column.invoices.seller'), kind: 'text' },
    { key: 'buyer', ...both('column.invoices.buyer'), kind: 'text' },
    { key: 'buyerCode', ...both('column.invoices.buyerCode'), kind: 'text' },
    { key: 'financer', ...both('column.invoices.financer'), kind: 'text' },
    { key: 'sponsor', ...both('column.invoices.sponsor'), kind: 'text' },
    { key: 'period', ...both('column.invoices.period'), kind: 'text' },
    { key: 'issueDate', ...both('column.invoices.issueDate'), kind: 'date' },
    { key: 'serviceDates', ...both('column.invoices.serviceDates'), kind: 'text' },
    { key: 'totalHT', ...both('column.invoices.totalHT'), kind: 'money' },
    { key: 'vatByRate', ...both('column.invoices.vatByRate'), kind: 'text' },
    { key: 'totalTTC', ...both('column.invoices.totalTTC'), kind: 'money' },
    { key: 'dueDate', ...both('column.invoices.dueDate'), kind: 'date' },
    { key: 'docLink', ...both('column.invoices.docLink'), kind: 'link' },
    { key: 'pdfLink', ...both('column.invoices.pdfLink'), kind: 'link' },
    { key: 'emailedAt', ...both('column.invoices.emailedAt'), kind: 'datetime' },
    { key: 'creditTarget', ...both('column.invoices.creditTarget'), kind: 'text' },
    { key: 'sourceRows', ...both('column.invoices.sourceRows'), kind: 'text' },
    { key: 'fingerprint', ...both('column.invoices.fingerprint'), kind: 'text' },
    /** The issued document as JSON: what was issued, to render it again after an interruption. */
    { key: 'snapshot', ...both('column.invoices.snapshot'), kind: 'text' },
    { key: 'writtenOffOn', ...both('column.invoices.writtenOffOn'), kind: 'date' },
    { key: 'writeOffReason', ...both('column.invoices.writeOffReason'), kind: 'text' },
    /**
     * A client credit held on this invoice (a credit note on it after it was paid, or a payment
     * beyond it) that a user asked to deduct from the client's next invoices: the total asked,
     * with VAT. What is deducted so far is on those invoices (`appliedCredits`).
     */
    { key: 'creditToApply', ...both('column.invoices.creditToApply'), kind: 'money' },
    /** The e-invoice's XML (CII, Factur-X EN 16931), beside its PDF in Drive. */
    { key: 'xmlLink', ...both('column.invoices.xmlLink'), kind: 'link' },
  ],
});

export const INVOICE_LINES_TAB = defineTab({
  key: 'invoice-lines',
  ...both('tab.invoice-lines'),
  output: true,
  columns: [
    { key: 'invoice', ...both('column.invoice-lines.invoice'), kind: 'text' },
    { key: 'line', ...both('column.invoice-lines.line'), kind: 'integer' },
    { key: 'sourceTab', ...both('column.invoice-lines.sourceTab'), kind: 'text' },
    { key: 'sourceId', ...both('column.invoice-lines.sourceId'), kind: 'text' },
    { key: 'description', ...both('column.invoice-lines.description'), kind: 'text' },
    { key: 'quantity', ...both('column.invoice-lines.quantity'), kind: 'decimal' },
    { key: 'unit', ...both('column.invoice-lines.unit'), kind: 'text' },
    { key: 'unitPrice', ...both('column.invoice-lines.unitPrice'), kind: 'money' },
    { key: 'discount', ...both('column.invoice-lines.discount'), kind: 'percent' },
    { key: 'netHT', ...both('column.invoice-lines.netHT'), kind: 'money' },
    { key: 'vatRate', ...both('column.invoice-lines.vatRate'), kind: 'percent' },
    { key: 'vat', ...both('column.invoice-lines.vat'), kind: 'money' },
    { key: 'ttc', ...both('column.invoice-lines.ttc'), kind: 'money' },
    { key: 'financerHT', ...both('column.invoice-lines.financerHT'), kind: 'money' },
    {
      key: 'financerTTC',
      ...both('column.invoice-lines.financerTTC'),
      kind: 'money',
    },
  ],
});

export const PAYMENT_STATUS_TAB = defineTab({
  key: 'status',
  ...both('tab.status'),
  output: true,
  columns: [
    { key: 'number', ...both('column.status.number'), kind: 'text' },
    { key: 'counterparty', ...both('column.status.counterparty'), kind: 'text' },
    { key: 'direction', ...both('column.status.direction'), kind: 'text' },
    { key: 'totalTTC', ...both('column.status.totalTTC'), kind: 'money' },
    { key: 'paid', ...both('column.status.paid'), kind: 'money' },
    { key: 'balance', ...both('column.status.balance'), kind: 'money' },
    { key: 'dueDate', ...both('column.status.dueDate'), kind: 'date' },
    { key: 'status', ...both('column.status.status'), kind: 'text' },
    { key: 'label', ...both('column.status.label'), kind: 'text' },
    { key: 'lastReminder', ...both('column.status.lastReminder'), kind: 'date' },
    { key: 'nextReminder', ...both('column.status.nextReminder'), kind: 'date' },
    /** Reminder steps already sent (day offsets from the due date, `-3;7`): never sent twice. */
    { key: 'remindersSent', ...both('column.status.remindersSent'), kind: 'text' },
  ],
});

export const BILLING_CALLS_TAB = defineTab({
  key: 'billingCalls',
  ...both('tab.billingCalls'),
  output: true,
  columns: [
    /** The row's identity (`2026-11:CLEMENT`, `payout:<CRA row ID>`…): one row per payable. */
    { key: 'reference', ...both('column.billingCalls.reference'), kind: 'text' },
    { key: 'month', ...both('column.billingCalls.month'), kind: 'month' },
    { key: 'provider', ...both('column.billingCalls.provider'), kind: 'text' },
    { key: 'sessions', ...both('column.billingCalls.sessions'), kind: 'integer' },
    { key: 'amountHT', ...both('column.billingCalls.amountHT'), kind: 'money' },
    { key: 'vat', ...both('column.billingCalls.vat'), kind: 'money' },
    { key: 'ttc', ...both('column.billingCalls.ttc'), kind: 'money' },
    { key: 'mode', ...both('column.billingCalls.mode'), kind: 'text' },
    { key: 'emailedAt', ...both('column.billingCalls.emailedAt'), kind: 'datetime' },
    {
      key: 'approval',
      ...both('column.billingCalls.approval'),
      kind: 'enum',
      userWritten: true,
      values: [
        v('pending', 'value.approval.pending'),
        v('approved', 'value.approval.approved', ['approuve']),
        v('contested', 'value.approval.contested', ['conteste']),
      ],
    },
    {
      key: 'approvedOn',
      ...both('column.billingCalls.approvedOn'),
      kind: 'date',
      userWritten: true,
    },
    {
      key: 'receivedOn',
      ...both('column.billingCalls.receivedOn'),
      kind: 'date',
      userWritten: true,
    },
    { key: 'dueDate', ...both('column.billingCalls.dueDate'), kind: 'date' },
    { key: 'providerCode', ...both('column.billingCalls.providerCode'), kind: 'text' },
    /** What is paid: TTC less the payout option's fee. */
    { key: 'net', ...both('column.billingCalls.net'), kind: 'money' },
    { key: 'paidOn', ...both('column.billingCalls.paidOn'), kind: 'date' },
    {
      key: 'confirmedAt',
      ...both('column.billingCalls.confirmedAt'),
      kind: 'datetime',
    },
    /**
     * IDs of the source rows the payable covers (sessions, CRA, extra lines), space-separated:
     * a session typed after its month's call is told from the call's own by this list.
     */
    { key: 'sourceRows', ...both('column.billingCalls.sourceRows'), kind: 'text' },
  ],
});

export const JOURNAL_TAB = defineTab({
  key: 'journal',
  ...both('tab.journal'),
  output: true,
  columns: [
    { key: 'when', ...both('column.journal.when'), kind: 'datetime' },
    { key: 'runId', ...both('column.journal.runId'), kind: 'text' },
    { key: 'action', ...both('column.journal.action'), kind: 'text' },
    { key: 'level', ...both('column.journal.level'), kind: 'text' },
    { key: 'tab', ...both('column.journal.tab'), kind: 'text' },
    { key: 'cell', ...both('column.journal.cell'), kind: 'text' },
    { key: 'message', ...both('column.journal.message'), kind: 'text' },
    { key: 'value', ...both('column.journal.value'), kind: 'text' },
  ],
});

/**
 * The text of output cells too long for one cell (Sheets holds at most 50,000 characters in a
 * cell), in parts; the cell itself holds a reference to them. Made only when a cell needs it,
 * never by set-up.
 */
export const OVERFLOW_TAB = defineTab({
  key: 'overflow',
  ...both('tab.overflow'),
  output: true,
  columns: [
    { key: 'tab', ...both('column.overflow.tab'), kind: 'text' },
    { key: 'ref', ...both('column.overflow.ref'), kind: 'text' },
    { key: 'part', ...both('column.overflow.part'), kind: 'integer' },
    { key: 'text', ...both('column.overflow.text'), kind: 'text' },
  ],
});

/**
 * Providers' invoices received and read (e-invoices): one row per file given, what it states and
 * what its lines add up to, and the billing call it was matched to. Made at the first import.
 */
export const RECEIVED_TAB = defineTab({
  key: 'received',
  ...both('tab.received'),
  output: true,
  columns: [
    { key: 'readOn', ...both('column.received.readOn'), kind: 'datetime' },
    { key: 'file', ...both('column.received.file'), kind: 'text' },
    { key: 'fileLink', ...both('column.received.fileLink'), kind: 'link' },
    { key: 'seller', ...both('column.received.seller'), kind: 'text' },
    { key: 'sellerId', ...both('column.received.sellerId'), kind: 'text' },
    { key: 'number', ...both('column.received.number'), kind: 'text' },
    { key: 'issueDate', ...both('column.received.issueDate'), kind: 'date' },
    { key: 'currency', ...both('column.received.currency'), kind: 'text' },
    { key: 'statedHT', ...both('column.received.statedHT'), kind: 'money' },
    { key: 'statedVAT', ...both('column.received.statedVAT'), kind: 'money' },
    { key: 'statedTTC', ...both('column.received.statedTTC'), kind: 'money' },
    { key: 'recomputedHT', ...both('column.received.recomputedHT'), kind: 'money' },
    { key: 'recomputedVAT', ...both('column.received.recomputedVAT'), kind: 'money' },
    { key: 'recomputedTTC', ...both('column.received.recomputedTTC'), kind: 'money' },
    { key: 'call', ...both('column.received.call'), kind: 'text' },
    { key: 'outcome', ...both('column.received.outcome'), kind: 'text' },
    { key: 'fingerprint', ...both('column.received.fingerprint'), kind: 'text' },
  ],
});

export const TABS: readonly TabDef[] = [
  SETTINGS_TAB,
  CLIENTS_TAB,
  PROVIDERS_TAB,
  RATES_TAB,
  SESSIONS_TAB,
  TIMESHEETS_TAB,
  TRAININGS_TAB,
  ENROLMENTS_TAB,
  EXTRA_LINES_TAB,
  PAYMENTS_TAB,
  INVOICES_TAB,
  INVOICE_LINES_TAB,
  PAYMENT_STATUS_TAB,
  BILLING_CALLS_TAB,
  JOURNAL_TAB,
];

/** Each tab's definition with its literal column keys and kinds, for typed rows. */
export interface TabDefs {
  settings: typeof SETTINGS_TAB;
  clients: typeof CLIENTS_TAB;
  providers: typeof PROVIDERS_TAB;
  rates: typeof RATES_TAB;
  sessions: typeof SESSIONS_TAB;
  timesheets: typeof TIMESHEETS_TAB;
  trainings: typeof TRAININGS_TAB;
  enrolments: typeof ENROLMENTS_TAB;
  'extra-lines': typeof EXTRA_LINES_TAB;
  payments: typeof PAYMENTS_TAB;
  invoices: typeof INVOICES_TAB;
  'invoice-lines': typeof INVOICE_LINES_TAB;
  status: typeof PAYMENT_STATUS_TAB;
  billingCalls: typeof BILLING_CALLS_TAB;
  journal: typeof JOURNAL_TAB;
  overflow: typeof OVERFLOW_TAB;
  received: typeof RECEIVED_TAB;
}

/** A tab's definition: with its literal column types for a literal key, else a TabDef. */
export function tabDef<K extends TabKey>(key: K): TabKey extends K ? TabDef : TabDefs[K] {
  const def =
    key === 'overflow'
      ? OVERFLOW_TAB
      : key === 'received'
        ? RECEIVED_TAB
        : TABS.find((t) => t.key === key);
  if (!def) throw new Error(`unknown tab ${key}`);
  return def as TabKey extends K ? TabDef : TabDefs[K];
}

export function tabName(key: TabKey, lang: Lang): string {
  return tabDef(key)[lang];
}

export function isTabKey(s: string): s is TabKey {
  return s === 'overflow' || s === 'received' || TABS.some((t) => t.key === s);
}
