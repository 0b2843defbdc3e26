/**
 * Diagnostic: in the user's real workbook, one call of every kind the product makes, each timed,
 * with its outcome and the error's text when it fails; a dialog and the Diagnostic tab show the
 * report, and everything the test made is removed afterwards. It is what to run (and send back)
 * when something fails in a real account that the in-memory Apps Script did not foresee.
 */
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

const TAB = 'Diagnostic';
const SCRATCH = 'Facturier – diagnostic (temporaire)';
const METADATA_KEY = 'facturier.diagnostic';
const PROPERTY_KEY = 'facturier:diagnostic';

class Steps {
  readonly done: DiagnosticStep[] = [];
  constructor(private readonly lang: Lang) {}

  /** Runs one step; its value, or null when it failed (the failure is recorded). */
  run<T>(step: string, fr: string, en: string, fn: () => { value: T; detail: string }): T | null {
    const label = this.lang === 'fr' ? fr : en;
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
  skip(step: string, fr: string, en: string, missing: string): void {
    this.done.push({
      step,
      label: this.lang === 'fr' ? fr : en,
      ok: false,
      ms: 0,
      detail: this.lang === 'fr' ? `non fait : ${missing} a échoué` : `not run: ${missing} failed`,
    });
  }
}

/** The self-test; returns its steps (also written to the tab and shown in a dialog). */
export function diagnostic(): DiagnosticStep[] {
  const l = workbookLang();
  const s = new Steps(l);
  const made: { sheet?: GoogleAppsScript.Spreadsheet.Sheet; files: string[] } = { files: [] };

  s.run('authorization', "Autorisations de l'add-on", 'Add-on authorization', () => {
    const info = ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL);
    const status = String(info.getAuthorizationStatus());
    if (status === String(ScriptApp.AuthorizationStatus.REQUIRED)) {
      throw new Error(`authorization required: ${info.getAuthorizationUrl()}`);
    }
    return { value: true, detail: status };
  });

  const ss = s.run('workbook', 'Ouvrir le classeur', 'Open the workbook', () => {
    const book = openWorkbook();
    return { value: book, detail: `${book.getSheets().length} tab(s)` };
  });
  if (!ss) return finish(s, l, null, made);
  const ports = makePorts(true, ss);

  const locked = s.run('lock', 'Prendre le verrou', 'Take the lock', () => {
    if (!ports.lock.tryLock(10_000)) throw new Error('another Facturier run holds the lock');
    return { value: true, detail: LockService.getDocumentLock() ? 'document lock' : 'user lock' };
  });

