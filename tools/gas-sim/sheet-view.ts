/**
 * Flush semantics of the spreadsheet service. Apps Script batches an execution's spreadsheet
 * writes and sends them when the script calls `SpreadsheetApp.flush()` or ends (Class
 * SpreadsheetApp, flush(): "Applies all pending Spreadsheet changes. Spreadsheet operations are
 * sometimes bundled together to improve performance"; Class Lock: call flush() before
 * releaseLock() so that the next holder sees the changes). The reference does not say when a
 * batch is sent otherwise, so the least convenient reading is imitated: another execution sees
 * none of them until the writer flushes or ends, while the writer reads its own writes.
 *
 * Executions of one world run interleaved only at call boundaries, so a single copy of the
 * sheets serves everyone: it holds the committed state plus the pending writes of one
 * execution, the view's owner. When another execution makes a spreadsheet call, the owner's
 * pending writes are taken out (kept as a diff) and that execution's own put back; a flush or
 * the end of an execution commits its writes. A write of two executions to the same cell: the
 * later commit wins, as in Sheets.
 *
 * Object identity is kept: a sheet or spreadsheet that a switch removes is kept aside and put
 * back as the same object, so the handles of a waiting execution stay valid.
 */
import {
  decodeFormat,
  decodeValue,
  encodeFormat,
  encodeValue,
  SheetState,
  SpreadsheetState,
  type Cell,
  type SheetJson,
  type ValidationState,
} from './sheets-state';
import { SPREADSHEET_CLASSES } from './scopes';
import type { World } from './world';

/** Classes whose calls read or write spreadsheet state. */
const SHEET_CLASSES = new Set(['SpreadsheetApp', ...SPREADSHEET_CLASSES]);

/** Calls that only read (or build in memory): anything else is taken to write. */
const READ_ONLY =
  /^(get|is|has|can|find|with|flush|toast$|getUi$|newDataValidation$|copyDataValidation$)/;

interface SheetSnap {
  props: string;
  cells: Map<string, string>;
}

interface SsSnap {
  meta: string;
  sheets: Map<number, SheetSnap>;
}

type Snapshot = Map<string, SsSnap>;

interface Change {
  ss: string;
  /** Undefined: the spreadsheet's own properties; else the sheet id. */
  sheet?: number;
  /** Undefined: the sheet's (or spreadsheet's) properties; else `row,col`. */
  cell?: string;
  before: string | null;
  after: string | null;
}

function sheetProps(sh: SheetState): string {
  return JSON.stringify({
    name: sh.name,
    maxRows: sh.maxRows,
    maxColumns: sh.maxColumns,
    frozenRows: sh.frozenRows,
    frozenColumns: sh.frozenColumns,
    hidden: sh.hidden,
    tabColor: sh.tabColor,
    columnWidths: sh.columnWidths,
    protections: sh.protections,
  });
}

function ssMeta(ss: SpreadsheetState): string {
  return JSON.stringify({
    name: ss.name,
    locale: ss.locale,
    timeZone: ss.timeZone,
    activeSheetId: ss.activeSheetId,
    nextSheetId: ss.nextSheetId,
    nextProtectionId: ss.nextProtectionId,
    nextMetadataId: ss.nextMetadataId,
    metadata: ss.metadata,
    order: ss.sheets.map((s) => s.id),
  });
}

function cellJson(c: Cell): string | null {
  const hasFmt = c.fmt !== undefined && Object.keys(c.fmt).length > 0;
  if (c.v === '' && c.f === undefined && !hasFmt) return null;
  return JSON.stringify([
    encodeValue(c.v),
    c.f ?? null,
    hasFmt && c.fmt ? encodeFormat(c.fmt) : null,
  ]);
}

function snapSheet(sh: SheetState): SheetSnap {
  const cells = new Map<string, string>();
  sh.rows.forEach((row, ri) => {
    row?.forEach((c, ci) => {
      if (!c) return;
      const j = cellJson(c);
      if (j !== null) cells.set(`${ri + 1},${ci + 1}`, j);
    });
  });
  return { props: sheetProps(sh), cells };
}

