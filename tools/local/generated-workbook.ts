/**
 * The demo workbook grown by `clients` more clients, each with `linesPerClient` extra lines of
 * November 2026: one more invoice per client, for benchmarks and for runs that need several
 * executions.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const demo = path.resolve(__dirname, '..', '..', 'sheets-templates', 'demo');

export function generatedWorkbook(clients: number, linesPerClient: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facturier-generated-'));
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
