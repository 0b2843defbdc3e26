/**
 * Reading a received UBL 2.1 invoice or credit note (the other syntax EN 16931 binds to, which
 * French platforms and Peppol exchange) into the same `ReceivedInvoice` as CII, following the
 * EN 16931 UBL syntax binding (EN 16931-3-2): the same business terms, the same recomputation and
 * `compareTotals`.
 *
 * What differs from CII: dates are written `YYYY-MM-DD`; a credit note is a `CreditNote` root
 * with `CreditNoteLine`s and `CreditedQuantity`; the VAT total in the invoice currency is the
 * `TaxTotal` whose `TaxAmount` is in that currency, and holds the breakdown (`TaxSubtotal`); a
 * note's subject code, when there is one, is written `#CODE#text`.
 */
import { dec } from '../../domain/decimal';
import { Money } from '../../domain/money';
import { msg, type Message, type Param } from '../../texts';
import {
  CREDIT_NOTE_TYPE_CODES,
  decimalOf,
  defined,
  documentAllowanceCharge,
  frenchIds,
  identifier,
  isRealDate,
  lineAllowanceCharge,
  lineNetFrom,
  moneyOf,
  notWellFormed,
  opt,
  ReadFault,
  recomputeTotals,
  requiredMoney,
  textAt,
  vatParams,
  type AllowanceChargeOwner,
  type Period,
  type ReceivedAllowanceCharge,
  type ReceivedInvoice,
  type ReceivedLine,
  type ReceivedParty,
  type StatedTotals,
  type VatBreakdownRow,
  type VatRef,
} from './received';
import {
  attr,
  child,
  childrenNamed,
  parseXml,
  path,
  textOf,
  XmlError,
  type XmlNode,
} from './xml-read';

export const UBL_INVOICE_NAMESPACE = 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2';
export const UBL_CREDIT_NOTE_NAMESPACE =
  'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2';

/** A `YYYY-MM-DD` date (xs:date without a time zone). */
function isoDate(raw: string | undefined, what: Param): string | undefined {
  if (raw === undefined) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  if (!m || !isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
    throw new ReadFault(msg('received-file.not-iso-date', { what, raw }));
  }
  return raw;
}

function party(node: XmlNode | undefined): ReceivedParty {
  const legalIds = defined(
    childrenNamed(node, 'PartyLegalEntity').map((e) => identifier(child(e, 'CompanyID'))),
  );
  const ids = defined(
    childrenNamed(node, 'PartyIdentification').map((p) => identifier(child(p, 'ID'))),
  );
  const taxSchemes = childrenNamed(node, 'PartyTaxScheme');
  const isVat = (t: XmlNode) => textAt(t, 'TaxScheme', 'ID')?.toUpperCase() === 'VAT';
  return {
    ...opt(
      'name',
      textAt(node, 'PartyLegalEntity', 'RegistrationName') ?? textAt(node, 'PartyName', 'Name'),
    ),
    ...frenchIds(legalIds, ids),
    ...opt('vatNumber', textAt(taxSchemes.find(isVat), 'CompanyID')),
    ...opt(
      'taxRegistration',
      textAt(
        taxSchemes.find((t) => !isVat(t)),
        'CompanyID',
      ),
    ),
    ...opt('country', textAt(node, 'PostalAddress', 'Country', 'IdentificationCode')),
    ...opt('electronicAddress', identifier(child(node, 'EndpointID'))),
    legalIds,
    ids,
  };
}

function taxCategory(node: XmlNode | undefined, what: Message, warnings: Message[]): VatRef {
  const category = textAt(node, 'ID');
  if (category === undefined) warnings.push(msg('received-file.no-vat-category', { what }));
  const rate = decimalOf(
    textAt(node, 'Percent'),
    msg('received-file.field.vat-rate', { item: what }),
  );
  return { category: category ?? '', ratePercent: rate ?? '0' };
}

