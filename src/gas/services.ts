/** Small ports over PropertiesService, LockService, ScriptApp and the UI. */
import type { LockPort, StorePort, TriggerPort, UiPort } from '../app/ports';

export class GasStore implements StorePort {
  private readonly props = PropertiesService.getDocumentProperties();
  /** Every property, read in one call on first use; this run holds the document lock. */
  private cache: Record<string, string> | null = null;

  private all(): Record<string, string> {
    if (!this.cache) this.cache = { ...this.props.getProperties() };
    return this.cache;
  }
  get(key: string): string | null {
    return this.all()[key] ?? null;
  }
  set(key: string, value: string): void {
    this.props.setProperty(key, value);
    this.all()[key] = value;
  }
  remove(key: string): void {
    this.props.deleteProperty(key);
    delete this.all()[key];
  }
}

export class GasLock implements LockPort {
  private readonly lock = LockService.getDocumentLock();
  tryLock(ms: number): boolean {
    return this.lock.tryLock(ms);
  }
  release(): void {
    if (this.lock.hasLock()) this.lock.releaseLock();
  }
}

export class GasTriggers implements TriggerPort {
  constructor(private readonly ss: GoogleAppsScript.Spreadsheet.Spreadsheet) {}

  list(): { id: string; handler: string }[] {
    return ScriptApp.getUserTriggers(this.ss)
      .filter((t) => t.getEventType() === ScriptApp.EventType.CLOCK)
      .map((t) => ({ id: t.getUniqueId(), handler: t.getHandlerFunction() }));
  }

  createHourly(handler: string): string {
    return ScriptApp.newTrigger(handler).timeBased().everyHours(1).create().getUniqueId();
  }

  remove(id: string): void {
    for (const t of ScriptApp.getUserTriggers(this.ss)) {
      if (t.getUniqueId() === id) ScriptApp.deleteTrigger(t);
    }
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
