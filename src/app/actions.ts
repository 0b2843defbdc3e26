/**
 * The actions of the menu, the trigger and the local runner, with what every run shares:
 * the document lock, the Journal, and a short outcome for the user.
 */
import { toCalendarDate } from '../domain/time-zone';
import { requiredSettingsProblems } from '../sheets/required-settings';
import { generateDrafts, previewDrafts } from './generate';
import { issueAndSend } from './issue';
import { menuFor } from './menu';
import { RunContext } from './run-context';
import { checkTemplateOf } from './template';
import { dialogFor, submitForm, type FormName } from './forms';
import { refreshPaymentStatus, type StatusOutcome } from './payment-status';
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
  const ctx = new RunContext(ports, action);
  try {
    if (action === 'preview') return missingSettings(ctx, action) ?? preview(ctx);
    const form = options['form'];
    const result =
      isFormAction(action) && form && typeof form === 'object'
        ? submit(ctx, action, form as Record<string, unknown>)
        : perform(ctx, action);
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
    case 'issue':
    case 'monthly':
    case 'dispatch': {
      setupWorkbook(ctx);
      const missing = missingSettings(ctx, action);
      if (missing) return missing;
      const today = toCalendarDate(ctx.ports.clock.now(), ctx.timeZone);
      const monthlyDay = Number(today.slice(8, 10)) === ctx.settings.billingCallDay;
      const monthlyJob = action === 'monthly' || (action === 'dispatch' && monthlyDay);
      if (monthlyJob && !ctx.settings.autoSend) {
        const n = generateDrafts(ctx);
        const o = issueAndSend(ctx, false, true);
        const s = refreshPaymentStatus(ctx, true);
        return result(
          ctx,
          t(
            lang,
            `Envoi automatique désactivé : ${n} brouillon(s) prêt(s) à émettre ; ${o.emailed} email(s) en attente envoyé(s)${remindersText(s, 'fr')}.`,
            `Auto-send is off: ${n} draft(s) ready to issue; ${o.emailed} pending email(s) sent${remindersText(s, 'en')}.`,
          ),
          {
            drafts: n,
            issued: 0,
            documents: o.documents,
            emailed: o.emailed + s.reminders + s.confirmations,
            reminders: s.reminders,
            pendingMail: o.pendingMail + s.pendingMail,
          },
        );
      }
      // Billing calls go out from the billing-call day on (the monthly job, or a later run
      // continuing it), never before.
      const callsDue = monthlyJob || Number(today.slice(8, 10)) >= ctx.settings.billingCallDay;
      const o = issueAndSend(ctx, action === 'issue' || monthlyJob, callsDue);
      // The trigger's runs also send the reminders due and the payment confirmations.
      const s = refreshPaymentStatus(ctx, action !== 'issue');
      const pending = o.pendingMail + s.pendingMail;
      return result(
        ctx,
        t(
          lang,
          `${o.issued} facture(s) émise(s), ${o.documents} document(s) créé(s), ${o.emailed + s.reminders + s.confirmations} email(s) envoyé(s)${remindersText(s, 'fr')}${pending > 0 ? `, ${pending} en attente (quota)` : ''}.`,
          `${o.issued} invoice(s) issued, ${o.documents} document(s) created, ${o.emailed + s.reminders + s.confirmations} email(s) sent${remindersText(s, 'en')}${pending > 0 ? `, ${pending} pending (quota)` : ''}.`,
        ),
        {
          issued: o.issued,
          documents: o.documents,
          emailed: o.emailed + s.reminders + s.confirmations,
          reminders: s.reminders,
          pendingMail: pending,
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
      const created = schedule(ctx.ports);
      return result(
        ctx,
        created
          ? t(lang, 'Exécution mensuelle planifiée.', 'Monthly run scheduled.')
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
  return action === 'record-payment' || action === 'credit-note' || action === 'write-off';
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

function remindersText(s: StatusOutcome, lang: Lang): string {
  if (s.reminders === 0) return '';
  return lang === 'fr'
    ? ` dont ${s.reminders} relance(s)`
    : ` including ${s.reminders} reminder(s)`;
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
