/**
 * The workbook's tabs and columns (SPEC §2): one definition serves reading (header matching in
 * French or English) and setting up (headers in the workbook's locale, dropdowns, formats).
 */
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

function v<const Code extends string>(
  code: Code,
  fr: string,
  en: string,
  aliases: readonly string[] = [],
): EnumValue<Code> {
  return { code, fr, en, aliases };
}

export const BILLING_MODES = [
  v('none', 'aucune', 'none'),
  v('per-sponsor', 'par commanditaire', 'per-sponsor', ['per sponsor', 'parcommanditaire']),
  v('consolidated', 'consolidée', 'consolidated', ['consolide']),
] as const;

export const CLIENT_KINDS = [
  v('company', 'entreprise', 'company'),
  v('sponsor', 'commanditaire', 'sponsor'),
  v('financer', 'financeur', 'financer', ['opco']),
  v('individual', 'particulier', 'individual'),
] as const;

export const LANGS = [
  v('fr', 'fr', 'fr', ['français', 'french']),
  v('en', 'en', 'en', ['anglais', 'english']),
] as const;

export const PAYMENT_METHODS = [
  v('transfer', 'virement', 'transfer', ['bank transfer', 'vir']),
  v('direct-debit', 'prélèvement', 'direct debit'),
  v('cheque', 'chèque', 'cheque', ['check']),
  v('card', 'carte', 'card', ['cb']),
] as const;

export const SESSION_TYPES = [
  v('mentorat', 'mentorat', 'mentoring'),
  v('soutenance', 'soutenance', 'defence', ['defense']),
] as const;

const id = { key: 'id', fr: 'ID', en: 'ID', kind: 'id' } as const satisfies ColumnDef;

export const SETTINGS_TAB = defineTab({
  key: 'settings',
  fr: 'Paramètres',
  en: 'Settings',
  output: false,
  columns: [
    { key: 'key', fr: 'Clé', en: 'Key', kind: 'text', required: true },
    { key: 'value', fr: 'Valeur', en: 'Value', kind: 'text' },
  ],
});

export const CLIENTS_TAB = defineTab({
  key: 'clients',
  fr: 'Clients',
  en: 'Clients',
  output: false,
  columns: [
    id,
    { key: 'code', fr: 'Code', en: 'Code', kind: 'code', required: true },
    { key: 'name', fr: 'Nom', en: 'Name', kind: 'text', required: true },
    { key: 'kind', fr: 'Type', en: 'Kind', kind: 'enum', values: CLIENT_KINDS },
    { key: 'address1', fr: 'Adresse', en: 'Address', kind: 'text' },
    { key: 'address2', fr: 'Adresse 2', en: 'Address 2', kind: 'text' },
    { key: 'postcode', fr: 'Code postal', en: 'Postcode', kind: 'text' },
    { key: 'city', fr: 'Ville', en: 'City', kind: 'text' },
    { key: 'country', fr: 'Pays', en: 'Country', kind: 'text' },
    { key: 'siren', fr: 'SIREN / SIRET', en: 'SIREN / SIRET', kind: 'text' },
    { key: 'vatNumber', fr: 'N° TVA', en: 'VAT number', kind: 'text' },
    { key: 'emails', fr: 'Email(s) de facturation', en: 'Billing email(s)', kind: 'email' },
    {
      key: 'billingMode',
      fr: 'Mode de facturation',
      en: 'Billing mode',
      kind: 'enum',
      values: BILLING_MODES,
    },
    {
      key: 'paymentTerms',
      fr: 'Délai de paiement (jours)',
      en: 'Payment terms (days)',
      kind: 'integer',
    },
    { key: 'language', fr: 'Langue', en: 'Language', kind: 'enum', values: LANGS },
    { key: 'purchaseOrder', fr: 'Bon de commande', en: 'Purchase order', kind: 'text' },
    /**
     * The reference the client asks invoices to carry (BT-10): for a public buyer invoiced
     * through Chorus Pro, its service code (its engagement number goes in the purchase order).
     */
    {
      key: 'buyerReference',
      fr: 'Référence acheteur (code service)',
      en: 'Buyer reference (service code)',
      kind: 'text',
    },
    /** Its e-invoicing address in the French directory (BT-49); empty: its SIREN. */
    {
      key: 'electronicAddress',
      fr: 'Adresse de facturation électronique',
      en: 'E-invoicing address',
      kind: 'text',
    },
    /** This client's agency fee rate (high-volume clients); empty: the setting's. */
    { key: 'agencyFee', fr: "Frais d'agence %", en: 'Agency fee %', kind: 'percent' },
    /** The provider who brought the client in, and the rebate of the fee it earns. */
    { key: 'introducer', fr: "Apporteur d'affaires", en: 'Business introducer', kind: 'code' },
    {
      key: 'introducerRebate',
      fr: "Part de l'apporteur %",
      en: "Introducer's share %",
      kind: 'percent',
    },
    /** The person emails greet ("Bonjour Camille Roux,"); empty: a greeting without a name. */
    { key: 'contactName', fr: 'Nom du contact', en: 'Contact name', kind: 'text' },
  ],
});

