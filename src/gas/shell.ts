/**
 * The only place that builds the ports from Apps Script services and decides how an outcome is
 * shown: a toast or dialog for a person at the keyboard, a log line for the trigger. No raw stack
 * trace reaches a user: an unexpected error is logged with a reference the user can quote.
 */
import { t } from '../texts';
import { runAction, type ActionName, type ActionOptions, type ActionResult } from '../app/actions';
import { noticeAuthorization } from '../app/authorization';
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
import { appsScriptEnv, RestClient } from './rest';
import { EXECUTION_LIMIT_MS, RESERVE_MS } from '../app/time-budget';
import { GasMail } from './mail';
import { GasLock, GasTriggers, GasUi, triggerKey } from './services';
import { redact } from '../domain/redact';
import { MetadataStore } from './store';
import { GasWorkbook } from './workbook';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The run could not tell which workbook it is for (a trigger without its record). */
export class NoWorkbookError extends Error {}

/** The trigger's unique id in a time-driven event (event objects reference page). */
function triggerUidOf(event: unknown): string | null {
  if (!event || typeof event !== 'object') return null;
  const uid = (event as { triggerUid?: unknown }).triggerUid;
  return typeof uid === 'string' || typeof uid === 'number' ? String(uid) : null;
}

/**
 * The workbook of this run: the active one when the run has a containing document; else, in a
 * time-driven trigger's run, the one recorded beside the trigger when it was scheduled (no
 * reference page says such a run has an active document). Opening by id needs the spreadsheets
 * scope (SpreadsheetApp.openById lists only it).
 */
export function openWorkbook(event?: unknown): Spreadsheet {
  const active = SpreadsheetApp.getActiveSpreadsheet();
  if (active) return active;
  const uid = triggerUidOf(event);
  const id = uid ? PropertiesService.getUserProperties().getProperty(triggerKey(uid)) : null;
  if (!id) {
    throw new NoWorkbookError(
      uid
        ? `Trigger ${uid} has no workbook recorded: open the workbook and schedule the run again.`
        : 'No active workbook and no trigger event: run this from the workbook or its trigger.',
    );
  }
  return SpreadsheetApp.openById(id);
}

export function makePorts(interactive: boolean, ss: Spreadsheet = openWorkbook()): Ports {
  const startMs = Date.now();
  // REST waves retry a 429 or a 5xx only while the execution keeps its reserve.
  const rest = new RestClient(
    appsScriptEnv((ms) => Date.now() - startMs + ms <= EXECUTION_LIMIT_MS - RESERVE_MS),
  );
  const files = new FileCache(rest);
  const store = new MetadataStore(ss);
  return {
    workbook: new GasWorkbook(ss),
    drive: new GasDrive(),
    docs: new GasDocs(files, rest),
    mail: new GasMail(files),
    store,
    lock: new GasLock(store),
    triggers: new GasTriggers(ss),
    clock: { now: () => new Date(), startMs },
    ui: new GasUi(interactive),
    newId: () => Utilities.getUuid(),
    log: (m) => Logger.log(redact(m)),
  };
}

/**
 * The workbook's language (its locale, File > Settings), for the menu and the messages; the
 * user's when the workbook cannot be read (an add-on's onOpen before it is enabled, AuthMode
 * NONE), French when neither can.
 */
export function workbookLang(): 'fr' | 'en' {
  const of = (locale: string): 'fr' | 'en' => (locale.toLowerCase().startsWith('en') ? 'en' : 'fr');
  try {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    if (!ss) throw new Error('no active workbook');
    return of(ss.getSpreadsheetLocale());
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
  const detail = redact(e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e));
  Logger.log(`Facturier error ${ref} in ${where}: ${detail}`);
  console.error(`Facturier error ${ref} in ${where}: ${detail}`);
  return t(workbookLang(), 'shell.unexpected-error', { ref });
}

