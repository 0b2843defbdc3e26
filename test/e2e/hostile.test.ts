/**
 * Hostile and unusual input through the built bundle: each case gets a clear Journal line at the
 * cell that caused it, and nothing is lost or billed twice.
 */
import { importCsvFolder, displayRows } from '../../tools/gas-sim/csv-workbook';
import { containerText } from '../../tools/gas-sim/doc-model';
import { Recorder } from '../../tools/gas-sim/recorder';
import { runEntry, type RunResult } from '../../tools/gas-sim/vm-loader';
import { World } from '../../tools/gas-sim/world';
import { bundleCode, demoWorkbook } from './helpers';

const code = bundleCode();

function demoWorld(): World {
  const world = new World({ today: '2026-12-05', mailDailyQuota: 1500 });
  importCsvFolder(demoWorkbook, world);
  return world;
}

function tab(world: World, name: string): string[][] {
  const ss = world.sheets.active();
  if (!ss) return [];
  return displayRows(ss).find((t) => t.tab === name)?.rows ?? [];
}

/** Sets one cell of a tab, found by its header and the row where `match` is in `by`. */
function setCell(
  world: World,
  tabName: string,
  by: string,
  match: string,
  header: string,
  v: string | number,
): void {
  const ss = world.sheets.active();
  const sheet = ss?.sheetByName(tabName);
  if (!sheet) throw new Error(`no tab ${tabName}`);
  const headers = tab(world, tabName)[0] ?? [];
  const col = headers.indexOf(header) + 1;
  const key = headers.indexOf(by) + 1;
  for (let r = 2; r <= sheet.lastRow(); r++) {
    if (String(sheet.cell(r, key)?.v ?? '') === match) {
      sheet.ensureCell(r, col).v = v;
      return;
    }
  }
  throw new Error(`no row with ${by} = ${match} in ${tabName}`);
}

const journal = (world: World): string[] => tab(world, 'Journal').map((r) => r.join(' | '));
const outcome = (r: RunResult) =>
  r.result as { ok: boolean; message: string; counts: Record<string, number> };

describe('user text is never a placeholder', () => {
  it('a description or a client name holding {{…}} is printed as typed, not filled in', () => {
    const world = demoWorld();
    setCell(
      world,
      'Prestations',
      'Désignation',
      'Direction artistique',
      'Désignation',
      'Direction {{payment.iban}}',
    );
    setCell(world, 'Clients', 'Code', 'LUMEN', 'Nom', '{{seller.ids}}');
    const run = runEntry(world, code, 'runMonthly', undefined, {
      interactive: false,
      document: true,
      limitMs: null,
    });
    expect(run.error).toBeNull();
    const docs = [...world.drive.files.values()].filter((f) => f.doc && /^FA-/.test(f.name));
    const texts = docs
      .map((f) => containerText(f.doc?.body ?? ({ children: [] } as never)))
      .join('\n');
    expect(texts).toContain('Direction {\u200b{payment.iban}\u200b}');
    expect(texts).toContain('{\u200b{seller.ids}\u200b}');
    // The organisation's IBAN appears only where the template puts it, never in the description.
    expect(texts).not.toMatch(/Direction FR76/);
  });
});

describe('an address MailApp refuses', () => {
  it('is reported at its cell before anything is sent, masked, and the other invoices go', () => {
    const world = demoWorld();
    setCell(
      world,
      'Clients',
      'Code',
      'BRIOCHE',
      'Email(s) de facturation',
      'compta[1]@brioche-cie.example',
    );
    const run = runEntry(world, code, 'runMonthly', undefined, {
      interactive: false,
      document: true,
      limitMs: null,
    });
    expect(run.error).toBeNull();
    const lines = journal(world);
    expect(lines.some((l) => /Clients \| L2 \|/.test(l))).toBe(true);
    // No email address in the Journal, in Logger or in console.
    expect(lines.join('\n')).not.toContain('compta[1]@brioche-cie.example');
    expect(world.logs.map((l) => l.message).join('\n')).not.toMatch(/@brioche-cie\.example/);
    const brioche = world.mail.sent.filter((m) => m.to.some((t) => t.includes('brioche')));
    expect(brioche).toEqual([]);
    const others = world.mail.sent.filter((m) => /^Facture/.test(m.subject));
    expect(others.length).toBeGreaterThan(0);
  });
});