export const PROVIDERS_TAB = defineTab({
  key: 'providers',
  fr: 'Intervenants',
  en: 'Providers',
  output: false,
  columns: [
    id,
    { key: 'code', fr: 'Code', en: 'Code', kind: 'code', required: true },
    { key: 'name', fr: 'Nom', en: 'Name', kind: 'text', required: true },
    { key: 'company', fr: 'Raison sociale', en: 'Company name', kind: 'text' },
    { key: 'address', fr: 'Adresse', en: 'Address', kind: 'text' },
    { key: 'postcode', fr: 'Code postal', en: 'Postcode', kind: 'text' },
    { key: 'city', fr: 'Ville', en: 'City', kind: 'text' },
    { key: 'siret', fr: 'SIRET', en: 'SIRET', kind: 'text' },
    { key: 'vatNumber', fr: 'N° TVA', en: 'VAT number', kind: 'text' },
    {
      key: 'vatRegime',
      fr: 'Régime TVA',
      en: 'VAT regime',
      kind: 'enum',
      values: [
        v('standard', 'standard', 'standard', ['normal']),
        v('franchise', 'franchise', 'franchise', ['293b', 'franchise en base']),
        v('exempt-training', 'exonéré formation', 'training exempt', ['exonere']),
      ],
    },
    { key: 'iban', fr: 'IBAN', en: 'IBAN', kind: 'text' },
    { key: 'bic', fr: 'BIC', en: 'BIC', kind: 'text' },
    { key: 'email', fr: 'Email', en: 'Email', kind: 'email' },
    /** Its e-invoicing address in the French directory (BT-34 on self-billing); empty: SIREN. */
    {
      key: 'electronicAddress',
      fr: 'Adresse de facturation électronique',
      en: 'E-invoicing address',
      kind: 'text',
    },
    {
      key: 'mandateOn',
      fr: "Mandat d'autofacturation signé le",
      en: 'Self-billing mandate signed on',
      kind: 'date',
    },
    {
      key: 'contestDays',
      fr: 'Délai de contestation (jours)',
      en: 'Contestation period (days)',
      kind: 'integer',
    },
    { key: 'paymentOption', fr: 'Option de paiement', en: 'Payment option', kind: 'text' },
    { key: 'language', fr: 'Langue', en: 'Language', kind: 'enum', values: LANGS },
    /**
     * The person emails greet; empty: the Name column when the Company name column holds the
     * company, else a greeting without a name.
     */
    { key: 'contactName', fr: 'Nom du contact', en: 'Contact name', kind: 'text' },
  ],
});

export const RATES_TAB = defineTab({
  key: 'rates',
  fr: 'Tarifs',
  en: 'Rates',
  output: false,
  columns: [
    id,
    {
      key: 'sessionType',
      fr: 'Type de session',
      en: 'Session type',
      kind: 'enum',
      required: true,
      values: SESSION_TYPES,
    },
    { key: 'level', fr: 'Niveau', en: 'Level', kind: 'integer', required: true },
    { key: 'rate', fr: 'Tarif HT', en: 'Rate excl. VAT', kind: 'money', required: true },
    {
      key: 'validFrom',
      fr: 'Valable à partir du',
      en: 'Valid from',
      kind: 'date',
      required: true,
    },
  ],
});