function allowanceCharge(
  node: XmlNode,
  owner: AllowanceChargeOwner,
  warnings: Message[],
): ReceivedAllowanceCharge {
  const indicator = textAt(node, 'ChargeIndicator')?.toLowerCase();
  if (indicator !== 'true' && indicator !== 'false') {
    throw new ReadFault(msg('received-file.charge-indicator', { what: owner.either }));
  }
  const charge = indicator === 'true';
  const label = charge ? owner.charge : owner.allowance;
  return {
    charge,
    amount: requiredMoney(
      child(node, 'Amount'),
      msg('received-file.field.amount', { item: label }),
    ),
    ...opt(
      'basisAmount',
      moneyOf(child(node, 'BaseAmount'), msg('received-file.field.base-amount', { item: label })),
    ),
    ...opt(
      'percent',
      decimalOf(
        textAt(node, 'MultiplierFactorNumeric'),
        msg('received-file.field.percentage', { item: label }),
      ),
    ),
    ...opt('reason', textAt(node, 'AllowanceChargeReason')),
    ...opt('reasonCode', textAt(node, 'AllowanceChargeReasonCode')),
    ...(owner.documentLevel
      ? { vat: taxCategory(child(node, 'TaxCategory'), label, warnings) }
      : {}),
  };
}

function periodOf(node: XmlNode | undefined, period: Message): Period | undefined {
  const start = isoDate(
    textAt(node, 'StartDate'),
    msg('received-file.field.period-start', { period }),
  );
  const end = isoDate(textAt(node, 'EndDate'), msg('received-file.field.period-end', { period }));
  return start === undefined && end === undefined
    ? undefined
    : { ...opt('start', start), ...opt('end', end) };
}

function line(node: XmlNode, index: number, credit: boolean, warnings: Message[]): ReceivedLine {
  const id = textAt(node, 'ID') ?? String(index + 1);
  const at = { line: id };
  const quantityNode = child(node, credit ? 'CreditedQuantity' : 'InvoicedQuantity');
  const price = child(node, 'Price');
  const quantity = decimalOf(textOf(quantityNode), msg('received-file.field.line-quantity', at));
  const netPrice = decimalOf(
    textAt(price, 'PriceAmount'),
    msg('received-file.field.line-net-price', at),
  );
  const grossPrice = decimalOf(
    textAt(price, 'AllowanceCharge', 'BaseAmount'),
    msg('received-file.field.line-gross-price', at),
  );
  const base = decimalOf(
    textAt(price, 'BaseQuantity'),
    msg('received-file.field.line-base-quantity', at),
  );
  const allowancesCharges = childrenNamed(node, 'AllowanceCharge').map((n) =>
    allowanceCharge(n, lineAllowanceCharge(id), warnings),
  );
  const netAmount = requiredMoney(
    child(node, 'LineExtensionAmount'),
    msg('received-file.field.line-net-amount', at),
  );
  let recomputedNet: Money | undefined;
  if (quantity === undefined || netPrice === undefined) {
    warnings.push(msg('received-file.net-as-stated', at));
  } else if (base !== undefined && !dec(base).gt(0)) {
    warnings.push(msg('received-file.base-not-positive', { line: id, base }));
  } else {
    recomputedNet = lineNetFrom(quantity, netPrice, base, allowancesCharges);
  }
  return {
    id,
    name: textAt(node, 'Item', 'Name') ?? '',
    ...opt('quantity', quantity),
    ...opt('unitCode', attr(quantityNode, 'unitCode')),
    ...opt('netPrice', netPrice),
    ...opt('grossPrice', grossPrice),
    ...opt('priceBaseQuantity', base),
    vat: taxCategory(
      path(node, 'Item', 'ClassifiedTaxCategory'),
      msg('received-file.field.line', at),
      warnings,
    ),
    allowancesCharges,
    netAmount,
    ...opt('recomputedNet', recomputedNet),
    ...opt(
      'period',
      periodOf(child(node, 'InvoicePeriod'), msg('received-file.field.line-period', at)),
    ),
  };
}

/** `#AAB#text` carries the subject code of a note in UBL (EN 16931-3-2). */
function note(raw: string): { text: string; subjectCode?: string } {
  const m = /^#([A-Z]{3})#([\s\S]*)$/.exec(raw);
  return m ? { text: m[2] ?? '', subjectCode: m[1] ?? '' } : { text: raw };
}

