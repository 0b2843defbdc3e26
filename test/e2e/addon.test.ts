/**
 * The add-on as a person and the hourly trigger meet it, through the built bundle in the
 * in-memory Apps Script: the menu in the workbook's language, every action's outcome, one
 * trigger, the lock, the dispatcher across days, quotas, progress toasts.
 */
import { MENU_ITEMS, SEPARATOR, menuCaption } from '../../src/app/menu';
import { displayRows, importCsvFolder } from '../../tools/gas-sim/csv-workbook';
import { Execution } from '../../tools/gas-sim/execution';
import { Recorder } from '../../tools/gas-sim/recorder';
import { fireTrigger, runEntry, type RunResult } from '../../tools/gas-sim/vm-loader';
import { World } from '../../tools/gas-sim/world';
import { generatedWorkbook } from '../../tools/local/generated-workbook';
import { bundleCode, demoWorkbook, hourly } from './helpers';

interface Outcome {
  ok: boolean;
  message: string;
  counts: Record<string, number>;
}

const outcome = (r: RunResult): Outcome => r.result as Outcome;

function demoWorld(opts: ConstructorParameters<typeof World>[0] = { today: '2026-12-05' }): World {
  const world = new World(opts);
  importCsvFolder(demoWorkbook, world);
  return world;
}

function tab(world: World, name: string): string[][] {
  const ss = world.sheets.active();
  return displayRows(ss ?? (undefined as never)).find((t) => t.tab === name)?.rows ?? [];
}

/** Everything shown to the user by one execution. */
function shown(world: World, run: RunResult): string[] {
  const id = run.execution.ctx.executionId;
  return [
    ...world.ui.toasts.filter((t) => t.executionId === id).map((t) => `toast: ${t.message}`),
    ...world.ui.dialogs.filter((d) => d.executionId === id).map((d) => `alert: ${d.prompt}`),
    ...world.ui.html.filter((h) => h.executionId === id).map((h) => `${h.kind}: ${h.title}`),
  ];
}

const code = bundleCode();

describe('the menu', () => {
  const handlers = MENU_ITEMS.flatMap((i) => (i === SEPARATOR ? [] : [i]));

  it.each([
    ['fr_FR', 'fr'],
    ['en_GB', 'en'],
    ['en_US', 'en'],
  ] as const)('a %s workbook gets every item of SPEC §6 in its language', (locale, lang) => {
    const world = new World({ today: '2026-12-05', locale });
    const run = runEntry(world, code, 'onOpen', { authMode: 'LIMITED' });
    expect(run.error).toBeNull();
    const items = world.ui.lastMenu()?.items.filter((i) => i.functionName !== undefined) ?? [];
    expect(items.map((i) => [i.caption, i.functionName])).toEqual(
      handlers.map((h) => [menuCaption(h, lang), h.handler]),
    );
    expect(world.ui.lastMenu()?.kind).toBe('addon');
  });

  it('onInstall builds the same menu', () => {
    const world = new World({ today: '2026-12-05' });
    expect(runEntry(world, code, 'onInstall', { authMode: 'FULL' }).error).toBeNull();
    expect(world.ui.lastMenu()?.items.filter((i) => i.functionName)).toHaveLength(handlers.length);
  });
});

