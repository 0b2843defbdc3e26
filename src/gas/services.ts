/** Small ports over LockService, ScriptApp and the UI. */
import type { LockPort, TriggerPort, UiPort } from '../app/ports';
import type { MetadataStore } from './store';

/** The lease a run writes in the workbook while it holds the lock (see GasLock). */
const LEASE_KEY = 'lock:lease';
/**
 * Apps Script ends an execution at 6 minutes (quotas page): past that, a lease's owner is dead
 * whatever happened to it, so the lease lapses then, with a margin.
 */
const LEASE_MS = 6 * 60_000 + 30_000;
const LEASE_POLL_MS = 2_000;
/** A random key per user (user properties), to tell a lease of another user. */
const USER_KEY = 'facturier:userKey';

interface Lease {
  owner: string;
  user: string;
  untilMs: number;
}

function leaseOf(raw: string | null): Lease | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<Lease>;
    return typeof v.owner === 'string' && typeof v.untilMs === 'number'
      ? { owner: v.owner, user: typeof v.user === 'string' ? v.user : '', untilMs: v.untilMs }
      : null;
  } catch {
    return null;
  }
}

function userKey(): string {
  const props = PropertiesService.getUserProperties();
  const known = props.getProperty(USER_KEY);
  if (known) return known;
  const made = Utilities.getUuid();
  props.setProperty(USER_KEY, made);
  return made;
}

/**
 * One run at a time on a workbook, whoever starts it, with locks that die with their run.
 *
 * - The document lock, when the run has a containing document: it excludes every user's runs
 *   that have one too. It is null without one (Class LockService: "If this method is called
 *   outside of the context of a containing document … null is returned"), which may be the case
 *   of the hourly trigger.
 * - The user lock, always: it excludes the same user's runs, the trigger's among them (the
 *   trigger runs as the user who scheduled it).
 * - What neither covers, a trigger run of one user against a menu run of another, a lease
 *   written in the workbook (the store) and flushed: a run that finds another user's live lease
 *   waits for it, then gives up. A lease of our own user found while we hold the user lock is
 *   a dead run's and is ignored; any lease lapses when its run must have ended. The lease is
 *   read again after being written, so of two runs that wrote at once the loser backs off.
 *
 * Document lock then user lock, always in that order, so that two runs never wait on each other.
 * Before releasing, pending spreadsheet writes are flushed (Class Lock, releaseLock(): "call
 * SpreadsheetApp.flush() prior to releasing the lock"), so that the next holder reads them.
 */
export class GasLock implements LockPort {
  private held: GoogleAppsScript.Lock.Lock[] = [];
  private readonly id = Utilities.getUuid();
  private user = '';

  constructor(private readonly store: MetadataStore) {}

  private giveUp(): false {
    for (const l of this.held.reverse()) if (l.hasLock()) l.releaseLock();
    this.held = [];
    return false;
  }

  tryLock(ms: number): boolean {
    const deadline = Date.now() + ms;
    for (const lock of [LockService.getDocumentLock(), LockService.getUserLock()]) {
      if (!lock) continue;
      if (!lock.tryLock(Math.max(0, deadline - Date.now()))) return this.giveUp();
      this.held.push(lock);
    }
    this.user = userKey();
    for (;;) {
      this.store.reload();
      const lease = leaseOf(this.store.get(LEASE_KEY));
      const now = Date.now();
      if (!lease || lease.untilMs <= now || lease.user === this.user) break;
      if (now >= deadline) return this.giveUp();
      Utilities.sleep(Math.min(LEASE_POLL_MS, deadline - now));
    }
    this.store.set(
      LEASE_KEY,
      JSON.stringify({ owner: this.id, user: this.user, untilMs: Date.now() + LEASE_MS }),
    );
    SpreadsheetApp.flush();
    this.store.reload();
    if (leaseOf(this.store.get(LEASE_KEY))?.owner !== this.id) return this.giveUp();
    return true;
  }

  release(): void {
    if (this.held.length === 0) return;
    try {
      if (leaseOf(this.store.get(LEASE_KEY))?.owner === this.id) this.store.remove(LEASE_KEY);
      SpreadsheetApp.flush();
    } finally {
      this.giveUp();
    }
  }
}

/** User property naming the workbook of a trigger: the trigger's run may have no document. */
export function triggerKey(uid: string): string {
  return `facturier:trigger:${uid}`;
}

export class GasTriggers implements TriggerPort {
  constructor(private readonly ss: GoogleAppsScript.Spreadsheet.Spreadsheet) {}

  list(): { id: string; handler: string }[] {
    return ScriptApp.getUserTriggers(this.ss)
      .filter((t) => t.getEventType() === ScriptApp.EventType.CLOCK)
      .map((t) => ({ id: t.getUniqueId(), handler: t.getHandlerFunction() }));
  }

  /** The trigger, and beside it in the user's properties the workbook it works on. */
  createHourly(handler: string): string {
    const uid = ScriptApp.newTrigger(handler).timeBased().everyHours(1).create().getUniqueId();
    PropertiesService.getUserProperties().setProperty(triggerKey(uid), this.ss.getId());
    return uid;
  }

  remove(id: string): void {
    for (const t of ScriptApp.getUserTriggers(this.ss)) {
      if (t.getUniqueId() === id) ScriptApp.deleteTrigger(t);
    }
    PropertiesService.getUserProperties().deleteProperty(triggerKey(id));
  }
}

export class GasUi implements UiPort {
  private readonly ui: GoogleAppsScript.Base.Ui | null;
  readonly interactive: boolean;

  constructor(interactive: boolean) {
    let ui: GoogleAppsScript.Base.Ui | null = null;
    if (interactive) {
      try {
        ui = SpreadsheetApp.getUi();
      } catch {
        ui = null;
      }
    }
    this.ui = ui;
    this.interactive = ui !== null;
  }

  alert(title: string, message: string): void {
    this.ui?.alert(title, message, this.ui.ButtonSet.OK);
  }

  confirm(title: string, message: string): boolean {
    if (!this.ui) return false;
    return this.ui.alert(title, message, this.ui.ButtonSet.YES_NO) === this.ui.Button.YES;
  }

  menu(title: string, items: readonly { caption: string; handler: string }[]): void {
    if (!this.ui) return;
    const menu = this.ui.createAddonMenu();
    for (const item of items) {
      if (item.caption === '-') menu.addSeparator();
      else menu.addItem(item.caption, item.handler);
    }
    menu.addToUi();
    void title;
  }

  dialog(title: string, html: string): void {
    this.ui?.showModalDialog(
      HtmlService.createHtmlOutput(html).setWidth(640).setHeight(420),
      title,
    );
  }

  sidebar(title: string, html: string): void {
    this.ui?.showSidebar(HtmlService.createHtmlOutput(html).setTitle(title));
  }
}
