/**
 * The only place that builds the ports from Apps Script services and decides how an outcome is
 * shown: a toast or dialog for a person at the keyboard, a log line for the trigger. No raw stack
 * trace reaches a user: an unexpected error is logged with a reference the user can quote.
 */
import { runAction, type ActionName, type ActionOptions, type ActionResult } from '../app/actions';
import { menuFor } from '../app/menu';
import type { Ports } from '../app/ports';
import {
  sidebarCall,
  sidebarWrites,
  type SidebarCall,
  type SidebarReply,
} from '../app/settings-sidebar';
import { GasDocs } from './docs';
import { GasDrive } from './drive';
import { FileCache } from './files';
import { GasMail } from './mail';
import { GasLock, GasStore, GasTriggers, GasUi } from './services';
import { GasWorkbook } from './workbook';

export function makePorts(interactive: boolean): Ports {
  const startMs = Date.now();
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const files = new FileCache();
  return {
    workbook: new GasWorkbook(ss),
    drive: new GasDrive(),
    docs: new GasDocs(files),
    mail: new GasMail(files),
    store: new GasStore(),
    lock: new GasLock(),
    triggers: new GasTriggers(ss),
    clock: { now: () => new Date(), startMs },
    ui: new GasUi(interactive),
    newId: () => Utilities.getUuid(),
    log: (m) => Logger.log(m),
  };
}

/**
 * The workbook's language (its locale, File > Settings), for the menu and the messages; the
 * user's when the workbook cannot be read (an add-on's onOpen before it is enabled, AuthMode
 * NONE), French when neither can.
 */
function workbookLang(): 'fr' | 'en' {
  const of = (locale: string): 'fr' | 'en' => (locale.toLowerCase().startsWith('en') ? 'en' : 'fr');
  try {
    return of(SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetLocale());
  } catch {
    try {
      return of(Session.getActiveUserLocale());
    } catch {
      return 'fr';
    }
  }
}

/**
 * An error no one expected: logged in full under a short reference; the user gets the reference
 * to quote, never the stack.
 */
function unexpected(e: unknown, where: string): string {
  const ref = Utilities.getUuid().slice(0, 8);
  const detail = e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e);
  Logger.log(`Facturier error ${ref} in ${where}: ${detail}`);
  console.error(`Facturier error ${ref} in ${where}: ${detail}`);
  return workbookLang() === 'en'
    ? `Unexpected error (reference ${ref}). Nothing was lost; please try again or quote this reference.`
    : `Erreur inattendue (référence ${ref}). Rien n'a été perdu ; réessayez ou communiquez cette référence.`;
}

/** onOpen runs with limited authorisation: build the menu and touch nothing else. */
export function buildMenu(): void {
  new GasUi(true).menu('Facturier', menuFor(workbookLang()));
}

export function run(
  action: ActionName,
  interactive: boolean,
  options: ActionOptions = {},
): ActionResult {
  const ports = makePorts(interactive);
  let result: ActionResult;
  try {
    result = runAction(ports, action, options);
  } catch (e) {
    result = {
      ok: false,
      title: 'Facturier',
      message: unexpected(e, action),
      counts: {},
      problems: 0,
    };
  }
  if (ports.ui.interactive && !result.shown) {
    if (result.ok && result.problems === 0 && !result.dialog)
      ports.workbook.toast(result.message, result.title);
    else ports.ui.alert(result.title, result.message);
  } else {
    Logger.log(`${result.title}: ${result.message}`);
  }
  return result;
}

/** The sidebar waits this long for another run to finish before refusing to write. */
const SIDEBAR_LOCK_MS = 5_000;

/**
 * A call from the settings sidebar (google.script.run): the ports, the document lock for the
 * calls that write (refused with a message when another run holds it), and an answer that is
 * plain JSON data. An unexpected error is logged with a reference; the sidebar shows only the
 * reference.
 */
export function serveSidebar(call: SidebarCall): SidebarReply {
  let ports: Ports | null = null;
  let locked = false;
  try {
    ports = makePorts(true);
    if (sidebarWrites(call)) {
      if (!ports.lock.tryLock(SIDEBAR_LOCK_MS)) {
        return {
          ok: false,
          message:
            workbookLang() === 'en'
              ? 'Another Facturier run is in progress: nothing was changed. Try again in a few minutes.'
              : "Une autre exécution de Facturier est en cours : rien n'a été modifié. Réessayez dans quelques minutes.",
        };
      }
      locked = true;
    }
    return JSON.parse(JSON.stringify(sidebarCall(ports, call))) as SidebarReply;
  } catch (e) {
    return { ok: false, message: unexpected(e, `sidebar ${call.fn}`) };
  } finally {
    if (locked) ports?.lock.release();
  }
}
