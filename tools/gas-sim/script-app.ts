/**
 * ScriptApp: triggers and a few project facts. Add-on rules apply when the world says the
 * script is an add-on (the default): a time-driven trigger may not run more often than hourly
 * (`everyMinutes` is refused), and a user may have only one time-driven trigger per document.
 */
import * as crypto from 'node:crypto';
import type { SimContext } from './context';
import { gasError } from './errors';
import { api, Handle, track } from './handle';
import { SpreadsheetHandle } from './spreadsheet';

type Script = typeof GoogleAppsScript.Script;
type RealScriptApp = GoogleAppsScript.Script.ScriptApp;
type RealTrigger = GoogleAppsScript.Script.Trigger;
type RealClockBuilder = GoogleAppsScript.Script.ClockTriggerBuilder;

export const EventType = {
  CLOCK: 'CLOCK',
  ON_OPEN: 'ON_OPEN',
  ON_EDIT: 'ON_EDIT',
  ON_FORM_SUBMIT: 'ON_FORM_SUBMIT',
  ON_CHANGE: 'ON_CHANGE',
  ON_EVENT_UPDATED: 'ON_EVENT_UPDATED',
} as const;
export const TriggerSource = {
  SPREADSHEETS: 'SPREADSHEETS',
  CLOCK: 'CLOCK',
  FORMS: 'FORMS',
  DOCUMENTS: 'DOCUMENTS',
  CALENDAR: 'CALENDAR',
} as const;
export const AuthMode = {
  NONE: 'NONE',
  CUSTOM_FUNCTION: 'CUSTOM_FUNCTION',
  LIMITED: 'LIMITED',
  FULL: 'FULL',
} as const;
export const AuthorizationStatus = { REQUIRED: 'REQUIRED', NOT_REQUIRED: 'NOT_REQUIRED' } as const;
export const InstallationSource = {
  APPS_MARKETPLACE_DOMAIN_ADD_ON: 'APPS_MARKETPLACE_DOMAIN_ADD_ON',
  NONE: 'NONE',
  WEB_STORE_ADD_ON: 'WEB_STORE_ADD_ON',
} as const;
export const Weekday = {
  SUNDAY: 'SUNDAY',
  MONDAY: 'MONDAY',
  TUESDAY: 'TUESDAY',
  WEDNESDAY: 'WEDNESDAY',
  THURSDAY: 'THURSDAY',
  FRIDAY: 'FRIDAY',
  SATURDAY: 'SATURDAY',
} as const;

export type EventTypeName = keyof typeof EventType;
export type TriggerSourceName = keyof typeof TriggerSource;

export interface ClockSchedule {
  everyMinutes?: number;
  everyHours?: number;
  everyDays?: number;
  everyWeeks?: number;
  onMonthDay?: number;
  onWeekDay?: string;
  atHour?: number;
  nearMinute?: number;
  timeZone?: string;
  /** One-off triggers: `after(ms)` from creation, or `at(date)`. */
  atMs?: number;
}

export interface TriggerState {
  id: string;
  handlerFunction: string;
  eventType: EventTypeName;
  source: TriggerSourceName;
  /** Spreadsheet id for spreadsheet triggers, null for clock triggers. */
  sourceId: string | null;
  /** The document the add-on created it from (the active spreadsheet then), if any. */
  documentId: string | null;
  owner: string;
  schedule: ClockSchedule | null;
  createdAtMs: number;
}

export const TOO_MANY_TIME_TRIGGERS =
  'This add-on has created too many time-based triggers in this document for this Google user account.';
export const ADDON_MINUTE_TRIGGER =
  'Add-ons may not create time-based triggers that run more frequently than once per hour.';

export class AuthorizationInfoHandle
  extends Handle
  implements GoogleAppsScript.Script.AuthorizationInfo
{
  constructor(
    private readonly required: boolean,
    private readonly url: string,
    private readonly scopes: string[],
  ) {
    super();
  }
  getAuthorizationStatus(): GoogleAppsScript.Script.AuthorizationStatus {
    return (this.required
      ? 'REQUIRED'
      : 'NOT_REQUIRED') as unknown as GoogleAppsScript.Script.AuthorizationStatus;
  }
  /** Null when no authorization is required (reference page of getAuthorizationUrl). */
  getAuthorizationUrl(): string {
    return (this.required ? this.url : null) as string;
  }
  getAuthorizedScopes(): string[] {
    return [...this.scopes];
  }
}

