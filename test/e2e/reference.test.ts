/**
 * The built bundle under the reference's rules (tools/gas-sim/scopes.ts, sheet-view.ts): the
 * scopes of the manifest authorise every call it makes; the hourly trigger works without a
 * containing document; writes are flushed before every lock release; runs of different users
 * exclude each other; a missing authorization stops the trigger and says so once a day.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { importCsvFolder, displayRows } from '../../tools/gas-sim/csv-workbook';
import { Recorder, type CallInfo } from '../../tools/gas-sim/recorder';
import { RESTRICTED_SCOPES, SCOPE, scopeEntry } from '../../tools/gas-sim/scopes';
import { fireTrigger, runEntry, type RunResult } from '../../tools/gas-sim/vm-loader';
import { World, type WorldOptions } from '../../tools/gas-sim/world';
import { bundleCode, demoWorkbook, root } from './helpers';

const code = bundleCode();

function demoWorld(opts: Partial<WorldOptions> = {}): World {
  const world = new World({ today: '2026-12-05', ...opts });
  importCsvFolder(demoWorkbook, world);
  return world;
}

/** A recorder that keeps every call in order (no fault is ever injected). */
function tracing(): { rec: Recorder; calls: CallInfo[] } {
  const rec = new Recorder();
  const calls: CallInfo[] = [];
  rec.failWhen(
    (c) => {
      calls.push(c);
      return false;
    },
    'never thrown',
    Number.POSITIVE_INFINITY,
  );
  return { rec, calls };
}

function tab(world: World, name: string): string[][] {
  const ss = world.sheets.active();
  if (!ss) return [];
  return displayRows(ss).find((t) => t.tab === name)?.rows ?? [];
}

type Outcome = { ok: boolean; message: string; counts: Record<string, number> };
const outcome = (r: RunResult): Outcome => r.result as Outcome;

const PRODUCT_SCOPES = [
  SCOPE.spreadsheets,
  SCOPE.containerUi,
  SCOPE.documents,
  SCOPE.driveFile,
  SCOPE.sendMail,
  SCOPE.scriptApp,
  SCOPE.externalRequest,
];

describe('the manifest', () => {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(root, 'dist', 'appsscript.json'), 'utf8'),
  ) as {
    oauthScopes: string[];
    dependencies: {
      enabledAdvancedServices: { userSymbol: string; serviceId: string; version: string }[];
    };
  };

  it('declares exactly these scopes, none of them restricted', () => {
    expect(manifest.oauthScopes).toEqual(PRODUCT_SCOPES);
    expect(manifest.oauthScopes.filter((s) => RESTRICTED_SCOPES.includes(s))).toEqual([]);
  });

  it('enables the advanced Docs (v1) and Drive (v3) services', () => {
    expect(manifest.dependencies.enabledAdvancedServices).toEqual([
      { userSymbol: 'Docs', serviceId: 'docs', version: 'v1' },
      { userSymbol: 'Drive', serviceId: 'drive', version: 'v3' },
    ]);
  });

  it('the bundle never calls DriveApp (it needs the restricted drive scope)', () => {
    expect(code).not.toMatch(/\bDriveApp\./);
  });
});