export const SESSIONS_TAB = defineTab({
  key: 'sessions',
  fr: 'Sessions',
  en: 'Sessions',
  output: false,
  columns: [
    id,
    { key: 'date', fr: 'Date', en: 'Date', kind: 'date', required: true },
    { key: 'provider', fr: 'Intervenant', en: 'Provider', kind: 'code', required: true },
    { key: 'student', fr: 'Étudiant', en: 'Student', kind: 'text' },
    {
      key: 'type',
      fr: 'Type',
      en: 'Type',
      kind: 'enum',
      required: true,
      values: SESSION_TYPES,
    },
    { key: 'level', fr: 'Niveau', en: 'Level', kind: 'integer', required: true },
    { key: 'minutes', fr: 'Durée (minutes)', en: 'Duration (minutes)', kind: 'integer' },
    {
      key: 'status',
      fr: 'Statut',
      en: 'Status',
      kind: 'enum',
      required: true,
      values: [
        v('done', 'réalisée', 'done', ['realise', 'completed']),
        v('no-show', 'absent', 'no-show', ['absence', 'noshow']),
        v('cancelled', 'annulée', 'cancelled', ['annule', 'canceled']),
      ],
    },
    { key: 'billedAs', fr: 'Facturé comme', en: 'Billed as', kind: 'money' },
    { key: 'notes', fr: 'Notes', en: 'Notes', kind: 'text' },
  ],
});

export const TIMESHEETS_TAB = defineTab({
  key: 'timesheets',
  fr: 'CRA',
  en: 'Timesheets',
  output: false,
  columns: [
    id,
    { key: 'month', fr: 'Mois', en: 'Month', kind: 'month', required: true },
    { key: 'provider', fr: 'Intervenant', en: 'Provider', kind: 'code', required: true },
    { key: 'client', fr: 'Client', en: 'Client', kind: 'code', required: true },
    { key: 'mission', fr: 'Mission', en: 'Mission', kind: 'text', required: true },
    { key: 'days', fr: 'Jours travaillés', en: 'Days worked', kind: 'decimal', required: true },
    { key: 'dailyRate', fr: 'TJM HT', en: 'Daily rate excl. VAT', kind: 'money', required: true },
    {
      key: 'status',
      fr: 'Statut',
      en: 'Status',
      kind: 'enum',
      required: true,
      values: [
        v('draft', 'brouillon', 'draft'),
        v('submitted', 'soumis', 'submitted'),
        v('validated', 'validé', 'validated', ['valide', 'approved']),
        v('rejected', 'refusé', 'rejected', ['refuse']),
      ],
    },
    { key: 'validatedOn', fr: 'Validé le', en: 'Validated on', kind: 'date' },
    /** The mission's payout option (Basic, Express, Flash…); empty: the provider's. */
    { key: 'paymentOption', fr: 'Option de paiement', en: 'Payment option', kind: 'text' },
  ],
});

export const TRAININGS_TAB = defineTab({
  key: 'trainings',
  fr: 'Formations',
  en: 'Trainings',
  output: false,
  columns: [
    id,
    {
      key: 'session',
      fr: 'Référence session',
      en: 'Session reference',
      kind: 'code',
      required: true,
    },
    { key: 'product', fr: 'Référence produit', en: 'Product reference', kind: 'text' },
    { key: 'label', fr: 'Intitulé', en: 'Product label', kind: 'text', required: true },
    { key: 'start', fr: 'Date de début', en: 'Start date', kind: 'date', required: true },
    { key: 'end', fr: 'Date de fin', en: 'End date', kind: 'date', required: true },
    {
      key: 'hours',
      fr: 'Durée (heures)',
      en: 'Duration (hours)',
      kind: 'decimal',
      required: true,
    },
    { key: 'location', fr: 'Lieu', en: 'Location', kind: 'text' },
    { key: 'trainer', fr: 'Formateur', en: 'Trainer', kind: 'text' },
    {
      key: 'status',
      fr: 'Statut',
      en: 'Status',
      kind: 'enum',
      required: true,
      values: [
        v('planned', 'planifiée', 'planned', ['planifie']),
        v('running', 'en cours', 'in progress', ['running']),
        v('finished', 'terminée', 'finished', ['termine', 'done', 'completed']),
        v('cancelled', 'annulée', 'cancelled', ['annule', 'canceled']),
      ],
    },
  ],
});