export class TriggerHandle extends Handle implements RealTrigger {
  constructor(readonly _state: TriggerState) {
    super();
  }
  getUniqueId(): string {
    return this._state.id;
  }
  getHandlerFunction(): string {
    return this._state.handlerFunction;
  }
  getEventType(): GoogleAppsScript.Script.EventType {
    return this._state.eventType as unknown as GoogleAppsScript.Script.EventType;
  }
  getTriggerSource(): GoogleAppsScript.Script.TriggerSource {
    return this._state.source as unknown as GoogleAppsScript.Script.TriggerSource;
  }
  getTriggerSourceId(): string {
    // Apps Script returns null for clock triggers although the type says string.
    return this._state.sourceId as string;
  }
}

function triggerHandle(ctx: SimContext, t: TriggerState): RealTrigger {
  return api(track(new TriggerHandle(t), 'Trigger', ctx.rec));
}

function newTriggerId(ctx: SimContext): string {
  return String(1_000_000_000 + ((ctx.world.nextCounter('trigger') * 48_271) % 1_000_000_000));
}

export class ClockTriggerBuilderHandle extends Handle implements RealClockBuilder {
  readonly _schedule: ClockSchedule = {};

  constructor(
    private readonly ctx: SimContext,
    private readonly handler: string,
  ) {
    super();
  }

  after(durationMilliseconds: number): RealClockBuilder {
    this._schedule.atMs = this.ctx.now().getTime() + durationMilliseconds;
    return api(this);
  }
  at(date: GoogleAppsScript.Base.Date): RealClockBuilder {
    this._schedule.atMs = date.getTime();
    return api(this);
  }
  atDate(year: number, month: number, day: number): RealClockBuilder {
    this._schedule.atMs = Date.UTC(year, month - 1, day);
    return api(this);
  }
  atHour(hour: number): RealClockBuilder {
    if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw gasError('Invalid argument: hour');
    this._schedule.atHour = hour;
    return api(this);
  }
  nearMinute(minute: number): RealClockBuilder {
    if (!Number.isInteger(minute) || minute < 0 || minute > 59) {
      throw gasError('Invalid argument: minute');
    }
    this._schedule.nearMinute = minute;
    return api(this);
  }
  everyMinutes(n: number): RealClockBuilder {
    if (this.ctx.world.isAddOn) throw gasError(ADDON_MINUTE_TRIGGER);
    if (![1, 5, 10, 15, 30].includes(n)) {
      throw gasError('Invalid argument: everyMinutes. Must be 1, 5, 10, 15 or 30.');
    }
    this._schedule.everyMinutes = n;
    return api(this);
  }
  everyHours(n: number): RealClockBuilder {
    if (!Number.isInteger(n) || n < 1) throw gasError('Invalid argument: everyHours');
    this._schedule.everyHours = n;
    return api(this);
  }
  everyDays(n: number): RealClockBuilder {
    if (!Number.isInteger(n) || n < 1) throw gasError('Invalid argument: everyDays');
    this._schedule.everyDays = n;
    return api(this);
  }
  everyWeeks(n: number): RealClockBuilder {
    if (!Number.isInteger(n) || n < 1) throw gasError('Invalid argument: everyWeeks');
    this._schedule.everyWeeks = n;
    return api(this);
  }
  onMonthDay(day: number): RealClockBuilder {
    if (!Number.isInteger(day) || day < 1 || day > 31) throw gasError('Invalid argument: day');
    this._schedule.onMonthDay = day;
    return api(this);
  }
  onWeekDay(day: GoogleAppsScript.Base.Weekday): RealClockBuilder {
    this._schedule.onWeekDay = String(day);
    return api(this);
  }
  inTimezone(timezone: string): RealClockBuilder {
    this._schedule.timeZone = timezone;
    return api(this);
  }