function readTree(root: XmlNode): ReceivedInvoice {
  const warnings: Message[] = [];
  const credit = root.local === 'CreditNote';
  const number = textAt(root, 'ID');
  if (number === undefined) throw new ReadFault(msg('received-file.no-number'));
  const typeCode = textAt(root, credit ? 'CreditNoteTypeCode' : 'InvoiceTypeCode');
  if (typeCode === undefined) throw new ReadFault(msg('received-file.no-type-code'));
  const issueDate = isoDate(textAt(root, 'IssueDate'), msg('received-file.field.issue-date'));
  if (issueDate === undefined) throw new ReadFault(msg('received-file.no-issue-date'));
  const currency = textAt(root, 'DocumentCurrencyCode');
  if (currency === undefined) throw new ReadFault(msg('received-file.no-currency'));
  const taxCurrency = textAt(root, 'TaxCurrencyCode');
  const sellerNode = path(root, 'AccountingSupplierParty', 'Party');
  const buyerNode = path(root, 'AccountingCustomerParty', 'Party');
  if (!sellerNode) throw new ReadFault(msg('received-file.no-seller'));
  if (!buyerNode) throw new ReadFault(msg('received-file.no-buyer'));
  const totalsNode = child(root, 'LegalMonetaryTotal');
  if (!totalsNode) throw new ReadFault(msg('received-file.no-totals'));

  const lines = childrenNamed(root, credit ? 'CreditNoteLine' : 'InvoiceLine').map((n, i) =>
    line(n, i, credit, warnings),
  );
  const allowancesCharges = childrenNamed(root, 'AllowanceCharge').map((n, i) =>
    allowanceCharge(n, documentAllowanceCharge(i + 1), warnings),
  );

  // BT-110 is the TaxTotal in the invoice currency; one in the tax currency is BT-111 (BR-53).
  const taxTotals = childrenNamed(root, 'TaxTotal');
  const amountOf = (t: XmlNode) => child(t, 'TaxAmount');
  const inCurrency =
    taxTotals.find((t) => attr(amountOf(t), 'currencyID') === currency) ??
    (taxTotals.length === 1 ? taxTotals[0] : undefined);
  if (taxTotals.length > 0 && inCurrency === undefined) {
    throw new ReadFault(msg('received-file.no-vat-total-in-currency', { currency }));
  }
  const taxAmount = inCurrency ? amountOf(inCurrency) : undefined;
  const inCurrencyId = attr(taxAmount, 'currencyID');
  if (inCurrency && inCurrencyId !== undefined && inCurrencyId !== currency) {
    warnings.push(msg('received-file.vat-total-currency', { found: inCurrencyId, currency }));
  }
  const inTaxCurrency =
    taxCurrency === undefined || taxCurrency === currency
      ? undefined
      : taxTotals.find((t) => attr(amountOf(t), 'currencyID') === taxCurrency);
  const vatBreakdown: VatBreakdownRow[] = childrenNamed(inCurrency, 'TaxSubtotal').map((sub) => {
    const categoryNode = child(sub, 'TaxCategory');
    const vat = taxCategory(categoryNode, msg('received-file.field.vat-breakdown'), warnings);
    return {
      ...vat,
      basis: requiredMoney(
        child(sub, 'TaxableAmount'),
        msg('received-file.field.vat-breakdown-taxable', vatParams(vat)),
      ),
      tax: requiredMoney(
        child(sub, 'TaxAmount'),
        msg('received-file.field.vat-breakdown-tax', vatParams(vat)),
      ),
      ...opt('exemptionReason', textAt(categoryNode, 'TaxExemptionReason')),
      ...opt('exemptionReasonCode', textAt(categoryNode, 'TaxExemptionReasonCode')),
    };
  });

  const zero = Money.zero();
  const t = totalsNode;
  const stated: StatedTotals = {
    lineTotal: requiredMoney(child(t, 'LineExtensionAmount'), 'BT-106 LineExtensionAmount'),
    allowanceTotal:
      moneyOf(child(t, 'AllowanceTotalAmount'), 'BT-107 AllowanceTotalAmount') ?? zero,
    chargeTotal: moneyOf(child(t, 'ChargeTotalAmount'), 'BT-108 ChargeTotalAmount') ?? zero,
    taxBasisTotal: requiredMoney(child(t, 'TaxExclusiveAmount'), 'BT-109 TaxExclusiveAmount'),
    taxTotal: moneyOf(taxAmount, 'BT-110 TaxAmount') ?? zero,
    grandTotal: requiredMoney(child(t, 'TaxInclusiveAmount'), 'BT-112 TaxInclusiveAmount'),
    prepaidAmount: moneyOf(child(t, 'PrepaidAmount'), 'BT-113 PrepaidAmount') ?? zero,
    roundingAmount:
      moneyOf(child(t, 'PayableRoundingAmount'), 'BT-114 PayableRoundingAmount') ?? zero,
    duePayableAmount: requiredMoney(child(t, 'PayableAmount'), 'BT-115 PayableAmount'),
  };
  const paymentMeans = childrenNamed(root, 'PaymentMeans');
  const dueDateField = msg('received-file.field.due-date');
  const dueDate =
    isoDate(textAt(root, 'DueDate'), dueDateField) ??
    defined(paymentMeans.map((p) => isoDate(textAt(p, 'PaymentDueDate'), dueDateField)))[0];
  return {
    syntax: 'UBL',
    ...opt('guideline', textAt(root, 'CustomizationID')),
    ...opt('businessProcess', textAt(root, 'ProfileID')),
    number,
    typeCode,
    isCreditNote: CREDIT_NOTE_TYPE_CODES.includes(typeCode),
    issueDate,
    currency,
    ...opt('taxCurrency', taxCurrency),
    seller: party(sellerNode),
    buyer: party(buyerNode),
    ...opt('buyerReference', textAt(root, 'BuyerReference')),
    ...opt('purchaseOrderReference', textAt(root, 'OrderReference', 'ID')),
    ...opt('contractReference', textAt(root, 'ContractDocumentReference', 'ID')),
    ...opt(
      'period',
      periodOf(child(root, 'InvoicePeriod'), msg('received-file.field.invoicing-period')),
    ),
    ...opt(
      'deliveryDate',
      isoDate(
        textAt(root, 'Delivery', 'ActualDeliveryDate'),
        msg('received-file.field.delivery-date'),
      ),
    ),
    ...opt('dueDate', dueDate),
    ...opt('paymentReference', defined(paymentMeans.map((p) => textAt(p, 'PaymentID')))[0]),
    paymentMeans: paymentMeans.map((p) => {
      const account = child(p, 'PayeeFinancialAccount');
      const id = textAt(account, 'ID');
      // BT-84 is an IBAN for SEPA transfers (58), a plain account number otherwise.
      const iban = id !== undefined && /^[A-Z]{2}\d{2}[A-Z0-9 ]+$/.test(id) ? id : undefined;
      return {
        ...opt('typeCode', textAt(p, 'PaymentMeansCode')),
        ...opt('iban', iban),
        ...opt('accountId', iban === undefined ? id : undefined),
        ...opt('bic', textAt(account, 'FinancialInstitutionBranch', 'ID')),
      };
    }),
    precedingInvoices: defined(
      childrenNamed(root, 'BillingReference').map((b) => {
        const ref = child(b, 'InvoiceDocumentReference');
        const n = textAt(ref, 'ID');
        if (n === undefined) return undefined;
        const when = isoDate(
          textAt(ref, 'IssueDate'),
          msg('received-file.field.preceding-invoice-date'),
        );
        return { number: n, ...opt('issueDate', when) };
      }),
    ),
    notes: defined(childrenNamed(root, 'Note').map((n) => textOf(n))).map(note),
    lines,
    allowancesCharges,
    vatBreakdown,
    stated,
    ...opt(
      'taxTotalInTaxCurrency',
      moneyOf(inTaxCurrency ? amountOf(inTaxCurrency) : undefined, 'BT-111 TaxAmount'),
    ),
    recomputed: recomputeTotals({
      lines,
      allowancesCharges,
      prepaidAmount: stated.prepaidAmount,
      roundingAmount: stated.roundingAmount,
      vatBreakdown,
    }),
    warnings,
  };
}

/** True for the root of a UBL invoice or credit note. */
export function isUbl(root: XmlNode): boolean {
  return (
    (root.local === 'Invoice' && root.ns === UBL_INVOICE_NAMESPACE) ||
    (root.local === 'CreditNote' && root.ns === UBL_CREDIT_NOTE_NAMESPACE)
  );
}

/** Reads a parsed UBL tree; `{ error }` says why it cannot be read. */
export function readUblTree(root: XmlNode): ReceivedInvoice | { error: Message } {
  if (!isUbl(root)) {
    return { error: msg('received-file.not-ubl', { name: root.name, ns: root.ns }) };
  }
  try {
    return readTree(root);
  } catch (e) {
    if (e instanceof ReadFault) return { error: e.reason };
    throw e;
  }
}

/** Reads a UBL invoice or credit note from its XML text or bytes. */
export function readUbl(xml: string | Uint8Array): ReceivedInvoice | { error: Message } {
  let root: XmlNode;
  try {
    root = parseXml(xml);
  } catch (e) {
    if (e instanceof XmlError) return { error: notWellFormed(e) };
    throw e;
  }
  return readUblTree(root);
}
