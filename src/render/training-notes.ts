/**
 * The session block of a training invoice (SPEC §3.3): per session and sponsor, the product
 * label and reference, duration and period, location, trainer, sponsor, the learners and their
 * number, the billing unit and the session total; per line, the sponsor's totals and the
 * financer's share. Printed in the document's details.
 */
import type { TrainingBlock } from '../billing/training-block';
import { formatDate, formatDecimal, formatMoney } from '../domain/format';
import type { Language } from '../domain/language';
import { Money } from '../domain/money';

export function trainingNotes(block: TrainingBlock, lang: Language, currency: string): string[] {
  const fr = lang === 'fr';
  const money = (v: string) => formatMoney(Money.of(v), lang, currency);
  const sessions = block.sessions.map((s) => {
    const parts = [
      `${fr ? 'Session' : 'Session'} ${s.sessionRef} — ${s.productLabel}${s.productRef ? ` (${fr ? 'réf.' : 'ref.'} ${s.productRef})` : ''}`,
      `${formatDecimal(s.hours, lang)} h, ${fr ? 'du' : 'from'} ${formatDate(s.start, lang)} ${fr ? 'au' : 'to'} ${formatDate(s.end, lang)}`,
      s.location ? `${fr ? 'lieu' : 'location'} : ${s.location}` : '',
      s.trainer ? `${fr ? 'formateur' : 'trainer'} : ${s.trainer}` : '',
      `${fr ? 'commanditaire' : 'sponsor'} : ${s.sponsorName}`,
      `${fr ? 'apprenants' : 'learners'} (${formatDecimal(s.learnersCount, lang)}) : ${s.learners.join(', ')}`,
      `${fr ? 'unité' : 'unit'} : ${s.unitLabels.join(', ')}`,
      `${fr ? 'total de la session' : 'session total'} : ${money(s.totalHT)} ${fr ? 'HT' : 'excl. VAT'}`,
      s.billedHT !== undefined && s.billedHT !== s.totalHT
        ? `${fr ? 'facturé ici' : 'billed here'} : ${money(s.billedHT)} ${fr ? 'HT' : 'excl. VAT'}`
        : '',
    ];
    return parts.filter((p) => p !== '').join(' · ');
  });
  const lines = block.lines.map(
    (l, i) =>
      `${fr ? 'Ligne' : 'Line'} ${i + 1} — ${l.sponsorName} : ${formatDecimal(l.learnersCount, lang)} ${fr ? 'apprenant(s)' : 'learner(s)'}, ${formatDecimal(l.quantity, lang)} × ${money(l.unitPrice)}${l.discountPercent && l.discountPercent !== '0' ? ` −${formatDecimal(l.discountPercent, lang)} %` : ''}, ${fr ? 'total' : 'total'} ${money(l.sponsorTotalHT)} HT / ${money(l.sponsorTotalTTC)} TTC, ${fr ? 'part financeur' : 'financer share'} ${money(l.financerShareHT)} HT / ${money(l.financerShareTTC)} TTC`,
  );
  return [...sessions, ...lines];
}