  create(): RealTrigger {
    const s = this._schedule;
    const recurring =
      s.everyMinutes ?? s.everyHours ?? s.everyDays ?? s.everyWeeks ?? s.onMonthDay ?? s.atMs;
    if (recurring === undefined) {
      throw gasError(
        'Trigger schedule is incomplete: call everyHours, everyDays, everyWeeks, onMonthDay, after or at before create.',
      );
    }
    const world = this.ctx.world;
    const documentId = this.ctx.hasDocument ? world.sheets.activeId : null;
    if (world.isAddOn) {
      const mine = world.triggers.filter(
        (t) => t.eventType === 'CLOCK' && t.owner === this.ctx.user && t.documentId === documentId,
      );
      if (mine.length >= 1) throw gasError(TOO_MANY_TIME_TRIGGERS);
    }
    const state: TriggerState = {
      id: newTriggerId(this.ctx),
      handlerFunction: this.handler,
      eventType: 'CLOCK',
      source: 'CLOCK',
      sourceId: null,
      documentId,
      owner: this.ctx.user,
      schedule: { ...s },
      createdAtMs: this.ctx.now().getTime(),
    };
    world.triggers.push(state);
    return triggerHandle(this.ctx, state);
  }
}

export class SpreadsheetTriggerBuilderHandle
  extends Handle
  implements GoogleAppsScript.Script.SpreadsheetTriggerBuilder
{
  private event: EventTypeName | null = null;

  constructor(
    private readonly ctx: SimContext,
    private readonly handler: string,
    private readonly spreadsheetId: string,
  ) {
    super();
  }
  onOpen(): GoogleAppsScript.Script.SpreadsheetTriggerBuilder {
    this.event = 'ON_OPEN';
    return api(this);
  }
  onEdit(): GoogleAppsScript.Script.SpreadsheetTriggerBuilder {
    this.event = 'ON_EDIT';
    return api(this);
  }
  onChange(): GoogleAppsScript.Script.SpreadsheetTriggerBuilder {
    this.event = 'ON_CHANGE';
    return api(this);
  }
  onFormSubmit(): GoogleAppsScript.Script.SpreadsheetTriggerBuilder {
    this.event = 'ON_FORM_SUBMIT';
    return api(this);
  }
  create(): RealTrigger {
    if (this.event === null) throw gasError('Trigger event is missing: call onOpen, onEdit…');
    const world = this.ctx.world;
    const state: TriggerState = {
      id: newTriggerId(this.ctx),
      handlerFunction: this.handler,
      eventType: this.event,
      source: 'SPREADSHEETS',
      sourceId: this.spreadsheetId,
      documentId: this.spreadsheetId,
      owner: this.ctx.user,
      schedule: null,
      createdAtMs: this.ctx.now().getTime(),
    };
    world.triggers.push(state);
    return triggerHandle(this.ctx, state);
  }
}

export class TriggerBuilderHandle
  extends Handle
  implements Pick<GoogleAppsScript.Script.TriggerBuilder, 'timeBased' | 'forSpreadsheet'>
{
  constructor(
    private readonly ctx: SimContext,
    private readonly handler: string,
  ) {
    super();
  }
  timeBased(): RealClockBuilder {
    return api(
      track(
        new ClockTriggerBuilderHandle(this.ctx, this.handler),
        'ClockTriggerBuilder',
        this.ctx.rec,
      ),
    );
  }
  forSpreadsheet(
    sheet: GoogleAppsScript.Spreadsheet.Spreadsheet | string,
  ): GoogleAppsScript.Script.SpreadsheetTriggerBuilder {
    const id =
      typeof sheet === 'string' ? sheet : sheet instanceof SpreadsheetHandle ? sheet._ss.id : '';
    if (!id || !this.ctx.world.sheets.get(id)) throw gasError('Invalid argument: spreadsheet');
    return api(
      track(
        new SpreadsheetTriggerBuilderHandle(this.ctx, this.handler, id),
        'SpreadsheetTriggerBuilder',
        this.ctx.rec,
      ),
    );
  }
}

