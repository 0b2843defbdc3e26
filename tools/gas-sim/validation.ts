/** Data validation rules and protections of the in-memory Sheets. */
import type { SimContext } from './context';
import type { GridRect } from './a1';
import type { CellValue } from './cell-parse';
import { gasError } from './errors';
import { api, Handle, track } from './handle';
import type {
  ProtectionState,
  SheetState,
  SpreadsheetState,
  ValidationState,
} from './sheets-state';
import { rangeHandle, RangeHandle } from './range';
import { toScriptDate } from './script-date';
import { dateMs, isDateLike } from './time';
import { userHandle } from './utilities';

type RealBuilder = GoogleAppsScript.Spreadsheet.DataValidationBuilder;
type RealRule = GoogleAppsScript.Spreadsheet.DataValidation;
type RealCriteria = GoogleAppsScript.Spreadsheet.DataValidationCriteria;
type RealProtection = GoogleAppsScript.Spreadsheet.Protection;

const CRITERIA = [
  'DATE_AFTER',
  'DATE_BEFORE',
  'DATE_BETWEEN',
  'DATE_EQUAL_TO',
  'DATE_IS_VALID_DATE',
  'DATE_NOT_BETWEEN',
  'DATE_ON_OR_AFTER',
  'DATE_ON_OR_BEFORE',
  'NUMBER_BETWEEN',
  'NUMBER_EQUAL_TO',
  'NUMBER_GREATER_THAN',
  'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  'NUMBER_LESS_THAN',
  'NUMBER_LESS_THAN_OR_EQUAL_TO',
  'NUMBER_NOT_BETWEEN',
  'NUMBER_NOT_EQUAL_TO',
  'TEXT_CONTAINS',
  'TEXT_DOES_NOT_CONTAIN',
  'TEXT_EQUAL_TO',
  'TEXT_IS_VALID_EMAIL',
  'TEXT_IS_VALID_URL',
  'VALUE_IN_LIST',
  'VALUE_IN_RANGE',
  'CUSTOM_FORMULA',
  'CHECKBOX',
] as const;
export type CriteriaName = (typeof CRITERIA)[number];
export const DataValidationCriteria = Object.fromEntries(CRITERIA.map((c) => [c, c])) as {
  [K in CriteriaName]: K;
};

export const ProtectionType = { RANGE: 'RANGE', SHEET: 'SHEET' } as const;

/** Reads the cells a VALUE_IN_RANGE rule points at. */
export type RangeReader = (ref: NonNullable<ValidationState['rangeRef']>) => CellValue[];

function asNumber(v: CellValue): number | null {
  return typeof v === 'number' ? v : null;
}

function asMs(v: CellValue): number | null {
  return isDateLike(v) ? dateMs(v) : null;
}

