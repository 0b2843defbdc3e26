/**
 * The month as its users live it, through the bundle and the hourly trigger: a billing-call day
 * that no run saw (trigger installed later, an outage) is caught up by the first run after it.
 */
import { displayRows, importCsvFolder } from '../../tools/gas-sim/csv-workbook';
import { typeRow } from '../../tools/gas-sim/typing';
import { runEntry } from '../../tools/gas-sim/vm-loader';
import { World } from '../../tools/gas-sim/world';
import { bundleCode, demoWorkbook, hourly } from './helpers';

const code = bundleCode();

function register(world: World): string[][] {
  const ss = world.sheets.active();
  return ((ss ? displayRows(ss) : []).find((t) => t.tab === 'Factures')?.rows ?? []).slice(1);
}

describe('a billing-call day no run saw', () => {
  it.each([
    ['the trigger installed on the 20th', '2026-12-20'],
    ['an outage from the 1st to the 6th', '2026-12-07'],
  ])("%s: the first hourly run runs the month's job", (_label, day) => {
    const world = new World({ today: day, mailDailyQuota: 1500 });
    importCsvFolder(demoWorkbook, world);
    expect(runEntry(world, code, 'menuSchedule').error).toBeNull();
    world.advanceTo(day, '08:00');
    const run = hourly(world, code, { limitMs: null });
    expect(run.error).toBeNull();
    const rows = register(world);
    // November's month, self-billed included, issued with November's period.
    const self = rows.find((r) => (r[0] ?? '').startsWith('AF-CLEMENT-2026-'));
    expect(self).toBeDefined();
    expect(self?.[10]).toBe('2026-11');
    const issued = rows.filter((r) => r[0]);
    expect(issued.length).toBeGreaterThanOrEqual(9);
    expect(issued.every((r) => r[10] === '2026-11')).toBe(true);
    // The next hour does not run it again.
    world.advanceTo(day, '09:00');
    expect(hourly(world, code, { limitMs: null }).error).toBeNull();
    expect(register(world).filter((r) => r[0])).toHaveLength(issued.length);
  });
});

/** Sets the cell of `header` in the row of `tabName` whose `keyHeader` cell is `key`. */
function setCell(
  world: World,
  tabName: string,
  keyHeader: string,
  key: string,
  header: string,
  v: string,
): void {
  const ss = world.sheets.active();
  const rows = (ss ? displayRows(ss) : []).find((t) => t.tab === tabName)?.rows ?? [];
  const col = (rows[0] ?? []).indexOf(header);
  const keyCol = (rows[0] ?? []).indexOf(keyHeader);
  const r = rows.findIndex((x) => x[keyCol] === key);
  const sheet = ss?.sheetByName(tabName);
  if (!sheet || col < 0 || r < 1) throw new Error(`no ${tabName}!${header} for ${key}`);
  sheet.ensureCell(r + 1, col + 1).v = v;
}

describe('one language per workbook', () => {
  it.each([
    ['fr', 'Facture'],
    ['en', 'Invoice'],
  ])('a client without a language gets the workbook language (%s)', (lang, subject) => {
    const world = new World({ today: '2026-12-05', mailDailyQuota: 1500 });
    importCsvFolder(demoWorkbook, world);
    setCell(world, 'Paramètres', 'Clé', 'Langue', 'Valeur', lang);
    setCell(world, 'Clients', 'Code', 'BRIOCHE', 'Langue', '');
    const run = runEntry(world, code, 'runMonthly', undefined, {
      interactive: false,
      document: true,
      limitMs: null,
    });
    expect(run.error).toBeNull();
    const brioche = world.mail.sent.filter((m) => m.to.includes('compta@brioche-cie.example'));
    expect(brioche.length).toBeGreaterThan(0);
    expect(brioche.every((m) => m.subject.startsWith(subject))).toBe(true);
  });
});

