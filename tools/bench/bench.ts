/**
 * Benchmark of the monthly job in the in-memory Apps Script: Apps Script calls by service and
 * simulated time (latency model of perf/apps-script-latency.json), for the demo workbook and for a generated
 * workbook with many clients and extra lines. Figures are printed, never asserted.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generatedWorkbook as generated } from '../local/generated-workbook';
import { runLocal } from '../local/run-local';
import { importCsvFolder } from '../gas-sim/csv-workbook';
import { fireTrigger, runEntry } from '../gas-sim/vm-loader';
import { World } from '../gas-sim/world';
import * as vm from 'node:vm';
import { eInvoicePdf, eInvoiceXml } from '../../src/einvoice';
import type { InvoiceDocument } from '../../src/domain/invoice';
import { standInPdf } from '../gas-sim/drive-files';
import { benchCore, coreTable } from './core';

/** A ten-line invoice of the demo organisation, for the e-invoice figures. */
function demoInvoice(): InvoiceDocument {
  const party = {
    kind: 'organisation' as const,
    addressLines: ['12 rue des Tanneurs'],
    postcode: '69002',
    city: 'Lyon',
    country: 'FR',
  };
  return {
    kind: 'facture',
    number: 'FA-2026-00001',
    issueDate: '2026-12-05' as InvoiceDocument['dueDate'] & string,
    dueDate: '2027-01-04' as InvoiceDocument['dueDate'] & string,
    language: 'fr',
    currency: 'EUR',
    seller: {
      ...party,
      source: { tab: 'settings' },
      name: 'Atelier Formation Conseil',
      siren: '832954317',
      vatNumber: 'FR82832954317',
      iban: 'FR7630004008280001234567841',
      bic: 'BNPAFRPPXXX',
    },
    buyer: {
      ...party,
      source: { tab: 'clients', code: 'BRIOCHE' },
      name: 'Brioche & Compagnie SARL',
      siren: '451236780',
    },
    servicePeriod: { start: '2026-11-01', end: '2026-11-30' } as InvoiceDocument['servicePeriod'] &
      object,
    lines: Array.from({ length: 10 }, (_, i) => ({
      description: `Prestation ${i + 1}`,
      quantity: '2.5',
      unit: 'jour',
      unitPrice: '650',
      vat: { category: 'S' as const, ratePercent: '20' },
    })),
    operationCategory: 'services',
  };
}

/** A PDF the size of an exported invoice: the stand-in, padded with a page of comment lines. */
function renderSample(): Buffer {
  return standInPdf('Facture FA-2026-00001\n'.repeat(2000));
}

const root = path.resolve(__dirname, '..', '..');
const demo = path.join(root, 'sheets-templates', 'demo');

interface Measured {
  issued: number;
  byService: Record<string, number>;
  totalCalls: number;
  simulatedMs: number;
}