export const ENROLMENTS_TAB = defineTab({
  key: 'enrolments',
  fr: 'Inscriptions',
  en: 'Enrolments',
  output: false,
  columns: [
    id,
    {
      key: 'session',
      fr: 'Référence session',
      en: 'Session reference',
      kind: 'code',
      required: true,
    },
    { key: 'learner', fr: 'Apprenant', en: 'Learner', kind: 'text', required: true },
    { key: 'sponsor', fr: 'Commanditaire', en: 'Sponsor', kind: 'code', required: true },
    { key: 'financer', fr: 'Financeur', en: 'Financer', kind: 'code' },
    {
      key: 'unit',
      fr: 'Unité de facturation',
      en: 'Billing unit',
      kind: 'enum',
      required: true,
      values: [
        v('learner', 'apprenant', 'learner', ['stagiaire']),
        v('day', 'jour', 'day', ['jours', 'days']),
        v('hour', 'heure', 'hour', ['heures', 'hours']),
        v('flat', 'forfait', 'flat', ['flat fee']),
      ],
    },
    { key: 'quantity', fr: 'Quantité', en: 'Quantity', kind: 'decimal', required: true },
    {
      key: 'unitPrice',
      fr: 'Prix unitaire HT',
      en: 'Unit price excl. VAT',
      kind: 'money',
      required: true,
    },
    { key: 'discount', fr: 'Remise %', en: 'Discount %', kind: 'percent' },
    { key: 'coverage', fr: 'Prise en charge', en: 'Financer coverage', kind: 'coverage' },
    { key: 'vatRate', fr: 'Taux TVA', en: 'VAT rate', kind: 'percent' },
    { key: 'hoursAttended', fr: 'Heures suivies', en: 'Hours attended', kind: 'decimal' },
    /** The financer's funding agreement number (n° de prise en charge), on its invoice. */
    {
      key: 'agreementNumber',
      fr: 'N° de prise en charge',
      en: 'Funding agreement no.',
      kind: 'text',
    },
  ],
});

export const EXTRA_LINES_TAB = defineTab({
  key: 'extra-lines',
  fr: 'Prestations',
  en: 'Extra lines',
  output: false,
  columns: [
    id,
    { key: 'date', fr: 'Date', en: 'Date', kind: 'date', required: true },
    { key: 'client', fr: 'Client', en: 'Client', kind: 'code', required: true },
    { key: 'provider', fr: 'Intervenant', en: 'Provider', kind: 'code' },
    { key: 'project', fr: 'Projet', en: 'Project', kind: 'text' },
    { key: 'description', fr: 'Désignation', en: 'Description', kind: 'text', required: true },
    { key: 'quantity', fr: 'Quantité', en: 'Quantity', kind: 'decimal', required: true },
    { key: 'unit', fr: 'Unité', en: 'Unit', kind: 'text' },
    {
      key: 'unitPrice',
      fr: 'Prix unitaire HT',
      en: 'Unit price excl. VAT',
      kind: 'money',
      required: true,
    },
    { key: 'discount', fr: 'Remise %', en: 'Discount %', kind: 'percent' },
    { key: 'vatRate', fr: 'Taux TVA', en: 'VAT rate', kind: 'percent' },
    {
      key: 'lineKind',
      fr: 'Nature',
      en: 'Kind',
      kind: 'enum',
      values: [
        v('days', 'jours', 'days'),
        v('flat', 'forfait', 'flat fee', ['flat']),
        v('expenses', 'frais', 'expenses'),
        v('rights', 'droits', 'rights'),
        v('option', 'option', 'option'),
      ],
    },
    {
      key: 'stage',
      fr: 'Étape',
      en: 'Stage',
      kind: 'enum',
      values: [v('deposit', 'acompte', 'deposit'), v('balance', 'solde', 'balance')],
    },
  ],
});

export const PAYMENTS_TAB = defineTab({
  key: 'payments',
  fr: 'Paiements',
  en: 'Payments',
  output: false,
  columns: [
    id,
    { key: 'date', fr: 'Date', en: 'Date', kind: 'date', required: true },
    { key: 'invoice', fr: 'N° facture', en: 'Invoice number', kind: 'text' },
    { key: 'amount', fr: 'Montant', en: 'Amount', kind: 'money', required: true },
    { key: 'method', fr: 'Moyen', en: 'Method', kind: 'enum', values: PAYMENT_METHODS },
    { key: 'reference', fr: 'Référence', en: 'Reference', kind: 'text' },
    { key: 'note', fr: 'Note', en: 'Note', kind: 'text' },
  ],
});

