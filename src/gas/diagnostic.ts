/**
 * Diagnostic: in the user's real workbook, one call of every kind the product makes, each timed,
 * with its outcome and the error's text when it fails; a dialog and the Diagnostic tab show the
 * report, and everything the test made is removed afterwards. It is what to run (and send back)
 * when something fails in a real account that the in-memory Apps Script did not foresee.
 */
import { t, type TextKey } from '../texts';
import { RunContext } from '../app/run-context';
import {
  DIAGNOSTIC_HEADERS,
  diagnosticHtml,
  diagnosticSummary,
  outcomeLabel,
  type DiagnosticStep,
} from '../render/diagnostic';
import { recipientsOf } from '../app/mailing';
import { DOC_MIME, driveApi, FOLDER_MIME, PDF_MIME } from './drive-api';
import { GasDocs } from './docs';
import { makePorts, openWorkbook, workbookLang } from './shell';
import { redact } from '../domain/redact';
import { asText } from './workbook';
import { organisationParty } from '../billing/parties';
import type { CalendarDate } from '../domain/dates';
import type { InvoiceDocument, Party } from '../domain/invoice';
import { eInvoicePdf, eInvoiceXml } from '../einvoice';
import { DEFAULT_SETTINGS } from '../sheets/settings';

type Lang = 'fr' | 'en';

type StepOf<K> = K extends `diagnostic.step.${infer S}` ? S : never;
/** A step's stable code; its label is `diagnostic.step.<code>` in the catalogue. */
type StepCode = StepOf<TextKey>;

const TAB = 'Diagnostic';
const SCRATCH = t('fr', 'diagnostic.scratch-tab');
const METADATA_KEY = 'facturier.diagnostic';
const PROPERTY_KEY = 'facturier:diagnostic';

class Steps {
  readonly done: DiagnosticStep[] = [];
  constructor(private readonly lang: Lang) {}

  /** Runs one step; its value, or null when it failed (the failure is recorded). */
  run<T>(step: StepCode, fn: () => { value: T; detail: string }): T | null {
    const label = t(this.lang, `diagnostic.step.${step}`);
    const start = Date.now();
    try {
      const { value, detail } = fn();
      this.done.push({ step, label, ok: true, ms: Date.now() - start, detail });
      return value;
    } catch (e) {
      const detail = redact(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
      this.done.push({ step, label, ok: false, ms: Date.now() - start, detail });
      return null;
    }
  }

  /** A step that cannot run because one it needs failed. */
  skip(step: StepCode, missing: string): void {
    this.done.push({
      step,
      label: t(this.lang, `diagnostic.step.${step}`),
      ok: false,
      ms: 0,
      detail: t(this.lang, 'diagnostic.not-run', { missing }),
    });
  }
}

/** The self-test; returns its steps (also written to the tab and shown in a dialog). */
export function diagnostic(): DiagnosticStep[] {
  const l = workbookLang();
  const s = new Steps(l);
  const made: { sheet?: GoogleAppsScript.Spreadsheet.Sheet; files: string[] } = { files: [] };

  s.run('authorization', () => {
    const info = ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL);
    const status = String(info.getAuthorizationStatus());
    if (status === String(ScriptApp.AuthorizationStatus.REQUIRED)) {
      throw new Error(`authorization required: ${info.getAuthorizationUrl()}`);
    }
    return { value: true, detail: status };
  });

  const ss = s.run('workbook', () => {
    const book = openWorkbook();
    return { value: book, detail: `${book.getSheets().length} tab(s)` };
  });
  if (!ss) return finish(s, l, null, made);
  const ports = makePorts(true, ss);

  const locked = s.run('lock', () => {
    if (!ports.lock.tryLock(10_000)) throw new Error('another Facturier run holds the lock');
    return { value: true, detail: LockService.getDocumentLock() ? 'document lock' : 'user lock' };
  });

