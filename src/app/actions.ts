/**
 * The actions of the menu, the trigger and the local runner, with what every run shares:
 * the document lock, the Journal, and a short outcome for the user.
 */
import { requiredSettingsProblems } from '../sheets/required-settings';
import { generateDrafts, previewDrafts } from './generate';
import {
  dispatch,
  issueThenRefresh,
  notePending,
  planToday,
  runMonthlyJob,
  type JobOutcome,
} from './monthly-job';
import { issueAndSend } from './issue';
import { menuFor } from './menu';
import { RunContext } from './run-context';
import { checkTemplateOf } from './template';
import { dialogFor, submitForm, type FormName } from './forms';
import { refreshPaymentStatus } from './payment-status';
import { formatMoney } from '../domain/format';
import { Money } from '../domain/money';
import { setupWorkbook } from './setup';
import { schedule, unschedule } from './schedule';
import { settingsSidebar } from './settings-sidebar';
import type { Ports } from './ports';

export type ActionName =
  | 'setup'
  | 'preview'
  | 'generate'
  | 'issue'
  | 'billing-calls'
  | 'record-payment'
  | 'credit-note'
  | 'debit-note'
  | 'apply-credit'
  | 'receive'
  | 'bill-session'
  | 'write-off'
  | 'refresh'
  | 'remind'
  | 'schedule'
  | 'unschedule'
  | 'settings'
  | 'help'
  | 'dispatch'
  | 'monthly';

export type ActionOptions = Record<string, unknown>;

export interface ActionResult {
  ok: boolean;
  title: string;
  message: string;
  counts: Record<string, number>;
  problems: number;
  /** Show as a dialog rather than a toast. */
  dialog?: boolean;
  /** The action already showed its outcome (a dialog of its own). */
  shown?: boolean;
  /** A dialog's form refused: field name → why. */
  errors?: Record<string, string>;
  /** Nothing happened: no line in the Journal (the hourly trigger's idle runs). */
  quiet?: boolean;
}

const LOCK_WAIT_MS = 10_000;

type Lang = 'fr' | 'en';
const t = (lang: Lang, fr: string, en: string) => (lang === 'fr' ? fr : en);

export function runAction(
  ports: Ports,
  action: ActionName,
  options: ActionOptions = {},
): ActionResult {
  if (action === 'help') return help(ports);
  // The trigger runs every hour: when nothing is due it reads what it needs and stops, without
  // even taking the lock (the decision is taken again under the lock when something is due).
  if (action === 'dispatch') {
    const peek = new RunContext(ports, action);
    if (planToday(peek) === 'idle' && peek.problems.length === 0) {
      return {
        ...result(peek, t(peek.lang, 'Rien à faire pour le moment.', 'Nothing to do for now.')),
        quiet: true,
      };
    }
  }
  if (!ports.lock.tryLock(LOCK_WAIT_MS)) {
    return {
      ok: false,
      title: 'Facturier',
      message:
        'Une autre exécution de Facturier est en cours ; réessayez dans quelques minutes. / Another Facturier run is in progress; try again in a few minutes.',
      counts: {},
      problems: 0,
    };
  }
  // What other runs wrote is readable now that this one holds the lock.
  ports.workbook.refresh();
  const ctx = new RunContext(ports, action);
  try {
    if (action === 'preview') return missingSettings(ctx, action) ?? preview(ctx);
    const form = options['form'];
    const result =
      isFormAction(action) && form && typeof form === 'object'
        ? submit(ctx, action, form as Record<string, unknown>)
        : perform(ctx, action);
    if (result.quiet) return result;
    ctx.flushIds();
    result.problems = ctx.flushJournal(result.message);
    if (result.problems > 0) {
      result.message += t(
        ctx.lang,
        `\n${result.problems} anomalie(s) : voir l'onglet Journal.`,
        `\n${result.problems} problem(s): see the Log tab.`,
      );
    }
    return result;
  } finally {
    ports.lock.release();
  }
}

/**
 * The settings an action cannot do without (SPEC §2.1), each reported at its Settings cell;
 * null when all are there.
 */
