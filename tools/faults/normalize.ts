/**
 * A world reduced to what must be the same after any interruption: every tab cell by cell
 * (row IDs by order of appearance, times to the day, links by file name), the Drive files, the
 * emails, and the add-on's state. The Journal is compared by the problems it reports (a resumed
 * job writes more lines about its runs).
 */
import { t as textOf } from '../../src/texts';
import { readAddonState } from '../gas-sim/addon-state';
import { displayRows } from '../gas-sim/csv-workbook';
import { containerText } from '../gas-sim/doc-model';
import type { World } from '../gas-sim/world';

export interface Snapshot {
  tabs: Record<string, string[][]>;
  journalProblems: string[];
  files: string[];
  halfMade: string[];
  emails: string[];
  summary: string[];
  markers: string[];
  statusColumn: { status: number; sent: number };
}

const ID = /\b[0-9a-f]{12}-[0-9a-z]+\b/g;
const DOC_LINK = /https:\/\/docs\.google\.com\/document\/d\/([A-Za-z0-9_-]+)\/edit/g;
const FILE_LINK = /https:\/\/drive\.google\.com\/file\/d\/([A-Za-z0-9_-]+)\/view/g;
/** A Drive id as the simulator makes them: 33 (folders) or 44 (files) characters from `1`. */
const DRIVE_ID = /\b1[A-Za-z0-9_-]{32}(?:[A-Za-z0-9_-]{11})?\b/g;
const OVERFLOW_REF = /⟦↪ [0-9a-f]{16}-[0-9a-z]+ (\d+)⟧/g;
const DATE_TIME = /\b(\d{2}\/\d{2}\/\d{4}) \d{2}:\d{2}(:\d{2})?\b/g;

function pathOf(world: World, id: string): string {
  const f = world.drive.file(id);
  if (!f) return `<missing ${id.slice(0, 6)}>`;
  return `${world.drive.pathOf(f.id)}${f.trashed ? ' (trashed)' : ''}`;
}

export function normalize(world: World): Snapshot {
  const ss = world.sheets.active();
  if (!ss) throw new Error('no workbook');
  const ids = new Map<string, string>();
  const canon = (text: string): string =>
    text
      .replace(ID, (m) => {
        let v = ids.get(m);
        if (!v) {
          v = `ID${ids.size + 1}`;
          ids.set(m, v);
        }
        return v;
      })
      .replace(DOC_LINK, (_m, id: string) => `doc:${pathOf(world, id)}`)
      .replace(FILE_LINK, (_m, id: string) => `file:${pathOf(world, id)}`)
      .replace(DATE_TIME, '$1')
      // A long value's reference names its text's fingerprint, which holds row IDs: the text
      // itself is compared in the Contenus longs tab.
      .replace(OVERFLOW_REF, '⟦↪ $1⟧')
      .replace(DRIVE_ID, (m) => {
        if (world.drive.file(m)) return `id:${pathOf(world, m)}`;
        const folder = world.drive.folder(m);
        return folder ? `folder:${world.drive.pathOf(folder.id)}` : m;
      });
  const tabs: Record<string, string[][]> = {};
  let journalProblems: string[] = [];
  for (const t of displayRows(ss)) {
    let rows = t.rows.map((r) => r.map(canon));
    if (t.tab === 'Contenus longs') {
      // One row per long value, its parts joined: where they split depends on the IDs' length.
      const whole = new Map<string, string[]>();
      for (const r of t.rows.slice(1)) {
        const key = `${r[0] ?? ''}|${r[1] ?? ''}`;
        const v = whole.get(key) ?? [r[0] ?? '', ''];
        v[1] += r[3] ?? '';
        whole.set(key, v);
      }
      rows = [[...(t.rows[0] ?? [])], ...[...whole.values()].map((r) => r.map(canon))];
    }
    if (t.tab === 'Journal') {
      // Level, tab, cell, message, value of the problems; not the runs' own lines.
      journalProblems = rows
        .slice(1)
        .filter((r) => ['erreur', 'avertissement', 'error', 'warning'].includes(r[3] ?? ''))
        .map((r) => [r[3], r[4], r[5], r[6], r[7]].join(' | '));
    } else tabs[t.tab] = rows;
  }
  const files = [...world.drive.files.values()]
    .filter((f) => !world.drive.isTrashed(f))
    .map((f) => world.drive.pathOf(f.id))
    .sort();
  const halfMade = [...world.drive.files.values()]
    .filter((f) => !world.drive.isTrashed(f) && f.doc && containerText(f.doc.body).includes('{{'))
    .filter((f) => !f.name.startsWith('Modèle de facture'))
    .map((f) => world.drive.pathOf(f.id));
  const emails: string[] = [];
  const summary: string[] = [];
  for (const m of world.mail.sent) {
    const line = `${m.to.join(',')} | ${m.subject} | ${(m.attachments ?? []).map((a) => a.name).join(',')}`;
    emails.push(line);
    if (/^Facturation de /.test(m.subject)) {
      // The summary's figures, without the days and the number of runs it took (the text is
      // wrapped: a line may end anywhere in between).
      summary.push(
        m.text
          .replace(/\(commencée\sle\s[^)]*\)/, '')
          .replace(/\(started\s[^)]*\)/, '')
          .replace(/en\s\d+\sexécution\(s\)|in\s\d+\srun\(s\)/, ''),
      );
    }
  }
  emails.sort();
  const state = readAddonState(world, ss);
  const markers = Object.keys(state).filter((k) => k.startsWith('mail:'));
  const register = tabs['Factures'] ?? [];
  const header = register[0] ?? [];
  const statusColumn = { status: header.indexOf('Statut'), sent: header.indexOf('Envoyée le') };
  return {
    tabs,
    journalProblems,
    files,
    halfMade,
    emails,
    summary,
    markers,
    statusColumn,
  };
}