  s.run('sheet-write', () => {
    const sheet = ss.insertSheet(SCRATCH);
    made.sheet = sheet;
    const values = [
      ['Facturier', 1234.5],
      ["'=texte", true],
    ];
    sheet.getRange(1, 1, 2, 2).setValues(values);
    const back = sheet.getRange(1, 1, 2, 2).getValues();
    const expected = [
      ['Facturier', 1234.5],
      ['=texte', true],
    ];
    if (JSON.stringify(back) !== JSON.stringify(expected)) {
      throw new Error(`read back ${JSON.stringify(back)}`);
    }
    return { value: true, detail: '2×2 cells written and read back as typed' };
  });

  s.run('flush', () => {
    SpreadsheetApp.flush();
    return { value: true, detail: 'SpreadsheetApp.flush()' };
  });

  s.run('metadata', () => {
    ss.addDeveloperMetadata(METADATA_KEY, 'ok', SpreadsheetApp.DeveloperMetadataVisibility.PROJECT);
    const found = ss.createDeveloperMetadataFinder().withKey(METADATA_KEY).find();
    const value = found[0]?.getValue();
    found.forEach((m) => m.remove());
    if (value !== 'ok') throw new Error(`read back ${String(value)}`);
    return { value: true, detail: 'developer metadata written, read and removed' };
  });

  s.run('user-properties', () => {
    const props = PropertiesService.getUserProperties();
    props.setProperty(PROPERTY_KEY, 'ok');
    const v = props.getProperty(PROPERTY_KEY);
    props.deleteProperty(PROPERTY_KEY);
    if (v !== 'ok') throw new Error(`read back ${String(v)}`);
    return { value: true, detail: 'written, read and removed' };
  });

  const folder = s.run('drive-folder', () => {
    const f = driveApi().Files.create({
      name: `Facturier diagnostic ${new Date().toISOString()}`,
      mimeType: FOLDER_MIME,
      parents: ['root'],
    });
    const id = String(f.id);
    made.files.push(id);
    return { value: id, detail: id };
  });

  let owner: string | null = null;
  const template = folder
    ? s.run('doc-create', () => {
        const id = String(
          driveApi().Files.create({
            name: t('fr', 'diagnostic.template-name'),
            mimeType: DOC_MIME,
            parents: [folder],
          }).id,
        );
        made.files.push(id);
        const doc = DocumentApp.openById(id);
        doc.getBody().appendParagraph('Facturier {{diagnostic.value}}');
        doc.saveAndClose();
        const meta = driveApi().Files.get(id, { fields: 'owners(emailAddress)' });
        owner = meta.owners?.[0]?.emailAddress ?? null;
        return { value: id, detail: id };
      })
    : (s.skip('doc-create', 'drive-folder'), null);

  const copy = template
    ? s.run('doc-copy', () => {
        const id = String(
          driveApi().Files.copy(
            { name: t('fr', 'diagnostic.doc-name'), parents: [folder ?? 'root'] },
            template,
          ).id,
        );
        made.files.push(id);
        return { value: id, detail: id };
      })
    : (s.skip('doc-copy', 'doc-create'), null);

  const filled = copy
    ? s.run('docs-batch', () => {
        if (typeof Docs === 'undefined' || !Docs?.Documents) {
          throw new Error('the advanced Docs service is not enabled');
        }
        const r = Docs.Documents.batchUpdate(
          {
            requests: [
              {
                replaceAllText: {
                  containsText: { text: '{{diagnostic.value}}', matchCase: true },
                  replaceText: 'OK',
                },
              },
            ],
          },
          copy,
        );
        const n = r.replies?.[0]?.replaceAllText?.occurrencesChanged ?? 0;
        if (n !== 1) throw new Error(`${n} placeholder(s) replaced, 1 expected`);
        return { value: true, detail: '1 placeholder replaced' };
      })
    : (s.skip('docs-batch', 'doc-copy'), null);

  const pdf = filled
    ? s.run('pdf-export', () => {
        const blob = DocumentApp.openById(copy ?? '')
          .getAs(PDF_MIME)
          .setName(t('fr', 'diagnostic.pdf-name'));
        return { value: blob, detail: `${blob.getBytes().length} bytes` };
      })
    : (s.skip('pdf-export', 'docs-batch'), null);