describe('every action of the menu, one after the other on the demo workbook', () => {
  const world = demoWorld();
  const runs = new Map<string, RunResult>();
  const order = [
    'menuSetup',
    'menuPreview',
    'menuGenerate',
    'menuIssue',
    'menuBillingCalls',
    'menuBillSession',
    'menuRecordPayment',
    'menuCreditNote',
    'menuDebitNote',
    'menuApplyCredit',
    'menuWriteOff',
    'menuReceive',
    'menuRefresh',
    'menuRemind',
    'menuEntries',
    'menuTransfers',
    'menuBpf',
    'menuSchedule',
    'menuUnschedule',
    'menuSettings',
    'menuDiagnostic',
    'menuHelp',
  ];

  beforeAll(() => {
    for (const entry of order) runs.set(entry, runEntry(world, code, entry));
  });

  it('covers every handler of the menu', () => {
    const handlers = MENU_ITEMS.flatMap((i) => (i === SEPARATOR ? [] : [i.handler]));
    expect([...order].sort()).toEqual([...handlers].sort());
  });

  it.each(order)('%s ends without error and shows its outcome, with no stack trace', (entry) => {
    const run = runs.get(entry) as RunResult;
    expect(run.error).toBeNull();
    const seen = shown(world, run);
    expect(seen.length).toBeGreaterThan(0);
    for (const s of seen) {
      expect(s).not.toMatch(/\n\s+at |Error:|undefined|NaN/);
    }
  });

  it('reports what was done, with counts', () => {
    const text = (entry: string) => shown(world, runs.get(entry) as RunResult).join('\n');
    expect(text('menuSetup')).toMatch(/Classeur configuré\u00a0: \d+ onglet\(s\) créé\(s\)/);
    expect(text('menuPreview')).toMatch(/modal: Aperçu des factures/);
    expect(text('menuGenerate')).toMatch(/9 brouillon\(s\) de facture généré\(s\)/);
    expect(text('menuIssue')).toMatch(/9 facture\(s\) émise\(s\), 9 document\(s\) créé\(s\)/);
    expect(text('menuIssue')).toMatch(/anomalie\(s\)\u00a0: voir l’onglet Journal/);
    expect(text('menuBillingCalls')).toMatch(/montant\(s\) dû\(s\) aux intervenants/);
    expect(text('menuRecordPayment')).toMatch(/modal: Enregistrer un paiement/);
    expect(text('menuCreditNote')).toMatch(/modal: /);
    expect(text('menuDebitNote')).toMatch(/modal: Émettre une note de débit/);
    expect(text('menuApplyCredit')).toMatch(/modal: Imputer un crédit sur la prochaine facture/);
    expect(text('menuWriteOff')).toMatch(/modal: /);
    expect(text('menuReceive')).toMatch(/modal: Importer des factures reçues/);
    expect(text('menuRefresh')).toMatch(/Suivi des paiements à jour\u00a0: .* à encaisser/);
    expect(text('menuRemind')).toMatch(/\d+ relance\(s\) envoyée\(s\)/);
    expect(text('menuEntries')).toMatch(/modal: Écritures comptables…/);
    expect(text('menuTransfers')).toMatch(/modal: Virements SEPA aux intervenants…/);
    expect(text('menuBpf')).toMatch(/modal: Bilan pédagogique et financier…/);
    expect(text('menuSchedule')).toMatch(/Exécution mensuelle planifiée/);
    expect(text('menuUnschedule')).toMatch(/1 planification\(s\) supprimée\(s\)/);
    expect(text('menuSettings')).toMatch(/sidebar: /);
    expect(text('menuHelp')).toMatch(/alert: Facturier transforme/);
  });
});

describe('an unexpected error', () => {
  it('shows a reference to quote, never the stack, and logs the details under that reference', () => {
    const world = demoWorld();
    const rec = new Recorder();
    rec.failWhen(
      (c) => c.className === 'Range' && c.method === 'getValues',
      'Cannot read properties of undefined (reading "x")',
    );
    const run = runEntry(world, code, 'menuGenerate', undefined, { recorder: rec });
    expect(run.error).toBeNull();
    const alert = world.ui.dialogs.at(-1)?.prompt ?? '';
    const ref = /référence ([0-9a-f]{8})/.exec(alert)?.[1];
    expect(ref).toBeDefined();
    expect(alert).not.toMatch(/Cannot read|\bat /);
    const logged = world.logs.filter((l) => l.message.includes(`Facturier error ${ref ?? '?'}`));
    expect(logged.length).toBeGreaterThan(0);
    expect(logged[0]?.message).toContain('Cannot read properties');
  });
});

