/**
 * Reading an e-invoice a provider sent: a PDF carrying its XML (Factur-X, ZUGFeRD 2, XRechnung
 * hybrid) or the bare XML, CII or UBL. Pure and synchronous: bytes in, decimal data out, as Apps
 * Script needs.
 */
import { msg, type Message } from '../../texts';
import { readCiiTree, type ReceivedInvoice } from './cii-read';
import { invoiceXmlOf, pdfAttachments, PdfReadError } from './pdf-attachments';
import { notWellFormed } from './received';
import { isUbl, readUblTree } from './ubl-read';
import { parseXml, XmlError } from './xml-read';

export { compareTotals, readCii, type ReceivedInvoice } from './cii-read';
export { embeddedFiles, pdfAttachments, PdfReadError } from './pdf-attachments';
export { readUbl } from './ubl-read';

export interface ReceivedDocument {
  readonly invoice: ReceivedInvoice;
  /** Where the XML came from. */
  readonly container: 'pdf' | 'xml';
  /** The embedded file's name, for a PDF. */
  readonly attachmentName?: string;
  /** The XML bytes as received. */
  readonly xml: Uint8Array;
}

/** True when the bytes start like a PDF (the header may follow up to 1 KB of junk). */
export function looksLikePdf(bytes: Uint8Array): boolean {
  const head = String.fromCharCode(...bytes.subarray(0, 1024));
  return head.includes('%PDF-');
}

/** Reads an e-invoice from its XML, CII or UBL. */
export function readInvoiceXml(xml: Uint8Array | string): ReceivedInvoice | { error: Message } {
  try {
    const root = parseXml(xml);
    return isUbl(root) ? readUblTree(root) : readCiiTree(root);
  } catch (e) {
    if (e instanceof XmlError) return { error: notWellFormed(e) };
    throw e;
  }
}

/**
 * Reads an e-invoice from a received file, PDF or XML; `{ error }` says why it cannot, in the
 * language of whoever reads it.
 */
export function readReceivedInvoice(bytes: Uint8Array): ReceivedDocument | { error: Message } {
  if (!looksLikePdf(bytes)) {
    const invoice = readInvoiceXml(bytes);
    return 'error' in invoice ? invoice : { invoice, container: 'xml', xml: bytes };
  }
  let found: ReturnType<typeof pdfAttachments>;
  try {
    found = pdfAttachments(bytes);
  } catch (e) {
    if (e instanceof PdfReadError) return { error: e.reason };
    throw e;
  }
  const file = invoiceXmlOf(found.files);
  if (!file) {
    const unreadable = invoiceXmlOf(found.unreadable);
    if (unreadable) {
      const { name, reason } = unreadable;
      return { error: msg('received-file.attachment-unreadable', { name, reason }) };
    }
    const names = found.files.map((f) => f.name);
    return {
      error:
        names.length === 0
          ? msg('received-file.no-invoice-xml')
          : msg('received-file.no-invoice-xml-among', { names: names.join(', ') }),
    };
  }
  const invoice = readInvoiceXml(file.bytes);
  if ('error' in invoice) {
    return {
      error: msg('received-file.in-attachment', { name: file.name, reason: invoice.error }),
    };
  }
  return { invoice, container: 'pdf', attachmentName: file.name, xml: file.bytes };
}