/**
 * Whether the add-on needs authorizations not granted yet. Unknown (null) where even asking is
 * not allowed: onOpen in AuthMode.NONE may only read the locale and build the menu.
 */
function authorizationRequired(): { required: boolean; url: string | null } | null {
  try {
    const info = ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL);
    const required = info.getAuthorizationStatus() === ScriptApp.AuthorizationStatus.REQUIRED;
    return { required, url: required ? info.getAuthorizationUrl() : null };
  } catch {
    return null;
  }
}

/**
 * onOpen runs in AuthMode.NONE (installed, not yet used in this workbook) or LIMITED: build the
 * menu and touch nothing else. The menu starts with "Authorize Facturier…" while a new version
 * waits for authorizations.
 */
export function buildMenu(): void {
  const auth = authorizationRequired();
  new GasUi(true).menu('Facturier', menuFor(workbookLang(), auth?.required === true));
}

/**
 * "Authorize Facturier…": running a menu item is what makes Google ask the user for the
 * missing authorizations; once they are granted this run says so. If they are still missing,
 * it shows the page where they are granted.
 */
export function authorize(): void {
  const auth = authorizationRequired();
  const lang = workbookLang();
  const ui = new GasUi(true);
  if (auth?.required) {
    ui.alert('Facturier', t(lang, 'shell.authorization-waiting', { url: auth.url ?? '' }));
    return;
  }
  ui.alert('Facturier', t(lang, 'shell.authorized'));
}

/** User property: the day the missing authorization was last reported. */
const AUTH_NOTICE_KEY = 'facturier:authorizationNotice';

/**
 * A trigger's run first checks the authorization (ScriptApp.getAuthorizationInfo): when some is
 * missing, it does nothing else and reports it once a day (Journal and finance email, as far as
 * what is still authorised allows). Null when the run may go on.
 */
function authorizationGate(event: unknown): ActionResult | null {
  const auth = authorizationRequired();
  if (!auth?.required) return null;
  const props = PropertiesService.getUserProperties();
  const day = Utilities.formatDate(new Date(), Session.getScriptTimeZone(), 'yyyy-MM-dd');
  let notice = 'already reported today';
  if (props.getProperty(AUTH_NOTICE_KEY) !== day) {
    props.setProperty(AUTH_NOTICE_KEY, day);
    try {
      const ports = makePorts(false, openWorkbook(event));
      const got = ports.lock.tryLock(0);
      try {
        const n = noticeAuthorization(ports, auth.url);
        notice = `Journal ${n.journal ? 'written' : 'not written'}, email ${n.emailed ? 'sent' : 'not sent'}`;
      } finally {
        if (got) ports.lock.release();
      }
    } catch (e) {
      notice = `not reported: ${redact(e instanceof Error ? e.message : String(e))}`;
    }
  }
  const message = `Facturier: authorization required, nothing done (${notice}).`;
  Logger.log(message);
  return { ok: false, title: 'Facturier', message, counts: {}, problems: 0, quiet: true };
}

export function run(
  action: ActionName,
  interactive: boolean,
  options: ActionOptions = {},
  event?: unknown,
): ActionResult {
  if (!interactive) {
    const gate = authorizationGate(event);
    if (gate) return gate;
  }
  let ports: Ports;
  try {
    ports = makePorts(interactive, openWorkbook(event));
  } catch (e) {
    const message =
      e instanceof NoWorkbookError ? `Facturier: ${e.message}` : unexpected(e, action);
    Logger.log(message);
    return { ok: false, title: 'Facturier', message, counts: {}, problems: 0 };
  }
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
          message: t(workbookLang(), 'shell.sidebar-busy'),
        };
      }
      locked = true;
      ports.workbook.refresh();
    }
    return JSON.parse(JSON.stringify(sidebarCall(ports, call))) as SidebarReply;
  } catch (e) {
    return { ok: false, message: unexpected(e, `sidebar ${call.fn}`) };
  } finally {
    if (locked) ports?.lock.release();
  }
}