describe('scheduling', () => {
  it('installs one trigger however often it is asked, and removes only its own', () => {
    const world = demoWorld();
    // Another trigger of this user on the workbook (an installable on-edit trigger), and a
    // colleague's hourly trigger: neither is ours to remove.
    const probe = `function __otherTrigger() {
      ScriptApp.newTrigger('onEditJob').forSpreadsheet(SpreadsheetApp.getActiveSpreadsheet()).onEdit().create();
    }`;
    expect(runEntry(world, `${code}\n${probe}`, '__otherTrigger').error).toBeNull();
    world.triggers.push({
      id: 'colleague-1',
      handlerFunction: 'dispatch',
      eventType: 'CLOCK',
      source: 'CLOCK',
      sourceId: null,
      documentId: world.sheets.activeId,
      owner: 'colleague@example.com',
      schedule: { everyHours: 1 },
      createdAtMs: 0,
    });
    const first = runEntry(world, code, 'menuSchedule');
    const second = runEntry(world, code, 'menuSchedule');
    const third = runEntry(world, code, 'menuSchedule');
    expect(outcome(first).message).toMatch(/planifiée\u00a0: vérification toutes les heures/);
    for (const r of [second, third]) expect(outcome(r).message).toMatch(/déjà planifiée/);
    const mine = world.triggers.filter(
      (t) => t.owner === world.userEmail && t.eventType === 'CLOCK',
    );
    expect(mine).toHaveLength(1);
    expect(mine[0]?.handlerFunction).toBe('dispatch');
    expect(mine[0]?.schedule).toEqual(expect.objectContaining({ everyHours: 1 }));

    const removed = runEntry(world, code, 'menuUnschedule');
    expect(outcome(removed).message).toMatch(/^1 planification\(s\) supprimée\(s\)/);
    expect(world.triggers.map((t) => t.handlerFunction).sort()).toEqual(['dispatch', 'onEditJob']);
    expect(world.triggers.find((t) => t.handlerFunction === 'dispatch')?.owner).toBe(
      'colleague@example.com',
    );
  });
});

describe('two runs at once', () => {
  it('the second is refused cleanly, changes nothing, and the next one works', () => {
    const world = demoWorld();
    const holder = new Execution(world);
    // What a Facturier run holds: the document lock and its user's lock.
    const g = holder.globals() as { LockService: GoogleAppsScript.Lock.LockService };
    expect(g.LockService.getDocumentLock().tryLock(0)).toBe(true);
    expect(g.LockService.getUserLock().tryLock(0)).toBe(true);

    const before = JSON.stringify(tab(world, 'Factures'));
    const menu = runEntry(world, code, 'menuIssue');
    expect(menu.error).toBeNull();
    expect(outcome(menu).ok).toBe(false);
    expect(world.ui.dialogs.at(-1)?.prompt).toMatch(
      /Une autre exécution de Facturier est en cours/,
    );
    const trigger = runEntry(world, code, 'dispatch', undefined, {
      interactive: false,
      document: true,
    });
    expect(trigger.error).toBeNull();
    expect(outcome(trigger).ok).toBe(false);
    expect(JSON.stringify(tab(world, 'Factures'))).toBe(before);
    expect(world.mail.sent).toHaveLength(0);

    holder.finish();
    const after = hourly(world, code);
    expect(outcome(after).ok).toBe(true);
    expect(outcome(after).counts['issued']).toBe(9);
  });
});

