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
import {
  CREDIT_NOTE_TYPE_CODES,
  date102,
  decimalOf,
  defined,
  frenchIds,
  identifier,
  lineNetFrom,
  moneyOf,
  opt,
  ReadFault,
  recomputeTotals,
  requiredMoney,
  textAt,
  vatKey,
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
function dateOf(holder: XmlNode | undefined, what: string, warnings: string[]): string | undefined {
  if (!holder) return undefined;
  const node = child(holder, 'DateTimeString') ?? holder;
  const raw = textOf(node);
  if (raw === undefined) return undefined;
  const format = attr(node, 'format');
  if (format !== undefined && format !== '102') {
    warnings.push(`${what}: date format ${format} is not read ("${raw}")`);
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

function vatRef(node: XmlNode | undefined, what: string, warnings: string[]): VatRef {
  const category = textAt(node, 'CategoryCode');
  if (category === undefined) warnings.push(`${what}: no VAT category code`);
  const rate = decimalOf(textAt(node, 'RateApplicablePercent'), `${what} VAT rate`);
  return { category: category ?? '', ratePercent: rate ?? '0' };
}

function allowanceCharge(
  node: XmlNode,
  what: string,
  documentLevel: boolean,
  warnings: string[],
): ReceivedAllowanceCharge {
  const indicator = textAt(node, 'ChargeIndicator', 'Indicator')?.toLowerCase();
  if (indicator !== 'true' && indicator !== 'false') {
    throw new ReadFault(`${what}: the charge indicator must be true or false`);
  }
  const charge = indicator === 'true';
  const label = `${what} ${charge ? 'charge' : 'allowance'}`;
  const percent = decimalOf(textAt(node, 'CalculationPercent'), `${label} percentage`);
  // The XSD names the VAT of an allowance or charge CategoryTradeTax; ApplicableTradeTax is
  // accepted too, as some writers use the line's element name there.
  const tax = child(node, 'CategoryTradeTax') ?? child(node, 'ApplicableTradeTax');
  return {
    charge,
    amount: requiredMoney(child(node, 'ActualAmount'), `${label} amount`),
    ...opt('basisAmount', moneyOf(child(node, 'BasisAmount'), `${label} base amount`)),
    ...opt('percent', percent),
    ...opt('reason', textAt(node, 'Reason')),
    ...opt('reasonCode', textAt(node, 'ReasonCode')),
    ...(documentLevel ? { vat: vatRef(tax, label, warnings) } : {}),
  };
}

function periodOf(node: XmlNode | undefined, what: string, warnings: string[]): Period | undefined {
  if (!node) return undefined;
  const start = dateOf(child(node, 'StartDateTime'), `${what} start`, warnings);
  const end = dateOf(child(node, 'EndDateTime'), `${what} end`, warnings);
  return start === undefined && end === undefined
    ? undefined
    : { ...opt('start', start), ...opt('end', end) };
}

function line(node: XmlNode, index: number, warnings: string[]): ReceivedLine {
  const id = textAt(node, 'AssociatedDocumentLineDocument', 'LineID') ?? String(index + 1);
  const what = `line ${id}`;
  const agreement = child(node, 'SpecifiedLineTradeAgreement');
  const netPriceNode = child(agreement, 'NetPriceProductTradePrice');
  const grossPriceNode = child(agreement, 'GrossPriceProductTradePrice');
  const quantityNode = path(node, 'SpecifiedLineTradeDelivery', 'BilledQuantity');
  const settlement = child(node, 'SpecifiedLineTradeSettlement');
  const quantity = decimalOf(textOf(quantityNode), `${what} quantity (BT-129)`);
  const netPrice = decimalOf(textAt(netPriceNode, 'ChargeAmount'), `${what} net price (BT-146)`);
  const grossPrice = decimalOf(
    textAt(grossPriceNode, 'ChargeAmount'),
    `${what} gross price (BT-148)`,
  );
  const base = decimalOf(
    textOf(child(netPriceNode, 'BasisQuantity') ?? child(grossPriceNode, 'BasisQuantity')),
    `${what} price base quantity (BT-149)`,
  );
  const allowancesCharges = childrenNamed(settlement, 'SpecifiedTradeAllowanceCharge').map((n) =>
    allowanceCharge(n, what, false, warnings),
  );
  const netAmount = requiredMoney(
    path(settlement, 'SpecifiedTradeSettlementLineMonetarySummation', 'LineTotalAmount'),
    `${what} net amount (BT-131)`,
  );
  let recomputedNet: Money | undefined;
  if (quantity === undefined || netPrice === undefined) {
    warnings.push(`${what}: no quantity or net price, its net amount is taken as stated`);
  } else if (base !== undefined && !dec(base).gt(0)) {
    warnings.push(`${what}: price base quantity ${base} is not positive`);
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
    vat: vatRef(child(settlement, 'ApplicableTradeTax'), what, warnings),
    allowancesCharges,
    netAmount,
    ...opt('recomputedNet', recomputedNet),
    ...opt('period', periodOf(child(settlement, 'BillingSpecifiedPeriod'), what, warnings)),
  };
}

// ---------------------------------------------------------------------------------------------
// The document

function readTree(root: XmlNode): ReceivedInvoice {
  const warnings: string[] = [];
  const exchanged = child(root, 'ExchangedDocument');
  if (!exchanged) throw new ReadFault('no ExchangedDocument');
  const number = textAt(exchanged, 'ID');
  if (number === undefined) throw new ReadFault('no invoice number (BT-1)');
  const typeCode = textAt(exchanged, 'TypeCode');
  if (typeCode === undefined) throw new ReadFault('no invoice type code (BT-3)');
  const issueDate = dateOf(child(exchanged, 'IssueDateTime'), 'issue date (BT-2)', warnings);
  if (issueDate === undefined) throw new ReadFault('no issue date (BT-2) written YYYYMMDD');
  const context = child(root, 'ExchangedDocumentContext');
  const transaction = child(root, 'SupplyChainTradeTransaction');
  const agreement = child(transaction, 'ApplicableHeaderTradeAgreement');
  const delivery = child(transaction, 'ApplicableHeaderTradeDelivery');
  const settlement = child(transaction, 'ApplicableHeaderTradeSettlement');
  if (!settlement) throw new ReadFault('no ApplicableHeaderTradeSettlement');
  const currency = textAt(settlement, 'InvoiceCurrencyCode');
  if (currency === undefined) throw new ReadFault('no invoice currency (BT-5)');
  const taxCurrency = textAt(settlement, 'TaxCurrencyCode');
  const summation = child(settlement, 'SpecifiedTradeSettlementHeaderMonetarySummation');
  if (!summation) throw new ReadFault('no document totals (BG-22)');
  const sellerNode = child(agreement, 'SellerTradeParty');
  const buyerNode = child(agreement, 'BuyerTradeParty');
  if (!sellerNode) throw new ReadFault('no seller (BG-4)');
  if (!buyerNode) throw new ReadFault('no buyer (BG-7)');

  const lines = childrenNamed(transaction, 'IncludedSupplyChainTradeLineItem').map((n, i) =>
    line(n, i, warnings),
  );
  const allowancesCharges = childrenNamed(settlement, 'SpecifiedTradeAllowanceCharge').map((n, i) =>
    allowanceCharge(n, `document ${i + 1}`, true, warnings),
  );
  const vatBreakdown: VatBreakdownRow[] = [];
  for (const node of childrenNamed(settlement, 'ApplicableTradeTax')) {
    const type = textAt(node, 'TypeCode');
    if (type !== undefined && type.toUpperCase() !== 'VAT') {
      warnings.push(`tax breakdown of type ${type} ignored`);
      continue;
    }
    const vat = vatRef(node, 'VAT breakdown', warnings);
    const label = `VAT breakdown ${vatKey(vat)}`;
    vatBreakdown.push({
      ...vat,
      basis: requiredMoney(child(node, 'BasisAmount'), `${label} taxable amount (BT-116)`),
      tax: requiredMoney(child(node, 'CalculatedAmount'), `${label} tax amount (BT-117)`),
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
    throw new ReadFault(`no VAT total (BT-110) in the invoice currency ${currency}`);
  }
  if (inCurrency && attr(inCurrency, 'currencyID') !== undefined) {
    if (attr(inCurrency, 'currencyID') !== currency) {
      warnings.push(
        `the only VAT total is in ${attr(inCurrency, 'currencyID') ?? ''}, not in ${currency}`,
      );
    }
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
      dateOf(child(t, 'DueDateDateTime'), 'due date (BT-9)', warnings),
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
      periodOf(child(settlement, 'BillingSpecifiedPeriod'), 'invoicing period', warnings),
    ),
    ...opt(
      'deliveryDate',
      dateOf(
        path(delivery, 'ActualDeliverySupplyChainEvent', 'OccurrenceDateTime'),
        'delivery date (BT-72)',
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
          'preceding invoice date (BT-26)',
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
export function notCii(root: XmlNode): string | undefined {
  if (root.local === 'CrossIndustryInvoice') {
    return root.ns === CII_NAMESPACE
      ? undefined
      : `CrossIndustryInvoice in namespace "${root.ns}", not ${CII_NAMESPACE}`;
  }
  if (root.local === 'CrossIndustryDocument') {
    return 'a ZUGFeRD 1.0 document (CrossIndustryDocument), which is not read';
  }
  if (root.local === 'Invoice' || root.local === 'CreditNote') {
    return `a UBL ${root.local}, not a CII invoice`;
  }
  return `root element <${root.name}> is not a CII invoice`;
}

/** Reads a parsed CII tree; `{ error }` says why it cannot be read. */
export function readCiiTree(root: XmlNode): ReceivedInvoice | { error: string } {
  const why = notCii(root);
  if (why !== undefined) return { error: why };
  try {
    return readTree(root);
  } catch (e) {
    if (e instanceof ReadFault) return { error: e.message };
    throw e;
  }
}

/** Reads a CII invoice from its XML text or bytes; `{ error }` says why it cannot be read. */
export function readCii(xml: string | Uint8Array): ReceivedInvoice | { error: string } {
  let root: XmlNode;
  try {
    root = parseXml(xml);
  } catch (e) {
    if (e instanceof XmlError) return { error: `not well-formed XML: ${e.message}` };
    throw e;
  }
  return readCiiTree(root);
}