export const INVOICES_TAB = defineTab({
  key: 'invoices',
  fr: 'Factures',
  en: 'Invoices',
  output: true,
  columns: [
    { key: 'number', fr: 'Numéro', en: 'Number', kind: 'text' },
    { key: 'draftId', fr: 'Brouillon', en: 'Draft', kind: 'text' },
    { key: 'kind', fr: 'Type', en: 'Kind', kind: 'text' },
    { key: 'direction', fr: 'Sens', en: 'Direction', kind: 'text' },
    { key: 'status', fr: 'Statut', en: 'Status', kind: 'text' },
    { key: 'seller', fr: 'Vendeur', en: 'Seller', kind: 'text' },
    { key: 'buyer', fr: 'Acheteur', en: 'Buyer', kind: 'text' },
    { key: 'buyerCode', fr: 'Code acheteur', en: 'Buyer code', kind: 'text' },
    { key: 'financer', fr: 'Financeur', en: 'Financer', kind: 'text' },
    { key: 'sponsor', fr: 'Commanditaire', en: 'Sponsor', kind: 'text' },
    { key: 'period', fr: 'Période', en: 'Period', kind: 'text' },
    { key: 'issueDate', fr: "Date d'émission", en: 'Issue date', kind: 'date' },
    { key: 'serviceDates', fr: 'Date(s) de prestation', en: 'Service date(s)', kind: 'text' },
    { key: 'totalHT', fr: 'Total HT', en: 'Total excl. VAT', kind: 'money' },
    { key: 'vatByRate', fr: 'TVA par taux', en: 'VAT per rate', kind: 'text' },
    { key: 'totalTTC', fr: 'Total TTC', en: 'Total incl. VAT', kind: 'money' },
    { key: 'dueDate', fr: "Date d'échéance", en: 'Due date', kind: 'date' },
    { key: 'docLink', fr: 'Lien Doc', en: 'Doc link', kind: 'link' },
    { key: 'pdfLink', fr: 'Lien PDF', en: 'PDF link', kind: 'link' },
    { key: 'emailedAt', fr: 'Envoyée le', en: 'Emailed at', kind: 'datetime' },
    { key: 'creditTarget', fr: 'Avoir sur', en: 'Credit-note target', kind: 'text' },
    { key: 'sourceRows', fr: 'Lignes source', en: 'Source rows', kind: 'text' },
    { key: 'fingerprint', fr: 'Empreinte', en: 'Fingerprint', kind: 'text' },
    /** The issued document as JSON: what was issued, to render it again after an interruption. */
    { key: 'snapshot', fr: 'Contenu (JSON)', en: 'Content (JSON)', kind: 'text' },
    { key: 'writtenOffOn', fr: 'Mise en perte le', en: 'Written off on', kind: 'date' },
    { key: 'writeOffReason', fr: 'Motif de la perte', en: 'Write-off reason', kind: 'text' },
    /**
     * A client credit held on this invoice (a credit note on it after it was paid, or a payment
     * beyond it) that a user asked to deduct from the client's next invoices: the total asked,
     * with VAT. What is deducted so far is on those invoices (`appliedCredits`).
     */
    { key: 'creditToApply', fr: 'Crédit à imputer', en: 'Credit to apply', kind: 'money' },
    /** The e-invoice's XML (CII, Factur-X EN 16931), beside its PDF in Drive. */
    { key: 'xmlLink', fr: 'Lien XML Factur-X', en: 'Factur-X XML link', kind: 'link' },
  ],
});

export const INVOICE_LINES_TAB = defineTab({
  key: 'invoice-lines',
  fr: 'Lignes',
  en: 'Invoice lines',
  output: true,
  columns: [
    { key: 'invoice', fr: 'Facture', en: 'Invoice', kind: 'text' },
    { key: 'line', fr: 'Ligne', en: 'Line', kind: 'integer' },
    { key: 'sourceTab', fr: 'Onglet source', en: 'Source tab', kind: 'text' },
    { key: 'sourceId', fr: 'ID source', en: 'Source ID', kind: 'text' },
    { key: 'description', fr: 'Désignation', en: 'Description', kind: 'text' },
    { key: 'quantity', fr: 'Quantité', en: 'Quantity', kind: 'decimal' },
    { key: 'unit', fr: 'Unité', en: 'Unit', kind: 'text' },
    { key: 'unitPrice', fr: 'Prix unitaire HT', en: 'Unit price excl. VAT', kind: 'money' },
    { key: 'discount', fr: 'Remise %', en: 'Discount %', kind: 'percent' },
    { key: 'netHT', fr: 'Net HT', en: 'Net excl. VAT', kind: 'money' },
    { key: 'vatRate', fr: 'Taux TVA', en: 'VAT rate', kind: 'percent' },
    { key: 'vat', fr: 'TVA', en: 'VAT', kind: 'money' },
    { key: 'ttc', fr: 'TTC', en: 'Incl. VAT', kind: 'money' },
    { key: 'financerHT', fr: 'Part financeur HT', en: 'Financer share excl. VAT', kind: 'money' },
    {
      key: 'financerTTC',
      fr: 'Part financeur TTC',
      en: 'Financer share incl. VAT',
      kind: 'money',
    },
  ],
});