describe.each([
  ['without a containing document (the default)', false],
  ['with the document attached', true],
])('the dispatcher across days, trigger runs %s', (_mode, attached) => {
  // 249 invoices: more than one 6-minute execution.
  const workbook = generatedWorkbook(240, 3);

  it('on the 5th starts the monthly job, on the 6th continues it, then rests', () => {
    const world = new World({
      today: '2026-12-04',
      mailDailyQuota: 1500,
      triggersHaveDocument: attached,
    });
    importCsvFolder(workbook, world);
    runEntry(world, code, 'menuSchedule');
    const trigger = world.triggers[0]?.id ?? '';

    const fourth = fireTrigger(world, code, trigger);
    expect(outcome(fourth).message).toMatch(/^Suivi quotidien/);
    expect(outcome(fourth).counts['issued']).toBe(0);

    // At night nothing new starts, not even on the billing-call day.
    world.advanceTo('2026-12-05', '03:00');
    const night = fireTrigger(world, code, trigger);
    expect(outcome(night).message).toBe('Rien à faire pour le moment.');
    expect(world.mail.sent).toHaveLength(0);

    world.advanceTo('2026-12-05', '08:00');
    const fifth = fireTrigger(world, code, trigger);
    expect(fifth.killed).toBe(false);
    expect(outcome(fifth).message).toMatch(/^Facturation mensuelle\u00a0: 249 brouillon\(s\), 249/);
    expect(outcome(fifth).counts['stopped']).toBe(1);
    const madeOn5th = outcome(fifth).counts['documents'] ?? 0;
    expect(madeOn5th).toBeGreaterThan(0);
    expect(madeOn5th).toBeLessThan(249);

    // The next days' hourly runs go on until the month is done, each stopping cleanly.
    world.advanceTo('2026-12-06');
    let runs = 2;
    let documents = madeOn5th;
    let last = fireTrigger(world, code, trigger);
    expect(outcome(last).message).toMatch(/^Facturation mensuelle \(suite\)/);
    for (;;) {
      expect(last.killed).toBe(false);
      expect(outcome(last).counts['issued']).toBe(0);
      documents += outcome(last).counts['documents'] ?? 0;
      if (outcome(last).counts['finished'] === 1 || runs >= 6) break;
      world.advanceTo('2026-12-06', `${String(8 + runs).padStart(2, '0')}:00`);
      last = fireTrigger(world, code, trigger);
      runs += 1;
    }
    expect(documents).toBe(249);
    expect(outcome(last).message).toContain(`Facturation du mois terminée en ${runs} exécutions`);

    const summary = world.mail.sent.filter((m) =>
      m.to.includes('finance@atelier-formation.example'),
    );
    expect(summary).toHaveLength(1);
    expect(summary[0]?.subject).toBe(
      'Facturation de novembre 2026\u00a0: 249 facture(s) émise(s) — Atelier Formation Conseil',
    );
    expect(summary[0]?.text).toContain(`en ${runs} exécution(s)`);
    expect(summary[0]?.day).toBe('2026-12-06');

    // Each invoice emailed once; later runs that day have nothing to do.
    const subjects = world.mail.sent.map((m) => `${m.to.join(',')} ${m.subject}`);
    expect(new Set(subjects).size).toBe(subjects.length);
    world.advanceTo('2026-12-06', '15:00');
    const later = fireTrigger(world, code, trigger);
    expect(outcome(later).message).toBe('Rien à faire pour le moment.');
  });
});