function multisetDiff(label: string, a: readonly string[], b: readonly string[]): string[] {
  const count = new Map<string, number>();
  for (const x of a) count.set(x, (count.get(x) ?? 0) + 1);
  for (const x of b) count.set(x, (count.get(x) ?? 0) - 1);
  const out: string[] = [];
  for (const [x, n] of count) {
    if (n > 0) out.push(`${label}: missing ${n > 1 ? `${n}× ` : ''}${x}`);
    if (n < 0) out.push(`${label}: extra ${-n > 1 ? `${-n}× ` : ''}${x}`);
  }
  return out;
}

/**
 * Differences between the reference and a resumed run. An email interrupted exactly at its send
 * may be flagged `à vérifier` for a person: one such invoice is allowed (its email missing or
 * sent once, its marker kept until a person settles it), and counted.
 */
const FIRST_DAY = '05/12/2026';
const NEXT_DAY = '06/12/2026';
/** Dates that are the document's own, the same whenever it is made or sent. */
const STRICT_DATES = /émission|échéance|issue date|due/i;

/** The Journal's words for a summary cut during its send. */
const SUMMARY_FLAG = 'Résumé mensuel interrompu pendant son envoi';

/**
 * With `laterDays`, what a day's quota put off is done the next day: a cell dated that day where
 * the reference has the first day is the same, except issue and due dates, which a quota on
 * documents or emails must never move.
 */