function missingSettings(ctx: RunContext, action: ActionName): ActionResult | null {
  const trainings = (ctx.tab('trainings')?.records.length ?? 0) > 0;
  const problems = requiredSettingsProblems(ctx.settingsInfo, action, { trainings });
  if (problems.length === 0) return null;
  problems.forEach((p) => ctx.report(p));
  return {
    ok: false,
    title: 'Facturier',
    message: t(
      ctx.lang,
      `Paramètres manquants (${problems.length}) : complétez l'onglet Paramètres, voir le Journal.`,
      `Missing settings (${problems.length}): fill in the Settings tab, see the Log.`,
    ),
    counts: { missingSettings: problems.length },
    problems: 0,
  };
}

function result(
  _ctx: RunContext,
  message: string,
  counts: Record<string, number> = {},
): ActionResult {
  return { ok: true, title: 'Facturier', message, counts, problems: 0 };
}

function perform(ctx: RunContext, action: ActionName): ActionResult {
  const lang = ctx.lang;
  switch (action) {
    case 'setup': {
      const o = setupWorkbook(ctx);
      const check = checkTemplateOf(ctx);
      const findings = check ? check.missing.length + check.unknown.length : 0;
      return result(
        ctx,
        t(
          lang,
          `Classeur configuré : ${o.tabsCreated.length} onglet(s) créé(s), ${o.columnsAdded.length} colonne(s) ajoutée(s), ${o.settingsAdded} paramètre(s) ajouté(s)${o.templateCreated ? ', modèle de facture créé' : ''}.${findings > 0 ? ` Modèle de facture à corriger (${findings} champ(s)) : voir le Journal.` : ''}`,
          `Workbook set up: ${o.tabsCreated.length} tab(s) created, ${o.columnsAdded.length} column(s) added, ${o.settingsAdded} setting(s) added${o.templateCreated ? ', invoice template created' : ''}.${findings > 0 ? ` Invoice template to fix (${findings} placeholder(s)): see the Log.` : ''}`,
        ),
        {
          tabsCreated: o.tabsCreated.length,
          columnsAdded: o.columnsAdded.length,
          templateMissing: check?.missing.length ?? 0,
          templateUnknown: check?.unknown.length ?? 0,
        },
      );
    }
    case 'monthly':
    case 'dispatch': {
      // The trigger runs every hour: when nothing is due it reads two things and stops.
      const plan = action === 'dispatch' ? planToday(ctx) : 'monthly';
      if (plan === 'idle' && ctx.problems.length === 0) {
        return {
          ...result(ctx, t(lang, 'Rien à faire pour le moment.', 'Nothing to do for now.')),
          quiet: true,
        };
      }
      setupWorkbook(ctx);
      const missing = missingSettings(ctx, action);
      if (missing) return missing;
      const o = action === 'monthly' ? runMonthlyJob(ctx) : dispatch(ctx, plan);
      return jobResult(ctx, o);
    }
    case 'issue': {
      setupWorkbook(ctx);
      const missing = missingSettings(ctx, action);
      if (missing) return missing;
      const { o, s } = issueThenRefresh(ctx, true, false);
      notePending(ctx);
      const pending = o.pendingMail + (s?.pendingMail ?? 0);
      return result(
        ctx,
        t(
          lang,
          `${o.issued} facture(s) émise(s), ${o.documents} document(s) créé(s), ${o.emailed} email(s) envoyé(s)${pending > 0 ? `, ${pending} en attente` : ''}.`,
          `${o.issued} invoice(s) issued, ${o.documents} document(s) created, ${o.emailed} email(s) sent${pending > 0 ? `, ${pending} pending` : ''}.`,
        ) + stopText(ctx),
        {
          issued: o.issued,
          documents: o.documents,
          emailed: o.emailed,
          reminders: 0,
          pendingMail: pending,
          stopped: ctx.budget.stopped ? 1 : 0,
        },
      );
    }
    case 'generate': {
      const missing = missingSettings(ctx, action);
      if (missing) return missing;
      const n = generateDrafts(ctx);
      return result(
        ctx,
        t(
          lang,
          `${n} brouillon(s) de facture généré(s) dans l'onglet Factures.`,
          `${n} draft invoice(s) generated in the Invoices tab.`,
        ),
        { drafts: n },
      );
    }
    case 'billing-calls': {
      setupWorkbook(ctx);
      const missing = missingSettings(ctx, action);
      if (missing) return missing;
      const o = issueAndSend(ctx, false, true);
      return result(
        ctx,
        t(
          lang,
          `${o.payables} montant(s) dû(s) aux intervenants enregistré(s), ${o.emailed} email(s) envoyé(s)${o.pendingMail > 0 ? `, ${o.pendingMail} en attente (quota)` : ''}.`,
          `${o.payables} amount(s) owed to providers recorded, ${o.emailed} email(s) sent${o.pendingMail > 0 ? `, ${o.pendingMail} pending (quota)` : ''}.`,
        ),
        { payables: o.payables, emailed: o.emailed, pendingMail: o.pendingMail },
      );
    }
    case 'record-payment':
    case 'credit-note':
    case 'debit-note':
    case 'apply-credit':
    case 'receive':
    case 'bill-session':
    case 'write-off': {
      setupWorkbook(ctx);
      const d = dialogFor(action, lang);
      ctx.ports.ui.dialog(d.title, d.html);
      return { ...result(ctx, d.title), shown: true };
    }
    case 'refresh':
    case 'remind': {
      setupWorkbook(ctx);
      const s = refreshPaymentStatus(ctx, action === 'remind');
      const cur = ctx.settings.currency || 'EUR';
      const m = (v: string) => formatMoney(Money.of(v), lang, cur);
      const summary = t(
        lang,
        `Suivi des paiements à jour : ${m(s.outstanding)} à encaisser, dont ${m(s.overdue)} échus ; ${m(s.payablesDue)} à payer ce mois-ci.`,
        `Payment status up to date: ${m(s.outstanding)} to collect, of which ${m(s.overdue)} overdue; ${m(s.payablesDue)} to pay this month.`,
      );
      const sent =
        action === 'remind'
          ? t(
              lang,
              ` ${s.reminders} relance(s) envoyée(s)${s.pendingMail > 0 ? `, ${s.pendingMail} en attente (quota)` : ''}.`,
              ` ${s.reminders} reminder(s) sent${s.pendingMail > 0 ? `, ${s.pendingMail} pending (quota)` : ''}.`,
            )
          : '';
      return result(ctx, summary + sent, {
        receivables: s.receivables,
        payables: s.payables,
        reminders: s.reminders,
        confirmations: s.confirmations,
        pendingMail: s.pendingMail,
      });
    }
    case 'schedule': {
      let created: boolean;
      try {
        created = schedule(ctx.ports);
      } catch (e) {
        // Apps Script allows an add-on one time-driven trigger per user and document.
        if (!/too many time-based triggers/i.test(e instanceof Error ? e.message : String(e)))
          throw e;
        return {
          ...result(
            ctx,
            t(
              lang,
              'Impossible de planifier : un autre déclencheur horaire de Facturier existe déjà pour ce classeur (Extensions > Apps Script > Déclencheurs). Supprimez-le puis réessayez.',
              'Cannot schedule: another time-driven trigger of Facturier already exists for this workbook (Extensions > Apps Script > Triggers). Remove it, then try again.',
            ),
          ),
          ok: false,
        };
      }
      const day = ctx.settings.billingCallDay;
      return result(
        ctx,
        created
          ? t(
              lang,
              `Exécution mensuelle planifiée : vérification toutes les heures, facturation le ${day} du mois, relances et reprises les autres jours.`,
              `Monthly run scheduled: a check every hour, invoicing on day ${day} of the month, reminders and continuations on other days.`,
            )
          : t(
              lang,
              "L'exécution mensuelle était déjà planifiée.",
              'The monthly run was already scheduled.',
            ),
        { triggers: ctx.ports.triggers.list().length },
      );
    }
    case 'unschedule': {
      const removed = unschedule(ctx.ports);
      return result(
        ctx,
        t(lang, `${removed} planification(s) supprimée(s).`, `${removed} schedule(s) removed.`),
        { removed },
      );
    }
    case 'settings': {
      const s = settingsSidebar(ctx);
      ctx.ports.ui.sidebar(s.title, s.html);
      return { ...result(ctx, s.title), shown: true };
    }
    default:
      return result(
        ctx,
        t(
          lang,
          `« ${labelOf(action, 'fr')} » arrive dans une prochaine version.`,
          `"${labelOf(action, 'en')}" comes in a later version.`,
        ),
      );
  }
}

