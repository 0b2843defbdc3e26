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
