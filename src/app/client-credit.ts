/**
 * "Imputer un crédit sur la prochaine facture" (SPEC §3.5): a client holding a credit — a credit
 * note issued on an invoice it had already paid, or a payment beyond what it owed — may have it
 * deducted from its next invoice instead of refunded. The form names the invoice or the credit
 * note; the credit is what the payment book shows the client paid beyond what it owes on that
 * invoice today, less what was already asked. The request is kept on the invoice's register row
 * (`creditToApply`); the next invoices issued to the client deduct it (`applyCredits`).
 */
import { msg, perLanguage } from '../texts';
import { numberKey } from '../billing/payment-book';
import { formatMoney } from '../domain/format';
import { Money } from '../domain/money';
import { creditsApplied, moneyCell } from './drafts';
import { issuedRow, isRefusal, refuse, type Refusal } from './issue';
import { computeBook } from './payment-status';
import { loadOutput, saveOutput, text } from './register';
import type { RunContext } from './run-context';

export interface CreditApplication {
  /** An issued client invoice, or a credit note (its invoice is meant). */
  number: string;
  /** Amount with VAT to deduct; null deducts all the credit available. */
  amountTTC: Money | null;
}

export type CreditApplicationOutcome =
  { ok: true; invoice: string; client: string; amount: Money } | Refusal;

const RECEIVABLE = 'à encaisser';

export function applyClientCredit(
  ctx: RunContext,
  req: CreditApplication,
): CreditApplicationOutcome {
  const cur = ctx.settings.currency || 'EUR';
  const register = loadOutput(ctx, 'invoices');
  const named = issuedRow(register, req.number);
  if (isRefusal(named)) return named;
  // A credit note names the invoice whose credit it makes.
  const row =
    text(named['kind']) === 'avoir' ? issuedRow(register, text(named['creditTarget'])) : named;
  if (isRefusal(row)) return row;
  const number = text(row['number']);
  const kind = text(row['kind']);
  if (
    text(row['direction']) !== RECEIVABLE ||
    (kind !== 'facture' && kind !== 'acompte' && kind !== 'note-de-debit')
  ) {
    return refuse('invoice', msg('credit.not-client-invoice', { number }));
  }
  const { book } = computeBook(ctx);
  const line = book.lines.find(
    (l) => l.direction === 'receivable' && numberKey(l.number) === numberKey(number),
  );
  const held = line && line.balance.isNegative() ? line.balance.abs() : Money.zero();
  const asked = moneyCell(row['creditToApply']);
  const applied = creditsApplied(register).get(numberKey(number)) ?? Money.zero();
  const waiting = Money.max(asked.minus(applied), Money.zero());
  const available = held.minus(waiting);
  if (!available.isPositive()) {
    const state = line ? line.label : '';
    return refuse(
      'invoice',
      waiting.isPositive()
        ? msg('credit.already-asked', {
            amount: perLanguage((lang) => formatMoney(waiting, lang, cur)),
            number,
          })
        : msg('credit.none', { number, state }),
    );
  }
  const amount = req.amountTTC ?? available;
  if (!amount.isPositive()) {
    return refuse('amount', msg('credit.amount-positive'));
  }
  if (amount.greaterThan(available)) {
    return refuse(
      'amount',
      msg('credit.available', {
        number,
        amount: perLanguage((lang) => formatMoney(available, lang, cur)),
      }),
    );
  }
  // Asked in total, deductions made included: what is left to deduct is asked − deducted.
  row['creditToApply'] = Money.max(asked, applied).plus(amount).toNumber();
  saveOutput(ctx, register);
  return { ok: true, invoice: number, client: text(row['buyer']), amount };
}