/** A dry run: shows what would be generated and writes nothing. */
function preview(ctx: RunContext): ActionResult {
  const { rows, html } = previewDrafts(ctx);
  ctx.ports.ui.dialog(ctx.lang === 'fr' ? 'Aperçu des factures' : 'Invoice preview', html);
  const message = t(
    ctx.lang,
    `Aperçu : ${rows.length} facture(s) seraient générées${rows.map((r) => `\n· ${r.buyer} : ${r.totalTTC}`).join('')}`,
    `Preview: ${rows.length} invoice(s) would be generated${rows.map((r) => `\n· ${r.buyer}: ${r.totalTTC}`).join('')}`,
  );
  return {
    ok: true,
    title: 'Facturier',
    message,
    counts: { drafts: rows.length },
    problems: ctx.problems.length,
    shown: true,
  };
}

function isFormAction(action: ActionName): action is FormName {
  return (
    action === 'record-payment' ||
    action === 'credit-note' ||
    action === 'debit-note' ||
    action === 'apply-credit' ||
    action === 'receive' ||
    action === 'bill-session' ||
    action === 'write-off'
  );
}

/** A dialog's form, posted through google.script.run: the dialog shows the answer itself. */
function submit(ctx: RunContext, action: FormName, form: Record<string, unknown>): ActionResult {
  setupWorkbook(ctx);
  const o = submitForm(ctx, action, form);
  return {
    ok: o.ok,
    title: 'Facturier',
    message: o.message,
    counts: o.counts,
    problems: 0,
    errors: o.errors,
    shown: true,
  };
}

