/**
 * Benchmark of the monthly job in the in-memory Apps Script: Apps Script calls by service and
 * simulated time (latency model of ../shared/perf), for the demo workbook and for a generated
 * workbook with many clients and extra lines. Figures are printed, never asserted.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runLocal } from '../local/run-local';

const root = path.resolve(__dirname, '..', '..');
const demo = path.join(root, 'sheets-templates', 'demo');

/** The demo workbook with `clients` more clients, each with `linesPerClient` extra lines. */
function generated(clients: number, linesPerClient: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facturier-bench-'));
  for (const f of fs.readdirSync(demo)) fs.copyFileSync(path.join(demo, f), path.join(dir, f));
  const clientRows: string[] = [];
  const lineRows: string[] = [];
  for (let c = 1; c <= clients; c++) {
    const code = `B${String(c).padStart(4, '0')}`;
    clientRows.push(
      `,${code},Client ${c} SAS,entreprise,${c} rue du Banc,,69003,Lyon,France,451 236 780,FR80451236780,compta${c}@client.example,,30,fr,`,
    );
    for (let l = 1; l <= linesPerClient; l++) {
      lineRows.push(
        `,${String((l % 27) + 1).padStart(2, '0')}/11/2026,${code},,Projet ${c},Prestation ${l},${l},jours,"${400 + l},50",,20 %,jours,`,
      );
    }
  }
  fs.appendFileSync(path.join(dir, 'Clients.csv'), `${clientRows.join('\n')}\n`);
  fs.appendFileSync(path.join(dir, 'Prestations.csv'), `${lineRows.join('\n')}\n`);
  return dir;
}

async function bench(label: string, workbook: string): Promise<void> {
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
  for (const [service, methods] of Object.entries(report.calls)) {
    const total = Object.values(methods).reduce((a, b) => a + b, 0);
    console.log(`  ${service.padEnd(22)} ${String(total).padStart(6)}`);
  }
}

async function main(): Promise<void> {
  await bench('demo workbook', demo);
  await bench('50 clients × 10 lines', generated(50, 10));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
