/**
 * Whom an email greets, through the built bundle: the optional _Nom du contact_ column of the
 * Clients and Providers tabs, a workbook made before it existed, and the provider whose Name
 * is a company's.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { contactNameOf } from '../../src/app/mailing';
import { displayRows, importCsvFolder } from '../../tools/gas-sim/csv-workbook';
import { runEntry } from '../../tools/gas-sim/vm-loader';
import { World } from '../../tools/gas-sim/world';
import { bundleCode, demoWorkbook, tempDir } from './helpers';

const code = bundleCode();
const JOB = { interactive: false, document: true, limitMs: null };

/** The demo workbook with some of its CSV files rewritten. */
function demoWith(edit: (name: string, text: string) => string): World {
  const dir = tempDir('contact');
  for (const f of fs.readdirSync(demoWorkbook)) {
    const text = fs.readFileSync(path.join(demoWorkbook, f), 'utf8');
    fs.writeFileSync(path.join(dir, f), f.endsWith('.csv') ? edit(f, text) : text);
  }
  const world = new World({ today: '2026-12-05', mailDailyQuota: 1500 });
  importCsvFolder(dir, world);
  return world;
}

/** Each CSV line without its last column. */
const dropLastColumn = (text: string): string =>
  text
    .split('\n')
    .map((l) => (l === '' ? l : l.slice(0, l.lastIndexOf(','))))
    .join('\n');

const greetingOf = (text: string): string =>
  text.split('\n').find((l) => /^(Bonjour|Dear|Hello)\b/.test(l)) ?? '';

function greetings(world: World): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of world.mail.sent) {
    const to = m.to[0] ?? '';
    out.set(to, [...(out.get(to) ?? []), greetingOf(m.text)]);
  }
  return out;
}

function tab(world: World, name: string): string[][] {
  const ss = world.sheets.active();
  return (ss && displayRows(ss).find((t) => t.tab === name)?.rows) ?? [];
}

describe('the contact an email greets', () => {
  it('a workbook made before the contact column: read without a problem, greeted without a name', () => {
    const world = demoWith((f, t) => (f === 'Clients.csv' ? dropLastColumn(t) : t));
    const before = tab(world, 'Clients');
    expect(before[0]).not.toContain('Nom du contact');
    expect(runEntry(world, code, 'runMonthly', undefined, JOB).error).toBeNull();
    const g = greetings(world);
    expect(new Set(g.get('compta@brioche-cie.example'))).toEqual(new Set(['Bonjour,']));
    expect(g.get('ap@nexum-logistics.example')).toEqual(['Hello,']);
    // Nothing in the Journal about the Clients tab, and every invoice was sent.
    expect(tab(world, 'Journal').filter((r) => r.includes('Clients'))).toEqual([]);
    expect(world.mail.sent.filter((m) => /^(Facture|Invoice) FA-/.test(m.subject))).toHaveLength(8);
    // The run's set-up added the columns missing at the end (the contact, then the BPF line
    // added since), every other cell left where it was.
    const after = tab(world, 'Clients');
    const width = before[0]?.length ?? 0;
    expect(after[0]?.slice(0, width)).toEqual(before[0]);
    expect(after[0]?.slice(-2)).toEqual(['Nom du contact', 'Ligne BPF']);
    // (The ID column, first, is filled on first sight.)
    expect(after.slice(1).map((r) => r.slice(1, width))).toEqual(
      before.slice(1).map((r) => r.slice(1)),
    );
  });

  it('a provider with a contact is greeted by it; one whose Name is a company, by no name', () => {
    const world = demoWith((f, t) => {
      if (f !== 'Intervenants.csv') return t;
      const lines = t.split('\n');
      return lines
        .map((l, i) => {
          if (l === '') return l;
          if (i === 0) return `${l},Nom du contact`;
          // Minh Nguyen's row names the company in both Name and Company name: no person.
          if (l.includes(',NGUYEN,'))
            return `${l.replace('Minh Nguyen,Nguyen Conseil SASU', 'Nguyen Conseil SASU,Nguyen Conseil SASU')},`;
          // Paul Durand's row names his assistant as the contact.
          if (l.includes(',Paul Durand,')) return `${l},Léa Fontaine`;
          return `${l},`;
        })
        .join('\n');
    });
    expect(runEntry(world, code, 'runMonthly', undefined, JOB).error).toBeNull();
    const g = greetings(world);
    expect(g.get('minh@nguyen-conseil.example')).toEqual(['Bonjour,']);
    expect(g.get('paul.durand@freelance.example')).toEqual(['Bonjour Léa Fontaine,']);
    expect(g.get('claire.clement@mentor.example')).toEqual(['Bonjour Claire Clément,']);
  });
});

describe('contactNameOf', () => {
  const row = (values: Record<string, string>) => ({ values });

  it('a client: its contact column only, never its name', () => {
    expect(
      contactNameOf(row({ name: 'Brioche SARL', contactName: ' Camille Roux ' }), 'client'),
    ).toBe('Camille Roux');
    expect(contactNameOf(row({ name: 'Camille Roux' }), 'client')).toBe('');
    expect(contactNameOf(undefined, 'client')).toBe('');
  });

  it('a provider: its contact, else its Name when the Company name holds the company', () => {
    expect(
      contactNameOf(
        row({ name: 'Minh Nguyen', company: 'Nguyen Conseil', contactName: 'Lu' }),
        'provider',
      ),
    ).toBe('Lu');
    expect(
      contactNameOf(row({ name: 'Minh Nguyen', company: 'Nguyen Conseil SASU' }), 'provider'),
    ).toBe('Minh Nguyen');
    expect(
      contactNameOf(row({ name: 'Nguyen Conseil', company: 'NGUYEN  conseil' }), 'provider'),
    ).toBe('');
    expect(contactNameOf(row({ name: 'Paul Durand' }), 'provider')).toBe('');
  });
});