describe('a renamed register', () => {
  it('stops issuing with a clear line rather than numbering from 1 again', () => {
    const world = demoWorld();
    runEntry(world, code, 'runMonthly', undefined, {
      interactive: false,
      document: true,
      limitMs: null,
    });
    const issued = tab(world, 'Factures')
      .slice(1)
      .map((r) => r[0]);
    expect(issued).toContain('FA-2026-00001');
    const sheet = world.sheets.active()?.sheetByName('Factures');
    if (!sheet) throw new Error('no register');
    sheet.name = 'Factures 2026 (archive)';
    // A new source line, for next month's run.
    world.advanceTo('2027-01-05');
    const next = runEntry(world, code, 'runMonthly', undefined, {
      interactive: false,
      document: true,
      limitMs: null,
    });
    expect(next.error).toBeNull();
    expect(journal(world).some((l) => l.includes('Registre des factures incomplet'))).toBe(true);
    const fresh = tab(world, 'Factures')
      .slice(1)
      .map((r) => r[0])
      .filter((n) => n);
    expect(fresh).toEqual([]);
    const sentNumbers = world.mail.sent
      .map((m) => m.subject)
      .filter((s) => s.includes('FA-2026-00001'));
    expect(sentNumbers).toHaveLength(1);
  });
});

describe('a negative quantity on an extra line', () => {
  it('is refused at its cell; the line is billed to nobody', () => {
    const world = demoWorld();
    setCell(
      world,
      'Prestations',
      'Désignation',
      'Frais de déplacement Lyon–Vienne',
      'Quantité',
      -1,
    );
    runEntry(world, code, 'runMonthly', undefined, {
      interactive: false,
      document: true,
      limitMs: null,
    });
    const lines = journal(world);
    expect(lines.some((l) => /Prestations \| G5 \|.*quantité/i.test(l))).toBe(true);
    const billed = tab(world, 'Lignes').map((r) => r.join(' | '));
    expect(billed.some((l) => l.includes('Frais de déplacement'))).toBe(false);
  });
});

describe('two runs started together', () => {
  it('the second reads the tabs once it holds the lock: no "sheet already exists", nothing twice', () => {
    const world = demoWorld();
    const rec = new Recorder();
    let other: RunResult | null = null;
    rec.failWhen(
      (c) => {
        // The first run has read the tab list and is about to take the lock: the other runs
        // from start to end in between.
        if (other === null && c.className === 'LockService') {
          other = runEntry(world, code, 'menuIssue', undefined, { user: 'colleague@example.com' });
        }
        return false;
      },
      'never thrown',
      Number.POSITIVE_INFINITY,
    );
    const first = runEntry(world, code, 'menuIssue', undefined, { recorder: rec });
    expect(first.error).toBeNull();
    expect(JSON.stringify(first.result)).not.toMatch(/already exists|Erreur inattendue/);
    expect((other as unknown as RunResult).error).toBeNull();
    const numbers = tab(world, 'Factures')
      .slice(1)
      .map((r) => r[0])
      .filter((n) => n);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers).toHaveLength(9);
    expect(outcome(first).counts['issued'] ?? 0).toBe(0);
  });
});

describe("a provider's IBAN that fails its checksum", () => {
  it('is reported at its Intervenants cell, masked; the self-billed invoice waits, the others go', () => {
    const world = demoWorld();
    setCell(world, 'Intervenants', 'Code', 'CLEMENT', 'IBAN', 'FR76 1027 8073 0000 0201 2345 680');
    runEntry(world, code, 'runMonthly', undefined, {
      interactive: false,
      document: true,
      limitMs: null,
    });
    const lines = journal(world);
    const iban = lines.filter((l) => /\| Intervenants \| K2 \|/.test(l));
    expect(iban).toHaveLength(1);
    expect(iban[0]).toMatch(/IBAN/);
    expect(lines.join('\n')).not.toContain('FR76 1027 8073 0000 0201 2345 680');
    expect(lines.join('\n')).not.toMatch(/FR7610278073000002012345680/);
    const register = tab(world, 'Factures').slice(1);
    expect(register.some((r) => (r[0] ?? '').startsWith('AF-CLEMENT'))).toBe(false);
    expect(register.filter((r) => /^FA-2026-/.test(r[0] ?? '')).length).toBeGreaterThan(0);
  });
});

