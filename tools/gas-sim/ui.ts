/**
 * SpreadsheetApp.getUi(): menus, alerts, prompts, sidebars and dialogs. Everything shown is
 * recorded in the world's UiLog; answers to alerts and prompts come from a queue the test or
 * the local runner fills with `world.ui.respond(...)`.
 */
import type { SimContext } from './context';
import { gasError } from './errors';
import { api, Handle, track } from './handle';
import { HtmlOutputHandle } from './html';

type Base = typeof GoogleAppsScript.Base;
type RealUi = GoogleAppsScript.Base.Ui;
type RealMenu = GoogleAppsScript.Base.Menu;
type RealButton = GoogleAppsScript.Base.Button;
type RealButtonSet = GoogleAppsScript.Base.ButtonSet;

export type ButtonName = 'CLOSE' | 'OK' | 'CANCEL' | 'YES' | 'NO';
export type ButtonSetName = 'OK' | 'OK_CANCEL' | 'YES_NO' | 'YES_NO_CANCEL';

/** Apps Script enums are objects whose values print as their names; ours are those names. */
export const Button = {
  CLOSE: 'CLOSE',
  OK: 'OK',
  CANCEL: 'CANCEL',
  YES: 'YES',
  NO: 'NO',
} as const satisfies Record<ButtonName, ButtonName>;
export const ButtonSet = {
  OK: 'OK',
  OK_CANCEL: 'OK_CANCEL',
  YES_NO: 'YES_NO',
  YES_NO_CANCEL: 'YES_NO_CANCEL',
} as const satisfies Record<ButtonSetName, ButtonSetName>;

const BUTTONS_OF: Record<ButtonSetName, ButtonName[]> = {
  OK: ['OK'],
  OK_CANCEL: ['OK', 'CANCEL'],
  YES_NO: ['YES', 'NO'],
  YES_NO_CANCEL: ['YES', 'NO', 'CANCEL'],
};

/** One line of a menu: an item (caption, functionName), a separator, or a submenu (items). */
export interface MenuEntry {
  type: 'item' | 'separator' | 'submenu';
  caption?: string;
  functionName?: string;
  items?: MenuEntry[];
}

export interface MenuRecord {
  kind: 'addon' | 'menu';
  /** null for the add-on menu, whose title is the add-on's name. */
  caption: string | null;
  items: MenuEntry[];
  executionId: string;
}

/** A programmed answer: the button the user presses and, for prompts, the text typed. */
export interface UiResponse {
  button?: ButtonName;
  text?: string;
}

export interface DialogRecord {
  kind: 'alert' | 'prompt';
  title: string | null;
  prompt: string;
  buttons: ButtonSetName;
  answer: { button: ButtonName; text: string };
  executionId: string;
}

export interface ToastRecord {
  message: string;
  title: string;
  timeoutSeconds: number | null;
  spreadsheetId: string;
  executionId: string;
  atMs: number;
  /** False when shown from a trigger, where no one sees it. */
  interactive: boolean;
}

export interface HtmlShownRecord {
  kind: 'sidebar' | 'modal' | 'modeless';
  title: string;
  content: string;
  width: number | null;
  height: number | null;
  executionId: string;
}

export class UiLog {
  menus: MenuRecord[] = [];
  dialogs: DialogRecord[] = [];
  toasts: ToastRecord[] = [];
  html: HtmlShownRecord[] = [];
  /** Answers still to be given, oldest first. */
  responses: UiResponse[] = [];

  /** Queue answers for the next alerts/prompts, in order. */
  respond(...answers: UiResponse[]): void {
    this.responses.push(...answers);
  }

  /** The last menu added to the UI (what onOpen built). */
  lastMenu(): MenuRecord | undefined {
    return this.menus[this.menus.length - 1];
  }

  /** A fresh log with the same pending responses (what a new day keeps: nothing shown). */
  clearShown(): void {
    this.menus = [];
    this.dialogs = [];
    this.toasts = [];
    this.html = [];
  }
}

export const UI_CONTEXT_ERROR = 'Cannot call SpreadsheetApp.getUi() from this context.';

export function createUi(ctx: SimContext): RealUi {
  if (!ctx.interactive) throw gasError(UI_CONTEXT_ERROR);
  return api<RealUi>(track(new UiHandle(ctx), 'Ui', ctx.rec));
}

function buttonSetName(b: RealButtonSet | undefined): ButtonSetName {
  const s = String(b ?? 'OK');
  return s in BUTTONS_OF ? (s as ButtonSetName) : 'OK';
}