/** Whether a value satisfies a rule; empty cells always do. */
export function satisfies(rule: ValidationState, v: CellValue, readRange: RangeReader): boolean {
  if (v === '') return true;
  const args = rule.values;
  const n = asNumber(v);
  const a0 = args[0];
  const a1 = args[1];
  const numArg = (x: CellValue | undefined): number => (typeof x === 'number' ? x : Number(x));
  const msArg = (x: CellValue | undefined): number =>
    x !== undefined && isDateLike(x) ? dateMs(x) : NaN;
  const t = asMs(v);
  switch (rule.criteria) {
    case 'VALUE_IN_LIST':
      return args.some((x) => String(x) === String(v));
    case 'VALUE_IN_RANGE':
      return rule.rangeRef ? readRange(rule.rangeRef).some((x) => String(x) === String(v)) : true;
    case 'CHECKBOX':
      if (args.length >= 1) return args.some((x) => String(x) === String(v));
      return typeof v === 'boolean';
    case 'NUMBER_BETWEEN':
      return n !== null && n >= numArg(a0) && n <= numArg(a1);
    case 'NUMBER_NOT_BETWEEN':
      return n !== null && (n < numArg(a0) || n > numArg(a1));
    case 'NUMBER_EQUAL_TO':
      return n !== null && n === numArg(a0);
    case 'NUMBER_NOT_EQUAL_TO':
      return n !== null && n !== numArg(a0);
    case 'NUMBER_GREATER_THAN':
      return n !== null && n > numArg(a0);
    case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
      return n !== null && n >= numArg(a0);
    case 'NUMBER_LESS_THAN':
      return n !== null && n < numArg(a0);
    case 'NUMBER_LESS_THAN_OR_EQUAL_TO':
      return n !== null && n <= numArg(a0);
    case 'DATE_IS_VALID_DATE':
      return t !== null;
    case 'DATE_AFTER':
      return t !== null && t > msArg(a0);
    case 'DATE_BEFORE':
      return t !== null && t < msArg(a0);
    case 'DATE_ON_OR_AFTER':
      return t !== null && t >= msArg(a0);
    case 'DATE_ON_OR_BEFORE':
      return t !== null && t <= msArg(a0);
    case 'DATE_EQUAL_TO':
      return t !== null && t === msArg(a0);
    case 'DATE_BETWEEN':
      return t !== null && t >= msArg(a0) && t <= msArg(a1);
    case 'DATE_NOT_BETWEEN':
      return t !== null && (t < msArg(a0) || t > msArg(a1));
    case 'TEXT_CONTAINS':
      return String(v).includes(String(a0));
    case 'TEXT_DOES_NOT_CONTAIN':
      return !String(v).includes(String(a0));
    case 'TEXT_EQUAL_TO':
      return String(v) === String(a0);
    case 'TEXT_IS_VALID_EMAIL':
      return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(String(v));
    case 'TEXT_IS_VALID_URL':
      return /^(https?|ftp):\/\/\S+$/i.test(String(v));
    default:
      // CUSTOM_FORMULA: the simulator computes no formulas.
      return true;
  }
}

export class DataValidationHandle
  extends Handle
  implements
    Pick<
      RealRule,
      'copy' | 'getAllowInvalid' | 'getCriteriaType' | 'getCriteriaValues' | 'getHelpText'
    >
{
  constructor(
    private readonly ctx: SimContext,
    readonly _state: ValidationState,
  ) {
    super();
  }
  copy(): RealBuilder {
    return newValidationBuilder(this.ctx, { ...this._state, values: [...this._state.values] });
  }
  getAllowInvalid(): boolean {
    return this._state.allowInvalid;
  }
  getCriteriaType(): RealCriteria {
    return this._state.criteria as unknown as RealCriteria;
  }
  getCriteriaValues(): unknown[] {
    const tz = this.ctx.world.timeZone;
    const vals: unknown[] = this._state.values.map((v) =>
      isDateLike(v) ? toScriptDate(dateMs(v), tz) : v,
    );
    if (this._state.criteria === 'VALUE_IN_LIST' || this._state.criteria === 'VALUE_IN_RANGE') {
      // Apps Script reports [list or range, showDropdown].
      return [vals, this._state.showDropdown];
    }
    return vals;
  }
  getHelpText(): string {
    return this._state.helpText ?? '';
  }
}

export function validationHandle(ctx: SimContext, state: ValidationState): RealRule {
  return api(track(new DataValidationHandle(ctx, state), 'DataValidation', ctx.rec));
}

