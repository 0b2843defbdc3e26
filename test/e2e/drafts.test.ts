/** Drafts, preview and issue through the built bundle; the trigger on and off the billing-call day. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import PostalMime from 'postal-mime';
import { demoWorkbook, local, readCsv, tempDir, walk } from './helpers';

function column(rows: string[][], name: string): string[] {
  const i = rows[0]?.indexOf(name) ?? -1;
  return rows.slice(1).map((r) => r[i] ?? '');
}

describe('generate, preview, issue', () => {
  it('preview writes nothing to the workbook and shows the drafts in a dialog', async () => {
    const run = await local({ action: 'preview', workbook: demoWorkbook, today: '2026-12-05' });
    expect(run.report.error).toBeNull();
    expect(run.report.calls['Range']?.['setValues'] ?? 0).toBe(0);
    expect(run.report.calls['Spreadsheet']?.['insertSheet'] ?? 0).toBe(0);
    expect(run.report.calls['Ui']?.['showModalDialog']).toBe(1);
    expect(String((run.report.outcome as { message: string }).message)).toContain('2\u202f587,68');
  });

  it('generate writes drafts without numbers, again and again; issue then numbers them', async () => {
    const first = await local({ action: 'generate', workbook: demoWorkbook, today: '2026-12-04' });
    const again = await local({ action: 'generate', from: first.out, today: '2026-12-04' });
    const drafts = readCsv(again.out, 'Factures');
    const n = drafts.length - 1;
    expect(n).toBeGreaterThan(2);
    expect(column(drafts, 'Statut')).toEqual(new Array(n).fill('brouillon'));
    expect(column(drafts, 'Numéro')).toEqual(new Array(n).fill(''));
    expect(readCsv(first.out, 'Factures')).toEqual(drafts);
    expect(
      column(readCsv(again.out, 'Lignes'), 'Facture').every((v) => v.startsWith('brouillon:')),
    ).toBe(true);

    const issued = await local({ action: 'issue', from: again.out, today: '2026-12-05' });
    const register = readCsv(issued.out, 'Factures');
    expect(column(register, 'Numéro').filter((x) => x !== '')).toHaveLength(n);
    expect(column(register, 'Statut')).toEqual(new Array(n).fill('envoyée'));
    expect(
      column(readCsv(issued.out, 'Lignes'), 'Facture').some((v) => v.startsWith('brouillon:')),
    ).toBe(false);
  });

  it('with auto-send off the monthly job leaves drafts for a person to issue', async () => {
    const dir = tempDir('wb');
    for (const f of fs.readdirSync(demoWorkbook))
      fs.copyFileSync(path.join(demoWorkbook, f), path.join(dir, f));
    const settings = path.join(dir, 'Paramètres.csv');
    fs.writeFileSync(
      settings,
      fs.readFileSync(settings, 'utf8').replace('Envoi automatique,oui', 'Envoi automatique,non'),
    );
    const run = await local({ action: 'monthly', workbook: dir, today: '2026-12-05' });
    const statuses = column(readCsv(run.out, 'Factures'), 'Statut');
    expect(statuses.length).toBeGreaterThan(2);
    expect(new Set(statuses)).toEqual(new Set(['brouillon']));
    // Billing calls still go out on the billing-call day; no invoice does. The finance contact
    // gets the summary: drafts to issue.
    const mails = await Promise.all(
      walk(path.join(run.out, 'mail')).map((f) => PostalMime.parse(fs.readFileSync(f))),
    );
    const toFinance = (m: (typeof mails)[number]) =>
      m.to?.[0]?.address === 'finance@atelier-formation.example';
    const summaries = mails.filter(toFinance);
    expect(summaries).toHaveLength(1);
    expect(summaries[0]?.subject).toMatch(
      /^Facturation de novembre 2026\u00a0: \d+ brouillon\(s\) à émettre/,
    );
    const others = mails.filter((m) => !toFinance(m));
    expect(others.length).toBeGreaterThan(0);
    for (const m of others) expect(m.subject).toMatch(/^Appel à facturation/);
  });
});

describe('the time-driven trigger', () => {
  it('does the monthly job on the billing-call day and only continues on other days', async () => {
    const other = await local({ action: 'dispatch', workbook: demoWorkbook, today: '2026-12-04' });
    expect(readCsv(other.out, 'Factures').slice(1)).toHaveLength(0);
    const fifth = await local({ action: 'dispatch', from: other.out, today: '2026-12-05' });
    expect(column(readCsv(fifth.out, 'Factures'), 'Numéro')).toContain('FA-2026-00001');
  });
});

describe('the daily mail quota', () => {
  it('sends what the quota allows, leaves the rest pending, and the next day sends the rest once', async () => {
    const day1 = await local({
      action: 'monthly',
      workbook: demoWorkbook,
      today: '2026-12-05',
      mailQuota: 1,
    });
    const firstMails = walk(path.join(day1.out, 'mail'));
    expect(firstMails).toHaveLength(1);
    const calls = readCsv(day1.out, 'Appels à facturation').filter((r) => r[7] === 'appel').length;
    const total = readCsv(day1.out, 'Factures').length - 1 + calls;
    const counts = (day1.report.outcome as { counts: Record<string, number> }).counts;
    expect(counts['pendingMail']).toBe(total - 1);
    const day2 = await local({
      action: 'dispatch',
      from: day1.out,
      today: '2026-12-06',
      mailQuota: 100,
    });
    // The rest, then the summary to the finance contact: the job ends on the second day.
    const all = walk(path.join(day2.out, 'mail'));
    expect(all).toHaveLength(total);
    const mails = all.filter((f) => !/^To: finance@/m.test(fs.readFileSync(f, 'utf8')));
    expect(mails).toHaveLength(total - 1);
    const subjectOf = (f: string) => {
      const eml = fs.readFileSync(f, 'utf8');
      return `${/^To: (.*)$/m.exec(eml)?.[1] ?? ''} ${/^Subject: (.*)$/m.exec(eml)?.[1] ?? ''}`;
    };
    const subjects = [subjectOf(firstMails[0] ?? ''), ...mails.map(subjectOf)];
    expect(new Set(subjects).size).toBe(total);
    const day3 = await local({ action: 'dispatch', from: day2.out, today: '2026-12-07' });
    expect(walk(path.join(day3.out, 'mail'))).toHaveLength(0);
  });
});