function snapshot(world: World): Snapshot {
  const out: Snapshot = new Map();
  for (const ss of world.sheets.spreadsheets.values()) {
    const sheets = new Map<number, SheetSnap>();
    for (const sh of ss.sheets) sheets.set(sh.id, snapSheet(sh));
    out.set(ss.id, { meta: ssMeta(ss), sheets });
  }
  return out;
}

function diff(base: Snapshot, now: Snapshot): Change[] {
  const out: Change[] = [];
  const ids = new Set([...base.keys(), ...now.keys()]);
  for (const id of ids) {
    const a = base.get(id);
    const b = now.get(id);
    if ((a?.meta ?? null) !== (b?.meta ?? null)) {
      out.push({ ss: id, before: a?.meta ?? null, after: b?.meta ?? null });
    }
    const sheetIds = new Set([...(a?.sheets.keys() ?? []), ...(b?.sheets.keys() ?? [])]);
    for (const sid of sheetIds) {
      const sa = a?.sheets.get(sid);
      const sb = b?.sheets.get(sid);
      if ((sa?.props ?? null) !== (sb?.props ?? null)) {
        out.push({ ss: id, sheet: sid, before: sa?.props ?? null, after: sb?.props ?? null });
      }
      const keys = new Set([...(sa?.cells.keys() ?? []), ...(sb?.cells.keys() ?? [])]);
      for (const k of keys) {
        const ca = sa?.cells.get(k) ?? null;
        const cb = sb?.cells.get(k) ?? null;
        if (ca !== cb) out.push({ ss: id, sheet: sid, cell: k, before: ca, after: cb });
      }
    }
  }
  return out;
}

export class SheetView {
  /** The execution whose pending writes the sheets hold now, if any. */
  private owner: string | null = null;
  /** Committed state under the owner's pending writes (taken at its first write). */
  private base: Snapshot | null = null;
  /** Pending writes of executions that are not the owner now. */
  private readonly stashed = new Map<string, Change[]>();
  /** Sheets and spreadsheets a switch took out, to put back as the same objects. */
  private readonly asideSheets = new Map<string, SheetState>();
  private readonly asideSs = new Map<string, SpreadsheetState>();

  /**
   * False for a world whose executions never overlap (the fault suite runs them one after the
   * other): writes then go straight to the sheets, which gives the same states, without the
   * copies that tracking pending writes costs. An execution that calls while another is still
   * running is refused, so that no test relies on it by mistake.
   */
  tracking = true;

  constructor(private readonly world: World) {}

  /** Before every counted call of an execution. */
  before(executionId: string, className: string, method: string): void {
    if (!SHEET_CLASSES.has(className)) return;
    if (!this.tracking) {
      if (this.owner !== null && this.owner !== executionId) {
        throw new Error('overlapping executions need flush tracking (sheetView.tracking)');
      }
      this.owner = executionId;
      return;
    }
    this.switchTo(executionId);
    if (this.base === null && !READ_ONLY.test(method)) this.base = snapshot(this.world);
  }

  /** SpreadsheetApp.flush(): the caller's writes become everyone's. */
  flush(executionId: string): void {
    if (!this.tracking) return;
    this.switchTo(executionId);
    this.base = null;
  }

  /** The end of an execution, however it ends: its pending writes are applied. */
  end(executionId: string): void {
    if (!this.tracking) {
      if (this.owner === executionId) this.owner = null;
      return;
    }
    if (this.owner !== executionId && !this.stashed.has(executionId)) return;
    this.switchTo(executionId);
    this.base = null;
    this.owner = null;
  }

  /** Whether an execution has writes that others cannot see yet (for tests). */
  pending(executionId: string): boolean {
    if (this.stashed.has(executionId)) return true;
    return this.owner === executionId && this.base !== null;
  }

  private switchTo(executionId: string): void {
    if (this.owner === executionId) return;
    if (this.owner !== null && this.base !== null) {
      const changes = diff(this.base, snapshot(this.world));
      if (changes.length > 0) {
        this.stashed.set(this.owner, changes);
        this.apply(changes, 'before');
      }
    }
    this.base = null;
    this.owner = executionId;
    const mine = this.stashed.get(executionId);
    if (mine) {
      this.stashed.delete(executionId);
      this.base = snapshot(this.world);
      this.apply(mine, 'after');
    }
  }