export const PAYMENT_STATUS_TAB = defineTab({
  key: 'status',
  fr: 'Suivi des paiements',
  en: 'Payment status',
  output: true,
  columns: [
    { key: 'number', fr: 'Numéro', en: 'Number', kind: 'text' },
    { key: 'counterparty', fr: 'Tiers', en: 'Counterparty', kind: 'text' },
    { key: 'direction', fr: 'Sens', en: 'Direction', kind: 'text' },
    { key: 'totalTTC', fr: 'Total TTC', en: 'Total incl. VAT', kind: 'money' },
    { key: 'paid', fr: 'Payé', en: 'Paid', kind: 'money' },
    { key: 'balance', fr: 'Reste dû', en: 'Balance', kind: 'money' },
    { key: 'dueDate', fr: "Date d'échéance", en: 'Due date', kind: 'date' },
    { key: 'status', fr: 'Statut', en: 'Status', kind: 'text' },
    { key: 'label', fr: 'Libellé', en: 'Status label', kind: 'text' },
    { key: 'lastReminder', fr: 'Dernière relance', en: 'Last reminder on', kind: 'date' },
    { key: 'nextReminder', fr: 'Prochaine relance', en: 'Next reminder on', kind: 'date' },
    /** Reminder steps already sent (day offsets from the due date, `-3;7`): never sent twice. */
    { key: 'remindersSent', fr: 'Relances envoyées', en: 'Reminders sent', kind: 'text' },
  ],
});

export const BILLING_CALLS_TAB = defineTab({
  key: 'billingCalls',
  fr: 'Appels à facturation',
  en: 'Billing calls',
  output: true,
  columns: [
    /** The row's identity (`2026-11:CLEMENT`, `payout:<CRA row ID>`…): one row per payable. */
    { key: 'reference', fr: 'Référence', en: 'Reference', kind: 'text' },
    { key: 'month', fr: 'Mois', en: 'Month', kind: 'month' },
    { key: 'provider', fr: 'Intervenant', en: 'Provider', kind: 'text' },
    { key: 'sessions', fr: 'Sessions', en: 'Sessions', kind: 'integer' },
    { key: 'amountHT', fr: 'Montant HT', en: 'Amount excl. VAT', kind: 'money' },
    { key: 'vat', fr: 'TVA', en: 'VAT', kind: 'money' },
    { key: 'ttc', fr: 'TTC', en: 'Incl. VAT', kind: 'money' },
    { key: 'mode', fr: 'Mode', en: 'Mode', kind: 'text' },
    { key: 'emailedAt', fr: 'Envoyé le', en: 'Emailed at', kind: 'datetime' },
    {
      key: 'approval',
      fr: 'Approbation',
      en: 'Approval',
      kind: 'enum',
      userWritten: true,
      values: [
        v('pending', 'en attente', 'pending'),
        v('approved', 'approuvé', 'approved', ['approuve']),
        v('contested', 'contesté', 'contested', ['conteste']),
      ],
    },
    { key: 'approvedOn', fr: 'Approuvé le', en: 'Approved on', kind: 'date', userWritten: true },
    {
      key: 'receivedOn',
      fr: 'Facture reçue le',
      en: 'Provider invoice received on',
      kind: 'date',
      userWritten: true,
    },
    { key: 'dueDate', fr: "Date d'échéance", en: 'Due date', kind: 'date' },
    { key: 'providerCode', fr: 'Code intervenant', en: 'Provider code', kind: 'text' },
    /** What is paid: TTC less the payout option's fee. */
    { key: 'net', fr: 'Net à verser', en: 'Net to pay', kind: 'money' },
    { key: 'paidOn', fr: 'Payé le', en: 'Paid on', kind: 'date' },
    {
      key: 'confirmedAt',
      fr: 'Confirmation envoyée le',
      en: 'Confirmation sent at',
      kind: 'datetime',
    },
    /**
     * IDs of the source rows the payable covers (sessions, CRA, extra lines), space-separated:
     * a session typed after its month's call is told from the call's own by this list.
     */
    { key: 'sourceRows', fr: 'Lignes source', en: 'Source rows', kind: 'text' },
  ],
});