describe('every call the product makes is in the scope table and authorised', () => {
  const keys = new Set<string>();
  const runs: [string, RunResult][] = [];
  const world = demoWorld();
  const record = (name: string, r: RunResult): void => {
    runs.push([name, r]);
    for (const k of r.rec.counts.keys()) keys.add(k);
  };
  record(
    'onOpen NONE',
    runEntry(world, code, 'onOpen', { authMode: 'NONE' }, { authMode: 'NONE' }),
  );
  record('menuSetup', runEntry(world, code, 'menuSetup'));
  record(
    'onOpen LIMITED',
    runEntry(world, code, 'onOpen', { authMode: 'LIMITED' }, { authMode: 'LIMITED' }),
  );
  record(
    'runMonthly',
    runEntry(world, code, 'runMonthly', undefined, { interactive: false, document: true }),
  );
  record('menuSchedule', runEntry(world, code, 'menuSchedule'));
  world.advanceTo('2026-12-06', '09:00');
  record('trigger', fireTrigger(world, code));
  for (const entry of [
    'menuPreview',
    'menuRefresh',
    'menuRemind',
    'menuSettings',
    'menuDiagnostic',
    'menuAuthorize',
    'menuHelp',
  ]) {
    record(entry, runEntry(world, code, entry));
  }
  record('sidebarLoad', runEntry(world, code, 'sidebarLoad'));
  record(
    'submitPayment',
    runEntry(world, code, 'submitPayment', {
      invoice: 'FA-2026-00002',
      date: '06/12/2026',
      amount: '100,00',
      method: 'virement',
    }),
  );
  record(
    'submitCreditNote',
    runEntry(world, code, 'submitCreditNote', {
      invoice: 'FA-2026-00006',
      amount: '',
      reason: 'Formation annulée',
    }),
  );
  record('menuUnschedule', runEntry(world, code, 'menuUnschedule'));

  it.each(runs.map(([name, r]) => [name, r] as const))('%s ends without an error', (_name, r) => {
    expect(r.error).toBeNull();
  });

  it('each method called has its entry, with the reference page it comes from', () => {
    const missing = [...keys].filter((k) => {
      const dot = k.indexOf('.');
      const cls =
        k.startsWith('Drive.') || k.startsWith('Docs.')
          ? k.slice(0, k.lastIndexOf('.'))
          : k.slice(0, dot);
      const method = k.slice(cls.length + 1);
      return scopeEntry(cls, method) === undefined;
    });
    expect(missing).toEqual([]);
    // The services the product uses, as the runs above show them.
    const services = new Set([...keys].map((k) => k.split('.')[0]));
    expect([...services]).toEqual(
      expect.arrayContaining([
        'Drive',
        'Docs',
        'DocumentApp',
        'MailApp',
        'SpreadsheetApp',
        'ScriptApp',
        'LockService',
      ]),
    );
    expect(services.has('DriveApp')).toBe(false);
  });
});

describe('flush before every lock release', () => {
  const WRITE =
    /^(set|insert|delete|clear|append|protect|add|remove|hide|show|copy|move|sort|merge|create$)/;
  const SHEETS = new Set(['Spreadsheet', 'Sheet', 'Range', 'Protection', 'DeveloperMetadata']);

  function check(calls: CallInfo[]): number {
    let dirty = false;
    let releases = 0;
    for (const c of calls) {
      if (SHEETS.has(c.className) && WRITE.test(c.method)) dirty = true;
      if (c.className === 'SpreadsheetApp' && c.method === 'flush') dirty = false;
      if (c.className === 'Lock' && c.method === 'releaseLock') {
        releases += 1;
        expect({ release: c.index, unflushedWrites: dirty }).toEqual({
          release: c.index,
          unflushedWrites: false,
        });
      }
    }
    return releases;
  }

  it.each([
    ['the monthly job', 'runMonthly'],
    ['Issue and send', 'menuIssue'],
    ['a sidebar save', 'sidebarSave'],
    ['set-up', 'menuSetup'],
  ])('%s', (_name, entry) => {
    const world = demoWorld();
    const { rec, calls } = tracing();
    const event =
      entry === 'sidebarSave' ? { orgName: 'Atelier Formation Conseil SAS' } : undefined;
    const run = runEntry(world, code, entry, event, {
      recorder: rec,
      ...(entry === 'runMonthly' ? { interactive: false, document: true } : {}),
    });
    expect(run.error).toBeNull();
    expect(check(calls)).toBeGreaterThanOrEqual(2);
  });

  it("a colleague's run that starts the moment the trigger lets go reads everything it wrote", () => {
    const world = demoWorld({ mailDailyQuota: 1500 });
    expect(runEntry(world, code, 'menuSchedule').error).toBeNull();
    const { rec } = tracing();
    let released = false;
    let colleague: RunResult | null = null;
    rec.failWhen(
      (c) => {
        if (colleague === null && released) {
          // Another user opens the workbook and refreshes the payment status.
          colleague = runEntry(world, code, 'menuRefresh', undefined, {
            user: 'colleague@example.com',
          });
        }
        if (c.className === 'Lock' && c.method === 'releaseLock') released = true;
        return false;
      },
      'never thrown',
      Number.POSITIVE_INFINITY,
    );
    const trigger = fireTrigger(world, code, undefined, { recorder: rec, limitMs: null });
    expect(trigger.error).toBeNull();
    expect(colleague).not.toBeNull();
    const seen = colleague as unknown as RunResult;
    expect(seen.error).toBeNull();
    expect(outcome(seen).ok).toBe(true);
    // The status tab the colleague wrote lists the 9 invoices the trigger issued.
    const status = tab(world, 'Suivi des paiements').flat().join(' ');
    for (const n of ['FA-2026-00001', 'FA-2026-00008', 'AF-CLEMENT-2026-0001'])
      expect(status).toContain(n);
  });
});