/** The outcome of the monthly job or the dispatcher's run. */
function jobResult(ctx: RunContext, o: JobOutcome): ActionResult {
  const lang = ctx.lang;
  const c = (k: string): number => o.counts[k] ?? 0;
  const pending = c('pendingMail');
  const counts = {
    drafts: c('drafts'),
    issued: c('issued'),
    documents: c('documents'),
    emailed: c('emailed'),
    reminders: c('reminders'),
    pendingMail: pending,
    stopped: ctx.budget.stopped ? 1 : 0,
    finished: o.finished ? 1 : 0,
  };
  if (o.plan === 'idle') {
    return result(ctx, t(lang, 'Rien à faire pour le moment.', 'Nothing to do for now.'), counts);
  }
  const what =
    o.plan === 'daily'
      ? t(
          lang,
          `Suivi quotidien : ${c('documents')} document(s) créé(s), ${c('emailed')} email(s) envoyé(s) dont ${c('reminders')} relance(s).`,
          `Daily pass: ${c('documents')} document(s) created, ${c('emailed')} email(s) sent including ${c('reminders')} reminder(s).`,
        )
      : ctx.settings.autoSend || (o.job?.steps.includes('issue') && c('issued') > 0)
        ? t(
            lang,
            `Facturation mensuelle${o.plan === 'continue' ? ' (suite)' : ''} : ${c('drafts')} brouillon(s), ${c('issued')} facture(s) émise(s), ${c('documents')} document(s) créé(s), ${c('emailed')} email(s) envoyé(s)${remindersText(c('reminders'), lang)}.`,
            `Monthly invoicing${o.plan === 'continue' ? ' (continued)' : ''}: ${c('drafts')} draft(s), ${c('issued')} invoice(s) issued, ${c('documents')} document(s) created, ${c('emailed')} email(s) sent${remindersText(c('reminders'), lang)}.`,
          )
        : t(
            lang,
            `Envoi automatique désactivé : ${c('drafts')} brouillon(s) prêt(s) à émettre ; ${c('emailed')} email(s) en attente envoyé(s)${remindersText(c('reminders'), lang)}.`,
            `Auto-send is off: ${c('drafts')} draft(s) ready to issue; ${c('emailed')} pending email(s) sent${remindersText(c('reminders'), lang)}.`,
          );
  const done =
    o.plan !== 'daily' && o.finished
      ? t(
          lang,
          ` Facturation du mois terminée${o.job && o.job.runs > 1 ? ` en ${o.job.runs} exécutions` : ''}.`,
          ` Monthly invoicing done${o.job && o.job.runs > 1 ? ` in ${o.job.runs} runs` : ''}.`,
        )
      : '';
  const waiting =
    pending > 0 && ctx.budget.stop?.reason !== 'mail-quota'
      ? t(lang, ` ${pending} email(s) en attente.`, ` ${pending} email(s) pending.`)
      : '';
  return result(ctx, what + done + waiting + stopText(ctx, pending), counts);
}