export class UiHandle
  extends Handle
  implements
    Pick<
      RealUi,
      | 'Button'
      | 'ButtonSet'
      | 'alert'
      | 'prompt'
      | 'createAddonMenu'
      | 'createMenu'
      | 'showSidebar'
      | 'showModalDialog'
      | 'showModelessDialog'
    >
{
  readonly Button = Button as unknown as Base['Button'];
  readonly ButtonSet = ButtonSet as unknown as Base['ButtonSet'];

  constructor(private readonly ctx: SimContext) {
    super();
  }

  alert(a: string, b?: string | RealButtonSet, c?: RealButtonSet): RealButton {
    const { title, prompt, set } = this._args(a, b, c);
    const answer = this._answer(set);
    this.ctx.world.ui.dialogs.push({
      kind: 'alert',
      title,
      prompt,
      buttons: set,
      answer: { button: answer.button, text: '' },
      executionId: this.ctx.executionId,
    });
    return answer.button as unknown as RealButton;
  }

  prompt(
    a: string,
    b?: string | RealButtonSet,
    c?: RealButtonSet,
  ): GoogleAppsScript.Base.PromptResponse {
    const { title, prompt, set } = this._args(a, b, c);
    const answer = this._answer(set);
    this.ctx.world.ui.dialogs.push({
      kind: 'prompt',
      title,
      prompt,
      buttons: set,
      answer,
      executionId: this.ctx.executionId,
    });
    return api(
      track(new PromptResponseHandle(answer.button, answer.text), 'PromptResponse', this.ctx.rec),
    );
  }

  createAddonMenu(): RealMenu {
    return api(track(new MenuHandle(this.ctx, 'addon', null), 'Menu', this.ctx.rec));
  }

  createMenu(caption: string): RealMenu {
    return api(track(new MenuHandle(this.ctx, 'menu', caption), 'Menu', this.ctx.rec));
  }

  showSidebar(userInterface: GoogleAppsScript.HTML.HtmlOutput): void {
    this._show('sidebar', userInterface, null);
  }

  showModalDialog(userInterface: GoogleAppsScript.HTML.HtmlOutput, title: string): void {
    this._show('modal', userInterface, title);
  }

  showModelessDialog(userInterface: GoogleAppsScript.HTML.HtmlOutput, title: string): void {
    this._show('modeless', userInterface, title);
  }

  _show(kind: HtmlShownRecord['kind'], ui: unknown, title: string | null): void {
    if (!(ui instanceof HtmlOutputHandle)) throw gasError('Invalid argument: userInterface');
    this.ctx.world.ui.html.push({
      kind,
      title: title ?? ui.title,
      content: ui.content,
      width: ui.width,
      height: ui.height,
      executionId: this.ctx.executionId,
    });
  }

  _args(
    a: string,
    b: string | RealButtonSet | undefined,
    c: RealButtonSet | undefined,
  ): { title: string | null; prompt: string; set: ButtonSetName } {
    if (c !== undefined) return { title: a, prompt: String(b), set: buttonSetName(c) };
    return { title: null, prompt: a, set: buttonSetName(b as RealButtonSet | undefined) };
  }

  /** Next queued answer; with none queued, the first button of the set (OK or YES). */
  _answer(set: ButtonSetName): { button: ButtonName; text: string } {
    const allowed = BUTTONS_OF[set];
    const next = this.ctx.world.ui.responses.shift();
    const button = next?.button ?? allowed[0] ?? 'OK';
    if (button !== 'CLOSE' && !allowed.includes(button)) {
      throw new Error(`Programmed UI answer ${button} is not a button of ${set}`);
    }
    return { button, text: next?.text ?? '' };
  }
}

export class PromptResponseHandle extends Handle implements GoogleAppsScript.Base.PromptResponse {
  constructor(
    private readonly button: ButtonName,
    private readonly text: string,
  ) {
    super();
  }
  getResponseText(): string {
    return this.text;
  }
  getSelectedButton(): RealButton {
    return this.button as unknown as RealButton;
  }
}

export class MenuHandle extends Handle implements RealMenu {
  readonly _items: MenuEntry[] = [];

  constructor(
    private readonly ctx: SimContext,
    private readonly kind: 'addon' | 'menu',
    readonly _caption: string | null,
  ) {
    super();
  }

  addItem(caption: string, functionName: string): RealMenu {
    this._items.push({ type: 'item', caption, functionName });
    return api(this);
  }

  addSeparator(): RealMenu {
    this._items.push({ type: 'separator' });
    return api(this);
  }

  addSubMenu(menu: RealMenu): RealMenu {
    if (!(menu instanceof MenuHandle)) throw gasError('Invalid argument: menu');
    this._items.push({ type: 'submenu', caption: menu._caption ?? '', items: [...menu._items] });
    return api(this);
  }

  addToUi(): void {
    const ui = this.ctx.world.ui;
    // Adding a menu with the same caption again replaces it, as in Sheets.
    ui.menus = ui.menus.filter((m) => !(m.kind === this.kind && m.caption === this._caption));
    ui.menus.push({
      kind: this.kind,
      caption: this._caption,
      items: structuredClone(this._items),
      executionId: this.ctx.executionId,
    });
  }
}