export const JOURNAL_TAB = defineTab({
  key: 'journal',
  fr: 'Journal',
  en: 'Log',
  output: true,
  columns: [
    { key: 'when', fr: 'Quand', en: 'When', kind: 'datetime' },
    { key: 'runId', fr: 'Exécution', en: 'Run id', kind: 'text' },
    { key: 'action', fr: 'Action', en: 'Action', kind: 'text' },
    { key: 'level', fr: 'Niveau', en: 'Level', kind: 'text' },
    { key: 'tab', fr: 'Onglet', en: 'Tab', kind: 'text' },
    { key: 'cell', fr: 'Cellule', en: 'Cell', kind: 'text' },
    { key: 'message', fr: 'Message', en: 'Message', kind: 'text' },
    { key: 'value', fr: 'Valeur lue', en: 'Value seen', kind: 'text' },
  ],
});

/**
 * The text of output cells too long for one cell (Sheets holds at most 50,000 characters in a
 * cell), in parts; the cell itself holds a reference to them. Made only when a cell needs it,
 * never by set-up.
 */
export const OVERFLOW_TAB = defineTab({
  key: 'overflow',
  fr: 'Contenus longs',
  en: 'Long contents',
  output: true,
  columns: [
    { key: 'tab', fr: 'Onglet', en: 'Tab', kind: 'text' },
    { key: 'ref', fr: 'Référence', en: 'Reference', kind: 'text' },
    { key: 'part', fr: 'Partie', en: 'Part', kind: 'integer' },
    { key: 'text', fr: 'Texte', en: 'Text', kind: 'text' },
  ],
});

/**
 * Providers' invoices received and read (e-invoices): one row per file given, what it states and
 * what its lines add up to, and the billing call it was matched to. Made at the first import.
 */
export const RECEIVED_TAB = defineTab({
  key: 'received',
  fr: 'Factures reçues',
  en: 'Received invoices',
  output: true,
  columns: [
    { key: 'readOn', fr: 'Lue le', en: 'Read on', kind: 'datetime' },
    { key: 'file', fr: 'Fichier', en: 'File', kind: 'text' },
    { key: 'fileLink', fr: 'Lien', en: 'Link', kind: 'link' },
    { key: 'seller', fr: 'Fournisseur', en: 'Supplier', kind: 'text' },
    { key: 'sellerId', fr: 'SIRET / SIREN / TVA', en: 'SIRET / SIREN / VAT', kind: 'text' },
    { key: 'number', fr: 'Numéro', en: 'Number', kind: 'text' },
    { key: 'issueDate', fr: 'Date', en: 'Date', kind: 'date' },
    { key: 'currency', fr: 'Devise', en: 'Currency', kind: 'text' },
    { key: 'statedHT', fr: 'HT indiqué', en: 'Stated excl. VAT', kind: 'money' },
    { key: 'statedVAT', fr: 'TVA indiquée', en: 'Stated VAT', kind: 'money' },
    { key: 'statedTTC', fr: 'TTC indiqué', en: 'Stated incl. VAT', kind: 'money' },
    { key: 'recomputedHT', fr: 'HT recalculé', en: 'Recomputed excl. VAT', kind: 'money' },
    { key: 'recomputedVAT', fr: 'TVA recalculée', en: 'Recomputed VAT', kind: 'money' },
    { key: 'recomputedTTC', fr: 'TTC recalculé', en: 'Recomputed incl. VAT', kind: 'money' },
    { key: 'call', fr: 'Appel rapproché', en: 'Matched call', kind: 'text' },
    { key: 'outcome', fr: 'Résultat', en: 'Outcome', kind: 'text' },
    { key: 'fingerprint', fr: 'Empreinte', en: 'Fingerprint', kind: 'text' },
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
