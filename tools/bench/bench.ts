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

/**
 * What one more invoice costs: the difference between two workbooks that differ only by
 * invoices of the same shape (one client, ten lines, one email), divided by their number.
 */
function marginal(small: Measured, big: Measured, lines: number): void {
  const n = big.issued - small.issued;
  if (n <= 0) return;
  console.log(`\nOne more invoice (${lines} lines, PDF, one email), from ${n} more invoices:`);
  console.log(
    `  ${((big.totalCalls - small.totalCalls) / n).toFixed(1)} calls, ${((big.simulatedMs - small.simulatedMs) / n / 1000).toFixed(2)} s simulated`,
  );
  const services = new Set([...Object.keys(small.byService), ...Object.keys(big.byService)]);
  for (const s of [...services].sort()) {
    const d = ((big.byService[s] ?? 0) - (small.byService[s] ?? 0)) / n;
    if (Math.abs(d) >= 0.05) console.log(`  ${s.padEnd(22)} ${d.toFixed(1).padStart(6)}`);
  }
}

/**
 * The monthly job on a workbook too large for one execution, as the hourly trigger runs it:
 * executions needed, the simulated time of each (Apps Script stops one at 360 s), and what an
 * hourly run costs once nothing is left to do.
 */
function acrossExecutions(label: string, workbook: string, withDocument = false): void {
  const code = fs.readFileSync(path.join(root, 'dist', 'Code.js'), 'utf8');
  const world = new World({
    today: '2026-12-05',
    mailDailyQuota: 1500,
    triggersHaveDocument: withDocument,
  });
  importCsvFolder(workbook, world);
  runEntry(world, code, 'menuSchedule');
  console.log(
    `\n${label}, hourly trigger from 08:00 on the billing-call day (${withDocument ? 'document attached' : 'no containing document'}):`,
  );
  for (let hour = 8; hour < 20; hour++) {
    world.advanceTo('2026-12-05', `${String(hour).padStart(2, '0')}:00`);
    const run = fireTrigger(world, code);
    const o = run.result as { counts: Record<string, number> } | undefined;
    const c = o?.counts ?? {};
    console.log(
      `  ${String(hour).padStart(2, '0')}:00  ${(run.rec.simulatedMs / 1000).toFixed(1).padStart(6)} s simulated, ${String(run.rec.total()).padStart(5)} calls, ${c['issued'] ?? 0} issued, ${c['documents'] ?? 0} documents, ${c['emailed'] ?? 0} emails${run.killed ? ', KILLED' : ''}${c['finished'] === 1 ? ', job done' : ''}`,
    );
    if (c['finished'] === 1 || !o) break;
  }
  world.advanceTo('2026-12-05', '21:00');
  const idle = fireTrigger(world, code);
  console.log(
    `  idle hourly run: ${idle.rec.total()} calls, ${(idle.rec.simulatedMs / 1000).toFixed(2)} s simulated`,
  );
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

async function main(): Promise<void> {
  bundleLoad();
  eInvoiceCost();
  const small = await bench('demo workbook', demo);
  const big = await bench('50 clients × 10 lines', generated(50, 10));
  marginal(small, big, 10);
  acrossExecutions('50 clients × 10 lines', generated(50, 10));
  acrossExecutions('100 clients × 3 lines', generated(100, 3));
  acrossExecutions('100 clients × 3 lines', generated(100, 3), true);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
