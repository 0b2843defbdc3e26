/** Running the PDF and XML tools the e-invoice tests check with (qpdf, poppler, xmllint). */
import { execFileSync } from 'node:child_process';

/** The tool's standard output; a missing tool or a failure throws with what it said. */
export function tool(cmd: string, args: readonly string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as { code?: string; stdout?: string; stderr?: string; status?: number };
    if (err.code === 'ENOENT') {
      throw new Error(`${cmd} is not installed (CI installs it)`, { cause: e });
    }
    throw new Error(
      `${cmd} ${args.join(' ')} failed (${String(err.status)}): ${err.stderr ?? ''}${err.stdout ?? ''}`,
      { cause: e },
    );
  }
}
