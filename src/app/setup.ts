/**
 * "Set up the workbook": creates what is missing and changes nothing that exists — missing tabs
 * with their headers, formats, dropdowns and protection; missing columns appended at the end;
 * missing settings keys added with their defaults; the Drive folder and the Docs template.
 */
import { msg, t } from '../texts';
import { quotaOf } from './time-budget';
import { matchHeaders } from '../sheets/read-tab';
import { DEFAULT_SETTINGS, SETTING_DEFS, type Settings } from '../sheets/settings';
import { TABS, type TabDef } from '../sheets/tabs';
import { TEMPLATE_LAYOUT } from '../render/template-layout';
import { formatFor } from './tab-format';
import { headersOf, type RunContext } from './run-context';
import type { CellValue } from '../sheets/cells';

export interface SetupOutcome {
  tabsCreated: string[];
  columnsAdded: string[];
  settingsAdded: number;
  folderCreated: boolean;
  templateCreated: boolean;
}

export const ROOT_FOLDER = 'Facturier';

export function setupWorkbook(ctx: RunContext): SetupOutcome {
  const lang = ctx.lang;
  const wb = ctx.ports.workbook;
  const out: SetupOutcome = {
    tabsCreated: [],
    columnsAdded: [],
    settingsAdded: 0,
    folderCreated: false,
    templateCreated: false,
  };
  const store = ctx.ports.store;
  for (const def of TABS) {
    // A tab whose making a stopped run left half done (inserted, not yet headed or formatted)
    // is finished first: headers, number formats, dropdowns, frozen row, protection.
    const marker = `setup:tab:${def.key}`;
    const half = store.get(marker);
    if (half !== null && wb.sheetNames().includes(half)) {
      wb.finishTab(half, headersOf(def, lang), formatFor(def, lang));
      store.remove(marker);
      continue;
    }
    const existing = ctx.sheetName(def.key);
    if (!existing) {
      const name = def[lang];
      store.set(marker, name);
      wb.createTab(name, headersOf(def, lang), formatFor(def, lang));
      store.remove(marker);
      out.tabsCreated.push(name);
      continue;
    }
    if (half !== null) store.remove(marker);
    addMissingColumns(ctx, def, existing, out);
  }
  ctx.reset();
  out.settingsAdded = addMissingSettings(ctx);
  ctx.reset();
  ensureDriveFiles(ctx, out);
  ctx.reset();
  return out;
}

function addMissingColumns(ctx: RunContext, def: TabDef, sheet: string, out: SetupOutcome): void {
  if (def.key === 'settings') return;
  const header = ctx.ports.workbook.readHeader(sheet) ?? [];
  const found = matchHeaders(def, header);
  const missing = def.columns.filter((c) => !found.has(c.key));
  if (missing.length === 0) return;
  const lastUsed = header.reduce<number>((last, h, i) => (h === '' ? last : i + 1), 0);
  const sub: TabDef = { ...def, columns: missing };
  ctx.ports.workbook.addColumns(
    sheet,
    lastUsed + 1,
    headersOf(sub, ctx.lang),
    formatFor(sub, ctx.lang),
  );
  out.columnsAdded.push(...missing.map((c) => `${sheet}: ${c[ctx.lang]}`));
}

/** A setting's default as the workbook's language writes it (`non` / `no`, `par commanditaire`). */
function defaultText(key: keyof Settings, lang: 'fr' | 'en'): CellValue {
  const v = DEFAULT_SETTINGS[key];
  if (typeof v === 'boolean') return t(lang, v ? 'value.yes' : 'value.no');
  if (key === 'vatRate' || key === 'noShowShare') return `${String(v)} %`;
  const def = SETTING_DEFS.find((d) => d.key === key);
  const value = def && 'values' in def ? def.values?.find((x) => x.code === v) : undefined;
  if (value) return value[lang];
  return v;
}

function addMissingSettings(ctx: RunContext): number {
  const info = ctx.settingsInfo;
  const name = ctx.sheetName('settings');
  if (!name) return 0;
  const missing = SETTING_DEFS.filter((d) => !info.rows.has(d.key));
  if (missing.length === 0) return 0;
  const start = Math.max(info.lastRow, 1) + 1;
  ctx.ports.workbook.write(
    name,
    start,
    1,
    missing.map((d) => [d[ctx.lang], d.setup ? '' : defaultText(d.key, ctx.lang)]),
  );
  return missing.length;
}

function ensureDriveFiles(ctx: RunContext, out: SetupOutcome): void {
  const info = ctx.settingsInfo;
  const settingsTab = ctx.sheetName('settings');
  if (!settingsTab) return;
  const { drive, docs, workbook } = ctx.ports;
  let folderId = info.settings.folderId;
  if (!folderId || !drive.folderExists(folderId)) {
    folderId = drive.ensureFolder([ROOT_FOLDER]).id;
    out.folderCreated = true;
    const row = info.rows.get('folderId');
    if (row) workbook.write(settingsTab, row, 2, [[folderId]]);
  }
  const templateId = info.settings.templateId;
  if (!templateId || !drive.fileExists(templateId)) {
    const name = t(ctx.lang, 'setup.template-name');
    const existing = drive.findFile(folderId, name);
    let ref = existing;
    if (!ref) {
      try {
        ref = docs.createTemplate(folderId, name, TEMPLATE_LAYOUT);
      } catch (e) {
        if (quotaOf(e) === null) throw e;
        // The day's Docs quota is used up: the template, and the documents, wait for tomorrow;
        // numbers are issued meanwhile.
        ctx.budget.quota('docs-quota', 'setup');
        ctx.warn(
          'docs-quota',
          settingsTab,
          '',
          e instanceof Error ? e.message : String(e),
          msg('run.template-docs-quota'),
        );
        return;
      }
    }
    out.templateCreated = existing === null;
    const row = info.rows.get('templateId');
    if (row) workbook.write(settingsTab, row, 2, [[ref.id]]);
  }
}
