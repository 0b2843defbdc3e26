/**
 * A run killed between sending an email and recording it: the next run must not send it again,
 * and flags it for a person to check.
 */
import { importCsvFolder } from '../../tools/gas-sim/csv-workbook';
import { Recorder } from '../../tools/gas-sim/recorder';
import { runEntry } from '../../tools/gas-sim/vm-loader';
import { World } from '../../tools/gas-sim/world';
import { bundleCode, demoWorkbook } from './helpers';

function registerStatuses(world: World): string[] {
  const code = bundleCode();
  const probe = `function __statuses() {
    var sh = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Factures');
    var v = sh.getDataRange().getValues();
    var i = v[0].indexOf('Statut');
    return v.slice(1).map(function (r) { return r[0] + ' ' + r[i]; });
  }`;
  const run = runEntry(world, `${code}\n${probe}`, '__statuses');
  return run.result as string[];
}

describe('a run interrupted after sending, before recording', () => {
  it('records the emails that went out as sent, without sending them again', () => {
    const code = bundleCode();
    const world = new World({ today: '2026-12-05' });
    importCsvFolder(demoWorkbook, world);
    const rec = new Recorder();
    let sent = false;
    rec.failWhen((c) => {
      if (c.className === 'MailApp' && c.method === 'sendEmail') sent = true;
      return sent && c.className === 'Range' && c.method === 'setValues';
    }, 'We\u2019re sorry, a server error occurred. Please wait a bit and try again.');
    const first = runEntry(world, code, 'runMonthly', undefined, { recorder: rec });
    expect(first.error).toBeNull();
    const sentBefore = world.mail.sent.length;
    expect(sentBefore).toBeGreaterThan(0);

    const second = runEntry(world, code, 'runMonthly');
    expect(second.error).toBeNull();
    const mails = world.mail.sent.map((m) => `${m.to.join(',')} ${m.subject}`);
    expect(new Set(mails).size).toBe(mails.length);
    // Each send left "sent <time>" behind it: nothing for a person to check.
    const statuses = registerStatuses(world);
    expect(statuses.filter((s) => s.endsWith('à vérifier'))).toEqual([]);
    expect(statuses.every((s) => s.endsWith('envoyée'))).toBe(true);
  });

  it('flags for a person the one email whose send was cut, and only that one', () => {
    const code = bundleCode();
    const world = new World({ today: '2026-12-05' });
    importCsvFolder(demoWorkbook, world);
    const rec = new Recorder();
    let sends = 0;
    // The execution dies inside its third send: whether it went out, nobody can tell.
    rec.failWhen(
      (c) => {
        if (c.className === 'MailApp' && c.method === 'sendEmail') sends += 1;
        if (sends === 3 && c.className === 'MailApp' && c.method === 'sendEmail') rec.killed = true;
        return false;
      },
      'never thrown',
      Number.POSITIVE_INFINITY,
    );
    runEntry(world, code, 'runMonthly', undefined, { recorder: rec });
    runEntry(world, code, 'runMonthly');
    const flagged = registerStatuses(world).filter((s) => s.endsWith('à vérifier'));
    expect(flagged).toHaveLength(1);
    const mails = world.mail.sent.map((m) => `${m.to.join(',')} ${m.subject}`);
    expect(new Set(mails).size).toBe(mails.length);
  });
});

describe('a run killed inside the summary email to the finance contact', () => {
  it('is flagged once in the Journal for a person, never sent twice, and the job ends', () => {
    const code = bundleCode();
    const world = new World({ today: '2026-12-05' });
    importCsvFolder(demoWorkbook, world);
    const rec = new Recorder();
    rec.failWhen(
      (c) => {
        const subject = (c.args[0] as { subject?: string } | undefined)?.subject ?? '';
        if (c.className === 'MailApp' && /^Facturation de /.test(subject)) rec.killed = true;
        return false;
      },
      'never thrown',
      Number.POSITIVE_INFINITY,
    );
    const first = runEntry(world, code, 'runMonthly', undefined, { recorder: rec });
    expect(first.killed).toBe(true);
    const summaries = (): number =>
      world.mail.sent.filter((m) => /^Facturation de /.test(m.subject)).length;
    // The execution died as the send returned: it went out, its marker still says "sending".
    expect(summaries()).toBe(1);
    for (const hour of ['10:00', '11:00']) {
      world.advanceTo('2026-12-05', hour);
      expect(runEntry(world, code, 'runMonthly').error).toBeNull();
    }
    // Whether it went out only a person can tell: not sent again.
    expect(summaries()).toBe(1);
    const journal = world.sheets.active()?.sheetByName('Journal');
    const lines: string[] = [];
    for (let r = 2; r <= (journal?.lastRow() ?? 0); r++) {
      lines.push(String(journal?.cell(r, 7)?.v ?? ''));
    }
    expect(lines.filter((l) => l.startsWith('Résumé mensuel interrompu'))).toHaveLength(1);
    const probe = `function __state() { return PropertiesService.getDocumentProperties().getKeys(); }`;
    const keys = runEntry(world, `${code}\n${probe}`, '__state').result as string[] | null;
    expect((keys ?? []).filter((k) => k.startsWith('summary:'))).toEqual([]);
  });
});

/** The final state of an uninterrupted monthly run, to compare interrupted ones with. */
interface Outcome {
  numbers: string[];
  files: string[];
}

function outcome(world: World): Outcome {
  return {
    numbers: registerStatuses(world).map((s) => s.split(' ')[0] ?? ''),
    files: [...world.drive.files.values()]
      .filter((f) => !f.trashed && /^(FA|AF)-/.test(f.name))
      .map((f) => f.name)
      .sort(),
  };
}

/** What must hold after any interruption followed by a complete run. */
function checkConsistent(world: World, expected: Outcome): void {
  const statuses = registerStatuses(world);
  for (const s of statuses)
    expect(['envoyée', 'à vérifier']).toContain(s.split(' ').slice(1).join(' '));
  const sent = world.mail.sent.map((m) => `${m.to.join(',')} ${m.subject}`);
  expect(new Set(sent).size).toBe(sent.length);
  expect(outcome(world)).toEqual(expected);
}

describe('a monthly run killed at the time limit anywhere, then run again', () => {
  let total = 0;
  let expected: Outcome = { numbers: [], files: [] };
  beforeAll(() => {
    const world = new World({ today: '2026-12-05' });
    importCsvFolder(demoWorkbook, world);
    total = runEntry(world, bundleCode(), 'runMonthly', undefined, { limitMs: null }).rec
      .simulatedMs;
    expected = outcome(world);
  });
  const fractions = [0.02, 0.08, 0.15, 0.25, 0.35, 0.45, 0.55, 0.65, 0.75, 0.85, 0.92, 0.97, 0.995];
  it.each(fractions)(
    'killed at %f of its simulated time ends like an uninterrupted run',
    (fraction) => {
      const limitMs = Math.floor(total * fraction);
      const code = bundleCode();
      const world = new World({ today: '2026-12-05' });
      importCsvFolder(demoWorkbook, world);
      const first = runEntry(world, code, 'runMonthly', undefined, { limitMs });
      expect(first.killed).toBe(true);
      // As many executions as needed: each may stop at the 6-minute limit and the next goes on.
      let runs = 0;
      let last = runEntry(world, code, 'runMonthly');
      while (last.killed && runs++ < 5) last = runEntry(world, code, 'runMonthly');
      expect(last.killed).toBe(false);
      expect(last.error).toBeNull();
      checkConsistent(world, expected);
    },
  );
});
