/**
 * The session block of a training invoice (SPEC §3.3): per session and sponsor, the product
 * label and reference, duration and period, location, trainer, sponsor, the learners and their
 * number, the billing unit and the session total; per line, the sponsor's totals and the
 * financer's share. Printed in the document's details.
 */
import { t } from '../texts';
import type { TrainingBlock } from '../billing/training-block';
import { formatDate, formatDecimal, formatMoney } from '../domain/format';
import type { Language } from '../domain/language';
import { Money } from '../domain/money';

export function trainingNotes(block: TrainingBlock, lang: Language, currency: string): string[] {
  const money = (v: string) => formatMoney(Money.of(v), lang, currency);
  const sessions = block.sessions.map((s) => {
    const parts = [
      s.productRef
        ? t(lang, 'notes.session-with-product', {
            ref: s.sessionRef,
            label: s.productLabel,
            product: s.productRef,
          })
        : t(lang, 'notes.session', { ref: s.sessionRef, label: s.productLabel }),
      t(lang, 'notes.period', {
        hours: formatDecimal(s.hours, lang),
        start: formatDate(s.start, lang),
        end: formatDate(s.end, lang),
      }),
      s.location ? t(lang, 'notes.location', { location: s.location }) : '',
      s.trainer ? t(lang, 'notes.trainer', { trainer: s.trainer }) : '',
      t(lang, 'notes.sponsor', { sponsor: s.sponsorName }),
      t(lang, 'notes.learners', {
        count: formatDecimal(s.learnersCount, lang),
        learners: s.learners.join(', '),
      }),
      t(lang, 'notes.unit', { units: s.unitLabels.join(', ') }),
      t(lang, 'notes.session-total', { amount: money(s.totalHT) }),
      s.billedHT !== undefined && s.billedHT !== s.totalHT
        ? t(lang, 'notes.billed-here', { amount: money(s.billedHT) })
        : '',
    ];
    return parts.filter((p) => p !== '').join(' · ');
  });
  const lines = block.lines.map((l, i) => {
    const line = {
      n: i + 1,
      sponsor: l.sponsorName,
      count: formatDecimal(l.learnersCount, lang),
      quantity: formatDecimal(l.quantity, lang),
      price: money(l.unitPrice),
      ht: money(l.sponsorTotalHT),
      ttc: money(l.sponsorTotalTTC),
      financerHt: money(l.financerShareHT),
      financerTtc: money(l.financerShareTTC),
    };
    return l.discountPercent && l.discountPercent !== '0'
      ? t(lang, 'notes.line-discount', {
          ...line,
          discount: formatDecimal(l.discountPercent, lang),
        })
      : t(lang, 'notes.line', line);
  });
  return [...sessions, ...lines];
}
