/** The add-on menu of SPEC §6: each item's entry point; its caption is `menu.<handler>`. */
import { t, type TextKey } from '../texts';
import type { Lang } from '../sheets/tabs';

export interface MenuItem {
  handler: MenuHandler;
}

type HandlerOf<K> = K extends `menu.${infer H}` ? H : never;
type MenuHandler = HandlerOf<TextKey>;

export const SEPARATOR = '-';

const item = (handler: MenuHandler): MenuItem => ({ handler });

export const MENU_ITEMS: readonly (MenuItem | typeof SEPARATOR)[] = [
  item('menuSetup'),
  SEPARATOR,
  item('menuPreview'),
  item('menuGenerate'),
  item('menuIssue'),
  item('menuBillingCalls'),
  item('menuBillSession'),
  SEPARATOR,
  item('menuRecordPayment'),
  item('menuCreditNote'),
  item('menuDebitNote'),
  item('menuApplyCredit'),
  item('menuWriteOff'),
  item('menuReceive'),
  item('menuRefresh'),
  item('menuRemind'),
  SEPARATOR,
  item('menuEntries'),
  item('menuTransfers'),
  item('menuBpf'),
  SEPARATOR,
  item('menuSchedule'),
  item('menuUnschedule'),
  item('menuSettings'),
  item('menuDiagnostic'),
  item('menuHelp'),
];

/**
 * First in the menu, only while the add-on needs authorizations the user has not granted (a
 * new version asking for more): choosing it makes Google ask for them.
 */
export const AUTHORIZE_ITEM: MenuItem = item('menuAuthorize');

/** An item's caption in the workbook's language. */
export function menuCaption(item: MenuItem, lang: Lang): string {
  return t(lang, `menu.${item.handler}`);
}

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
      : { caption: menuCaption(item, lang), handler: item.handler },
  );
}

export function menuHandlers(): string[] {
  return [
    ...MENU_ITEMS.flatMap((item) => (item === SEPARATOR ? [] : [item.handler])),
    AUTHORIZE_ITEM.handler,
  ];
}
