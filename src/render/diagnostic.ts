/** The self-test's report: one row per step, for the Diagnostic tab and its dialog. */
import { t } from '../texts';
import { closeBar, dialogPage } from './dialogs';
import { escapeHtml } from './emails';

export interface DiagnosticStep {
  /** Short code of the step, stable across versions (for support). */
  step: string;
  /** What the step does, in the workbook's language. */
  label: string;
  ok: boolean;
  ms: number;
  /** What was found, or the error's text when the step failed. */
  detail: string;
}

type Headers = readonly [string, string, string, string, string, string];

const headers = (lang: 'fr' | 'en'): Headers => [
  t(lang, 'diagnostic.header.date'),
  t(lang, 'diagnostic.header.step'),
  t(lang, 'diagnostic.header.description'),
  t(lang, 'diagnostic.header.outcome'),
  t(lang, 'diagnostic.header.time'),
  t(lang, 'diagnostic.header.detail'),
];

export const DIAGNOSTIC_HEADERS: Readonly<Record<'fr' | 'en', Headers>> = {
  fr: headers('fr'),
  en: headers('en'),
};

export function outcomeLabel(ok: boolean, lang: 'fr' | 'en'): string {
  return t(lang, ok ? 'diagnostic.ok' : 'diagnostic.failed');
}

export function diagnosticSummary(steps: readonly DiagnosticStep[], lang: 'fr' | 'en'): string {
  const failed = steps.filter((s) => !s.ok).length;
  const total = steps.reduce((n, s) => n + s.ms, 0);
  return failed === 0
    ? t(lang, 'diagnostic.all-passed', { count: steps.length, ms: total })
    : t(lang, 'diagnostic.some-failed', { failed, count: steps.length });
}

export function diagnosticHtml(steps: readonly DiagnosticStep[], lang: 'fr' | 'en'): string {
  const e = escapeHtml;
  const h = DIAGNOSTIC_HEADERS[lang];
  const rows = steps
    .map(
      (s) =>
        `<tr><td>${e(s.label)}</td><td class="${s.ok ? 'ok' : 'ko'}">${e(outcomeLabel(s.ok, lang))}</td><td class="amt">${s.ms}</td><td>${e(s.detail)}</td></tr>`,
    )
    .join('\n');
  const failed = steps.some((s) => !s.ok);
  return dialogPage(
    lang,
    'Facturier — Diagnostic',
    `<h2 id="summary" class="${failed ? 'ko' : 'ok'}">${e(diagnosticSummary(steps, lang))}</h2>
<table class="list"><thead><tr><th scope="col">${e(h[2])}</th><th scope="col">${e(h[3])}</th><th scope="col" class="amt">${e(h[4])}</th><th scope="col">${e(h[5])}</th></tr></thead>
<tbody>
${rows}
</tbody></table>
${closeBar(lang)}`,
  );
}