export class DataValidationBuilderHandle
  extends Handle
  implements
    Pick<
      RealBuilder,
      | 'build'
      | 'copy'
      | 'getAllowInvalid'
      | 'getCriteriaType'
      | 'getCriteriaValues'
      | 'getHelpText'
      | 'requireCheckbox'
      | 'requireDate'
      | 'requireDateAfter'
      | 'requireDateBefore'
      | 'requireDateBetween'
      | 'requireDateEqualTo'
      | 'requireDateNotBetween'
      | 'requireDateOnOrAfter'
      | 'requireDateOnOrBefore'
      | 'requireFormulaSatisfied'
      | 'requireNumberBetween'
      | 'requireNumberEqualTo'
      | 'requireNumberGreaterThan'
      | 'requireNumberGreaterThanOrEqualTo'
      | 'requireNumberLessThan'
      | 'requireNumberLessThanOrEqualTo'
      | 'requireNumberNotBetween'
      | 'requireNumberNotEqualTo'
      | 'requireTextContains'
      | 'requireTextDoesNotContain'
      | 'requireTextEqualTo'
      | 'requireTextIsEmail'
      | 'requireTextIsUrl'
      | 'requireValueInList'
      | 'requireValueInRange'
      | 'setAllowInvalid'
      | 'setHelpText'
      | 'withCriteria'
    >
{
  constructor(
    private readonly ctx: SimContext,
    readonly _state: ValidationState,
  ) {
    super();
  }

  _set(criteria: CriteriaName, values: CellValue[]): RealBuilder {
    this._state.criteria = criteria;
    this._state.values = values;
    delete this._state.rangeRef;
    return api(this);
  }

  build(): RealRule {
    if (this._state.criteria === '') throw gasError('You must specify a criteria for the rule.');
    return validationHandle(this.ctx, { ...this._state, values: [...this._state.values] });
  }
  copy(): RealBuilder {
    return newValidationBuilder(this.ctx, { ...this._state, values: [...this._state.values] });
  }
  getAllowInvalid(): boolean {
    return this._state.allowInvalid;
  }
  getCriteriaType(): RealCriteria {
    return this._state.criteria as unknown as RealCriteria;
  }
  getCriteriaValues(): unknown[] {
    return [...this._state.values];
  }
  getHelpText(): string | null {
    return this._state.helpText;
  }
  requireCheckbox(checked?: unknown, unchecked?: unknown): RealBuilder {
    const vals = [checked, unchecked].filter((x): x is CellValue => x !== undefined);
    return this._set('CHECKBOX', vals);
  }
  requireDate(): RealBuilder {
    return this._set('DATE_IS_VALID_DATE', []);
  }
  requireDateAfter(date: GoogleAppsScript.Base.Date): RealBuilder {
    return this._set('DATE_AFTER', [new Date(date.getTime())]);
  }
  requireDateBefore(date: GoogleAppsScript.Base.Date): RealBuilder {
    return this._set('DATE_BEFORE', [new Date(date.getTime())]);
  }
  requireDateBetween(
    start: GoogleAppsScript.Base.Date,
    end: GoogleAppsScript.Base.Date,
  ): RealBuilder {
    return this._set('DATE_BETWEEN', [new Date(start.getTime()), new Date(end.getTime())]);
  }
  requireDateEqualTo(date: GoogleAppsScript.Base.Date): RealBuilder {
    return this._set('DATE_EQUAL_TO', [new Date(date.getTime())]);
  }
  requireDateNotBetween(
    start: GoogleAppsScript.Base.Date,
    end: GoogleAppsScript.Base.Date,
  ): RealBuilder {
    return this._set('DATE_NOT_BETWEEN', [new Date(start.getTime()), new Date(end.getTime())]);
  }
  requireDateOnOrAfter(date: GoogleAppsScript.Base.Date): RealBuilder {
    return this._set('DATE_ON_OR_AFTER', [new Date(date.getTime())]);
  }
  requireDateOnOrBefore(date: GoogleAppsScript.Base.Date): RealBuilder {
    return this._set('DATE_ON_OR_BEFORE', [new Date(date.getTime())]);
  }
  requireFormulaSatisfied(formula: string): RealBuilder {
    return this._set('CUSTOM_FORMULA', [formula]);
  }
  requireNumberBetween(start: number, end: number): RealBuilder {
    return this._set('NUMBER_BETWEEN', [start, end]);
  }
  requireNumberEqualTo(n: number): RealBuilder {
    return this._set('NUMBER_EQUAL_TO', [n]);
  }
  requireNumberGreaterThan(n: number): RealBuilder {
    return this._set('NUMBER_GREATER_THAN', [n]);
  }
  requireNumberGreaterThanOrEqualTo(n: number): RealBuilder {
    return this._set('NUMBER_GREATER_THAN_OR_EQUAL_TO', [n]);
  }
  requireNumberLessThan(n: number): RealBuilder {
    return this._set('NUMBER_LESS_THAN', [n]);
  }
  requireNumberLessThanOrEqualTo(n: number): RealBuilder {
    return this._set('NUMBER_LESS_THAN_OR_EQUAL_TO', [n]);
  }
  requireNumberNotBetween(start: number, end: number): RealBuilder {
    return this._set('NUMBER_NOT_BETWEEN', [start, end]);
  }
  requireNumberNotEqualTo(n: number): RealBuilder {
    return this._set('NUMBER_NOT_EQUAL_TO', [n]);
  }
  requireTextContains(text: string): RealBuilder {
    return this._set('TEXT_CONTAINS', [text]);
  }
  requireTextDoesNotContain(text: string): RealBuilder {
    return this._set('TEXT_DOES_NOT_CONTAIN', [text]);
  }
  requireTextEqualTo(text: string): RealBuilder {
    return this._set('TEXT_EQUAL_TO', [text]);
  }
  requireTextIsEmail(): RealBuilder {
    return this._set('TEXT_IS_VALID_EMAIL', []);
  }
  requireTextIsUrl(): RealBuilder {
    return this._set('TEXT_IS_VALID_URL', []);
  }
  requireValueInList(values: string[], showDropdown = true): RealBuilder {
    if (!Array.isArray(values) || values.length === 0) {
      throw gasError(
        "The parameters (number[]) don't match the method signature for SpreadsheetApp.DataValidationBuilder.requireValueInList.",
      );
    }
    this._set(
      'VALUE_IN_LIST',
      values.map((v) => String(v)),
    );
    this._state.showDropdown = showDropdown;
    return api(this);
  }
  requireValueInRange(range: GoogleAppsScript.Spreadsheet.Range, showDropdown = true): RealBuilder {
    if (!(range instanceof RangeHandle)) throw gasError('Invalid argument: range');
    const ref = { spreadsheetId: range._ss.id, sheetId: range._sheet.id, rect: { ...range._rect } };
    this._set('VALUE_IN_RANGE', []);
    this._state.rangeRef = ref;
    this._state.showDropdown = showDropdown;
    return api(this);
  }
  setAllowInvalid(allowInvalidData: boolean): RealBuilder {
    this._state.allowInvalid = allowInvalidData;
    return api(this);
  }
  setHelpText(helpText: string): RealBuilder {
    this._state.helpText = helpText;
    return api(this);
  }
  withCriteria(criteria: RealCriteria, args: unknown[]): RealBuilder {
    const name = String(criteria);
    if (!(CRITERIA as readonly string[]).includes(name))
      throw gasError('Invalid argument: criteria');
    return this._set(name as CriteriaName, args as CellValue[]);
  }
}

