/**
 * SEPA credit transfers: one ISO 20022 `pain.001.001.03` message (CustomerCreditTransferInitiation
 * V03) paying providers from the organisation's account.
 *
 * Why V03: it is the version of the French banking guide (CFONB, « Guide d'utilisation du
 * CustomerCreditTransferInitiation », v2.1, 12/2013) and the one whose official schema the tests
 * can validate against (`pain.001.001.03.xsd`, shipped by Debian's package
 * tryton-modules-account-payment-sepa). Banks of the SEPA scheme must also accept V09 since
 * 19 November 2023 (EPC087-22); V03 remains what French banks' portals take.
 *
 * The EPC's rules on top of the schema (EPC132-08, SEPA Credit Transfer C2PSP implementation
 * guidelines), all enforced here before any XML is written:
 * - text in the EPC's Latin subset only: a-z A-Z 0-9 / - ? : ( ) . , ' + and space (accents
 *   transliterated, anything else replaced);
 * - names at most 70 characters, identifiers at most 35, remittance information one
 *   unstructured line of at most 140;
 * - amounts in EUR, from 0.01 to 999,999,999.99, two decimals; the control sum is their exact sum;
 * - charges shared by each party's bank (`SLEV`), service level `SEPA`;
 * - IBAN checked by ISO 13616's mod 97; the BIC is optional (IBAN-only payments), and written
 *   only when it has the schema's BICIdentifier form;
 * - no postal address (optional in the scheme, and unstructured addresses are refused from
 *   22 November 2026).
 */
import { msg, type Message, type PlainTextKey } from '../texts';
import type { CalendarDate } from '../domain/dates';
import { isValidBic, isValidIban } from '../domain/identifiers';
import { Money } from '../domain/money';
import { el, empty, xmlDocument, type XmlElement } from '../einvoice/xml';

export const PAIN_001_NAMESPACE = 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.03';

export interface TransferParty {
  name: string;
  iban: string;
  /** Optional: SEPA payments may go by IBAN only. */
  bic?: string | undefined;
}

export interface Transfer {
  /** The payment's own identifier, carried to the provider's bank statement (≤ 35). */
  endToEndId: string;
  /** Rounded to the cent. */
  amount: Money;
  creditor: TransferParty;
  /** What is paid, e.g. the invoice numbers (≤ 140 once written in the EPC's characters). */
  remittance: string;
}

export interface TransferBatch {
  /** Unique per file (≤ 35). */
  messageId: string;
  /** ISO 8601 date-time with its offset, e.g. `2026-12-05T09:00:00+01:00`. */
  createdAt: string;
  executionDate: CalendarDate;
  debtor: TransferParty;
  transfers: readonly Transfer[];
}

/** A rule of the scheme broken by a batch, named by the transfer it is on (-1: the batch). */
export interface TransferProblem {
  transfer: number;
  field: 'messageId' | 'debtor' | 'iban' | 'bic' | 'name' | 'amount' | 'endToEndId' | 'count';
  /** The rule, rendered in the reader's language. */
  message: Message;
}

export const MAX_NAME = 70;
export const MAX_ID = 35;
export const MAX_REMITTANCE = 140;
const MAX_AMOUNT = Money.of('999999999.99');
const MIN_AMOUNT = Money.of('0.01');

/** The EPC's Latin character set (EPC132-08, 1.4 "Character set"). */
const ALLOWED = /^[A-Za-z0-9/\-?:().,'+ ]*$/;

/** Letters the EPC's conversion table writes with two (ß → ss, æ → ae…). */
const LIGATURES: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ø: 'o',
  Ø: 'O',
  đ: 'd',
  Đ: 'D',
  ł: 'l',
  Ł: 'L',
  þ: 'th',
  Þ: 'TH',
};

/** Punctuation with a close equivalent in the set; anything else becomes a space. */
const PUNCTUATION: Readonly<Record<string, string>> = {
  '&': '+',
  '’': "'",
  '‘': "'",
  '`': "'",
  '"': "'",
  '«': "'",
  '»': "'",
  '“': "'",
  '”': "'",
  '–': '-',
  '—': '-',
  '−': '-',
  _: '-',
  ';': ',',
  '[': '(',
  ']': ')',
  '{': '(',
  '}': ')',
  '\\': '/',
  '|': '/',
};

/**
 * Text in the EPC's character set: accents dropped (é → e), ligatures spelt out, known
 * punctuation mapped, anything else a space; spaces collapsed and trimmed; cut to `max`
 * characters.
 */
export function sepaText(text: string, max: number): string {
  let out = '';
  for (const ch of text.normalize('NFD')) {
    if (/[\u0300-\u036f]/.test(ch)) continue; // a combining accent
    const mapped = LIGATURES[ch] ?? PUNCTUATION[ch] ?? ch;
    out += ALLOWED.test(mapped) ? mapped : ' ';
  }
  return out.replace(/\s+/g, ' ').trim().slice(0, max).trim();
}

/**
 * An identifier (MsgId, EndToEndId) in the set, without the `/` the guidelines refuse at its
 * start, its end or doubled.
 */
export function sepaId(text: string): string {
  return sepaText(text, MAX_ID)
    .replace(/\/{2,}/g, '/')
    .replace(/^\/+|\/+$/g, '')
    .replace(/ /g, '-');
}

