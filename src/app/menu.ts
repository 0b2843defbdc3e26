/** The add-on menu of SPEC §6: captions in both languages and the entry point each calls. */
import type { Lang } from '../sheets/tabs';

export interface MenuItem {
  handler: string;
  fr: string;
  en: string;
}

export const SEPARATOR = '-';

export const MENU_ITEMS: readonly (MenuItem | typeof SEPARATOR)[] = [
  { handler: 'menuSetup', fr: 'Configurer le classeur', en: 'Set up the workbook' },
  SEPARATOR,
  { handler: 'menuPreview', fr: 'Aperçu des factures', en: 'Preview invoices' },
  { handler: 'menuGenerate', fr: 'Générer les brouillons', en: 'Generate drafts' },
  { handler: 'menuIssue', fr: 'Émettre et envoyer', en: 'Issue and send' },
  { handler: 'menuBillingCalls', fr: 'Envoyer les appels à facturation', en: 'Send billing calls' },
  { handler: 'menuBillSession', fr: 'Facturer une session', en: 'Bill a session' },
  SEPARATOR,
  { handler: 'menuRecordPayment', fr: 'Enregistrer un paiement', en: 'Record a payment' },
  { handler: 'menuCreditNote', fr: 'Émettre un avoir', en: 'Issue a credit note' },
  { handler: 'menuDebitNote', fr: 'Émettre une note de débit', en: 'Issue a debit note' },
  {
    handler: 'menuApplyCredit',
    fr: 'Imputer un crédit sur la prochaine facture',
    en: 'Apply a credit to the next invoice',
  },
  { handler: 'menuWriteOff', fr: 'Mettre en perte', en: 'Write off' },
  {
    handler: 'menuReceive',
    fr: 'Importer des factures reçues',
    en: 'Import received invoices',
  },
  { handler: 'menuRefresh', fr: 'Actualiser le suivi des paiements', en: 'Refresh payment status' },
  { handler: 'menuRemind', fr: 'Envoyer les relances', en: 'Send reminders' },
  SEPARATOR,
  {
    handler: 'menuSchedule',
    fr: "Planifier l'exécution mensuelle",
    en: 'Schedule the monthly run',
  },
  {
    handler: 'menuUnschedule',
    fr: "Déplanifier l'exécution mensuelle",
    en: 'Unschedule the monthly run',
  },
  { handler: 'menuSettings', fr: 'Paramètres', en: 'Settings' },
  { handler: 'menuDiagnostic', fr: 'Diagnostic', en: 'Diagnostic' },
  { handler: 'menuHelp', fr: 'Aide', en: 'Help' },
];

/**
 * First in the menu, only while the add-on needs authorizations the user has not granted (a
 * new version asking for more): choosing it makes Google ask for them.
 */
export const AUTHORIZE_ITEM: MenuItem = {
  handler: 'menuAuthorize',
  fr: 'Autoriser Facturier…',
  en: 'Authorize Facturier…',
};

/** What the time-driven trigger calls. */
export const TRIGGER_HANDLER = 'dispatch';

export function menuFor(
  lang: Lang,
  needsAuthorization = false,
): { caption: string; handler: string }[] {
  const items: readonly (MenuItem | typeof SEPARATOR)[] = needsAuthorization
    ? [AUTHORIZE_ITEM, SEPARATOR, ...MENU_ITEMS]
    : MENU_ITEMS;
  return items.map((item) =>
    item === SEPARATOR
      ? { caption: SEPARATOR, handler: '' }
      : { caption: item[lang], handler: item.handler },
  );
}

export function menuHandlers(): string[] {
  return [
    ...MENU_ITEMS.flatMap((item) => (item === SEPARATOR ? [] : [item.handler])),
    AUTHORIZE_ITEM.handler,
  ];
}
