/**
 * The actions of the menu, the trigger and the local runner, with what every run shares:
 * the document lock, the Journal, and a short outcome for the user.
 */
import { issueAndSend } from './issue';
import { menuFor } from './menu';
import { RunContext } from './run-context';
import { setupWorkbook } from './setup';
import { schedule, unschedule } from './schedule';
import type { Ports } from './ports';

export type ActionName =
  | 'setup'
  | 'preview'
  | 'generate'
  | 'issue'
  | 'billing-calls'
  | 'record-payment'
  | 'credit-note'
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
}

const LOCK_WAIT_MS = 10_000;

type Lang = 'fr' | 'en';
const t = (lang: Lang, fr: string, en: string) => (lang === 'fr' ? fr : en);

export function runAction(
  ports: Ports,
  action: ActionName,
  _options: ActionOptions = {},
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
    const result = perform(ctx, action);
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
      return result(
        ctx,
        t(
          lang,
          `Classeur configuré : ${o.tabsCreated.length} onglet(s) créé(s), ${o.columnsAdded.length} colonne(s) ajoutée(s), ${o.settingsAdded} paramètre(s) ajouté(s)${o.templateCreated ? ', modèle de facture créé' : ''}.`,
          `Workbook set up: ${o.tabsCreated.length} tab(s) created, ${o.columnsAdded.length} column(s) added, ${o.settingsAdded} setting(s) added${o.templateCreated ? ', invoice template created' : ''}.`,
        ),
        { tabsCreated: o.tabsCreated.length, columnsAdded: o.columnsAdded.length },
      );
    }
    case 'issue':
    case 'monthly':
    case 'dispatch': {
      setupWorkbook(ctx);
      const o = issueAndSend(ctx);
      return result(
        ctx,
        t(
          lang,
          `${o.issued} facture(s) émise(s), ${o.documents} document(s) créé(s), ${o.emailed} email(s) envoyé(s)${o.pendingMail > 0 ? `, ${o.pendingMail} en attente (quota)` : ''}.`,
          `${o.issued} invoice(s) issued, ${o.documents} document(s) created, ${o.emailed} email(s) sent${o.pendingMail > 0 ? `, ${o.pendingMail} pending (quota)` : ''}.`,
        ),
        {
          issued: o.issued,
          documents: o.documents,
          emailed: o.emailed,
          pendingMail: o.pendingMail,
        },
      );
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
