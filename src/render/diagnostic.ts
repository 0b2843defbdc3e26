/** The self-test's report: one row per step, for the Diagnostic tab and its dialog. */
import { t } from '../texts';
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
        `<tr><td>${e(s.label)}</td><td class="${s.ok ? 'ok' : 'ko'}">${e(outcomeLabel(s.ok, lang))}</td><td class="n">${s.ms}</td><td>${e(s.detail)}</td></tr>`,
    )
    .join('\n');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><style>
body{font-family:Arial,Helvetica,sans-serif;font-size:13px;color:#1f2933;margin:12px}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #d9e2ec;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#1f3a5f;color:#fff}.n{text-align:right;font-variant-numeric:tabular-nums}.ok{color:#1b7f3b;font-weight:bold}.ko{color:#b42318;font-weight:bold}
</style></head><body>
<p>${e(diagnosticSummary(steps, lang))}</p>
<table><thead><tr><th>${e(h[2])}</th><th>${e(h[3])}</th><th>${e(h[4])}</th><th>${e(h[5])}</th></tr></thead>
<tbody>
${rows}
</tbody></table></body></html>`;
}
