/**
 * Why a received file cannot be read, in the workbook's language: a PDF with no invoice XML,
 * imported into a French workbook and into an English one, through the product's own import
 * (`receiveFiles` over an in-memory workbook). Its row in the received invoices tab and its
 * Journal line say why in the workbook's language, never in another.
 */
import type { Ports, WorkbookPort } from '../../../src/app/ports';
import { receiveFiles } from '../../../src/app/receive';
import { RunContext } from '../../../src/app/run-context';
import type { CellValue } from '../../../src/sheets/cells';
import { standInPdf } from '../../../tools/gas-sim/drive-files';

function unused(): never {
  throw new Error('not used by this test');
}

/** A workbook of plain grids: what is written is read back. */
function memoryWorkbook(tabs: Map<string, CellValue[][]>): WorkbookPort {
  const write = (
    name: string,
    row: number,
    column: number,
    values: readonly (readonly CellValue[])[],
  ) => {
    const grid = tabs.get(name) ?? [];
    values.forEach((cells, r) => {
      const line = (grid[row - 1 + r] ??= []);
      cells.forEach((v, c) => {
        line[column - 1 + c] = v;
      });
    });
    tabs.set(name, grid);
  };
  return {
    timeZone: 'Europe/Paris',
    refresh: () => undefined,
    sheetNames: () => [...tabs.keys()],
    read: (name) => tabs.get(name)?.map((r) => [...r]) ?? null,
    readNumberFormats: (_name, rows, _column, width) =>
      Array.from({ length: rows }, () => Array.from({ length: width }, () => '')),
    readHeader: (name) => tabs.get(name)?.[0] ?? null,
    createTab: (name, headers) => void tabs.set(name, [[...headers]]),
    finishTab: () => undefined,
    addColumns: (name, startColumn, headers) => write(name, 1, startColumn, [headers]),
    write,
    writeColours: () => undefined,
    toast: () => undefined,
  };
}

function ports(tabs: Map<string, CellValue[][]>): Ports {
  let ids = 0;
  const store = new Map<string, string>();
  return {
    workbook: memoryWorkbook(tabs),
    drive: {
      ensureFolder: () => ({ id: 'folder', url: 'https://drive.google.com/drive/folders/folder' }),
      createBinaryFile: (_folder: string, name: string) => ({
        id: name,
        url: `https://drive.google.com/file/d/${encodeURIComponent(name)}`,
      }),
    },
    store: {
      get: (k: string) => store.get(k) ?? null,
      set: (k: string, v: string) => void store.set(k, v),
      remove: (...keys: string[]) => keys.forEach((k) => store.delete(k)),
      keys: (prefix: string) => [...store.keys()].filter((k) => k.startsWith(prefix)),
    },
    clock: { now: () => new Date(Date.UTC(2026, 11, 14, 9)), startMs: Date.UTC(2026, 11, 14, 9) },
    ui: { interactive: false, alert: unused, confirm: unused, menu: unused, sidebar: unused },
    newId: () => `0000test-${String(++ids).padStart(4, '0')}-4000-8000-000000000000`,
    log: () => undefined,
  } as unknown as Ports;
}

/** Imports a PDF without any embedded file into a workbook whose only setting is its language. */
function importScan(
  settingsTab: string,
  settings: CellValue[][],
): {
  outcome: (tab: string, header: string) => string;
  journal: (tab: string) => string[];
} {
  const tabs = new Map<string, CellValue[][]>([[settingsTab, settings]]);
  const ctx = new RunContext(ports(tabs), 'receive');
  const result = receiveFiles(ctx, [
    { name: 'scan.pdf', bytes: new Uint8Array(standInPdf('Facture papier scannée')) },
  ]);
  expect(result).toMatchObject({ files: 1, unreadable: 1 });
  ctx.flushJournal('');
  const column = (tab: string, header: string): string[] => {
    const [head = [], ...rows] = tabs.get(tab) ?? [];
    return rows.map((r) => String(r[head.indexOf(header)] ?? ''));
  };
  return {
    outcome: (tab, header) => column(tab, header).join('\n'),
    journal: (tab) => column(tab, 'Message').filter((m) => m.includes('scan.pdf')),
  };
}

describe('a received PDF with no invoice XML', () => {
  it('is unreadable in French in a French workbook', () => {
    const read = importScan('Paramètres', [
      ['Clé', 'Valeur'],
      ['Langue', 'fr'],
    ]);
    expect(read.outcome('Factures reçues', 'Résultat')).toBe(
      'illisible\u00a0: le PDF ne contient pas de XML de facture (aucun fichier joint)',
    );
    expect(read.journal('Journal')).toEqual([
      'Facture reçue scan.pdf illisible\u00a0: le PDF ne contient pas de XML de facture (aucun fichier joint)',
    ]);
  });

  it('is unreadable in English in an English workbook', () => {
    const read = importScan('Settings', [
      ['Key', 'Value'],
      ['Language', 'en'],
    ]);
    expect(read.outcome('Received invoices', 'Outcome')).toBe(
      'unreadable: the PDF has no embedded invoice XML (no embedded file at all)',
    );
    expect(read.journal('Log')).toEqual([
      'Received invoice scan.pdf unreadable: the PDF has no embedded invoice XML (no embedded file at all)',
    ]);
  });
});