describe('runs of different users exclude each other', () => {
  it("a colleague's menu run waits for the trigger's lease, then gives up cleanly", () => {
    const world = demoWorld();
    expect(runEntry(world, code, 'menuSchedule').error).toBeNull();
    const { rec } = tracing();
    let colleague: RunResult | null = null;
    rec.failWhen(
      (c) => {
        // In the middle of the trigger's job: after it has issued (a Docs request went out).
        if (colleague === null && c.className === 'Docs.Documents') {
          colleague = runEntry(world, code, 'menuIssue', undefined, {
            user: 'colleague@example.com',
          });
        }
        return false;
      },
      'never thrown',
      Number.POSITIVE_INFINITY,
    );
    const trigger = fireTrigger(world, code, undefined, { recorder: rec, limitMs: null });
    expect(trigger.error).toBeNull();
    const other = colleague as unknown as RunResult;
    expect(other.error).toBeNull();
    expect(outcome(other).ok).toBe(false);
    expect(outcome(other).message).toMatch(/Une autre exécution de Facturier est en cours/);
    // It waited (polling the lease) for its 10 seconds, no more.
    expect(other.rec.simulatedMs).toBeGreaterThanOrEqual(10_000);
    expect(outcome(trigger).counts['issued']).toBe(9);
    // Each invoice once: the colleague's refused run issued nothing.
    const numbers = tab(world, 'Factures')
      .slice(1)
      .map((r) => r[0]);
    expect(new Set(numbers).size).toBe(numbers.length);
    // Once the trigger is done, the colleague's next click works.
    const after = runEntry(world, code, 'menuRefresh', undefined, {
      user: 'colleague@example.com',
    });
    expect(outcome(after).ok).toBe(true);
  });

  it("the same user's menu run is kept out by the user lock, even without a document lock", () => {
    const world = demoWorld();
    expect(runEntry(world, code, 'menuSchedule').error).toBeNull();
    const { rec } = tracing();
    let mine: RunResult | null = null;
    rec.failWhen(
      (c) => {
        if (mine === null && c.className === 'Docs.Documents')
          mine = runEntry(world, code, 'menuIssue');
        return false;
      },
      'never thrown',
      Number.POSITIVE_INFINITY,
    );
    fireTrigger(world, code, undefined, { recorder: rec, limitMs: null });
    expect(outcome(mine as unknown as RunResult).message).toMatch(
      /Une autre exécution de Facturier est en cours/,
    );
  });
});

describe('the hourly trigger without a containing document', () => {
  it('finds its workbook by the id recorded at scheduling and does the month', () => {
    const world = demoWorld();
    expect(runEntry(world, code, 'menuSchedule').error).toBeNull();
    const run = fireTrigger(world, code, undefined, { limitMs: null });
    expect(run.execution.ctx.hasDocument).toBe(false);
    expect(run.error).toBeNull();
    expect(outcome(run).counts['issued']).toBe(9);
    expect(run.rec.count('SpreadsheetApp.openById')).toBe(1);
  });

  it('a trigger whose record is gone says so in the log and touches nothing', () => {
    const world = demoWorld();
    expect(runEntry(world, code, 'menuSchedule').error).toBeNull();
    world.properties.user = {};
    const before = JSON.stringify(world.sheets.toJSON());
    const run = fireTrigger(world, code);
    expect(run.error).toBeNull();
    expect(outcome(run).ok).toBe(false);
    expect(world.logs.map((l) => l.message).join('\n')).toMatch(
      /has no workbook recorded: open the workbook and schedule the run again/,
    );
    expect(JSON.stringify(world.sheets.toJSON())).toBe(before);
  });
});