describe('percent cells as Sheets stores them', () => {
  /** What typing `text` into a cell gives: the number Sheets stores and its percent format. */
  function typePercent(tabName: string, row: number, header: string, v: number): void {
    const sheet = world.sheets.active()?.sheetByName(tabName);
    const col = (tab(world, tabName)[0] ?? []).indexOf(header) + 1;
    if (!sheet || col === 0) throw new Error(`no ${tabName}!${header}`);
    const cell = sheet.ensureCell(row, col);
    cell.v = v;
    cell.fmt = { ...cell.fmt, numberFormat: '0%' };
  }
  let world: World;

  it('"300 %" typed as a VAT rate is refused at its cell, the line billed to nobody', () => {
    world = demoWorld();
    typePercent('Prestations', 2, 'Taux TVA', 3);
    runEntry(world, code, 'runMonthly', undefined, {
      interactive: false,
      document: true,
      limitMs: null,
    });
    const refused = journal(world).filter((l) => /\| Prestations \| K2 \|/.test(l));
    expect(refused).toHaveLength(1);
    expect(refused[0]).toContain('300 %');
    const billed = tab(world, 'Lignes').map((r) => r.join(' | '));
    expect(billed.some((l) => l.includes('Direction artistique'))).toBe(false);
    const lignes = tab(world, 'Lignes');
    const rateCol = (lignes[0] ?? []).indexOf('Taux TVA');
    expect(rateCol).toBeGreaterThan(0);
    const vatRates = lignes.slice(1).map((x) => x[rateCol]);
    expect(vatRates).not.toContain('3');
  });

  it('"100 %" typed as a coverage bills the whole line to the financer', () => {
    world = demoWorld();
    const rows = tab(world, 'Inscriptions');
    const r = rows.findIndex((x) => x.includes('OPCOATL'));
    expect(r).toBeGreaterThan(0);
    typePercent('Inscriptions', r + 1, 'Prise en charge', 1);
    runEntry(world, code, 'runMonthly', undefined, {
      interactive: false,
      document: true,
      limitMs: null,
    });
    expect(
      journal(world).some((l) => new RegExp(`\\| Inscriptions \\| J${r + 1} \\|`).test(l)),
    ).toBe(false);
    const opco = tab(world, 'Factures').find((x) => (x[1] ?? '').endsWith(':OPCOATL'));
    expect(opco?.[0]).toMatch(/^FA-2026-/);
  });
});

describe('one document the service refuses', () => {
  it('is reported at its register row and made by the next run; the other documents go on', () => {
    const world = demoWorld();
    // The Drive API refuses the run's first copy of the template (HTTP 400: a request it will
    // never accept, unlike a 429 or a 5xx, which are tried again).
    world.rest.failNext('drive.files.copy', 400, 1);
    const run = runEntry(world, code, 'runMonthly', undefined, {
      interactive: false,
      document: true,
      limitMs: null,
    });
    expect(run.error).toBeNull();
    const refused = journal(world).filter((l) => l.includes('document non créé'));
    expect(refused).toHaveLength(1);
    const register = tab(world, 'Factures');
    const docCol = (register[0] ?? []).indexOf('Lien Doc');
    expect(docCol).toBeGreaterThan(0);
    const withoutDoc = register.slice(1).filter((r) => r[0] && !r[docCol]);
    expect(withoutDoc).toHaveLength(1);
    const number = withoutDoc[0]?.[0] ?? '';
    const row = register.findIndex((r) => r[0] === number) + 1;
    expect(refused[0]).toContain(`| Factures | A${row} |`);
    expect(refused[0]).toContain(number);
    expect(register.slice(1).filter((r) => r[0] && r[docCol]).length).toBe(
      register.slice(1).filter((r) => r[0]).length - 1,
    );
    world.advanceTo('2026-12-05', '11:00');
    const again = runEntry(world, code, 'runMonthly', undefined, {
      interactive: false,
      document: true,
      limitMs: null,
    });
    expect(again.error).toBeNull();
    const after = tab(world, 'Factures');
    expect(after.slice(1).filter((r) => r[0] && !r[docCol])).toEqual([]);
    const docs = [...world.drive.files.values()].filter(
      (f) => f.doc && f.name.startsWith(`${number} `) && !world.drive.isTrashed(f),
    );
    expect(docs).toHaveLength(1);
  });
});