async function bench(label: string, workbook: string): Promise<Measured> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'facturier-bench-out-'));
  const started = process.hrtime.bigint();
  const { report } = await runLocal({
    action: 'monthly',
    workbook,
    out,
    today: '2026-12-05',
    mailQuota: 1500,
    noLimit: true,
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const outcome = report.outcome as { counts?: Record<string, number> } | null;
  const issued = outcome?.counts?.['issued'] ?? 0;
  console.log(`\n${label}: ${issued} invoices issued`);
  console.log(
    `  ${report.totalCalls} Apps Script calls, ${(report.simulatedMs / 1000).toFixed(1)} s simulated, ${wallMs.toFixed(0)} ms on this machine`,
  );
  if (issued > 0) {
    console.log(
      `  per invoice: ${(report.totalCalls / issued).toFixed(1)} calls, ${(report.simulatedMs / issued / 1000).toFixed(2)} s simulated`,
    );
  }
  const byService: Record<string, number> = {};
  for (const [service, methods] of Object.entries(report.calls)) {
    const total = Object.values(methods).reduce((a, b) => a + b, 0);
    byService[service] = total;
    console.log(`  ${service.padEnd(22)} ${String(total).padStart(6)}`);
  }
  return { issued, byService, totalCalls: report.totalCalls, simulatedMs: report.simulatedMs };
}

interface MonthFigures {
  invoices: number;
  lines: number;
  documents: number;
  executions: number;
  /** Hours from the first hourly run to the end of the last one. */
  hours: number;
  firstEmailExecution: number | null;
  /** Documents made by a full execution (median of the executions that did not finish). */
  documentsPerExecution: number;
  simulatedSecondsPerDocument: number;
  callsPerDocument: Record<string, number>;
  restPerDocument: Record<string, number>;
  perExecution: { simulatedS: number; calls: number; documents: number; emails: number }[];
  /** Everything done that day (false: a daily quota left work for the next day). */
  finished: boolean;
}

/**
 * A month of `invoices` documents (the demo's, and generated clients' of `lines` lines each), as the hourly trigger runs it from 08:00
 * on the billing-call day with Workspace quotas (1,500 Docs and 1,500 recipients a day): the
 * executions it takes, the first one that sends an invoice email, and the cost of a document.
 */
function month(invoices: number, lines: number): MonthFigures {
  // The demo's own 9 documents, plus one invoice per generated client.
  const clients = Math.max(0, invoices - 9);
  const code = fs.readFileSync(path.join(root, 'dist', 'Code.js'), 'utf8');
  const world = new World({
    today: '2026-12-04',
    mailDailyQuota: 1500,
    docsDailyQuota: 1500,
    triggersHaveDocument: false,
  });
  importCsvFolder(generated(clients, lines), world);
  // Set up and scheduled the day before: the template (a Doc of that day's quota) and the
  // trigger exist when the month starts.
  runEntry(world, code, 'menuSetup');
  runEntry(world, code, 'menuSchedule');
  const perExecution: MonthFigures['perExecution'] = [];
  const calls: Record<string, number> = {};
  const rest: Record<string, number> = {};
  let simulated = 0;
  let documents = 0;
  let firstEmail: number | null = null;
  let finished = false;
  for (let hour = 8; hour < 24 && !finished; hour++) {
    world.advanceTo('2026-12-05', `${String(hour).padStart(2, '0')}:00`);
    const run = fireTrigger(world, code);
    const c = (run.result as { counts?: Record<string, number> } | undefined)?.counts ?? {};
    for (const [service, methods] of Object.entries(run.rec.byService())) {
      calls[service] = (calls[service] ?? 0) + Object.values(methods).reduce((x, y) => x + y, 0);
    }
    const restCounts = (run.rec as unknown as { restCounts?: Map<string, number> }).restCounts;
    for (const [k, v] of restCounts ?? []) rest[k] = (rest[k] ?? 0) + v;
    simulated += run.rec.simulatedMs;
    documents += c['documents'] ?? 0;
    if (firstEmail === null && (c['emailed'] ?? 0) > 0) firstEmail = perExecution.length + 1;
    perExecution.push({
      simulatedS: run.rec.simulatedMs / 1000,
      calls: run.rec.total(),
      documents: c['documents'] ?? 0,
      emails: c['emailed'] ?? 0,
    });
    finished = c['finished'] === 1 || run.result === undefined;
  }
  // The executions that did something; later ones only wait for the next day's quotas.
  let working = perExecution.length;
  while (
    working > 1 &&
    (perExecution[working - 1]?.documents ?? 0) + (perExecution[working - 1]?.emails ?? 0) === 0
  ) {
    working--;
  }
  const full = perExecution.slice(0, working - 1).map((e) => e.documents);
  const per = (n: number): number => (documents > 0 ? n / documents : 0);
  const last = perExecution[working - 1];
  return {
    invoices,
    lines,
    documents,
    executions: working,
    hours: working - 1 + (last ? last.simulatedS / 3600 : 0),
    finished,
    firstEmailExecution: firstEmail,
    documentsPerExecution: full.length > 0 ? median(full) : documents,
    simulatedSecondsPerDocument: per(simulated / 1000),
    callsPerDocument: Object.fromEntries(Object.entries(calls).map(([k, v]) => [k, per(v)])),
    restPerDocument: Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, per(v)])),
    perExecution,
  };
}