  // The Factur-X PDF made from this real export, emailed with it, for a public validator.
  const facturX = pdf
    ? s.run('facturx', () => {
        const doc = diagnosticInvoice(ports);
        const bytes = eInvoicePdf(
          Uint8Array.from(pdf.getBytes(), (b) => b & 0xff),
          doc,
          eInvoiceXml(doc),
          new Date(),
        );
        const blob = Utilities.newBlob(
          Array.from(bytes, (b) => (b > 127 ? b - 256 : b)),
          PDF_MIME,
          t('fr', 'diagnostic.facturx-name'),
        );
        return { value: blob, detail: `${bytes.length} bytes` };
      })
    : (s.skip('facturx', 'pdf-export'), null);

  const pdfId =
    pdf && folder
      ? s.run('pdf-file', () => {
          const id = String(
            driveApi().Files.create(
              { name: t('fr', 'diagnostic.pdf-name'), mimeType: PDF_MIME, parents: [folder] },
              pdf,
            ).id,
          );
          made.files.push(id);
          return { value: id, detail: id };
        })
      : (s.skip('pdf-file', 'pdf-export'), null);

  // The way the monthly job makes documents: one wave of REST requests (UrlFetchApp.fetchAll,
  // script.external_request) copying, filling, exporting and storing, as a real account runs it.
  if (template && folder) {
    s.run('rest-wave', () => {
      const doc = diagnosticInvoice(ports);
      const [result] = new GasDocs().renderBatch([
        {
          templateId: template,
          folderId: folder,
          name: t('fr', 'diagnostic.wave-name'),
          model: { placeholders: { 'diagnostic.value': 'OK' }, lines: [] },
          docId: null,
          leftovers: false,
          xml: eInvoiceXml(doc),
        },
      ]);
      if (!result?.ok) throw new Error(result?.error ?? 'no result');
      made.files.push(result.doc.id, result.pdf.id, ...(result.xml ? [result.xml.id] : []));
      return { value: true, detail: 'Doc, PDF and XML: 5 requests in 4 waves' };
    });
  } else {
    s.skip('rest-wave', 'doc-create');
  }

  let finance: string | null = null;
  try {
    finance = recipientsOf(new RunContext(ports, 'diagnostic').settings.financeEmail)[0] ?? null;
  } catch {
    finance = null;
  }
  const shareWith = finance ?? owner;
  if (pdfId && shareWith) {
    s.run('share', () => {
      driveApi().Permissions.create(
        { role: 'reader', type: 'user', emailAddress: shareWith },
        pdfId,
        {
          sendNotificationEmail: false,
        },
      );
      return { value: true, detail: finance ? 'finance contact (Settings)' : 'you' };
    });
  } else {
    s.skip('share', pdfId ? 'owner lookup' : 'pdf-file');
  }

  const quota = s.run('mail-quota', () => {
    const n = MailApp.getRemainingDailyQuota();
    return { value: n, detail: `${n} recipient(s) left today` };
  });

  if (owner && pdf && quota !== null && quota > 0) {
    const to = owner;
    s.run('mail-send', () => {
      MailApp.sendEmail({
        to,
        subject: t(l, 'diagnostic.mail-subject'),
        body: t(l, 'diagnostic.mail-body', { file: t('fr', 'diagnostic.facturx-name') }),
        attachments: facturX ? [pdf, facturX] : [pdf],
        name: 'Facturier',
      });
      return {
        value: true,
        detail: t(l, 'diagnostic.mail-sent'),
      };
    });
  } else {
    s.skip('mail-send', !owner ? 'doc-create' : !pdf ? 'pdf-export' : 'mail-quota');
  }

  s.run('triggers', () => {
    const triggers = ScriptApp.getUserTriggers(ss);
    return {
      value: triggers.length,
      detail: triggers.map((t) => t.getHandlerFunction()).join(', ') || '0',
    };
  });