export function compare(
  ref: Snapshot,
  got: Snapshot,
  laterDays = false,
): { diffs: string[]; flagged: number } {
  const diffs: string[] = [];
  const flaggedNumbers = new Set<string>();
  const { status, sent } = got.statusColumn;
  for (const row of (got.tabs['Factures'] ?? []).slice(1)) {
    if (row[status] === 'à vérifier') flaggedNumbers.add(row[0] ?? '');
  }
  // A billing call flagged the same way (its sent date says so).
  const calls = got.tabs['Appels à facturation'] ?? [];
  const sentAt = (calls[0] ?? []).indexOf('Envoyé le');
  const flaggedCalls = calls
    .slice(1)
    .filter((r) => r[sentAt] === 'à vérifier')
    .map((r) => r[0] ?? '');
  for (const c of flaggedCalls) flaggedNumbers.add(c);
  // The monthly summary flagged the same way: a Journal line, its email missing or sent once.
  const summaryFlagged = got.journalProblems.some((p) => p.includes(SUMMARY_FLAG));
  const flagged = flaggedNumbers.size + (summaryFlagged ? 1 : 0);
  if (flagged > 1)
    diffs.push(`${flagged} invoices flagged à vérifier: ${[...flaggedNumbers].join(', ')}`);
  const tabs = new Set([...Object.keys(ref.tabs), ...Object.keys(got.tabs)]);
  for (const t of tabs) {
    const a = ref.tabs[t];
    const b = got.tabs[t];
    if (!a || !b) {
      diffs.push(`tab ${t}: ${a ? 'missing' : 'extra'}`);
      continue;
    }
    const rows = Math.max(a.length, b.length);
    for (let r = 0; r < rows; r++) {
      const ra = a[r] ?? [];
      const rb = b[r] ?? [];
      // The flagged invoice's row: its status and sent date (register), its reminders (status).
      const flaggedRow =
        (t === 'Factures' || t === 'Suivi des paiements' || t === 'Appels à facturation') &&
        flaggedNumbers.has(rb[0] ?? '');
      const cols = Math.max(ra.length, rb.length);
      for (let c = 0; c < cols; c++) {
        if (flaggedRow && t === 'Appels à facturation' && c === sentAt) continue;
        if (
          flaggedRow &&
          t !== 'Appels à facturation' &&
          (t !== 'Factures' || c === status || c === sent)
        )
          continue;
        const va = ra[c] ?? '';
        const vb = rb[c] ?? '';
        const header = (a[0] ?? [])[c] ?? '';
        const putOff =
          laterDays &&
          r > 0 &&
          !STRICT_DATES.test(header) &&
          vb.replaceAll(NEXT_DAY, FIRST_DAY) === va;
        // Finished the next day, a payable due on the first day is now overdue: its status
        // and label say so, its amounts and due date stay the same.
        const dueFirstDay =
          laterDays &&
          t === 'Suivi des paiements' &&
          ra.includes(FIRST_DAY) &&
          ((va === 'à payer' && vb === 'impayée') ||
            (va === textOf('fr', 'status.to-pay', { date: FIRST_DAY }) &&
              vb === textOf('fr', 'status.unpaid', { date: FIRST_DAY })));
        if (va !== vb && !putOff && !dueFirstDay) {
          // Long values: shown from a little before where they part.
          let at = 0;
          while (at < va.length && va[at] === vb[at]) at++;
          const from = at > 60 ? at - 20 : 0;
          diffs.push(
            `${t}!R${r + 1}C${c + 1}: expected «${va.slice(from, from + 80)}» got «${vb.slice(from, from + 80)}»${from > 0 ? ` (from character ${from})` : ''}`,
          );
        }
      }
    }
  }
  const missingProblems = ref.journalProblems.filter((p) => !got.journalProblems.includes(p));
  for (const p of missingProblems) diffs.push(`Journal: problem not reported: ${p}`);
  diffs.push(...multisetDiff('Drive', ref.files, got.files));
  for (const h of got.halfMade) diffs.push(`Drive: half-made document ${h}`);
  const gotEmails = got.emails.filter(
    (e) => ![...flaggedNumbers].some((n) => n !== '' && e.includes(n) && !ref.emails.includes(e)),
  );
  const summaryMissing = summaryFlagged && got.summary.length === 0;
  const refEmails = ref.emails.filter(
    (e) =>
      !(flagged === 1 && [...flaggedNumbers].some((n) => n !== '' && e.includes(n))) &&
      !(summaryMissing && / \| Facturation de /.test(e)),
  );
  const extraFlagged = got.emails.filter((e) =>
    [...flaggedNumbers].some((n) => n !== '' && e.includes(n)),
  );
  if (extraFlagged.length > 1) diffs.push(`emails: ${extraFlagged.length} for a flagged invoice`);
  const emailDiffs = multisetDiff(
    'emails',
    refEmails,
    gotEmails.filter(
      (e) => !(flagged === 1 && [...flaggedNumbers].some((n) => n !== '' && e.includes(n))),
    ),
  );
  // A flagged billing call: its email may be the one missing.
  const missingCall = emailDiffs.filter((d) =>
    /^emails: missing [^|]+\| Appel à facturation /.test(d),
  );
  diffs.push(
    ...(flaggedCalls.length === 1 && flagged === 1 && missingCall.length === 1
      ? emailDiffs.filter((d) => d !== missingCall[0])
      : emailDiffs),
  );
  // With one email flagged, the summary counts one email fewer and one problem more.
  const loose = (lines: readonly string[]): string[] =>
    flagged === 1
      ? lines.map((l) =>
          l.replace(
            /^( *(?:Emails envoyés|Emails sent|Anomalies|Problems)(?=[ (])[^\n\d]*?)\s*\d+$/gm,
            '$1',
          ),
        )
      : [...lines];
  if (summaryFlagged) {
    // Whether it went out is for a person to tell; never twice, and never with other figures.
    if (got.summary.length > 1) diffs.push(`summary: sent ${got.summary.length} times`);
    const missing = got.summary.length === 0 ? ref.summary : [];
    diffs.push(
      ...multisetDiff('summary', loose(ref.summary), [...loose(got.summary), ...loose(missing)]),
    );
  } else diffs.push(...multisetDiff('summary', loose(ref.summary), loose(got.summary)));
  const strayMarkers = got.markers.filter((m) => !flaggedNumbers.has(m.slice('mail:'.length)));
  for (const m of strayMarkers) diffs.push(`state: marker left ${m}`);
  return { diffs, flagged };
}