function printMonth(m: MonthFigures): void {
  const top = Object.entries(m.callsPerDocument)
    .filter(([, v]) => v >= 0.05)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v.toFixed(1)}`)
    .join(', ');
  console.log(
    `${String(m.invoices).padStart(5)} × ${String(m.lines).padStart(2)} lines: ${m.documents} documents, ${m.simulatedSecondsPerDocument.toFixed(2)} s simulated each, ${m.documentsPerExecution} per execution, ${m.executions} execution(s) (${m.hours.toFixed(1)} h), first email in execution ${m.firstEmailExecution ?? '–'}${m.finished ? '' : '; a daily quota left the rest for the next day'}`,
  );
  console.log(`      calls per document: ${top}`);
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/**
 * The bundle Apps Script parses at every execution (onOpen and idle hourly runs included): its
 * size, and the time to compile and run its top level in a fresh V8 context (median of 11).
 */
function bundleLoad(): void {
  const file = path.join(root, 'dist', 'Code.js');
  const code = fs.readFileSync(file, 'utf8');
  const times: number[] = [];
  for (let i = 0; i < 11; i++) {
    const started = process.hrtime.bigint();
    const context = vm.createContext({});
    new vm.Script(code, { filename: 'Code.js' }).runInContext(context);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  console.log(
    `\nbundle: ${(Buffer.byteLength(code) / 1024).toFixed(1)} KiB; compiled and loaded in a fresh context in ${median(times).toFixed(1)} ms (median of 11)`,
  );
}

/** The e-invoice of one invoice: its CII XML, and the Factur-X update of a rendered PDF. */
function eInvoiceCost(): void {
  const doc = { ...demoInvoice() };
  const xmlTimes: number[] = [];
  const pdfTimes: number[] = [];
  const pdf = new Uint8Array(renderSample());
  let xml = '';
  for (let i = 0; i < 21; i++) {
    let t = process.hrtime.bigint();
    xml = eInvoiceXml(doc);
    xmlTimes.push(Number(process.hrtime.bigint() - t) / 1e6);
    t = process.hrtime.bigint();
    eInvoicePdf(pdf, doc, xml, new Date('2026-12-05T08:00:00Z'));
    pdfTimes.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  console.log(
    `e-invoice of a ${doc.lines.length}-line invoice: XML ${median(xmlTimes).toFixed(2)} ms (${xml.length} characters), Factur-X update of a ${(pdf.length / 1024).toFixed(0)} KiB PDF ${median(pdfTimes).toFixed(2)} ms (medians of 21, Node)`,
  );
}

/**
 * `--quick`: 10 and 100 invoices, 10,000 rows only; `--sizes=1000,1500`: those months only. `--only-month` / `--only-core`: one part,
 * merged into the results file the other part wrote.
 */
async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const onlyMonth = process.argv.includes('--only-month');
  const onlyCore = process.argv.includes('--only-core');
  const file = path.join(root, 'bench', 'results.json');
  const results: Record<string, unknown> = fs.existsSync(file)
    ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>)
    : {};
  results['machine'] = `${os.cpus().length} cores, Node ${process.version}`;
  if (!onlyCore) {
    bundleLoad();
    eInvoiceCost();
    await bench('demo workbook', demo);
    console.log('\nThe month through the hourly trigger (generated clients added to the demo):');
    const months: MonthFigures[] = [];
    const sizesArg = process.argv.find((a) => a.startsWith('--sizes='));
    const sizes = sizesArg
      ? sizesArg.slice('--sizes='.length).split(',').map(Number)
      : quick
        ? [10, 100]
        : [10, 100, 1000, 1500];
    for (const invoices of sizes) {
      for (const lines of [1, 10]) {
        const m = month(invoices, lines);
        printMonth(m);
        months.push(m);
      }
    }
    // Sizes not measured this time keep their earlier figures.
    const kept = ((results['month'] as MonthFigures[] | undefined) ?? []).filter(
      (m) => !months.some((n) => n.invoices === m.invoices && n.lines === m.lines),
    );
    results['month'] = [...kept, ...months].sort(
      (a, b) => a.invoices - b.invoices || a.lines - b.lines,
    );
  }
  if (!onlyMonth) {
    const core = await benchCore(quick ? [10_000] : [10_000, 100_000]);
    console.log(coreTable(core));
    results['core'] = core;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwritten: ${path.relative(root, file)}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