/** IBAN and BIC as the schema writes them: capitals, no spaces. */
export function compactCode(text: string): string {
  return text.replace(/[\s\u00a0\u202f-]/g, '').toUpperCase();
}

/** The schema's BICIdentifier (pain.001.001.03.xsd). */
const XSD_BIC = /^[A-Z]{6}[A-Z2-9][A-NP-Z0-9]([A-Z0-9]{3})?$/;

/** Every rule of the scheme the batch breaks; none: the file may be written. */
export function checkBatch(batch: TransferBatch): TransferProblem[] {
  const problems: TransferProblem[] = [];
  const add = (transfer: number, field: TransferProblem['field'], key: PlainTextKey): void => {
    problems.push({ transfer, field, message: msg(key) });
  };
  if (sepaId(batch.messageId) === '' || batch.messageId !== sepaId(batch.messageId))
    add(-1, 'messageId', 'sepa.message-id');
  if (sepaText(batch.debtor.name, MAX_NAME) === '') add(-1, 'debtor', 'sepa.debtor-name');
  if (!isValidIban(batch.debtor.iban)) add(-1, 'debtor', 'sepa.debtor-iban');
  if (batch.debtor.bic && !isValidBic(batch.debtor.bic)) add(-1, 'debtor', 'sepa.debtor-bic');
  if (batch.transfers.length === 0) add(-1, 'count', 'sepa.no-transfer');
  const ids = new Set<string>();
  batch.transfers.forEach((t, i) => {
    if (sepaText(t.creditor.name, MAX_NAME) === '') add(i, 'name', 'sepa.creditor-name');
    if (!isValidIban(t.creditor.iban)) add(i, 'iban', 'sepa.creditor-iban');
    if (t.creditor.bic && !isValidBic(t.creditor.bic)) add(i, 'bic', 'sepa.creditor-bic');
    if (
      !t.amount.isRoundedTo(2) ||
      t.amount.lessThan(MIN_AMOUNT) ||
      t.amount.greaterThan(MAX_AMOUNT)
    )
      add(i, 'amount', 'sepa.amount');
    const id = sepaId(t.endToEndId);
    if (id === '' || id !== t.endToEndId || ids.has(id)) add(i, 'endToEndId', 'sepa.end-to-end-id');
    ids.add(id);
  });
  return problems;
}

/** The exact sum of the transfers' amounts. */
export function controlSum(transfers: readonly Transfer[]): Money {
  return Money.sum(transfers.map((t) => t.amount));
}

function agent(tag: 'DbtrAgt' | 'CdtrAgt', bic: string | undefined): XmlElement | null {
  const code = bic === undefined ? '' : compactCode(bic);
  if (XSD_BIC.test(code)) return el(tag, el('FinInstnId', el('BIC', code)));
  // IBAN-only: the debtor's agent is still required by the schema (CFONB: NOTPROVIDED); the
  // creditor's is left out.
  if (tag === 'CdtrAgt') return null;
  return el(tag, el('FinInstnId', el('Othr', el('Id', 'NOTPROVIDED'))));
}

/**
 * The message, as UTF-8 XML. Throws on a batch that `checkBatch` refuses: check first, and
 * report what it says.
 */
export function pain001(batch: TransferBatch): string {
  const problems = checkBatch(batch);
  if (problems.length > 0) {
    throw new RangeError(
      `credit transfer refused: ${problems.map((p) => `${p.transfer}:${p.field}`).join(', ')}`,
    );
  }
  const count = String(batch.transfers.length);
  const sum = controlSum(batch.transfers).toFixed(2);
  const debtorName = sepaText(batch.debtor.name, MAX_NAME);
  const root = el(
    'Document',
    { xmlns: PAIN_001_NAMESPACE },
    el(
      'CstmrCdtTrfInitn',
      el(
        'GrpHdr',
        el('MsgId', batch.messageId),
        el('CreDtTm', batch.createdAt),
        el('NbOfTxs', count),
        el('CtrlSum', sum),
        el('InitgPty', el('Nm', debtorName)),
      ),
      el(
        'PmtInf',
        el('PmtInfId', batch.messageId),
        el('PmtMtd', 'TRF'),
        el('BtchBookg', 'false'),
        el('NbOfTxs', count),
        el('CtrlSum', sum),
        el('PmtTpInf', el('SvcLvl', el('Cd', 'SEPA'))),
        el('ReqdExctnDt', batch.executionDate),
        el('Dbtr', el('Nm', debtorName)),
        el('DbtrAcct', el('Id', el('IBAN', compactCode(batch.debtor.iban))), el('Ccy', 'EUR')),
        agent('DbtrAgt', batch.debtor.bic),
        el('ChrgBr', 'SLEV'),
        batch.transfers.map((t) =>
          el(
            'CdtTrfTxInf',
            el('PmtId', el('EndToEndId', t.endToEndId)),
            el('Amt', el('InstdAmt', { Ccy: 'EUR' }, t.amount.toFixed(2))),
            agent('CdtrAgt', t.creditor.bic),
            el('Cdtr', el('Nm', sepaText(t.creditor.name, MAX_NAME))),
            el('CdtrAcct', el('Id', el('IBAN', compactCode(t.creditor.iban)))),
            el('RmtInf', el('Ustrd', sepaText(t.remittance, MAX_REMITTANCE) || t.endToEndId)),
          ),
        ),
      ),
    ),
  );
  return xmlDocument(root ?? empty('Document'));
}