/** Why the run stopped before the end of its work, and when the rest will be done. */
function stopText(ctx: RunContext, pending = 0): string {
  const stop = ctx.budget.stop;
  if (!stop) return '';
  const lang = ctx.lang;
  if (stop.reason === 'time') {
    return t(
      lang,
      ` Temps d'exécution bientôt écoulé : arrêt propre pendant l'étape « ${stepLabel(stop.step, 'fr')} ». La suite reprend à la prochaine exécution (dans l'heure si l'exécution mensuelle est planifiée, ou en relançant l'action).`,
      ` Execution time nearly used up: stopped cleanly during the "${stepLabel(stop.step, 'en')}" step. The rest continues at the next run (within the hour when the monthly run is scheduled, or by running the action again).`,
    );
  }
  if (stop.reason === 'service-limit') {
    return t(
      lang,
      ` Service Google momentanément limité pendant l'étape « ${stepLabel(stop.step, 'fr')} » : la suite reprend à la prochaine exécution (voir le Journal).`,
      ` A Google service was limited during the "${stepLabel(stop.step, 'en')}" step: the rest continues at the next run (see the Log).`,
    );
  }
  if (stop.reason === 'docs-quota') {
    return t(
      lang,
      ' Quota Google Docs du jour atteint : les documents restants seront créés demain (voir le Journal).',
      " Today's Google Docs quota is reached: the remaining documents will be made tomorrow (see the Log).",
    );
  }
  return t(
    lang,
    ` Quota d'emails du jour atteint : ${pending} email(s) en attente, envoyé(s) à la prochaine exécution.`,
    ` Today's email quota is reached: ${pending} email(s) pending, sent by the next run.`,
  );
}

function stepLabel(step: string, lang: Lang): string {
  const labels: Record<string, [string, string]> = {
    documents: ['documents (Docs + PDF)', 'documents (Docs + PDF)'],
    send: ['envoi des factures', 'sending invoices'],
    'billing-calls': ['appels à facturation', 'billing calls'],
    reminders: ['relances', 'reminders'],
    confirmations: ['confirmations de paiement', 'payment confirmations'],
    summary: ['résumé mensuel', 'monthly summary'],
  };
  const l = labels[step];
  return l ? l[lang === 'fr' ? 0 : 1] : step;
}

function remindersText(n: number, lang: Lang): string {
  if (n === 0) return '';
  return lang === 'fr' ? ` dont ${n} relance(s)` : ` including ${n} reminder(s)`;
}

function labelOf(action: ActionName, lang: Lang): string {
  const handler = `menu${action
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('')}`;
  return menuFor(lang).find((i) => i.handler === handler)?.caption ?? action;
}

function help(ports: Ports): ActionResult {
  const message =
    'Facturier transforme vos onglets (Sessions, CRA, Formations, Inscriptions, Prestations) en factures conformes (Google Docs + PDF), les envoie par email et tient le suivi des paiements. Commencez par « Configurer le classeur », remplissez Paramètres et Clients, puis « Émettre et envoyer ». Les anomalies sont listées dans l’onglet Journal.';
  void ports;
  return { ok: true, title: 'Facturier', message, counts: {}, problems: 0, dialog: true };
}