function tabRows(world: World, name: string): string[][] {
  const ss = world.sheets.active();
  return (ss ? displayRows(ss) : []).find((t) => t.tab === name)?.rows ?? [];
}

describe('late rows: a session typed after its month was billed', () => {
  it("goes on its own supplementary call for its month, the call's own sessions stay quiet, and each warning is written once", () => {
    const world = new World({ today: '2026-12-05', mailDailyQuota: 1500 });
    importCsvFolder(demoWorkbook, world);
    const monthly = (): void => {
      const run = runEntry(world, code, 'runMonthly', undefined, {
        interactive: false,
        document: true,
        limitMs: null,
      });
      expect(run.error).toBeNull();
    };
    monthly();
    const calls = (): string[][] => tabRows(world, 'Appels à facturation');
    const head = calls()[0] ?? [];
    const ref = head.indexOf('Référence');
    const sources = head.indexOf('Lignes source');
    // NGUYEN's November call lists the sessions it covered (4 billable rows of the demo).
    const nguyen = calls().find((r) => r[ref] === '2026-11:NGUYEN');
    expect(nguyen?.[sources]?.split(' ')).toHaveLength(5);

    // 10 December: a November session of NGUYEN, and one of CLEMENT (self-billed), typed late.
    world.advanceTo('2026-12-10', '09:00');
    typeRow(world, 'Sessions', {
      Date: '26/11/2026',
      Intervenant: 'NGUYEN',
      Étudiant: 'Chloé Dubois',
      Type: 'mentorat',
      Niveau: '3',
      'Durée (minutes)': '45',
      Statut: 'réalisée',
    });
    typeRow(world, 'Sessions', {
      Date: '27/11/2026',
      Intervenant: 'CLEMENT',
      Étudiant: 'Léa Martin',
      Type: 'mentorat',
      Niveau: '2',
      'Durée (minutes)': '45',
      Statut: 'réalisée',
    });
    const sentBefore = world.mail.sent.length;
    expect(hourly(world, code, { limitMs: null }).error).toBeNull();
    // The billing call goes out with the next run: November, its one session, 44.00 HT
    // (mentorat level 3 from 1 September in the demo's grid) + 20 % VAT 8.80 = 52.80.
    const supplement = calls().find((r) => r[ref] === '2026-11:NGUYEN:2');
    expect(supplement).toBeDefined();
    expect(supplement?.[head.indexOf('Sessions')]).toBe('1');
    expect(supplement?.[head.indexOf('Mois')]).toBe('2026-11');
    expect(supplement?.[head.indexOf('Montant HT')]).toBe('44,00');
    expect(supplement?.[head.indexOf('TTC')]).toBe('52,80');
    const mails = world.mail.sent.slice(sentBefore);
    expect(mails.filter((m) => m.to.includes('minh@nguyen-conseil.example'))).toHaveLength(1);
    // The monthly call itself is not touched.
    expect(calls().find((r) => r[ref] === '2026-11:NGUYEN')).toEqual(nguyen);

    // 5 January: the next month's job issues CLEMENT's late November session on its own
    // self-billed invoice, with November's period, beside December's.
    world.advanceTo('2027-01-05', '09:00');
    monthly();
    const reg = tabRows(world, 'Factures');
    const rh = reg[0] ?? [];
    const clement = reg
      .slice(1)
      .filter((r) => (r[rh.indexOf('N° facture')] ?? r[0] ?? '').startsWith('AF-CLEMENT'));
    expect(clement.map((r) => r[10])).toEqual(['2026-11', '2026-11']);
    expect(calls().find((r) => r[ref] === '2026-11:CLEMENT:2')).toBeDefined();

    // No run reported a session of a call as "entered after the billing call"; and each
    // warning of the Journal is there once, whatever the number of runs.
    const journal = tabRows(world, 'Journal');
    const jh = journal[0] ?? [];
    const lines = journal.slice(1);
    expect(lines.some((r) => /après l'appel/.test(r.join(' ')))).toBe(false);
    const warnings = lines
      .filter((r) => r[jh.indexOf('Niveau')] === 'avertissement')
      .map((r) => [r[4], r[5], r[6]].join('|'));
    expect(warnings.length).toBeGreaterThan(0);
    expect(new Set(warnings).size).toBe(warnings.length);
  });
});

describe('a tab made before a column was added', () => {
  it('gets the column at its end at the next run, and nothing is billed twice', () => {
    const world = new World({ today: '2026-12-05', mailDailyQuota: 1500 });
    importCsvFolder(demoWorkbook, world);
    const opts = { interactive: false, document: true, limitMs: null };
    expect(runEntry(world, code, 'runMonthly', undefined, opts).error).toBeNull();
    const name = 'Appels à facturation';
    const before = tabRows(world, name);
    // The last column added: the SEPA transfer that pays each payable.
    const col = (before[0] ?? []).indexOf('Virement SEPA');
    expect(col).toBe((before[0] ?? []).length - 1);
    // As an older version left it: no such column.
    const sheet = world.sheets.active()?.sheetByName(name);
    if (!sheet) throw new Error(`no tab ${name}`);
    for (let r = 1; r <= before.length; r++) sheet.ensureCell(r, col + 1).v = '';
    const sent = world.mail.sent.length;
    world.advanceTo('2026-12-06', '09:00');
    expect(hourly(world, code, { limitMs: null }).error).toBeNull();
    const after = tabRows(world, name);
    expect(after[0]?.[col]).toBe('Virement SEPA');
    expect(after.length).toBe(before.length);
    // Calls are not made again; the next run leaves the legacy rows' count to say what they cover.
    expect(world.mail.sent.length).toBe(sent);
  });
});

describe('a register made by a version with 26 columns', () => {
  it('gets the columns added since at its end, the sheet widened first', () => {
    const world = new World({ today: '2026-12-05', mailDailyQuota: 1500 });
    importCsvFolder(demoWorkbook, world);
    const opts = { interactive: false, document: true, limitMs: null };
    expect(runEntry(world, code, 'runMonthly', undefined, opts).error).toBeNull();
    const sheet = world.sheets.active()?.sheetByName('Factures');
    if (!sheet) throw new Error('no Factures tab');
    const before = tabRows(world, 'Factures');
    const header = before[0] ?? [];
    expect(header.length).toBeGreaterThan(26);
    // As the earlier version left it: a new sheet's 26 columns, A to Z, all used.
    for (let r = 1; r <= before.length; r++) {
      for (let c = 27; c <= header.length; c++) sheet.ensureCell(r, c).v = '';
    }
    sheet.maxColumns = 26;
    world.advanceTo('2026-12-06', '09:00');
    expect(hourly(world, code, { limitMs: null }).error).toBeNull();
    const after = tabRows(world, 'Factures');
    expect(after[0]?.slice(26)).toEqual(header.slice(26));
    expect(after.filter((r) => r[0]).length).toBe(before.filter((r) => r[0]).length);
  });
});

describe('extra lines: a monthly invoice covers its month only', () => {
  it('a December line waits for January; a November line typed late gets its own November invoice', () => {
    const world = new World({ today: '2026-12-05', mailDailyQuota: 1500 });
    importCsvFolder(demoWorkbook, world);
    const line = (date: string, what: string, price: string): Record<string, string> => ({
      Date: date,
      Client: 'BRIOCHE',
      Projet: 'Audit formation',
      Désignation: what,
      Quantité: '1',
      Unité: 'forfait',
      'Prix unitaire HT': price,
      'Taux TVA': '20 %',
      Nature: 'frais',
    });
    // Typed before the run of 5 December: dated 3 December.
    typeRow(world, 'Prestations', line('03/12/2026', 'Frais de décembre', '50'));
    const opts = { interactive: false, document: true, limitMs: null };
    expect(runEntry(world, code, 'runMonthly', undefined, opts).error).toBeNull();
    const reg = (): string[][] => tabRows(world, 'Factures');
    const byDraft = (prefix: string): string[][] =>
      reg()
        .slice(1)
        .filter((r) => (r[1] ?? '').startsWith(prefix))
        // Amounts as shown, with a plain space for the thousands.
        .map((r) => r.map((v) => v.replace(/[\u202f\u00a0]/g, ' ')));
    // 5 December: Brioche's November lines only (86,40 + 2 070,00 = 2 156,40 HT).
    const november = byDraft('extra-lines:BRIOCHE:');
    expect(november.map((r) => [r[1], r[10], r[13]])).toEqual([
      ['extra-lines:BRIOCHE:2026-11', '2026-11', '2 156,40'],
    ]);

    // 10 December: a November line typed late. 5 January: it is billed on its own invoice for
    // November (100,00 HT), and the December line on December's (50,00 HT).
    world.advanceTo('2026-12-10', '09:00');
    typeRow(world, 'Prestations', line('26/11/2026', 'Frais oubliés de novembre', '100'));
    world.advanceTo('2027-01-05', '09:00');
    expect(runEntry(world, code, 'runMonthly', undefined, opts).error).toBeNull();
    expect(
      byDraft('extra-lines:BRIOCHE:')
        .map((r) => [r[1], r[13]])
        .sort(),
    ).toEqual([
      ['extra-lines:BRIOCHE:2026-11', '2 156,40'],
      ['extra-lines:BRIOCHE:2026-11:2', '100,00'],
      ['extra-lines:BRIOCHE:2026-12', '50,00'],
    ]);
    expect(
      byDraft('extra-lines:BRIOCHE:').every((r) => /^FA-202[67]-\d{5}$/.test(r[0] ?? '')),
    ).toBe(true);
  });
});

describe('a contested self-billed month has a way out', () => {
  it("no payment nor confirmation while contested; the credit note under the mandate, in the provider's series; the sessions billed again; the approval sets the due date at the refresh", () => {
    const world = new World({ today: '2026-12-05', mailDailyQuota: 1500 });
    importCsvFolder(demoWorkbook, world);
    const job = { interactive: false, document: true, limitMs: null };
    const menu = { interactive: true, limitMs: null };
    expect(runEntry(world, code, 'runMonthly', undefined, job).error).toBeNull();
    const calls = (): string[][] => tabRows(world, 'Appels à facturation');
    const head = calls()[0] ?? [];
    const rowOf = (ref: string): string[] => calls().find((r) => r[0] === ref) ?? [];

    // 8 December: Claire Clément contests AF-CLEMENT-2026-0001 (4 sessions… 222,00 €).
    world.advanceTo('2026-12-08', '10:00');
    setCell(
      world,
      'Appels à facturation',
      'Référence',
      '2026-11:CLEMENT',
      'Approbation',
      'contesté',
    );
    expect(runEntry(world, code, 'menuRefresh', undefined, menu).error).toBeNull();
    const status = (): string[][] => tabRows(world, 'Suivi des paiements');
    const contested = status().find((r) => r[0] === 'AF-CLEMENT-2026-0001') ?? [];
    expect(contested[7]).toBe('en attente');
    const pay = runEntry(
      world,
      code,
      'submitPayment',
      { invoice: 'AF-CLEMENT-2026-0001', date: '08/12/2026', amount: '222', method: 'virement' },
      menu,
    );
    const refused = pay.result as { ok: boolean; errors: Record<string, string> };
    expect(refused.ok).toBe(false);
    expect(refused.errors['invoice']).toContain('contestée');
    expect(tabRows(world, 'Paiements').filter((r) => r[2] === 'AF-CLEMENT-2026-0001')).toEqual([]);

    // The organisation corrects it: a credit note in Claire Clément's own series, to her.
    const sent = world.mail.sent.length;
    const credit = runEntry(
      world,
      code,
      'submitCreditNote',
      { invoice: 'AF-CLEMENT-2026-0001', amount: '', reason: 'Tarif de la soutenance erroné' },
      menu,
    );
    expect(credit.error).toBeNull();
    expect((credit.result as { ok: boolean }).ok).toBe(true);
    const reg = (): string[][] => tabRows(world, 'Factures');
    const av = reg().find((r) => r[0] === 'AF-CLEMENT-2026-0002') ?? [];
    expect(av[2]).toBe('autofacture-avoir');
    expect(reg().find((r) => r[0] === 'AF-CLEMENT-2026-0001')?.[4]).toBe('annulée par avoir');
    const mails = world.mail.sent.slice(sent);
    expect(mails.map((m) => [m.to, m.subject])).toEqual([
      [['claire.clement@mentor.example'], 'Avoir AF-CLEMENT-2026-0002 — Atelier Formation Conseil'],
    ]);
    expect(mails[0]?.text).toContain('mandat d');
    expect(mails[0]?.text).toMatch(/d’un montant de 222,00\s€/);

    // The next issue bills the sessions again on a new self-billed invoice for November.
    expect(runEntry(world, code, 'menuIssue', undefined, menu).error).toBeNull();
    const again = reg().find((r) => r[0] === 'AF-CLEMENT-2026-0003') ?? [];
    expect([again[1], again[2], again[10]]).toEqual([
      'sessions:2026-11:CLEMENT:2',
      'autofacture',
      '2026-11',
    ]);
    expect(again[15]).toBe(reg().find((r) => r[0] === 'AF-CLEMENT-2026-0001')?.[15]);
    expect(rowOf('2026-11:CLEMENT:2')[head.indexOf('Mode')]).toBe('autofacturation');
    // The cancelled month is owed no more.
    expect(status().some((r) => r[0] === 'AF-CLEMENT-2026-0001')).toBe(false);

    // 10 December: she approves the new one; the refresh sets its due date, 30 days later.
    world.advanceTo('2026-12-10', '10:00');
    setCell(
      world,
      'Appels à facturation',
      'Référence',
      '2026-11:CLEMENT:2',
      'Approbation',
      'approuvé',
    );
    setCell(
      world,
      'Appels à facturation',
      'Référence',
      '2026-11:CLEMENT:2',
      'Approuvé le',
      '10/12/2026',
    );
    expect(runEntry(world, code, 'menuRefresh', undefined, menu).error).toBeNull();
    expect(rowOf('2026-11:CLEMENT:2')[head.indexOf("Date d'échéance")]).toBe('09/01/2027');
    const owed = status().find((r) => r[0] === 'AF-CLEMENT-2026-0003') ?? [];
    expect([owed[6], owed[7]]).toEqual(['09/01/2027', 'à payer']);
  });
});

describe('billing mode "none": a session billed by hand', () => {
  it('is not billed by the monthly job, which says how to bill it once; the menu action bills it', () => {
    const world = new World({ today: '2026-12-05', mailDailyQuota: 1500 });
    importCsvFolder(demoWorkbook, world);
    setCell(world, 'Clients', 'Code', 'OPCOATL', 'Mode de facturation', 'aucune');
    const job = { interactive: false, document: true, limitMs: null };
    expect(runEntry(world, code, 'runMonthly', undefined, job).error).toBeNull();
    const reg = (): string[][] => tabRows(world, 'Factures');
    const opco = (): string[][] => reg().filter((r) => r[7] === 'OPCOATL' && r[0] !== '');
    expect(opco()).toEqual([]);
    const said = (): string[][] =>
      tabRows(world, 'Journal').filter((r) => (r[6] ?? '').includes('Facturer une session'));
    expect(said()).toHaveLength(1);
    expect(said()[0]?.[5]).toMatch(/^B\d+$/);

    const menu = { interactive: true, limitMs: null };
    const unknown = runEntry(world, code, 'submitBillSession', { session: 'FORM-9999' }, menu);
    expect((unknown.result as { errors: Record<string, string> }).errors['session']).toContain(
      'Session inconnue',
    );
    const billed = runEntry(world, code, 'submitBillSession', { session: 'form-2611-excel' }, menu);
    expect(billed.error).toBeNull();
    expect((billed.result as { ok: boolean }).ok).toBe(true);
    // The OPCO's share of Camille Roux's and Hugo Lefèvre's 3 days at 420,00 = 1 260,00 each:
    // all of Camille's (100 %); Hugo attended 14 h of 21, so 70 % of 840,00 = 588,00. 1 848,00 HT.
    expect(
      opco().map((r) => [/^FA-2026-\d{5}$/.test(r[0] ?? ''), r[13]?.replace(/\s/g, ' ')]),
    ).toEqual([[true, '1 848,00']]);
    // Billed once: asked again, nothing more.
    const again = runEntry(world, code, 'submitBillSession', { session: 'FORM-2611-EXCEL' }, menu);
    expect((again.result as { ok: boolean }).ok).toBe(false);
    expect(opco()).toHaveLength(1);
  });
});

describe('agency providers get paid', () => {
  it('"paid as soon as the client pays": a share is due once its invoice is received and the client has paid, on the later day', () => {
    const world = new World({ today: '2026-12-05', mailDailyQuota: 1500 });
    importCsvFolder(demoWorkbook, world);
    typeRow(world, 'Paramètres', {
      Clé: "Parts d'agence versées au paiement du client",
      Valeur: 'oui',
    });
    const job = { interactive: false, document: true, limitMs: null };
    expect(runEntry(world, code, 'runMonthly', undefined, job).error).toBeNull();
    const calls = (): string[][] => tabRows(world, 'Appels à facturation');
    const head = calls()[0] ?? [];
    const share = (code: string): string[] =>
      calls().find((r) => (r[0] ?? '').startsWith(`agency-share:${code}:`)) ?? [];
    const due = (code: string): string => share(code)[head.indexOf("Date d'échéance")] ?? '';
    const label = (code: string): string =>
      tabRows(world, 'Suivi des paiements').find((r) => r[0] === share(code)[0])?.[8] ?? '';
    expect([due('ROSSI'), label('ROSSI')]).toEqual(['', 'En attente de la facture']);

    // 10 December: Rossi's invoice is received; Lumen has not paid yet.
    world.advanceTo('2026-12-10', '10:00');
    setCell(
      world,
      'Appels à facturation',
      'Référence',
      share('ROSSI')[0] ?? '',
      'Facture reçue le',
      '10/12/2026',
    );
    const menu = { interactive: true, limitMs: null };
    expect(runEntry(world, code, 'menuRefresh', undefined, menu).error).toBeNull();
    expect([due('ROSSI'), label('ROSSI')]).toEqual(['', 'En attente du paiement du client']);

    // 15 December: Lumen pays FA-2026-00008 in full: 7 885,00 of provider work + its own 15 %
    // fee 1 391,47 = 9 276,47 HT + 1 855,29 VAT = 11 131,76.
    world.advanceTo('2026-12-15', '10:00');
    const paid = runEntry(
      world,
      code,
      'submitPayment',
      { invoice: 'FA-2026-00008', date: '15/12/2026', amount: '11 131,76', method: 'virement' },
      menu,
    );
    expect((paid.result as { ok: boolean }).ok).toBe(true);
    // Rossi's share is due the day the client paid; Nguyen's still waits for its invoice.
    expect(due('ROSSI')).toBe('15/12/2026');
    expect([due('NGUYEN'), label('NGUYEN')]).toEqual(['', 'En attente de la facture']);
  });

  it('by default a share is due at the payment terms after its invoice is received, set by the refresh', () => {
    const world = new World({ today: '2026-12-05', mailDailyQuota: 1500 });
    importCsvFolder(demoWorkbook, world);
    const job = { interactive: false, document: true, limitMs: null };
    expect(runEntry(world, code, 'runMonthly', undefined, job).error).toBeNull();
    const calls = (): string[][] => tabRows(world, 'Appels à facturation');
    const head = calls()[0] ?? [];
    const rossi = (): string[] =>
      calls().find((r) => (r[0] ?? '').startsWith('agency-share:ROSSI:')) ?? [];
    world.advanceTo('2026-12-10', '10:00');
    setCell(
      world,
      'Appels à facturation',
      'Référence',
      rossi()[0] ?? '',
      'Facture reçue le',
      '10/12/2026',
    );
    expect(
      runEntry(world, code, 'menuRefresh', undefined, { interactive: true, limitMs: null }).error,
    ).toBeNull();
    // 10 December + 30 days (the demo's payment terms).
    expect(rossi()[head.indexOf("Date d'échéance")]).toBe('09/01/2027');
  });
});

describe("the month's sessions in what providers receive", () => {
  it('the self-billing recap lists them as the billing call does, a no-show labelled with its share', () => {
    const world = new World({ today: '2026-12-05', mailDailyQuota: 1500 });
    importCsvFolder(demoWorkbook, world);
    const job = { interactive: false, document: true, limitMs: null };
    expect(runEntry(world, code, 'runMonthly', undefined, job).error).toBeNull();
    const to = (address: string) => world.mail.sent.filter((m) => m.to.includes(address));
    const plainText = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
    /** The rows of an email's data table, each as its cells' texts. */
    const rows = (html: string): string[][] =>
      [...(/<thead>[^]*?<\/table>/.exec(html)?.[0] ?? '').matchAll(/<tr>([^]*?)<\/tr>/g)].map((r) =>
        [...(r[1] ?? '').matchAll(/<t[dh][^>]*>([^<]*)<\/t[dh]>/g)].map((c) =>
          plainText(c[1] ?? ''),
        ),
      );
    const recapMail = to('claire.clement@mentor.example')[0];
    const recap = plainText(recapMail?.text ?? '');
    expect(recap).toContain('Les sessions facturées');
    // 17 November, Hugo Bernard absent: mentorat level 1 at 32,00 × 50 % = 16,00.
    expect(recap).toMatch(
      /^17\/11\/2026 +Hugo Bernard +mentorat — absence +1 +32,00 € +16,00 €\n +facturée 50 %$/m,
    );
    expect(recap).toMatch(/^03\/11\/2026 +Léa Martin +mentorat +2 +38,00 € +38,00 €$/m);
    expect(rows(recapMail?.html ?? '')).toContainEqual([
      '17/11/2026',
      'Hugo Bernard',
      'mentorat — absence facturée 50 %',
      '1',
      '32,00 €',
      '16,00 €',
    ]);
    const callMail = to('minh@nguyen-conseil.example')[0];
    const call = plainText(callMail?.text ?? '');
    // 20 November, Sarah Lemoine absent: 32,00 × 50 % = 16,00.
    expect(call).toMatch(
      /^20\/11\/2026 +Sarah Lemoine +mentorat — absence +1 +32,00 € +16,00 €\n +facturée 50 %$/m,
    );
    expect(rows(callMail?.html ?? '')).toContainEqual([
      '20/11/2026',
      'Sarah Lemoine',
      'mentorat — absence facturée 50 %',
      '1',
      '32,00 €',
      '16,00 €',
    ]);
    // The HTML keeps its tables out of paragraphs.
    for (const m of [
      ...to('claire.clement@mentor.example'),
      ...to('minh@nguyen-conseil.example'),
    ]) {
      expect(m.html ?? '').not.toMatch(/<p[^>]*>(?:(?!<\/p>)[^])*<table/);
    }
  });
});
