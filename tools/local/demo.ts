/**
 * `npm run demo`: the demo workbook's monthly job on 5 December 2026 (out/demo), then what its
 * users do in the weeks after, one run each, every run from the state the one before left
 * (out/demo/after/NN-step): a self-billed month contested and corrected under the mandate, a
 * supplement billed by a debit note, a client credit deducted from the client's next invoice, a
 * provider's e-invoice received and matched to its billing call.
 */
import * as path from 'node:path';
import { writeDemoInbox } from './demo-inbox';
import { runLocal, type LocalRunSummary, type Typing } from './run-local';

/** The demo's received invoices, written beside its outputs (out/demo/inbox). */
function inboxOf(out: string): string {
  const dir = path.join(out, 'inbox');
  writeDemoInbox(dir);
  return dir;
}

export interface DemoStep {
  /** Its folder under out/demo/after. */
  name: string;
  action: string;
  today: string;
  /** What the user types before the run. */
  typed?: Typing[];
  form?: Record<string, string>;
  /** The files of tools/local/demo-inbox.ts, given to the import dialog. */
  inbox?: boolean;
  /** What happens, for the console and the README. */
  story: string;
}

export const DEMO_DAY = '2026-12-05';

export const DEMO_STEPS: readonly DemoStep[] = [
  {
    name: '01-contested',
    action: 'refresh',
    today: '2026-12-07',
    typed: [
      {
        tab: 'Appels à facturation',
        where: { Référence: '2026-11:CLEMENT' },
        header: 'Approbation',
        text: 'contesté',
      },
    ],
    story:
      'Claire Clément contests her self-billed invoice AF-CLEMENT-2026-0001 (Hugo Bernard did attend on 17 November); refreshing the payment status shows it "Contestée : à corriger", and no payment can be recorded on it.',
  },
  {
    name: '02-self-billed-credit-note',
    action: 'credit-note',
    today: '2026-12-08',
    form: {
      invoice: 'AF-CLEMENT-2026-0001',
      reason: 'Séance du 17/11/2026 avec Hugo Bernard réalisée, comptée à tort comme absence',
    },
    story:
      "The organisation, issuing under the mandate, cancels it by a credit note in Claire Clément's own series; her November sessions are free to be billed again.",
  },
  {
    name: '03-self-billed-again',
    action: 'issue',
    today: '2026-12-08',
    typed: [
      {
        tab: 'Sessions',
        where: { Date: '17/11/2026', Étudiant: 'Hugo Bernard' },
        header: 'Statut',
        text: 'réalisée',
      },
      {
        tab: 'Sessions',
        where: { Date: '17/11/2026', Étudiant: 'Hugo Bernard' },
        header: 'Notes',
        text: 'Présent : corrigé après contestation',
      },
    ],
    story:
      'The session is corrected in Sessions; "Issue and send" bills November again on a new self-billed invoice, sent to her for approval.',
  },
  {
    name: '04-debit-note',
    action: 'debit-note',
    today: '2026-12-09',
    form: {
      invoice: 'FA-2026-00002',
      amount: '120,00',
      reason: 'Deux visuels supplémentaires livrés le 8 décembre',
    },
    story:
      'Studio Lumen & Fils ordered two more visuals: a debit note of 120,00 € TTC supplements FA-2026-00002, numbered in the invoice series, due on its own.',
  },
  {
    name: '05-payment',
    action: 'record-payment',
    today: '2026-12-10',
    form: {
      invoice: 'FA-2026-00007',
      date: '10/12/2026',
      amount: '2 587,68',
      method: 'virement',
      reference: 'VIR BRIOCHE FA-2026-00007',
    },
    story: 'Brioche & Compagnie pays FA-2026-00007 in full.',
  },
  {
    name: '06-credit-note',
    action: 'credit-note',
    today: '2026-12-11',
    form: {
      invoice: 'FA-2026-00007',
      amount: '120,00',
      reason: "Geste commercial : rapport d'audit remis en retard",
    },
    story:
      'A commercial gesture of 120,00 € TTC on it, by credit note: Brioche now holds a credit.',
  },
  {
    name: '07-credit-applied',
    action: 'apply-credit',
    today: '2026-12-11',
    form: { invoice: 'AV-2026-00001' },
    story: "The credit is to be deducted from Brioche's next invoice rather than refunded.",
  },
  {
    name: '08-received',
    action: 'receive',
    today: '2026-12-14',
    inbox: true,
    story:
      'Paul Durand answers his November billing call with a Factur-X invoice of 108,00 €: it is read, its totals recomputed, and matched to the call, now received (its payment due 30 days later); his second invoice, 120,00 € as bare XML, matches no open call and is reported.',
  },
  {
    name: '09-january',
    action: 'monthly',
    today: '2027-01-05',
    typed: [
      {
        tab: 'Prestations',
        row: {
          Date: '15/12/2026',
          Client: 'BRIOCHE',
          Projet: 'Audit formation',
          Désignation: 'Restitution au comité de direction',
          Quantité: '1',
          Unité: 'forfait',
          'Prix unitaire HT': '500',
          'Taux TVA': '20 %',
          Nature: 'forfait',
        },
      },
    ],
    story:
      "January's job: Brioche's December line is invoiced 600,00 € TTC, less the 120,00 € credit: 480,00 € asked.",
  },
];

/**
 * Runs the demo from `workbook` into `out` (the monthly job) and `out`/after (the weeks after);
 * returns the exit code, non-zero when a run failed or a form was refused.
 */
export async function runDemo(
  where: { workbook: string; out: string },
  log: (s: string) => void,
): Promise<number> {
  const first = await runLocal({
    action: 'monthly',
    workbook: where.workbook,
    out: where.out,
    today: DEMO_DAY,
  });
  log(first.text);
  if (first.exitCode !== 0) return first.exitCode;
  let from = where.out;
  log('\nThe weeks after, one run each (after/):');
  for (const step of DEMO_STEPS) {
    const dir = path.join(where.out, 'after', step.name);
    const s: LocalRunSummary = await runLocal({
      action: step.action,
      from,
      out: dir,
      today: step.today,
      ...(step.typed ? { typed: step.typed } : {}),
      ...(step.form ? { form: step.form } : {}),
      ...(step.inbox ? { inbox: inboxOf(where.out) } : {}),
    });
    const said = s.text.split('\n').find((l) => l.startsWith(`${step.action} on `)) ?? '';
    log(`  ${step.name}: ${step.story}\n    → ${said.replace(/^[^:]+: /, '')}`);
    if (s.exitCode !== 0) {
      log(s.text);
      return s.exitCode;
    }
    from = dir;
  }
  return 0;
}