  private apply(changes: readonly Change[], side: 'before' | 'after'): void {
    const shared = new Map<string, ValidationState>();
    // Spreadsheets first, then sheets, then cells: a cell needs its sheet.
    const order = (c: Change): number => (c.sheet === undefined ? 0 : c.cell === undefined ? 1 : 2);
    const sorted = [...changes].sort((a, b) => order(a) - order(b));
    const orders = new Map<string, number[]>();
    for (const c of sorted) {
      const value = c[side];
      if (c.sheet === undefined) {
        const order = this.applySs(c.ss, value);
        if (order) orders.set(c.ss, order);
      } else if (c.cell === undefined) this.applySheetProps(c.ss, c.sheet, value);
      else this.applyCell(c.ss, c.sheet, c.cell, value, shared);
    }
    for (const [id, order] of orders) {
      const ss = this.world.sheets.get(id);
      if (!ss) continue;
      const rank = new Map(order.map((sid, i) => [sid, i]));
      ss.sheets.sort((a, b) => (rank.get(a.id) ?? 1e9) - (rank.get(b.id) ?? 1e9));
    }
  }

  private applySs(id: string, meta: string | null): number[] | null {
    const sheets = this.world.sheets;
    const current = sheets.get(id);
    if (meta === null) {
      if (current) {
        this.asideSs.set(id, current);
        sheets.spreadsheets.delete(id);
      }
      return null;
    }
    const m = JSON.parse(meta) as {
      name: string;
      locale: string;
      timeZone: string;
      activeSheetId: number | null;
      nextSheetId: number;
      nextProtectionId: number;
      nextMetadataId: number;
      metadata: SpreadsheetState['metadata'];
      order: number[];
    };
    let ss = current ?? this.asideSs.get(id);
    if (!ss) ss = new SpreadsheetState(id, m.name, m.locale, m.timeZone);
    if (!current) sheets.add(ss);
    ss.name = m.name;
    ss.locale = m.locale;
    ss.timeZone = m.timeZone;
    ss.activeSheetId = m.activeSheetId;
    ss.nextSheetId = m.nextSheetId;
    ss.nextProtectionId = m.nextProtectionId;
    ss.nextMetadataId = m.nextMetadataId;
    ss.metadata = m.metadata.map((x) => ({ ...x }));
    return m.order;
  }

  private applySheetProps(ssId: string, sheetId: number, props: string | null): void {
    const ss = this.world.sheets.get(ssId);
    if (!ss) return;
    const key = `${ssId}/${sheetId}`;
    let sh = ss.sheetById(sheetId);
    if (props === null) {
      if (sh) {
        this.asideSheets.set(key, sh);
        ss.sheets = ss.sheets.filter((s) => s !== sh);
      }
      return;
    }
    const p = JSON.parse(props) as Omit<SheetJson, 'id' | 'cells'>;
    if (!sh) {
      sh = this.asideSheets.get(key) ?? new SheetState(sheetId, p.name, p.maxRows, p.maxColumns);
      ss.sheets.push(sh);
    }
    sh.name = p.name;
    sh.maxRows = p.maxRows;
    sh.maxColumns = p.maxColumns;
    sh.frozenRows = p.frozenRows;
    sh.frozenColumns = p.frozenColumns;
    sh.hidden = p.hidden;
    sh.tabColor = p.tabColor;
    sh.columnWidths = { ...p.columnWidths };
    sh.protections = p.protections.map((x) => ({ ...x }));
  }

  private applyCell(
    ssId: string,
    sheetId: number,
    key: string,
    value: string | null,
    shared: Map<string, ValidationState>,
  ): void {
    const sh = this.world.sheets.get(ssId)?.sheetById(sheetId);
    if (!sh) return;
    const [r, c] = key.split(',').map(Number) as [number, number];
    if (value === null) {
      const row = sh.rows[r - 1];
      if (row) row[c - 1] = undefined;
      return;
    }
    const [v, f, fmt] = JSON.parse(value) as [
      Parameters<typeof decodeValue>[0],
      string | null,
      Parameters<typeof decodeFormat>[0] | null,
    ];
    const cell = sh.ensureCell(r, c);
    cell.v = decodeValue(v);
    if (f === null) delete cell.f;
    else cell.f = f;
    if (fmt === null) delete cell.fmt;
    else cell.fmt = decodeFormat(fmt, shared);
  }
}
