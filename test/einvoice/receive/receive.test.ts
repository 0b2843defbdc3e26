/**
 * The entry point for a received file (src/einvoice/receive/index.ts): a bare XML (CII or UBL)
 * or a PDF carrying one; which attachment is the invoice; and what is said when there is none,
 * when it cannot be decoded, or when it is not an invoice.
 */
import { PDFDocument } from 'pdf-lib';
import { eInvoicePdf, eInvoiceXml } from '../../../src/einvoice';
import { utf8 } from '../../../src/einvoice/pdf-update';
import { invoiceTotals } from '../../../src/domain/totals';
import { looksLikePdf, readReceivedInvoice } from '../../../src/einvoice/receive';
import { render } from '../../../src/texts';
import { standInPdf } from '../../../tools/gas-sim/drive-files';
import { sampleInvoice } from '../../domain/fixtures';

const DOC = sampleInvoice();
const XML = eInvoiceXml(DOC);

async function withAttachments(
  files: [string, Uint8Array][],
  useObjectStreams = true,
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage();
  for (const [name, bytes] of files) await doc.attach(bytes, name, { mimeType: 'text/xml' });
  return doc.save({ useObjectStreams });
}

/** The reason as an English workbook shows it. */
function errorOf(r: ReturnType<typeof readReceivedInvoice>): string {
  if (!('error' in r)) throw new Error('read without error');
  return render(r.error, 'en');
}

describe('readReceivedInvoice', () => {
  it('reads a bare CII file', () => {
    const r = readReceivedInvoice(utf8(XML));
    if ('error' in r) throw new Error(render(r.error, 'en'));
    expect(r.container).toBe('xml');
    expect(r.invoice.number).toBe(DOC.number);
    expect(r.attachmentName).toBeUndefined();
  });

  it('reads the Factur-X PDF the project makes', () => {
    const pdf = eInvoicePdf(new Uint8Array(standInPdf('Facture')), DOC, XML, new Date());
    expect(looksLikePdf(pdf)).toBe(true);
    const r = readReceivedInvoice(pdf);
    if ('error' in r) throw new Error(render(r.error, 'en'));
    expect(r).toMatchObject({ container: 'pdf', attachmentName: 'factur-x.xml' });
    expect(r.invoice.stated.grandTotal.equals(invoiceTotals(DOC).grandTotal)).toBe(true);
    expect(Buffer.from(r.xml).toString('utf8')).toBe(XML);
  });

  it('picks the invoice among attachments by its standard name, else the only XML', async () => {
    const zugferd = await withAttachments([
      ['annexe.xml', utf8('<annexe/>')],
      ['zugferd-invoice.xml', utf8(XML)],
    ]);
    expect(readReceivedInvoice(zugferd)).toMatchObject({ attachmentName: 'zugferd-invoice.xml' });
    const xrechnung = await withAttachments([['xrechnung.xml', utf8(XML)]]);
    expect(readReceivedInvoice(xrechnung)).toMatchObject({ attachmentName: 'xrechnung.xml' });
    const only = await withAttachments([['FA-2026-00001.xml', utf8(XML)]]);
    expect(readReceivedInvoice(only)).toMatchObject({ attachmentName: 'FA-2026-00001.xml' });
  });

  it('says what the PDF holds when no attachment is the invoice', async () => {
    expect(errorOf(readReceivedInvoice(await withAttachments([])))).toBe(
      'the PDF has no embedded invoice XML (no embedded file at all)',
    );
    const two = await withAttachments([
      ['a.xml', utf8('<a/>')],
      ['b.xml', utf8('<b/>')],
    ]);
    expect(errorOf(readReceivedInvoice(two))).toBe(
      'the PDF has no embedded invoice XML (embedded: a.xml, b.xml)',
    );
  });

  it('says why the invoice attachment cannot be read or is not an invoice', async () => {
    const notInvoice = await withAttachments([['factur-x.xml', utf8('<order/>')]]);
    expect(errorOf(readReceivedInvoice(notInvoice))).toBe(
      'factur-x.xml: root element <order> is not a CII invoice',
    );
    const broken = await withAttachments([['factur-x.xml', utf8('<rsm:x')]]);
    expect(errorOf(readReceivedInvoice(broken))).toMatch(/^factur-x\.xml: not well-formed XML/);
    // The same file with its stream's filter renamed to one that is not supported (without
    // object streams, the embedded file is the only compressed stream).
    const flate = await withAttachments([['factur-x.xml', utf8(XML)]], false);
    const lzw = Buffer.from(flate).toString('latin1').replace('/FlateDecode', '/LZWDecode');
    expect(errorOf(readReceivedInvoice(new Uint8Array(Buffer.from(lzw, 'latin1'))))).toBe(
      'factur-x.xml cannot be read: filter /LZWDecode is not supported',
    );
    expect(errorOf(readReceivedInvoice(utf8('%PDF-1.7\n% nothing')))).toBe(
      'the PDF has no embedded invoice XML (no embedded file at all)',
    );
  });

  it('passes on what the reader says about a bare file that is not an invoice', () => {
    expect(errorOf(readReceivedInvoice(utf8('hello')))).toMatch(
      /^not well-formed XML: text outside/,
    );
    expect(errorOf(readReceivedInvoice(Uint8Array.of(0xff, 0x00, 0x41)))).toMatch(
      /not well-formed XML/,
    );
  });
});