export class ScriptAppHandle
  extends Handle
  implements
    Pick<
      RealScriptApp,
      | 'AuthMode'
      | 'AuthorizationStatus'
      | 'EventType'
      | 'InstallationSource'
      | 'TriggerSource'
      | 'WeekDay'
      | 'newTrigger'
      | 'getProjectTriggers'
      | 'getUserTriggers'
      | 'deleteTrigger'
      | 'getOAuthToken'
      | 'getScriptId'
      | 'getInstallationSource'
      | 'getAuthorizationInfo'
    >
{
  readonly AuthMode = AuthMode as unknown as Script['AuthMode'];
  readonly AuthorizationStatus = AuthorizationStatus as unknown as Script['AuthorizationStatus'];
  readonly EventType = EventType as unknown as Script['EventType'];
  readonly InstallationSource = InstallationSource as unknown as Script['InstallationSource'];
  readonly TriggerSource = TriggerSource as unknown as Script['TriggerSource'];
  readonly WeekDay = Weekday as unknown as RealScriptApp['WeekDay'];

  constructor(private readonly ctx: SimContext) {
    super();
  }

  newTrigger(functionName: string): GoogleAppsScript.Script.TriggerBuilder {
    if (!functionName) throw gasError('Invalid argument: functionName');
    return api(
      track(new TriggerBuilderHandle(this.ctx, functionName), 'TriggerBuilder', this.ctx.rec),
    );
  }

  /** The current user's triggers in this project. */
  getProjectTriggers(): RealTrigger[] {
    const w = this.ctx.world;
    return w.triggers
      .filter((t) => t.owner === this.ctx.user)
      .map((t) => triggerHandle(this.ctx, t));
  }

  /** The current user's triggers tied to that document. */
  getUserTriggers(document: unknown): RealTrigger[] {
    const id = document instanceof SpreadsheetHandle ? document._ss.id : null;
    const w = this.ctx.world;
    return w.triggers
      .filter((t) => t.owner === this.ctx.user && id !== null && t.documentId === id)
      .map((t) => triggerHandle(this.ctx, t));
  }

  deleteTrigger(trigger: RealTrigger): void {
    // Read the id without a counted call on the script's handle.
    const id = trigger instanceof TriggerHandle ? trigger._state.id : null;
    const w = this.ctx.world;
    w.triggers = w.triggers.filter((t) => t.id !== id);
  }

  /**
   * An OAuth 2.0 access token for the effective user (reference page of getOAuthToken): the
   * world records it with the scopes it carries (declared and granted), so that the in-memory
   * REST APIs (url-fetch.ts) accept it, and only for those scopes.
   */
  getOAuthToken(): string {
    const w = this.ctx.world;
    const seed = `${w.rest.salt}:${this.ctx.executionId}`;
    const token = `ya29.sim-${crypto.createHash('sha256').update(seed).digest('hex').slice(0, 32)}`;
    const auth = this.ctx.rec.auth;
    const declared = auth?.declared ?? w.oauthScopes;
    const granted = auth?.granted ?? w.grantedScopes;
    w.rest.issueToken(token, {
      user: this.ctx.user,
      scopes: declared.filter((s) => granted.includes(s)),
    });
    return token;
  }

  getScriptId(): string {
    return this.ctx.world.scriptId;
  }

  /**
   * REQUIRED when the manifest declares a scope the user has not granted (a new version that
   * asks for more): Class AuthorizationInfo reference page.
   */
  getAuthorizationInfo(
    authMode: GoogleAppsScript.Script.AuthMode,
    oAuthScopes?: string[],
  ): GoogleAppsScript.Script.AuthorizationInfo {
    const w = this.ctx.world;
    const wanted = oAuthScopes ?? w.oauthScopes;
    const missing = wanted.filter((s) => !w.grantedScopes.includes(s));
    void authMode;
    return api(
      track(
        new AuthorizationInfoHandle(
          missing.length > 0,
          `https://script.google.com/macros/d/${w.scriptId}/authorize`,
          w.grantedScopes.filter((s) => wanted.includes(s)),
        ),
        'AuthorizationInfo',
        this.ctx.rec,
      ),
    );
  }

  getInstallationSource(): GoogleAppsScript.Script.InstallationSource {
    const v = this.ctx.world.isAddOn ? 'WEB_STORE_ADD_ON' : 'NONE';
    return v as unknown as GoogleAppsScript.Script.InstallationSource;
  }
}

export function createScriptApp(ctx: SimContext): RealScriptApp {
  return api(track(new ScriptAppHandle(ctx), 'ScriptApp', ctx.rec));
}