describe('quotas', () => {
  it('the Docs quota ends the documents step cleanly; the next day makes the rest', () => {
    // The template is a Doc too: 5 a day leaves room for 4 invoices.
    const world = demoWorld({ today: '2026-12-05', docsDailyQuota: 5 });
    const first = runEntry(world, code, 'runMonthly', undefined, {
      interactive: false,
      document: true,
    });
    expect(first.error).toBeNull();
    expect(outcome(first).counts['documents']).toBe(4);
    expect(outcome(first).message).toMatch(/Quota Google Docs du jour atteint/);
    const journal = tab(world, 'Journal').map((r) => r.join(' | '));
    expect(journal.some((l) => /Quota Google Docs du jour atteint après 4 document/.test(l))).toBe(
      true,
    );
    // A second run the same day does not even try.
    const again = runEntry(world, code, 'runMonthly', undefined, {
      interactive: false,
      document: true,
    });
    expect(outcome(again).counts['documents']).toBe(0);
    expect(again.rec.count('File.makeCopy')).toBe(0);

    world.advanceTo('2026-12-06');
    const next = hourly(world, code);
    expect(outcome(next).counts['documents']).toBe(5);
    expect(outcome(next).counts['finished']).toBe(1);
    const register = tab(world, 'Factures');
    const pdf = register[0]?.indexOf('Lien PDF') ?? -1;
    expect(register.slice(1).every((r) => (r[pdf] ?? '') !== '')).toBe(true);
    const subjects = world.mail.sent.map((m) => `${m.to.join(',')} ${m.subject}`);
    expect(new Set(subjects).size).toBe(subjects.length);
  });

  it('a quota error from the mail service ends the sending cleanly, is logged, and resumes', () => {
    const world = demoWorld();
    const rec = new Recorder();
    let sends = 0;
    rec.failWhen(
      (c) => c.className === 'MailApp' && c.method === 'sendEmail' && ++sends === 4,
      'Service invoked too many times for one day: email.',
    );
    const first = runEntry(world, code, 'runMonthly', undefined, {
      interactive: false,
      document: true,
      recorder: rec,
    });
    expect(first.error).toBeNull();
    expect(world.mail.sent).toHaveLength(3);
    expect(outcome(first).message).toMatch(/Quota d’emails du jour atteint/);
    const journal = tab(world, 'Journal').map((r) => r.join(' | '));
    expect(journal.some((l) => l.includes('Le service d’email a refusé un envoi'))).toBe(true);
    // No send is left half-done: nothing is flagged for checking.
    const register = tab(world, 'Factures').map((r) => r.join(' | '));
    expect(register.some((l) => l.includes('à vérifier'))).toBe(false);

    world.advanceTo('2026-12-06');
    const next = hourly(world, code);
    expect(outcome(next).counts['finished']).toBe(1);
    const subjects = world.mail.sent.map((m) => `${m.to.join(',')} ${m.subject}`);
    expect(new Set(subjects).size).toBe(subjects.length);
    expect(
      tab(world, 'Factures')
        .slice(1)
        .every((r) => r.includes('envoyée')),
    ).toBe(true);
  });
});

describe('progress in interactive runs', () => {
  it('shows "n / total" toasts while issuing, and the outcome at the end', () => {
    const world = new World({ today: '2026-12-05', mailDailyQuota: 1500 });
    importCsvFolder(generatedWorkbook(20, 2), world);
    const run = runEntry(world, code, 'menuIssue');
    expect(run.error).toBeNull();
    const toasts = world.ui.toasts.map((t) => t.message);
    const progress = toasts.filter((m) => / \/ 29 factures (mises en page|envoyées)/.test(m));
    expect(progress.length).toBeGreaterThanOrEqual(3);
    const counts = progress.map((m) => Number(m.split(' ')[0]));
    const laidOut = progress
      .filter((m) => m.includes('mises en page'))
      .map((m) => Number(m.split(' ')[0]));
    expect(laidOut).toEqual([...laidOut].sort((a, b) => a - b));
    expect(Math.max(...counts)).toBeLessThan(29);
    // The outcome comes last, as an alert since the demo's deliberate mistakes are reported.
    expect(world.ui.dialogs.at(-1)?.prompt).toMatch(/^29 facture\(s\) émise\(s\)/);
  });

  it('shows none from the trigger', () => {
    const world = new World({ today: '2026-12-05', mailDailyQuota: 1500 });
    importCsvFolder(generatedWorkbook(20, 2), world);
    const run = hourly(world, code);
    const id = run.execution.ctx.executionId;
    expect(world.ui.toasts.filter((t) => t.executionId === id && t.interactive)).toHaveLength(0);
  });
});
