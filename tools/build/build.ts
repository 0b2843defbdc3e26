/**
 * Builds dist/Code.js for Apps Script: one IIFE bundle (no import/export left, ES2019 syntax),
 * followed by one real top-level `function` per export of src/main.ts, because Apps Script only
 * sees top-level functions (menus, triggers, google.script.run). The stubs are generated from the
 * entry's exports, and the build fails when an entry point the menu or trigger needs is missing.
 */
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';

const root = path.resolve(__dirname, '..', '..');
const GLOBAL_NAME = '__facturier';
export const TARGET = 'es2019';

interface EntryContract {
  requiredEntryPoints: readonly string[];
}

/** Exported names of src/main.ts, read from esbuild's metafile of an ESM build. */
async function entryExports(): Promise<string[]> {
  const result = await esbuild.build({
    entryPoints: [path.join(root, 'src/main.ts')],
    bundle: true,
    format: 'esm',
    write: false,
    metafile: true,
    outdir: path.join(root, 'dist/.esm'),
    logLevel: 'silent',
  });
  const outputs = Object.values(result.metafile.outputs);
  const main = outputs.find((o) => o.entryPoint !== undefined);
  if (!main) throw new Error('no entry output in metafile');
  return [...main.exports].sort();
}

/** The entry points the product declares it needs (menu handlers, trigger, sidebar calls). */
async function contract(): Promise<EntryContract> {
  const result = await esbuild.build({
    entryPoints: [path.join(root, 'src/app/entry-points.ts')],
    bundle: true,
    format: 'cjs',
    write: false,
    platform: 'neutral',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.text ?? '';
  const mod = { exports: {} as Record<string, unknown> };
  vm.runInNewContext(code, { module: mod, exports: mod.exports });
  const list = mod.exports['REQUIRED_ENTRY_POINTS'];
  if (!Array.isArray(list))
    throw new Error('src/app/entry-points.ts must export REQUIRED_ENTRY_POINTS');
  return { requiredEntryPoints: list.map(String) };
}

/** Entry points the product needs that the entry module does not export. */
export function missingEntryPoints(
  exported: readonly string[],
  required: readonly string[],
): string[] {
  return required.filter((n) => !exported.includes(n));
}

/** One real top-level function per export, delegating to the bundle's global. */
export function entryStubs(names: readonly string[]): string {
  return names
    .map((n) => `function ${n}() { return ${GLOBAL_NAME}.${n}.apply(this, arguments); }`)
    .join('\n');
}

export async function build(): Promise<{ file: string; bytes: number; entryPoints: string[] }> {
  const [names, { requiredEntryPoints }] = await Promise.all([entryExports(), contract()]);
  const missing = missingEntryPoints(names, requiredEntryPoints);
  if (missing.length > 0) {
    throw new Error(`src/main.ts does not export the entry point(s): ${missing.join(', ')}`);
  }
  const stubs = entryStubs(names);
  const result = await esbuild.build({
    entryPoints: [path.join(root, 'src/main.ts')],
    bundle: true,
    format: 'iife',
    globalName: GLOBAL_NAME,
    target: TARGET,
    platform: 'neutral',
    mainFields: ['main', 'module'],
    charset: 'utf8',
    legalComments: 'none',
    write: false,
    outfile: path.join(root, 'dist/Code.js'),
    footer: { js: `\n// Entry points seen by Apps Script\n${stubs}\n` },
    logLevel: 'warning',
  });
  const out = result.outputFiles[0];
  if (!out) throw new Error('esbuild wrote nothing');
  const code = out.text;
  if (/^\s*(import|export)\s/m.test(code)) throw new Error('dist/Code.js still has import/export');
  fs.mkdirSync(path.join(root, 'dist'), { recursive: true });
  fs.writeFileSync(path.join(root, 'dist/Code.js'), code);
  fs.copyFileSync(path.join(root, 'appsscript.json'), path.join(root, 'dist/appsscript.json'));
  return { file: 'dist/Code.js', bytes: Buffer.byteLength(code), entryPoints: names };
}

if (require.main === module) {
  build().then(
    (r) => {
      console.log(
        `${r.file}: ${(r.bytes / 1024).toFixed(1)} KiB, ${r.entryPoints.length} entry points`,
      );
    },
    (e: unknown) => {
      console.error(`build failed: ${e instanceof Error ? e.message : String(e)}`);
      process.exitCode = 1;
    },
  );
}
