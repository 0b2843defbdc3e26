/**
 * Reading a received CII invoice (UN/CEFACT Cross Industry Invoice D16B, as Factur-X, ZUGFeRD 2
 * and XRechnung CII carry it) into the syntax-independent `ReceivedInvoice` of ./received.ts,
 * whose `recomputed` totals and `compareTotals` apply EN 16931's calculation rules.
 *
 * Elements are found by local name, whatever prefixes the sender chose. Amounts are read as
 * decimal strings into `Money`, never through binary floating point. Credit notes (type codes
 * 381, 261…) state positive amounts, their type code giving the direction, as EN 16931 expects;
 * they are read as stated.
 */
import { dec } from '../../domain/decimal';
import { Money } from '../../domain/money';
import { msg, type Message, type Param } from '../../texts';
import {
  CREDIT_NOTE_TYPE_CODES,
  date102,
  decimalOf,
  defined,
  documentAllowanceCharge,
  frenchIds,
  identifier,
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

export {
  compareTotals,
  CREDIT_NOTE_TYPE_CODES,
  decimalOf,
  recomputeTotals,
  VAT_CATEGORY_TAX_TOLERANCE,
  type Identifier,
  type PaymentMeans,
  type Period,
  type ReceivedAllowanceCharge,
  type ReceivedInvoice,
  type ReceivedLine,
  type ReceivedParty,
  type RecomputedTotals,
  type StatedTotals,
  type TotalDifference,
  type VatBreakdownRow,
  type VatRef,
} from './received';

export const CII_NAMESPACE = 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100';

// ---------------------------------------------------------------------------------------------
// Values

/** Reads a date holder (`<…DateTime><udt:DateTimeString format="102">`). */
function dateOf(holder: XmlNode | undefined, what: Param, warnings: Message[]): string | undefined {
  if (!holder) return undefined;
  const node = child(holder, 'DateTimeString') ?? holder;
  const raw = textOf(node);
  if (raw === undefined) return undefined;
  const format = attr(node, 'format');
  if (format !== undefined && format !== '102') {
    warnings.push(msg('received-file.date-format', { what, format, raw }));
    return undefined;
  }
  return date102(raw, what);
}

// ---------------------------------------------------------------------------------------------
// Parties

function party(node: XmlNode | undefined): ReceivedParty {
  const legalIds = defined(
    childrenNamed(node, 'SpecifiedLegalOrganization').map((o) => identifier(child(o, 'ID'))),
  );
  const ids = defined([
    ...childrenNamed(node, 'GlobalID').map(identifier),
    ...childrenNamed(node, 'ID').map(identifier),
  ]);
  const taxIds = defined(
    childrenNamed(node, 'SpecifiedTaxRegistration').map((r) => identifier(child(r, 'ID'))),
  );
  return {
    ...opt('name', textAt(node, 'Name')),
    ...frenchIds(legalIds, ids),
    ...opt('vatNumber', taxIds.find((t) => t.scheme === 'VA')?.id),
    ...opt('taxRegistration', taxIds.find((t) => t.scheme === 'FC')?.id),
    ...opt('country', textAt(node, 'PostalTradeAddress', 'CountryID')),
    ...opt('electronicAddress', identifier(path(node, 'URIUniversalCommunication', 'URIID'))),
    legalIds,
    ids,
  };
}

// ---------------------------------------------------------------------------------------------
// Lines, allowances, charges, VAT

function vatRef(node: XmlNode | undefined, what: Message, warnings: Message[]): VatRef {
  const category = textAt(node, 'CategoryCode');
  if (category === undefined) warnings.push(msg('received-file.no-vat-category', { what }));
  const rate = decimalOf(
    textAt(node, 'RateApplicablePercent'),
    msg('received-file.field.vat-rate', { item: what }),
  );
  return { category: category ?? '', ratePercent: rate ?? '0' };
}

function allowanceCharge(
  node: XmlNode,
  owner: AllowanceChargeOwner,
  warnings: Message[],
): ReceivedAllowanceCharge {
  const indicator = textAt(node, 'ChargeIndicator', 'Indicator')?.toLowerCase();
  if (indicator !== 'true' && indicator !== 'false') {
    throw new ReadFault(msg('received-file.charge-indicator', { what: owner.either }));
  }
  const charge = indicator === 'true';
  const label = charge ? owner.charge : owner.allowance;
  const percent = decimalOf(
    textAt(node, 'CalculationPercent'),
    msg('received-file.field.percentage', { item: label }),
  );
  // The XSD names the VAT of an allowance or charge CategoryTradeTax; ApplicableTradeTax is
  // accepted too, as some writers use the line's element name there.
  const tax = child(node, 'CategoryTradeTax') ?? child(node, 'ApplicableTradeTax');
  return {
    charge,
    amount: requiredMoney(
      child(node, 'ActualAmount'),
      msg('received-file.field.amount', { item: label }),
    ),
    ...opt(
      'basisAmount',
      moneyOf(child(node, 'BasisAmount'), msg('received-file.field.base-amount', { item: label })),
    ),
    ...opt('percent', percent),
    ...opt('reason', textAt(node, 'Reason')),
    ...opt('reasonCode', textAt(node, 'ReasonCode')),
    ...(owner.documentLevel ? { vat: vatRef(tax, label, warnings) } : {}),
  };
}

function periodOf(
  node: XmlNode | undefined,
  period: Message,
  warnings: Message[],
): Period | undefined {
  if (!node) return undefined;
  const start = dateOf(
    child(node, 'StartDateTime'),
    msg('received-file.field.period-start', { period }),
    warnings,
  );
  const end = dateOf(
    child(node, 'EndDateTime'),
    msg('received-file.field.period-end', { period }),
    warnings,
  );
  return start === undefined && end === undefined
    ? undefined
    : { ...opt('start', start), ...opt('end', end) };
}

function line(node: XmlNode, index: number, warnings: Message[]): ReceivedLine {
  const id = textAt(node, 'AssociatedDocumentLineDocument', 'LineID') ?? String(index + 1);
  const at = { line: id };
  const agreement = child(node, 'SpecifiedLineTradeAgreement');
  const netPriceNode = child(agreement, 'NetPriceProductTradePrice');
  const grossPriceNode = child(agreement, 'GrossPriceProductTradePrice');
  const quantityNode = path(node, 'SpecifiedLineTradeDelivery', 'BilledQuantity');
  const settlement = child(node, 'SpecifiedLineTradeSettlement');
  const quantity = decimalOf(textOf(quantityNode), msg('received-file.field.line-quantity', at));
  const netPrice = decimalOf(
    textAt(netPriceNode, 'ChargeAmount'),
    msg('received-file.field.line-net-price', at),
  );
  const grossPrice = decimalOf(
    textAt(grossPriceNode, 'ChargeAmount'),
    msg('received-file.field.line-gross-price', at),
  );
  const base = decimalOf(
    textOf(child(netPriceNode, 'BasisQuantity') ?? child(grossPriceNode, 'BasisQuantity')),
    msg('received-file.field.line-base-quantity', at),
  );
  const allowancesCharges = childrenNamed(settlement, 'SpecifiedTradeAllowanceCharge').map((n) =>
    allowanceCharge(n, lineAllowanceCharge(id), warnings),
  );
  const netAmount = requiredMoney(
    path(settlement, 'SpecifiedTradeSettlementLineMonetarySummation', 'LineTotalAmount'),
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
    name: textAt(node, 'SpecifiedTradeProduct', 'Name') ?? '',
    ...opt('quantity', quantity),
    ...opt('unitCode', attr(quantityNode, 'unitCode')),
    ...opt('netPrice', netPrice),
    ...opt('grossPrice', grossPrice),
    ...opt('priceBaseQuantity', base),
    vat: vatRef(
      child(settlement, 'ApplicableTradeTax'),
      msg('received-file.field.line', at),
      warnings,
    ),
    allowancesCharges,
    netAmount,
    ...opt('recomputedNet', recomputedNet),
    ...opt(
      'period',
      periodOf(
        child(settlement, 'BillingSpecifiedPeriod'),
        msg('received-file.field.line-period', at),
        warnings,
      ),
    ),
  };
}

// ---------------------------------------------------------------------------------------------
// The document

function readTree(root: XmlNode): ReceivedInvoice {
  const warnings: Message[] = [];
  const exchanged = child(root, 'ExchangedDocument');
  if (!exchanged) throw new ReadFault(msg('received-file.no-exchanged-document'));
  const number = textAt(exchanged, 'ID');
  if (number === undefined) throw new ReadFault(msg('received-file.no-number'));
  const typeCode = textAt(exchanged, 'TypeCode');
  if (typeCode === undefined) throw new ReadFault(msg('received-file.no-type-code'));
  const issueDate = dateOf(
    child(exchanged, 'IssueDateTime'),
    msg('received-file.field.issue-date'),
    warnings,
  );
  if (issueDate === undefined) throw new ReadFault(msg('received-file.no-issue-date-102'));
  const context = child(root, 'ExchangedDocumentContext');
  const transaction = child(root, 'SupplyChainTradeTransaction');
  const agreement = child(transaction, 'ApplicableHeaderTradeAgreement');
  const delivery = child(transaction, 'ApplicableHeaderTradeDelivery');
  const settlement = child(transaction, 'ApplicableHeaderTradeSettlement');
  if (!settlement) throw new ReadFault(msg('received-file.no-header-settlement'));
  const currency = textAt(settlement, 'InvoiceCurrencyCode');
  if (currency === undefined) throw new ReadFault(msg('received-file.no-currency'));
  const taxCurrency = textAt(settlement, 'TaxCurrencyCode');
  const summation = child(settlement, 'SpecifiedTradeSettlementHeaderMonetarySummation');
  if (!summation) throw new ReadFault(msg('received-file.no-totals'));
  const sellerNode = child(agreement, 'SellerTradeParty');
  const buyerNode = child(agreement, 'BuyerTradeParty');
  if (!sellerNode) throw new ReadFault(msg('received-file.no-seller'));
  if (!buyerNode) throw new ReadFault(msg('received-file.no-buyer'));

  const lines = childrenNamed(transaction, 'IncludedSupplyChainTradeLineItem').map((n, i) =>
    line(n, i, warnings),
  );
  const allowancesCharges = childrenNamed(settlement, 'SpecifiedTradeAllowanceCharge').map((n, i) =>
    allowanceCharge(n, documentAllowanceCharge(i + 1), warnings),
  );
  const vatBreakdown: VatBreakdownRow[] = [];
  for (const node of childrenNamed(settlement, 'ApplicableTradeTax')) {
    const type = textAt(node, 'TypeCode');
    if (type !== undefined && type.toUpperCase() !== 'VAT') {
      warnings.push(msg('received-file.tax-type-ignored', { type }));
      continue;
    }
    const vat = vatRef(node, msg('received-file.field.vat-breakdown'), warnings);
    vatBreakdown.push({
      ...vat,
      basis: requiredMoney(
        child(node, 'BasisAmount'),
        msg('received-file.field.vat-breakdown-taxable', vatParams(vat)),
      ),
      tax: requiredMoney(
        child(node, 'CalculatedAmount'),
        msg('received-file.field.vat-breakdown-tax', vatParams(vat)),
      ),
      ...opt('exemptionReason', textAt(node, 'ExemptionReason')),
      ...opt('exemptionReasonCode', textAt(node, 'ExemptionReasonCode')),
    });
  }

  // BT-110 is the TaxTotalAmount in the invoice currency; a second one, in the tax currency,
  // is BT-111 (BR-53).
  const taxTotals = childrenNamed(summation, 'TaxTotalAmount');
  const inCurrency =
    taxTotals.find((t) => attr(t, 'currencyID') === currency) ??
    taxTotals.find((t) => attr(t, 'currencyID') === undefined) ??
    (taxTotals.length === 1 ? taxTotals[0] : undefined);
  if (taxTotals.length > 0 && inCurrency === undefined) {
    throw new ReadFault(msg('received-file.no-vat-total-in-currency', { currency }));
  }
  const found = attr(inCurrency, 'currencyID');
  if (inCurrency && found !== undefined && found !== currency) {
    warnings.push(msg('received-file.vat-total-currency', { found, currency }));
  }
  const inTaxCurrency =
    taxCurrency === undefined || taxCurrency === currency
      ? undefined
      : taxTotals.find((t) => attr(t, 'currencyID') === taxCurrency);
  const zero = Money.zero();
  const stated: StatedTotals = {
    lineTotal: requiredMoney(child(summation, 'LineTotalAmount'), 'BT-106 LineTotalAmount'),
    allowanceTotal:
      moneyOf(child(summation, 'AllowanceTotalAmount'), 'BT-107 AllowanceTotalAmount') ?? zero,
    chargeTotal: moneyOf(child(summation, 'ChargeTotalAmount'), 'BT-108 ChargeTotalAmount') ?? zero,
    taxBasisTotal: requiredMoney(
      child(summation, 'TaxBasisTotalAmount'),
      'BT-109 TaxBasisTotalAmount',
    ),
    taxTotal: moneyOf(inCurrency, 'BT-110 TaxTotalAmount') ?? zero,
    grandTotal: requiredMoney(child(summation, 'GrandTotalAmount'), 'BT-112 GrandTotalAmount'),
    prepaidAmount:
      moneyOf(child(summation, 'TotalPrepaidAmount'), 'BT-113 TotalPrepaidAmount') ?? zero,
    roundingAmount: moneyOf(child(summation, 'RoundingAmount'), 'BT-114 RoundingAmount') ?? zero,
    duePayableAmount: requiredMoney(
      child(summation, 'DuePayableAmount'),
      'BT-115 DuePayableAmount',
    ),
  };

  const dueDate = defined(
    childrenNamed(settlement, 'SpecifiedTradePaymentTerms').map((t) =>
      dateOf(child(t, 'DueDateDateTime'), msg('received-file.field.due-date'), warnings),
    ),
  )[0];
  return {
    syntax: 'CII',
    ...opt('guideline', textAt(context, 'GuidelineSpecifiedDocumentContextParameter', 'ID')),
    ...opt(
      'businessProcess',
      textAt(context, 'BusinessProcessSpecifiedDocumentContextParameter', 'ID'),
    ),
    number,
    typeCode,
    isCreditNote: CREDIT_NOTE_TYPE_CODES.includes(typeCode),
    issueDate,
    currency,
    ...opt('taxCurrency', taxCurrency),
    seller: party(sellerNode),
    buyer: party(buyerNode),
    ...opt('buyerReference', textAt(agreement, 'BuyerReference')),
    ...opt(
      'purchaseOrderReference',
      textAt(agreement, 'BuyerOrderReferencedDocument', 'IssuerAssignedID'),
    ),
    ...opt(
      'contractReference',
      textAt(agreement, 'ContractReferencedDocument', 'IssuerAssignedID'),
    ),
    ...opt(
      'period',
      periodOf(
        child(settlement, 'BillingSpecifiedPeriod'),
        msg('received-file.field.invoicing-period'),
        warnings,
      ),
    ),
    ...opt(
      'deliveryDate',
      dateOf(
        path(delivery, 'ActualDeliverySupplyChainEvent', 'OccurrenceDateTime'),
        msg('received-file.field.delivery-date'),
        warnings,
      ),
    ),
    ...opt('dueDate', dueDate),
    ...opt('paymentReference', textAt(settlement, 'PaymentReference')),
    paymentMeans: childrenNamed(settlement, 'SpecifiedTradeSettlementPaymentMeans').map((p) => ({
      ...opt('typeCode', textAt(p, 'TypeCode')),
      ...opt('iban', textAt(p, 'PayeePartyCreditorFinancialAccount', 'IBANID')),
      ...opt('accountId', textAt(p, 'PayeePartyCreditorFinancialAccount', 'ProprietaryID')),
      ...opt('bic', textAt(p, 'PayeeSpecifiedCreditorFinancialInstitution', 'BICID')),
    })),
    precedingInvoices: defined(
      childrenNamed(settlement, 'InvoiceReferencedDocument').map((d) => {
        const n = textAt(d, 'IssuerAssignedID');
        if (n === undefined) return undefined;
        const when = dateOf(
          child(d, 'FormattedIssueDateTime'),
          msg('received-file.field.preceding-invoice-date'),
          warnings,
        );
        return { number: n, ...opt('issueDate', when) };
      }),
    ),
    notes: childrenNamed(exchanged, 'IncludedNote').map((n) => ({
      text: textAt(n, 'Content') ?? '',
      ...opt('subjectCode', textAt(n, 'SubjectCode')),
    })),
    lines,
    allowancesCharges,
    vatBreakdown,
    stated,
    ...opt('taxTotalInTaxCurrency', moneyOf(inTaxCurrency, 'BT-111 TaxTotalAmount')),
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

/** `{ error }` for a tree that is not a CII invoice, naming what it is when recognizable. */
export function notCii(root: XmlNode): Message | undefined {
  if (root.local === 'CrossIndustryInvoice') {
    return root.ns === CII_NAMESPACE
      ? undefined
      : msg('received-file.cii-namespace', { ns: root.ns, expected: CII_NAMESPACE });
  }
  if (root.local === 'CrossIndustryDocument') return msg('received-file.zugferd-1');
  if (root.local === 'Invoice' || root.local === 'CreditNote') {
    return msg('received-file.ubl-not-cii', { root: root.local });
  }
  return msg('received-file.not-cii', { name: root.name });
}

/** Reads a parsed CII tree; `{ error }` says why it cannot be read. */
export function readCiiTree(root: XmlNode): ReceivedInvoice | { error: Message } {
  const why = notCii(root);
  if (why !== undefined) return { error: why };
  try {
    return readTree(root);
  } catch (e) {
    if (e instanceof ReadFault) return { error: e.reason };
    throw e;
  }
}

/** Reads a CII invoice from its XML text or bytes; `{ error }` says why it cannot be read. */
export function readCii(xml: string | Uint8Array): ReceivedInvoice | { error: Message } {
  let root: XmlNode;
  try {
    root = parseXml(xml);
  } catch (e) {
    if (e instanceof XmlError) return { error: notWellFormed(e) };
    throw e;
  }
  return readCiiTree(root);
}