  s.run('sheet-write', 'Écrire et relire une plage', 'Write and read back a range', () => {
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

  s.run('flush', 'Appliquer les écritures (flush)', 'Apply pending writes (flush)', () => {
    SpreadsheetApp.flush();
    return { value: true, detail: 'SpreadsheetApp.flush()' };
  });

  s.run('metadata', "Mémoire de l'add-on dans le classeur", 'Add-on state in the workbook', () => {
    ss.addDeveloperMetadata(METADATA_KEY, 'ok', SpreadsheetApp.DeveloperMetadataVisibility.PROJECT);
    const found = ss.createDeveloperMetadataFinder().withKey(METADATA_KEY).find();
    const value = found[0]?.getValue();
    found.forEach((m) => m.remove());
    if (value !== 'ok') throw new Error(`read back ${String(value)}`);
    return { value: true, detail: 'developer metadata written, read and removed' };
  });

  s.run('user-properties', "Propriétés de l'utilisateur", 'User properties', () => {
    const props = PropertiesService.getUserProperties();
    props.setProperty(PROPERTY_KEY, 'ok');
    const v = props.getProperty(PROPERTY_KEY);
    props.deleteProperty(PROPERTY_KEY);
    if (v !== 'ok') throw new Error(`read back ${String(v)}`);
    return { value: true, detail: 'written, read and removed' };
  });

  const folder = s.run(
    'drive-folder',
    'Créer un dossier dans Drive',
    'Create a Drive folder',
    () => {
      const f = driveApi().Files.create({
        name: `Facturier diagnostic ${new Date().toISOString()}`,
        mimeType: FOLDER_MIME,
        parents: ['root'],
      });
      const id = String(f.id);
      made.files.push(id);
      return { value: id, detail: id };
    },
  );

  let owner: string | null = null;
  const template = folder
    ? s.run('doc-create', 'Créer un modèle (Doc)', 'Create a template (Doc)', () => {
        const id = String(
          driveApi().Files.create({
            name: 'Modèle diagnostic',
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
    : (s.skip('doc-create', 'Créer un modèle (Doc)', 'Create a template (Doc)', 'drive-folder'),
      null);

  const copy = template
    ? s.run('doc-copy', 'Copier le modèle', 'Copy the template', () => {
        const id = String(
          driveApi().Files.copy(
            { name: 'Facture diagnostic', parents: [folder ?? 'root'] },
            template,
          ).id,
        );
        made.files.push(id);
        return { value: id, detail: id };
      })
    : (s.skip('doc-copy', 'Copier le modèle', 'Copy the template', 'doc-create'), null);

  const filled = copy
    ? s.run(
        'docs-batch',
        'Remplir le Doc (une requête Docs)',
        'Fill the Doc (one Docs request)',
        () => {
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
        },
      )
    : (s.skip(
        'docs-batch',
        'Remplir le Doc (une requête Docs)',
        'Fill the Doc (one Docs request)',
        'doc-copy',
      ),
      null);

  const pdf = filled
    ? s.run('pdf-export', 'Exporter le PDF', 'Export the PDF', () => {
        const blob = DocumentApp.openById(copy ?? '')
          .getAs(PDF_MIME)
          .setName('Facture diagnostic.pdf');
        return { value: blob, detail: `${blob.getBytes().length} bytes` };
      })
    : (s.skip('pdf-export', 'Exporter le PDF', 'Export the PDF', 'docs-batch'), null);

  // The Factur-X PDF made from this real export, emailed with it, for a public validator.
  const facturX = pdf
    ? s.run(
        'facturx',
        'Factur-X : XML joint au PDF exporté',
        'Factur-X: XML embedded in the exported PDF',
        () => {
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
            'Facture diagnostic Factur-X.pdf',
          );
          return { value: blob, detail: `${bytes.length} bytes` };
        },
      )
    : (s.skip(
        'facturx',
        'Factur-X : XML joint au PDF exporté',
        'Factur-X: XML embedded in the exported PDF',
        'pdf-export',
      ),
      null);

  const pdfId =
    pdf && folder
      ? s.run('pdf-file', 'Enregistrer le PDF dans Drive', 'Store the PDF in Drive', () => {
          const id = String(
            driveApi().Files.create(
              { name: 'Facture diagnostic.pdf', mimeType: PDF_MIME, parents: [folder] },
              pdf,
            ).id,
          );
          made.files.push(id);
          return { value: id, detail: id };
        })
      : (s.skip(
          'pdf-file',
          'Enregistrer le PDF dans Drive',
          'Store the PDF in Drive',
          'pdf-export',
        ),
        null);

  // The way the monthly job makes documents: one wave of REST requests (UrlFetchApp.fetchAll,
  // script.external_request) copying, filling, exporting and storing, as a real account runs it.
  if (template && folder) {
    s.run(
      'rest-wave',
      'Documents en vague (API REST, fetchAll)',
      'Documents in a wave (REST APIs, fetchAll)',
      () => {
        const doc = diagnosticInvoice(ports);
        const [result] = new GasDocs().renderBatch([
          {
            templateId: template,
            folderId: folder,
            name: 'Facture diagnostic (vague)',
            model: { placeholders: { 'diagnostic.value': 'OK' }, lines: [] },
            docId: null,
            leftovers: false,
            xml: eInvoiceXml(doc),
          },
        ]);
        if (!result?.ok) throw new Error(result?.error ?? 'no result');
        made.files.push(result.doc.id, result.pdf.id, ...(result.xml ? [result.xml.id] : []));
        return { value: true, detail: 'Doc, PDF and XML: 5 requests in 4 waves' };
      },
    );
  } else {
    s.skip(
      'rest-wave',
      'Documents en vague (API REST, fetchAll)',
      'Documents in a wave (REST APIs, fetchAll)',
      'doc-create',
    );
  }

  let finance: string | null = null;
  try {
    finance = recipientsOf(new RunContext(ports, 'diagnostic').settings.financeEmail)[0] ?? null;
  } catch {
    finance = null;
  }
  const shareWith = finance ?? owner;
  if (pdfId && shareWith) {
    s.run('share', 'Partager le PDF', 'Share the PDF', () => {
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
    s.skip('share', 'Partager le PDF', 'Share the PDF', pdfId ? 'owner lookup' : 'pdf-file');
  }

  const quota = s.run('mail-quota', "Quota d'emails du jour", "Today's email quota", () => {
    const n = MailApp.getRemainingDailyQuota();
    return { value: n, detail: `${n} recipient(s) left today` };
  });

  if (owner && pdf && quota !== null && quota > 0) {
    const to = owner;
    s.run('mail-send', 'Vous envoyer un email avec le PDF', 'Email you the PDF', () => {
      MailApp.sendEmail({
        to,
        subject: l === 'fr' ? 'Facturier : diagnostic' : 'Facturier: diagnostic',
        body:
          l === 'fr'
            ? 'Ce message et ses pièces jointes viennent du diagnostic de Facturier. « Facture diagnostic Factur-X.pdf » est le PDF exporté par Google Docs, avec sa facture électronique (factur-x.xml) jointe : vous pouvez le soumettre à un validateur Factur-X public.'
            : 'This message and its attachments come from the Facturier diagnostic. "Facture diagnostic Factur-X.pdf" is the PDF Google Docs exported, with its e-invoice (factur-x.xml) embedded: you may submit it to a public Factur-X validator.',
        attachments: facturX ? [pdf, facturX] : [pdf],
        name: 'Facturier',
      });
      return {
        value: true,
        detail: l === 'fr' ? 'envoyé à votre adresse' : 'sent to your address',
      };
    });
  } else {
    s.skip(
      'mail-send',
      'Vous envoyer un email avec le PDF',
      'Email you the PDF',
      !owner ? 'doc-create' : !pdf ? 'pdf-export' : 'mail-quota',
    );
  }

  s.run('triggers', 'Déclencheurs de ce classeur', "This workbook's triggers", () => {
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
  s.run('cleanup', 'Supprimer ce que le test a créé', 'Remove what the test made', () => {
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
        label: l === 'fr' ? "Écrire l'onglet Diagnostic" : 'Write the Diagnostic tab',
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