  return finish(s, l, ss, made, locked ? ports : null);
}

/** Remove what the test made, release the lock, write the tab and show the dialog. */
function finish(
  s: Steps,
  l: Lang,
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet | null,
  made: { sheet?: GoogleAppsScript.Spreadsheet.Sheet; files: string[] },
  locked: ReturnType<typeof makePorts> | null = null,
): DiagnosticStep[] {
  s.run('cleanup', () => {
    const errors: string[] = [];
    if (made.sheet && ss) {
      try {
        ss.deleteSheet(made.sheet);
      } catch (e) {
        errors.push(`sheet: ${redact(e instanceof Error ? e.message : String(e))}`);
      }
    }
    // The folder last: its files first, newest first.
    for (const id of [...made.files].reverse()) {
      try {
        driveApi().Files.remove(id);
      } catch (e) {
        errors.push(`${id}: ${redact(e instanceof Error ? e.message : String(e))}`);
      }
    }
    if (errors.length > 0) throw new Error(errors.join('; '));
    return { value: true, detail: `${made.files.length} Drive item(s), ${made.sheet ? 1 : 0} tab` };
  });
  if (ss) {
    try {
      writeTab(ss, s.done, l);
    } catch (e) {
      s.done.push({
        step: 'report-tab',
        label: t(l, 'diagnostic.step.report-tab'),
        ok: false,
        ms: 0,
        detail: redact(e instanceof Error ? e.message : String(e)),
      });
    }
  }
  locked?.lock.release();
  try {
    SpreadsheetApp.getUi().showModalDialog(
      HtmlService.createHtmlOutput(diagnosticHtml(s.done, l)).setWidth(760).setHeight(520),
      'Facturier — Diagnostic',
    );
  } catch {
    Logger.log(diagnosticSummary(s.done, l));
  }
  return s.done;
}

function writeTab(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  steps: readonly DiagnosticStep[],
  l: Lang,
): void {
  let sheet = ss.getSheetByName(TAB);
  if (!sheet) {
    sheet = ss.insertSheet(TAB);
    sheet.getRange(1, 1, 1, 6).setValues([[...DIAGNOSTIC_HEADERS[l]]]);
    sheet.setFrozenRows(1);
  }
  const when = new Date();
  const rows = steps.map((st) => [
    when,
    asText(st.step),
    asText(st.label),
    outcomeLabel(st.ok, l),
    st.ms,
    asText(st.detail),
  ]);
  const start = Math.max(sheet.getLastRow(), 1) + 1;
  sheet.getRange(start, 1, rows.length, 6).setValues(rows);
  SpreadsheetApp.flush();
}

/**
 * The sample e-invoice of the diagnostic: one line from the organisation to itself, with its
 * settings' identity when they are filled, else sample values (valid check digits).
 */
function diagnosticInvoice(ports: ReturnType<typeof makePorts>): InvoiceDocument {
  let seller: Party;
  try {
    seller = organisationParty(new RunContext(ports, 'diagnostic').settings);
  } catch {
    seller = organisationParty(DEFAULT_SETTINGS);
  }
  if (!seller.siren) {
    seller = {
      ...seller,
      name: seller.name || 'Organisme exemple',
      siren: '123456782',
      postcode: seller.postcode || '75001',
      city: seller.city || 'Paris',
    };
  }
  const today = Utilities.formatDate(new Date(), 'UTC', 'yyyy-MM-dd') as CalendarDate;
  return {
    kind: 'facture',
    number: 'DIAG-0001',
    issueDate: today,
    dueDate: today,
    serviceDate: today,
    language: 'fr',
    currency: 'EUR',
    seller,
    buyer: { ...seller, source: { tab: 'clients', code: 'DIAG' } },
    lines: [
      {
        description: 'Diagnostic Facturier',
        quantity: '1',
        unitPrice: '1',
        vat: { category: 'S', ratePercent: '20' },
      },
    ],
    operationCategory: 'services',
  };
}
