/**
 * Benchmark of the pure core on a generated workbook of N source rows: read the tabs from cell
 * arrays held in memory (the read path of src/app: RunContext over a workbook port), bill every
 * source (extra lines, mentoring sessions, activity reports, trainings), check the mandatory
 * mentions, number, total, build each invoice's document model and its email — the chain of
 * src/app/issue.ts without Google Docs, Drive or Gmail.
 *
 * Each measurement runs in a child process of its own, so that its peak memory is its own: wall
 * time and CPU time of the core alone (the workbook is made before the clock starts), peak RSS
 * (the kernel's high-water mark, reset once the workbook is made) and peak heap used (V8's heap
 * before each garbage collection). Figures are the median of `runs` children. The children run
 * this file bundled by esbuild for the add-on's target, as the shipped code runs.
 *
 *   npx tsx tools/bench/core.ts [rows…]     prints the table (10,000 and 100,000 rows by default)
 */
import { fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as v8 from 'node:v8';
import type { Draft } from '../../src/billing/draft';
import { addDays, calendarDate, type CalendarDate } from '../../src/domain/dates';
import { formatDate, formatMoney } from '../../src/domain/format';
import { isSelfBilled, type InvoiceDocument } from '../../src/domain/invoice';
import { checkMentions } from '../../src/domain/mentions';
import { allocateNumbers, type NumberRequest } from '../../src/domain/numbering';
import { toCalendarDate } from '../../src/domain/time-zone';
import { invoiceTotals, type Totals } from '../../src/domain/totals';
import { computeDrafts } from '../../src/app/drafts';
import { counterState, issuedForm, partyCode } from '../../src/app/issue';
import { sessionRows } from '../../src/app/payables';
import type { Ports, TabFormat } from '../../src/app/ports';
import { loadOutput } from '../../src/app/register';
import { RunContext } from '../../src/app/run-context';
import { invoiceEmail, selfBillingEmail, type EmailContent } from '../../src/render/emails';
import { invoiceDocumentModel } from '../../src/render/invoice-document';
import type { DocumentModel } from '../../src/render/document-model';
import type { CellValue } from '../../src/sheets/cells';
import { parseUserEntered } from '../gas-sim/cell-parse';
import { readCsvRows } from '../gas-sim/csv-workbook';
import { localeInfo } from '../gas-sim/locale';
import * as path from 'node:path';

export interface CoreResult {
  /** Source rows billed: extra lines, sessions, activity reports and enrolments. */
  rows: number;
  invoices: number;
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
  peakHeapMb: number;
  /** Time spent in garbage collection (V8's own count). */
  gcMs: number;
  runs: number;
}

const TIME_ZONE = 'Europe/Paris';
const DEMO = path.resolve(__dirname, '..', '..', 'sheets-templates', 'demo');
/** The run's day: the December job bills November. */
const NOW = Date.UTC(2026, 11, 5, 7);

interface Tab {
  values: CellValue[][];
  formats: string[][];
}

// ---------------------------------------------------------------------------------------------
// The workbook: the demo's tabs, grown by generated rows of every source

/** Rows of a demo tab (header first), as typed in a CSV export. */
function demoRows(file: string): string[][] {
  return readCsvRows(path.join(DEMO, `${file}.csv`)).filter((r) => r.some((c) => c !== ''));
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const day = (i: number): string => `${pad((i % 28) + 1, 2)}/11/2026`;

/** How N source rows are shared between the sources, and the parties they name. */
export function shares(n: number): {
  clients: number;
  providers: number;
  extras: number;
  sessions: number;
  reports: number;
  enrolments: number;
} {
  const sessions = Math.round(n * 0.15);
  const reports = Math.round(n * 0.05);
  const enrolments = Math.round(n * 0.1);
  return {
    clients: Math.max(10, Math.round(n / 50)),
    providers: Math.max(5, Math.round(n / 1000)),
    extras: n - sessions - reports - enrolments,
    sessions,
    reports,
    enrolments,
  };
}

/**
 * The generated workbook as the CSV a user would import: every tab of the demo, with `n`
 * source rows more (70 % extra lines for many clients, 15 % mentoring sessions, 5 % activity
 * reports, 10 % enrolments to trainings). Every row has its ID, as after a first run.
 */
export function generatedTabs(n: number): Map<string, string[][]> {
  const s = shares(n);
  const tabs = new Map<string, string[][]>();
  const order = fs
    .readFileSync(path.join(DEMO, '_order.txt'), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  for (const name of order) tabs.set(name, demoRows(name));
  const add = (name: string, rows: string[][]): void => {
    tabs.get(name)?.push(...rows);
  };
  const client = (c: number): string => `CL${pad(c, 5)}`;
  const provider = (p: number): string => `PR${pad(p, 4)}`;

  const clients: string[][] = [];
  for (let c = 1; c <= s.clients; c++) {
    clients.push([
      `idc-${c}`,
      client(c),
      `Client ${c} SAS`,
      'entreprise',
      `${c} rue du Banc`,
      '',
      '69003',
      'Lyon',
      'France',
      '451 236 780',
      'FR80451236780',
      `compta${c}@client.example`,
      '',
      c % 3 === 0 ? '45' : '30',
      c % 5 === 0 ? 'en' : 'fr',
      c % 4 === 0 ? `BC-${c}` : '',
      c % 10 === 0 ? '15 %' : '',
    ]);
  }
  add('Clients', clients);

  const providers: string[][] = [];
  for (let p = 1; p <= s.providers; p++) {
    providers.push([
      `idp-${p}`,
      provider(p),
      `Mentor ${p}`,
      `Mentor ${p} Conseil SASU`,
      `${p} boulevard des Belges`,
      '69006',
      'Lyon',
      '901 223 875 00013',
      'FR46901223875',
      p % 3 === 0 ? 'franchise' : 'standard',
      'FR76 3000 3012 3400 0504 4556 649',
      'SOGEFRPP',
      `mentor${p}@mentor.example`,
      '15/03/2026',
      '15',
      p % 2 === 0 ? 'Express' : 'Basic',
      'fr',
    ]);
  }
  add('Intervenants', providers);

  const extras: string[][] = [];
  const vat = ['20 %', '20 %', '10 %', '5,5 %'];
  for (let i = 0; i < s.extras; i++) {
    const c = (i % s.clients) + 1;
    extras.push([
      `idx-${i}`,
      day(i),
      client(c),
      i % 4 === 0 ? provider((i % s.providers) + 1) : '',
      `Projet ${c}`,
      `Prestation ${i + 1}`,
      `${(i % 9) + 1},5`,
      'jours',
      `${400 + (i % 50)},${pad(i % 100, 2)}`,
      i % 7 === 0 ? '10 %' : '',
      vat[i % vat.length] ?? '20 %',
      i % 5 === 0 ? 'forfait' : 'jours',
      '',
    ]);
  }
  add('Prestations', extras);

  const sessions: string[][] = [];
  const students = ['Léa Martin', 'Hugo Bernard', 'Inès Moreau', 'Chloé Dubois', 'Yanis Petit'];
  for (let i = 0; i < s.sessions; i++) {
    sessions.push([
      `ids-${i}`,
      day(i),
      provider((i % s.providers) + 1),
      students[i % students.length] ?? '',
      i % 6 === 0 ? 'soutenance' : 'mentorat',
      String((i % 3) + 1),
      i % 4 === 0 ? '60' : '45',
      i % 17 === 0 ? 'absent' : 'réalisée',
      '',
      '',
    ]);
  }
  add('Sessions', sessions);

  const reports: string[][] = [];
  for (let i = 0; i < s.reports; i++) {
    reports.push([
      `idr-${i}`,
      '2026-11',
      provider((i % s.providers) + 1),
      client((i % s.clients) + 1),
      `MIS-${pad(i, 6)} Mission ${i}`,
      `${(i % 15) + 3},5`,
      String(450 + (i % 5) * 50),
      'validé',
      '02/12/2026',
      i % 3 === 0 ? 'Flash' : '',
    ]);
  }
  add('CRA', reports);

  const trainings: string[][] = [];
  const enrolments: string[][] = [];
  const perTraining = 20;
  const trainingCount = Math.max(1, Math.ceil(s.enrolments / perTraining));
  for (let t = 0; t < trainingCount; t++) {
    trainings.push([
      `idt-${t}`,
      `FORM-G${pad(t, 5)}`,
      `PRD-${pad(t % 40, 3)}`,
      `Formation ${t}`,
      `${pad((t % 20) + 1, 2)}/11/2026`,
      `${pad((t % 20) + 3, 2)}/11/2026`,
      '21',
      'Lyon, salle Confluence',
      'Sophie Martin',
      'terminée',
    ]);
  }
  for (let i = 0; i < s.enrolments; i++) {
    const t = Math.floor(i / perTraining);
    const financed = i % 4 === 0;
    enrolments.push([
      `ide-${i}`,
      `FORM-G${pad(t, 5)}`,
      `Apprenant ${i}`,
      client(((t * 3 + (i % 3)) % s.clients) + 1),
      financed ? 'OPCOATL' : '',
      financed ? 'jour' : 'apprenant',
      financed ? '3' : '1',
      financed ? '420,00' : '1 290,00',
      i % 9 === 0 ? '10 %' : '',
      financed ? '70 %' : '',
      '',
      '',
    ]);
  }
  add('Formations', trainings);
  add('Inscriptions', enrolments);
  return tabs;
}

/** Each cell typed as Google Sheets types what is imported, with the format it gives. */
export function typedTabs(tabs: Map<string, string[][]>): Map<string, Tab> {
  const locale = localeInfo('fr_FR');
  const opts = { locale, timeZone: TIME_ZONE, currentYear: 2026 };
  const out = new Map<string, Tab>();
  for (const [name, rows] of tabs) {
    const width = rows.reduce((m, r) => Math.max(m, r.length), 0);
    const values: CellValue[][] = [];
    const formats: string[][] = [];
    for (const row of rows) {
      const v: CellValue[] = [];
      const f: string[] = [];
      for (let c = 0; c < width; c++) {
        const typed = parseUserEntered(row[c] ?? '', opts);
        v.push(typed.value);
        f.push(typed.numberFormat ?? '');
      }
      values.push(v);
      formats.push(f);
    }
    out.set(name, { values, formats });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Ports held in memory: the workbook's cells, and nothing else the core reaches

function unused(): never {
  throw new Error('not reached by the pure core');
}

/** A port the core never calls: any method it would call throws. */
function unreached<T extends object>(fields: Partial<T> = {}): T {
  return new Proxy(fields, {
    get: (target, key) => (key in target ? target[key as keyof T] : unused),
  }) as T;
}

function memoryPorts(tabs: Map<string, Tab>): Ports {
  let ids = 0;
  const store = new Map<string, string>();
  return {
    workbook: {
      timeZone: TIME_ZONE,
      refresh: () => undefined,
      sheetNames: () => [...tabs.keys()],
      read: (name) => tabs.get(name)?.values ?? null,
      readNumberFormats: (name, rows, column, width) =>
        (tabs.get(name)?.formats ?? [])
          .slice(0, rows)
          .map((r) => Array.from({ length: width }, (_, i) => r[column - 1 + i] ?? '')),
      readHeader: (name) => tabs.get(name)?.values[0] ?? null,
      createTab: (name: string, headers: readonly string[], _format: TabFormat) => {
        tabs.set(name, { values: [[...headers]], formats: [headers.map(() => '')] });
      },
      finishTab: () => undefined,
      addColumns: unused,
      write: () => undefined,
      writeColours: () => undefined,
      toast: () => undefined,
    },
    drive: unreached<Ports['drive']>(),
    docs: unreached<Ports['docs']>(),
    mail: { remainingQuota: () => 1500, send: unused },
    store: {
      get: (k) => store.get(k) ?? null,
      set: (k, v) => void store.set(k, v),
      remove: (...keys) => keys.forEach((k) => store.delete(k)),
      keys: (prefix) => [...store.keys()].filter((k) => k.startsWith(prefix)),
    },
    lock: { tryLock: () => true, release: () => undefined },
    triggers: unreached<Ports['triggers']>(),
    clock: { now: () => new Date(NOW), startMs: NOW },
    ui: unreached<Ports['ui']>({ interactive: false }),
    newId: () => `0000bench-${pad(++ids, 4)}-4000-8000-000000000000`,
    log: () => undefined,
  };
}

// ---------------------------------------------------------------------------------------------
// The core, as src/app/issue.ts chains it

export interface CoreOutput {
  invoices: number;
  refused: number;
  problems: number;
  models: DocumentModel[];
  emails: EmailContent[];
}

/** Read, bill, check, number, total, lay out and write the emails of every invoice. */
export function runCore(tabs: Map<string, Tab>): CoreOutput {
  const ctx = new RunContext(memoryPorts(tabs), 'bench');
  const register = loadOutput(ctx, 'invoices');
  const lines = loadOutput(ctx, 'invoice-lines');
  const set = computeDrafts(ctx, lines, register, loadOutput(ctx, 'billingCalls'));
  const today = toCalendarDate(ctx.ports.clock.now(), ctx.timeZone);
  const settings = ctx.settings;
  const clients = new Map<string, Record<string, unknown>>();
  for (const r of ctx.tab('clients')?.records ?? [])
    clients.set(String(r.values['code'] ?? '').toUpperCase(), r.values);
  const providers = new Map<string, Record<string, unknown>>();
  for (const r of ctx.tab('providers')?.records ?? [])
    providers.set(String(r.values['code'] ?? '').toUpperCase(), r.values);

  // Due date and mentions, checked before numbering (issueDrafts).
  const ready: { draft: Draft; invoice: InvoiceDocument; totals: Totals | null }[] = [];
  let refused = 0;
  for (const draft of set.drafts) {
    const clientTerms = clients.get(draft.buyerCode)?.['paymentTerms'];
    const invoice = issuedForm(
      draft,
      today,
      typeof clientTerms === 'number' ? clientTerms : settings.paymentTerms,
    );
    // The totals the check computed serve the document: numbering changes no amount.
    const checked = checkMentions(invoice, { expectNumber: false });
    if (checked.problems.length > 0) {
      refused++;
      continue;
    }
    ready.push({ draft, invoice, totals: checked.totals });
  }
  const requests = ready.map(({ draft }): NumberRequest => {
    if (isSelfBilled(draft.invoice.kind))
      return {
        pattern: settings.selfBillingPattern,
        issueDate: today,
        provider: draft.providerCode ?? '',
      };
    return {
      pattern: draft.invoice.kind === 'avoir' ? settings.creditPattern : settings.invoicePattern,
      issueDate: today,
    };
  });
  const allocation = allocateNumbers(counterState(ctx, register), requests);

  // What each draft owes providers, for the self-billing emails.
  const payablesOf = new Map<string, typeof set.payables>();
  for (const p of set.payables) {
    if (p.draftKey === undefined) continue;
    const list = payablesOf.get(p.draftKey) ?? [];
    list.push(p);
    payablesOf.set(p.draftKey, list);
  }

  const models: DocumentModel[] = [];
  const emails: EmailContent[] = [];
  ready.forEach(({ draft, invoice, totals: checkedTotals }, i) => {
    const outcome = allocation.outcomes[i];
    if (!outcome?.ok) return;
    const inv: InvoiceDocument = {
      ...invoice,
      number: outcome.number,
      paymentReference: `${partyCode(draft)} ${outcome.number}`,
    };
    const totals = checkedTotals ?? invoiceTotals(inv);
    models.push(invoiceDocumentModel(inv, { buyerCode: partyCode(draft), totals }));
    const payable = draft.direction === 'payable';
    const party = (payable ? providers : clients).get(partyCode(draft));
    const lang =
      party?.['language'] === 'en' || party?.['language'] === 'fr'
        ? (party['language'] as 'en' | 'fr')
        : ctx.lang;
    const cur = settings.currency || 'EUR';
    const docUrl = `https://docs.google.com/document/d/${outcome.number}/edit`;
    if (payable) {
      const contestDays = Number(party?.['contestDays'] ?? 0) || 15;
      emails.push(
        selfBillingEmail({
          lang,
          number: outcome.number,
          providerName: String(party?.['name'] ?? '') || inv.seller.name,
          buyerName: settings.orgName,
          total: formatMoney(totals.grandTotal, lang, cur),
          contestBy: formatDate(addDays(calendarDate(today), contestDays), lang),
          docUrl,
          sessions: sessionRows(
            (payablesOf.get(draft.key) ?? []).flatMap((p) => p.lines),
            lang,
            cur,
          ),
        }),
      );
    } else {
      emails.push(
        invoiceEmail({
          lang,
          number: outcome.number,
          buyerName: inv.buyer.name,
          sellerName: settings.orgName,
          total: formatMoney(totals.duePayableAmount.abs(), lang, cur),
          dueDate: inv.dueDate ? formatDate(inv.dueDate as CalendarDate, lang) : '',
          paymentReference: inv.paymentReference ?? '',
          docUrl,
        }),
      );
    }
  });
  return {
    invoices: models.length,
    refused,
    problems: ctx.problems.length,
    models,
    emails,
  };
}

// ---------------------------------------------------------------------------------------------
// One measurement (in a child process), and the median of several

interface Sample {
  rows: number;
  invoices: number;
  refused: number;
  problems: number;
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
  peakHeapMb: number;
  gcMs: number;
}

const MB = 1024 * 1024;

/** The kernel's peak RSS of this process, in bytes; reset with `resetPeakRss`. */
function peakRss(): number {
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) * 1024;
  } catch {
    // Not Linux: the peak since the process started.
  }
  return process.resourceUsage().maxRSS * 1024;
}

/** Linux forgets the peak RSS so far when 5 is written to clear_refs. */
function resetPeakRss(): void {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // Not Linux: the peak includes making the workbook.
  }
}

function measureOnce(rows: number): Sample {
  const tabs = typedTabs(generatedTabs(rows));
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  resetPeakRss();
  const profiler = new v8.GCProfiler();
  profiler.start();
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const out = runCore(tabs);
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  const heapEnd = process.memoryUsage().heapUsed;
  const rss = Math.max(peakRss(), process.memoryUsage().rss);
  const stats = profiler.stop()?.statistics ?? [];
  let heap = heapEnd;
  let gcMicros = 0;
  for (const s of stats) {
    heap = Math.max(heap, s.beforeGC.heapStatistics.usedHeapSize);
    gcMicros += s.cost;
  }
  return {
    rows,
    invoices: out.invoices,
    refused: out.refused,
    problems: out.problems,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssMb: rss / MB,
    peakHeapMb: heap / MB,
    gcMs: gcMicros / 1000,
  };
}

/**
 * This file and the core it times, bundled by esbuild as the add-on is (one file, the same
 * target), so that a child runs the code as shipped rather than through tsx's per-file
 * transform and its wrappers. Built once per bench beside this file (so that paths relative to
 * it still hold and the packages left outside the bundle resolve), removed at exit.
 */
let bundled: Promise<string> | null = null;
function coreBundle(): Promise<string> {
  bundled ??= (async () => {
    const esbuild = await import('esbuild');
    const { TARGET } = await import('../build/build');
    const outfile = path.join(__dirname, `.core-bundle-${process.pid}.js`);
    await esbuild.build({
      entryPoints: [__filename],
      bundle: true,
      platform: 'node',
      target: TARGET,
      outfile,
      // Reached only by the simulator's PDF and email writers, never by the core.
      external: ['pdfkit', 'pdf-lib', 'nodemailer', 'pdfjs-dist'],
      logLevel: 'error',
    });
    process.once('exit', () => fs.rmSync(outfile, { force: true }));
    return outfile;
  })();
  return bundled;
}

async function child(rows: number): Promise<Sample> {
  const file = await coreBundle();
  return new Promise((resolve, reject) => {
    const proc = fork(file, ['--child', String(rows)], {
      execArgv: ['--expose-gc'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: Sample | null = null;
    proc.on('message', (m) => {
      result = m as Sample;
    });
    proc.on('error', reject);
    proc.on('exit', (code) => {
      if (result) resolve(result);
      else reject(new Error(`core benchmark child for ${rows} rows exited with ${code}`));
    });
  });
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? 0)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** The pure core on `rows` source rows each: the median of `runs` fresh processes. */
export async function benchCore(rows: number[], runs = 5): Promise<CoreResult[]> {
  const out: CoreResult[] = [];
  for (const n of rows) {
    const samples: Sample[] = [];
    for (let r = 0; r < runs; r++) samples.push(await child(n));
    const of = (k: keyof Sample) => median(samples.map((s) => s[k]));
    out.push({
      rows: n,
      invoices: samples[0]?.invoices ?? 0,
      wallMs: of('wallMs'),
      cpuMs: of('cpuMs'),
      peakRssMb: of('peakRssMb'),
      peakHeapMb: of('peakHeapMb'),
      gcMs: of('gcMs'),
      runs,
    });
  }
  return out;
}

export function coreTable(results: readonly CoreResult[]): string {
  const head = ['rows', 'invoices', 'wall ms', 'CPU ms', 'GC ms', 'peak RSS MB', 'peak heap MB'];
  const lines = results.map((r) => [
    r.rows.toLocaleString('en-US'),
    String(r.invoices),
    r.wallMs.toFixed(0),
    r.cpuMs.toFixed(0),
    r.gcMs.toFixed(0),
    r.peakRssMb.toFixed(0),
    r.peakHeapMb.toFixed(0),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const fmt = (cells: readonly string[]): string =>
    cells.map((c, i) => c.padStart(widths[i] ?? 0)).join('  ');
  return [
    `Pure core (median of ${results[0]?.runs ?? 0} runs, each in a fresh process)`,
    fmt(head),
    ...lines.map(fmt),
  ].join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    const sample = measureOnce(Number(args[1]));
    if (process.send) process.send(sample);
    else console.log(JSON.stringify(sample));
    return;
  }
  const rows = args.length > 0 ? args.map(Number) : [10_000, 100_000];
  console.log(coreTable(await benchCore(rows)));
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