describe('a new version that needs more authorization', () => {
  // The user granted the previous version's scopes; this one also asks for drive.file.
  const previous = PRODUCT_SCOPES.filter((s) => s !== SCOPE.driveFile);

  it('the trigger does nothing else, and says so once a day in the Journal and to finance', () => {
    const world = demoWorld({ grantedScopes: previous });
    expect(runEntry(world, code, 'menuSchedule').error).toBeNull();
    const first = fireTrigger(world, code);
    expect(first.error).toBeNull();
    expect(tab(world, 'Factures').slice(1)).toEqual([]);
    const journal = tab(world, 'Journal').map((r) => r.join(' | '));
    expect(
      journal.filter((l) => l.includes('demande des autorisations non accordées')),
    ).toHaveLength(1);
    expect(world.mail.sent.map((m) => [m.to, m.subject])).toEqual([
      [
        ['finance@atelier-formation.example'],
        'Facturier attend votre autorisation — Atelier Formation Conseil',
      ],
    ]);
    expect(world.mail.sent[0]?.text).toContain('Autoriser Facturier');
    // Later the same day: nothing more.
    world.advanceTo('2026-12-05', '15:00');
    fireTrigger(world, code);
    expect(world.mail.sent).toHaveLength(1);
    // The next day, once more.
    world.advanceTo('2026-12-06', '09:00');
    fireTrigger(world, code);
    expect(world.mail.sent).toHaveLength(2);
    expect(tab(world, 'Factures').slice(1)).toEqual([]);
  });

  it('the menu starts with "Autoriser Facturier…" until the user grants it; then the trigger resumes', () => {
    const world = demoWorld({ grantedScopes: previous });
    runEntry(world, code, 'onOpen', { authMode: 'LIMITED' }, { authMode: 'LIMITED' });
    const items = () => (world.ui.lastMenu()?.items ?? []).map((i) => i.caption);
    expect(items()[0]).toBe('Autoriser Facturier…');
    const asked = runEntry(world, code, 'menuAuthorize');
    expect(asked.error).toBeNull();
    expect(world.ui.dialogs.at(-1)?.prompt).toMatch(
      /attend encore votre autorisation.*https:\/\/script\.google\.com\//,
    );
    // The user accepts what Google asks.
    world.grantedScopes = [...PRODUCT_SCOPES];
    runEntry(world, code, 'onOpen', { authMode: 'LIMITED' }, { authMode: 'LIMITED' });
    expect(items()).not.toContain('Autoriser Facturier…');
    expect(runEntry(world, code, 'menuSchedule').error).toBeNull();
    const run = fireTrigger(world, code, undefined, { limitMs: null });
    expect(outcome(run).counts['issued']).toBe(9);
  });

  it('when mail is the missing scope, the Journal still says so and no email is tried', () => {
    const world = demoWorld({ grantedScopes: PRODUCT_SCOPES.filter((s) => s !== SCOPE.sendMail) });
    expect(runEntry(world, code, 'menuSchedule').error).toBeNull();
    const run = fireTrigger(world, code);
    expect(run.error).toBeNull();
    expect(world.mail.sent).toHaveLength(0);
    const journal = tab(world, 'Journal').map((r) => r.join(' | '));
    expect(journal.some((l) => l.includes('demande des autorisations non accordées'))).toBe(true);
  });
});

describe('onOpen in each authorization mode', () => {
  it.each(['NONE', 'LIMITED'] as const)('%s: builds the whole menu, reads nothing else', (mode) => {
    const world = demoWorld();
    const run = runEntry(world, code, 'onOpen', { authMode: mode }, { authMode: mode });
    expect(run.error).toBeNull();
    const captions = (world.ui.lastMenu()?.items ?? []).map((i) => i.caption);
    expect(captions).toContain('Diagnostic');
    expect(captions).toContain('Émettre et envoyer');
    expect(run.rec.count('Range.getValues')).toBe(0);
  });
});