export function newValidationBuilder(ctx: SimContext, state?: ValidationState): RealBuilder {
  const s: ValidationState = state ?? {
    criteria: '',
    values: [],
    showDropdown: true,
    allowInvalid: true,
    helpText: null,
  };
  return api(track(new DataValidationBuilderHandle(ctx, s), 'DataValidationBuilder', ctx.rec));
}

/* ---------------- Protection ---------------- */

export class ProtectionHandle
  extends Handle
  implements
    Pick<
      RealProtection,
      | 'addEditor'
      | 'addEditors'
      | 'canDomainEdit'
      | 'canEdit'
      | 'getDescription'
      | 'getEditors'
      | 'getProtectionType'
      | 'getRange'
      | 'getUnprotectedRanges'
      | 'isWarningOnly'
      | 'remove'
      | 'removeEditor'
      | 'removeEditors'
      | 'setDescription'
      | 'setDomainEdit'
      | 'setUnprotectedRanges'
      | 'setWarningOnly'
    >
{
  constructor(
    private readonly ctx: SimContext,
    private readonly ss: SpreadsheetState,
    private readonly sheet: SheetState,
    readonly _state: ProtectionState,
  ) {
    super();
  }

  addEditor(user: string | GoogleAppsScript.Base.User): RealProtection {
    const email = typeof user === 'string' ? user : user.getEmail();
    if (!this._state.editors.includes(email)) this._state.editors.push(email);
    return api(this);
  }
  addEditors(emailAddresses: string[]): RealProtection {
    for (const e of emailAddresses) this.addEditor(e);
    return api(this);
  }
  removeEditor(user: string | GoogleAppsScript.Base.User): RealProtection {
    const email = typeof user === 'string' ? user : user.getEmail();
    this._state.editors = this._state.editors.filter((e) => e !== email);
    return api(this);
  }
  removeEditors(users: string[] | GoogleAppsScript.Base.User[]): RealProtection {
    for (const u of users) this.removeEditor(u);
    return api(this);
  }
  canDomainEdit(): boolean {
    return this._state.domainEdit;
  }
  setDomainEdit(editable: boolean): RealProtection {
    this._state.domainEdit = editable;
    return api(this);
  }
  /** The script runs as the owner, who can always edit. */
  canEdit(): boolean {
    return true;
  }
  getDescription(): string {
    return this._state.description;
  }
  setDescription(description: string): RealProtection {
    this._state.description = description;
    return api(this);
  }
  getEditors(): GoogleAppsScript.Base.User[] {
    const owner = this.ctx.world.userEmail;
    const emails = [owner, ...this._state.editors.filter((e) => e !== owner)];
    return emails.map((e) => userHandle(this.ctx, e));
  }
  getProtectionType(): GoogleAppsScript.Spreadsheet.ProtectionType {
    return this._state.type as unknown as GoogleAppsScript.Spreadsheet.ProtectionType;
  }
  getRange(): GoogleAppsScript.Spreadsheet.Range {
    return this._rangeOf(this._state.rect);
  }
  getUnprotectedRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    return this._state.unprotected.map((rect) => this._rangeOf(rect));
  }
  setUnprotectedRanges(ranges: GoogleAppsScript.Spreadsheet.Range[]): RealProtection {
    if (this._state.type !== 'SHEET') {
      throw gasError('Unprotected ranges can only be set on a sheet protection.');
    }
    this._state.unprotected = ranges.flatMap((r) =>
      r instanceof RangeHandle && r._sheet === this.sheet ? [{ ...r._rect }] : [],
    );
    return api(this);
  }
  isWarningOnly(): boolean {
    return this._state.warningOnly;
  }
  setWarningOnly(warningOnly: boolean): RealProtection {
    this._state.warningOnly = warningOnly;
    if (warningOnly) this._state.editors = [];
    return api(this);
  }
  remove(): void {
    this.sheet.protections = this.sheet.protections.filter((p) => p !== this._state);
  }

  /** A whole-sheet protection's range is the sheet's full grid. */
  _rangeOf(rect: GridRect | undefined): GoogleAppsScript.Spreadsheet.Range {
    const r = rect ?? {
      row: 1,
      col: 1,
      numRows: this.sheet.maxRows,
      numCols: this.sheet.maxColumns,
    };
    return rangeHandle(this.ctx, this.ss, this.sheet, r);
  }
}

export function protectionHandle(
  ctx: SimContext,
  ss: SpreadsheetState,
  sheet: SheetState,
  state: ProtectionState,
): RealProtection {
  return api(track(new ProtectionHandle(ctx, ss, sheet, state), 'Protection', ctx.rec));
}
