/**
 * Offline validator for CII (Cross Industry Invoice) XML, used by tests and CI.
 *
 * Each document goes through four official checks kept in the team's reference directory
 * (default ../shared/einvoicing beside the project, or FACTURIER_EINVOICING_DIR, or the
 * `referenceDir` option):
 *   - xsd:     the Factur-X 1.09 EN 16931 XSD, with xmllint (libxml2-utils);
 *   - facturx: the Factur-X 1.09 EN 16931 schematron (compiled to XSLT 2.0);
 *   - cen:     the CEN EN 16931 CII business rules (XSLT 2.0);
 *   - fr-ctc:  the French CTC rules BR-FR-* for CII (XSLT 2.0).
 * The three XSLT 2.0 stylesheets need Saxon-HE (libsaxonhe-java) and a Java runtime.
 *
 * Cost: compiling one of these stylesheets takes seconds while applying it takes milliseconds, and
 * Saxon-HE cannot save a compiled stylesheet. So a batch copies its documents into one temporary
 * directory and starts one JVM per stylesheet over that directory (Saxon's directory mode compiles
 * once and transforms every file): three JVM starts per batch whatever its size, plus a single
 * xmllint run for the XSD. The JVM runs with the client compiler only (TieredStopAtLevel=1), which
 * halves the start-up and compilation time of a short run.
 *
 * What fails a document. The SVRL `flag` of an assert is free text in ISO Schematron, and each of
 * the three stylesheets uses it differently:
 *   - cen flags every assert `fatal` (335) or `warning` (471) and has no reports;
 *   - fr-ctc flags every assert `fatal` (171) and has no reports;
 *   - facturx leaves 424 of its 427 asserts without a flag and flags 3 `warning`; its 194 reports
 *     carry no flag nor id and only say that an attribute is "marked as not used in the given
 *     context".
 * Hence: a failed assert without a flag counts as `error`, a successful report without a flag as
 * `information`. A finding flagged `warning`/`warn`/`information`/`info` is reported but does not
 * fail the document; any other flag (`fatal`, `error`, or one this code does not know) does. A
 * document passes when the XSD reports no error, every stylesheet produced its SVRL for it, and no
 * finding fails.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export type SchematronName = 'facturx' | 'cen' | 'fr-ctc';

export const SCHEMATRONS: readonly SchematronName[] = ['facturx', 'cen', 'fr-ctc'];

/** Paths inside the reference directory. */
const ARTEFACTS = {
  xsd: 'facturx-en16931/Factur-X_EN16931.xsd',
  facturx: 'facturx-en16931/Factur-X_1.09_EN16931.xsl',
  cen: 'cen/EN16931-CII-validation.xslt',
  'fr-ctc': 'fr-ctc/BR-FR-Flux2-Schematron-CII.xslt',
} as const;

/** Flags that are reported without failing the document; everything else fails it. */
const NON_FAILING_FLAGS = new Set(['warning', 'warn', 'information', 'info']);

export interface ValidatorOptions {
  /** Folder holding facturx-en16931/, cen/ and fr-ctc/; see `defaultReferenceDir`. */
  readonly referenceDir?: string;
  /** Saxon-HE jar; default: SAXON_JAR, else the first Saxon-HE jar under /usr/share/java. */
  readonly saxonJar?: string;
  /** Java executable; default: JAVA_HOME/bin/java, else `java` on the PATH. */
  readonly java?: string;
  /** xmllint executable; default: `xmllint` on the PATH. */
  readonly xmllint?: string;
  /** JVM options; default: serial GC and the client compiler only (faster for short runs). */
  readonly javaOptions?: readonly string[];
  /** Which stylesheets to run; default all three. */
  readonly schematrons?: readonly SchematronName[];
  /**
   * How many of the checks (xmllint and the JVMs) run at the same time; default: the number of
   * CPUs, at most 4. Each JVM mostly keeps one core busy compiling its stylesheet.
   */
  readonly concurrency?: number;
  /** Keep the temporary directory (inputs and SVRL outputs) for inspection. */
  readonly keepTemp?: boolean;
}

/** A document given as text rather than as a file; `name` identifies it in the report. */
export interface CiiText {
  readonly name: string;
  readonly xml: string;
}

export type CiiInput = string | CiiText;

export interface Finding {
  /** `assert` for svrl:failed-assert, `report` for svrl:successful-report. */
  readonly kind: 'assert' | 'report';
  /** The SVRL `id` attribute ('' when the stylesheet gives none). */
  readonly id: string;
  /**
   * The business rule: the `[BR-…]` prefix of the message when there is one (facturx ids such as
   * FX-SCH-A-000123 name the check, the prefix names the rule), else the id.
   */
  readonly rule: string;
  /** Id of the enclosing svrl:active-pattern (fr-ctc: `BR-FR-10` for assert `BR-FR-10_BT-30`). */
  readonly pattern: string;
  /** The SVRL flag, lower-cased; defaulted as described at the top of this file. */
  readonly flag: string;
  readonly failing: boolean;
  readonly location: string;
  readonly test: string;
  /** The message with its whitespace collapsed. */
  readonly message: string;
}

export interface SchematronResult {
  readonly schematron: SchematronName;
  /** False when Saxon produced no SVRL for the document; `error` then says why. */
  readonly ran: boolean;
  readonly error?: string;
  /** Number of svrl:fired-rule, i.e. rule contexts that matched. */
  readonly firedRules: number;
  readonly findings: readonly Finding[];
  /** Saxon's own tree-building plus transformation time for this document, when it printed it. */
  readonly ms?: number;
}

export interface XsdResult {
  readonly valid: boolean;
  readonly errors: readonly string[];
}

export interface Report {
  /** The path given (or the name of a CiiText). */
  readonly file: string;
  readonly passed: boolean;
  readonly xsd: XsdResult;
  readonly schematrons: readonly SchematronResult[];
  /** Every failing finding, all stylesheets together, each tagged with its stylesheet. */
  readonly failures: readonly (Finding & { readonly schematron: SchematronName })[];
  /** This document's share of the work: its XSD share plus its Saxon times. */
  readonly documentMs: number;
}

export interface BatchTiming {
  readonly documents: number;
  /** Wall time of the whole batch, checks running concurrently. */
  readonly totalMs: number;
  readonly xsdMs: number;
  readonly schematrons: readonly {
    readonly schematron: SchematronName;
    /** Wall time of the JVM: start, stylesheet compilation, every document. */
    readonly wallMs: number;
    /** Stylesheet compilation time as printed by Saxon, when it printed it. */
    readonly compileMs?: number;
    /** Sum of the per-document times; wallMs minus this is the fixed cost of the run. */
    readonly documentsMs: number;
  }[];
}

export interface BatchResult {
  readonly reports: Report[];
  readonly timing: BatchTiming;
}

/** Thrown when a prerequisite is missing; the message names each one and how to get it. */
export class ValidatorUnavailableError extends Error {
  constructor(readonly missing: readonly string[]) {
    super(`E-invoice validator unavailable:\n  - ${missing.join('\n  - ')}`);
    this.name = 'ValidatorUnavailableError';
  }
}

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

export function defaultReferenceDir(): string {
  return (
    process.env['FACTURIER_EINVOICING_DIR'] ??
    path.resolve(PROJECT_ROOT, '..', 'shared', 'einvoicing')
  );
}

function onPath(command: string): string | undefined {
  if (command.includes('/')) return isExecutable(command) ? command : undefined;
  for (const dir of (process.env['PATH'] ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, command);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Debian names the jar Saxon-HE.jar (9.9) or saxon9he.jar (older); versioned links sit beside. */
export function findSaxonJar(): string | undefined {
  const fromEnv = process.env['SAXON_JAR'];
  if (fromEnv) return fs.existsSync(fromEnv) ? fromEnv : undefined;
  const dir = '/usr/share/java';
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return undefined;
  }
  const preferred = ['Saxon-HE.jar', 'saxon9he.jar', 'saxonhe.jar'];
  const found =
    preferred.find((n) => names.includes(n)) ??
    names
      .filter((n) => /saxon/i.test(n) && /he/i.test(n) && n.endsWith('.jar'))
      .sort()
      .at(-1) ??
    names.filter((n) => /saxon/i.test(n) && n.endsWith('.jar')).sort()[0];
  return found ? path.join(dir, found) : undefined;
}

interface Tools {
  readonly xmllint: string;
  readonly java: string;
  readonly saxonJar: string;
  readonly referenceDir: string;
}

/** Every missing prerequisite at once, so that one run says all that has to be installed. */
export function resolveTools(opts: ValidatorOptions = {}): Tools {
  const missing: string[] = [];
  const xmllint = onPath(opts.xmllint ?? 'xmllint');
  if (!xmllint) missing.push('xmllint not found (Debian package libxml2-utils)');
  const javaHome = process.env['JAVA_HOME'];
  const java =
    onPath(opts.java ?? (javaHome ? path.join(javaHome, 'bin', 'java') : 'java')) ??
    (opts.java ? undefined : onPath('java'));
  if (!java) missing.push('java not found (Debian package default-jre-headless)');
  const saxonJar = opts.saxonJar ?? findSaxonJar();
  if (!saxonJar || !fs.existsSync(saxonJar)) {
    missing.push(
      `Saxon-HE jar not found${saxonJar ? ` at ${saxonJar}` : ' under /usr/share/java'} (Debian package libsaxonhe-java, or set SAXON_JAR)`,
    );
  }
  const referenceDir = path.resolve(opts.referenceDir ?? defaultReferenceDir());
  if (!fs.existsSync(referenceDir)) {
    missing.push(
      `reference directory ${referenceDir} not found (the team's shared e-invoicing artefacts; set FACTURIER_EINVOICING_DIR or pass referenceDir)`,
    );
  } else {
    for (const rel of Object.values(ARTEFACTS)) {
      const file = path.join(referenceDir, rel);
      if (!fs.existsSync(file)) missing.push(`${file} not found in the reference directory`);
    }
  }
  if (missing.length > 0 || !xmllint || !java || !saxonJar) {
    throw new ValidatorUnavailableError(missing);
  }
  return { xmllint, java, saxonJar, referenceDir };
}

/** The .xml files of the given files and directories (directories walked recursively, sorted). */
export function collectXmlFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (p: string): void => {
    const stat = fs.statSync(p);
    if (!stat.isDirectory()) {
      out.push(p);
      return;
    }
    for (const entry of fs.readdirSync(p).sort()) {
      const child = path.join(p, entry);
      if (fs.statSync(child).isDirectory() || entry.toLowerCase().endsWith('.xml')) walk(child);
    }
  };
  for (const p of paths) walk(p);
  return out;
}

interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

function run(command: string, args: readonly string[], cwd: string): Promise<RunResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => stdout.push(b));
    child.stderr.on('data', (b: Buffer) => stderr.push(b));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        ms: performance.now() - started,
      }),
    );
  });
}

/** Runs the tasks with at most `limit` in flight, results in task order. */
async function limited<T>(limit: number, tasks: readonly (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, tasks.length)) }, worker));
  return results;
}

/* ---------------- XSD (xmllint) ---------------- */

/** Keeps the command line short and far below ARG_MAX however large the batch. */
const XMLLINT_CHUNK = 500;

/**
 * xmllint prints `<name> validates` or `<name> fails to validate` per file, and its messages as
 * `<name>:<line>: …` followed by context lines (the source line and a caret) for parser errors.
 * The temporary names are `NNNNN-….xml`, so a line's file is known from its prefix.
 */
function parseXmllint(output: string, names: readonly string[]): Map<string, XsdResult> {
  const errors = new Map<string, string[]>(names.map((n) => [n, []]));
  const verdict = new Map<string, boolean>();
  const general: string[] = [];
  let current: string[] | undefined;
  for (const line of output.split('\n')) {
    if (line.trim() === '') continue;
    const prefix = /^(\d{5}-[\w.-]*\.xml)[: ]/.exec(line)?.[1];
    const name = prefix !== undefined && errors.has(prefix) ? prefix : undefined;
    if (name !== undefined && line === `${name} validates`) {
      verdict.set(name, true);
      current = undefined;
    } else if (name !== undefined && line === `${name} fails to validate`) {
      verdict.set(name, false);
      current = undefined;
    } else if (name !== undefined) {
      current = errors.get(name);
      current?.push(
        line
          .slice(name.length + 1)
          .trim()
          .replace(/^(\d+):/, 'line $1:'),
      );
    } else if (current && current.length > 0) {
      // Context lines of a parser error: keep the source excerpt, drop the caret line.
      if (!/^\s*\^\s*$/.test(line)) current[current.length - 1] += ` | ${line.trim()}`;
    } else {
      general.push(line.trim());
    }
  }
  const results = new Map<string, XsdResult>();
  for (const name of names) {
    const errs = errors.get(name) ?? [];
    const ok = verdict.get(name);
    if (ok === true && errs.length === 0) results.set(name, { valid: true, errors: [] });
    else if (ok === undefined && errs.length === 0) {
      // No verdict and no message of its own: the schema itself did not load, or xmllint died.
      results.set(name, {
        valid: false,
        errors: [`xmllint gave no verdict${general.length ? `: ${general.join(' ')}` : ''}`],
      });
    } else results.set(name, { valid: false, errors: errs });
  }
  return results;
}

async function runXsd(
  tools: Tools,
  inDir: string,
  names: readonly string[],
): Promise<{ results: Map<string, XsdResult>; ms: number }> {
  const xsd = path.join(tools.referenceDir, ARTEFACTS.xsd);
  const results = new Map<string, XsdResult>();
  let ms = 0;
  for (let i = 0; i < names.length; i += XMLLINT_CHUNK) {
    const chunk = names.slice(i, i + XMLLINT_CHUNK);
    const r = await run(tools.xmllint, ['--noout', '--schema', xsd, ...chunk], inDir);
    ms += r.ms;
    for (const [name, result] of parseXmllint(`${r.stdout}\n${r.stderr}`, chunk)) {
      results.set(name, result);
    }
  }
  return { results, ms };
}

/* ---------------- Schematrons (Saxon-HE) ---------------- */

const DEFAULT_JAVA_OPTIONS = ['-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1'];

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[e] ?? '';
  });
}

function attributes(tag: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    attrs[m[1]!] = decodeXml(m[2] ?? m[3] ?? '');
  }
  return attrs;
}

/**
 * SVRL as Saxon serialises it is flat and regular: active-pattern, fired-rule, then the
 * failed-assert / successful-report elements of that rule, each holding one svrl:text. A scan of
 * those elements in document order is enough, and keeps the project free of an XML parser.
 */
export function parseSvrl(svrl: string): { firedRules: number; findings: Finding[] } {
  const findings: Finding[] = [];
  let firedRules = 0;
  let pattern = '';
  const element =
    /<svrl:(active-pattern|fired-rule)\b([^>]*?)\/?>|<svrl:(failed-assert|successful-report)\b([^>]*)>([\s\S]*?)<\/svrl:\3>/g;
  for (const m of svrl.matchAll(element)) {
    if (m[1] === 'active-pattern') {
      pattern = attributes(m[2] ?? '')['id'] ?? '';
      continue;
    }
    if (m[1] === 'fired-rule') {
      firedRules++;
      continue;
    }
    const kind = m[3] === 'failed-assert' ? 'assert' : 'report';
    const attrs = attributes(m[4] ?? '');
    const textMatch = /<svrl:text\b[^>]*>([\s\S]*?)<\/svrl:text>/.exec(m[5] ?? '');
    const message = decodeXml((textMatch?.[1] ?? '').replace(/<[^>]+>/g, ''))
      .replace(/\s+/g, ' ')
      .trim();
    const id = attrs['id'] ?? '';
    const flag = (attrs['flag'] ?? (kind === 'assert' ? 'error' : 'information')).toLowerCase();
    const bracketed = /^\[([A-Za-z][\w.-]*)\]/.exec(message)?.[1];
    findings.push({
      kind,
      id,
      rule: bracketed ?? id,
      pattern,
      flag,
      failing: !NON_FAILING_FLAGS.has(flag),
      location: attrs['location'] ?? '',
      test: attrs['test'] ?? '',
      message,
    });
  }
  return { firedRules, findings };
}

/** Milliseconds from Saxon's `-t` figures, which read `94.06ms` or `3.28s (3285.98ms)`. */
function saxonMs(line: string): number | undefined {
  const m = /([\d.]+)ms\)?\s*$/.exec(line);
  return m ? Number(m[1]) : undefined;
}

/**
 * With `-t`, Saxon prints the compilation time, then per document `Processing file:<uri>`, the
 * tree-building and execution times, and the errors of a document it could not transform.
 */
function parseSaxonLog(log: string): {
  compileMs?: number;
  perFile: Map<string, { ms: number; log: string[] }>;
} {
  const perFile = new Map<string, { ms: number; log: string[] }>();
  let compileMs: number | undefined;
  let current: { ms: number; log: string[] } | undefined;
  for (const line of log.split('\n')) {
    const processing = /^Processing file:(.*)$/.exec(line);
    if (processing) {
      current = { ms: 0, log: [] };
      perFile.set(path.basename(processing[1]!.trim()), current);
    } else if (line.startsWith('Stylesheet compilation time')) {
      compileMs = saxonMs(line);
    } else if (current && /^(Tree built in|Execution time)/.test(line)) {
      current.ms += saxonMs(line) ?? 0;
    } else if (
      current &&
      line.trim() !== '' &&
      !/^(Building tree|Tree size|Memory used|Using parser)/.test(line)
    ) {
      current.log.push(line.trim());
    }
  }
  return compileMs === undefined ? { perFile } : { compileMs, perFile };
}

interface SchematronRun {
  readonly schematron: SchematronName;
  readonly results: Map<string, SchematronResult>;
  readonly wallMs: number;
  readonly compileMs?: number;
}

async function runSchematron(
  tools: Tools,
  opts: ValidatorOptions,
  schematron: SchematronName,
  inDir: string,
  tempDir: string,
  names: readonly string[],
): Promise<SchematronRun> {
  const outDir = path.join(tempDir, `svrl-${schematron}`);
  fs.mkdirSync(outDir);
  const xsl = path.join(tools.referenceDir, ARTEFACTS[schematron]);
  const r = await run(
    tools.java,
    [
      ...(opts.javaOptions ?? DEFAULT_JAVA_OPTIONS),
      '-cp',
      tools.saxonJar,
      'net.sf.saxon.Transform',
      '-t',
      `-s:${inDir}`,
      `-xsl:${xsl}`,
      `-o:${outDir}`,
    ],
    tempDir,
  );
  const log = parseSaxonLog(r.stderr);
  const results = new Map<string, SchematronResult>();
  for (const name of names) {
    const outFile = path.join(outDir, name);
    const perFile = log.perFile.get(name);
    const timing = perFile ? { ms: perFile.ms } : {};
    if (!fs.existsSync(outFile)) {
      // A document Saxon could not read or transform; a JVM that failed outright has no
      // per-file log, so its whole output explains every document.
      const why = perFile?.log.length ? perFile.log : r.stderr.trim().split('\n').slice(-8);
      results.set(name, {
        schematron,
        ran: false,
        error: `no SVRL output (exit code ${r.code ?? 'none'}): ${why.join(' ')}`,
        firedRules: 0,
        findings: [],
        ...timing,
      });
      continue;
    }
    const parsed = parseSvrl(fs.readFileSync(outFile, 'utf8'));
    results.set(name, { schematron, ran: true, ...parsed, ...timing });
  }
  return log.compileMs === undefined
    ? { schematron, results, wallMs: r.ms }
    : { schematron, results, wallMs: r.ms, compileMs: log.compileMs };
}

/* ---------------- Batch ---------------- */

function tempName(index: number, input: CiiInput): string {
  const base = path
    .basename(typeof input === 'string' ? input : input.name)
    .replace(/\.xml$/i, '')
    .replace(/[^\w.-]+/g, '_')
    .slice(0, 80);
  return `${String(index).padStart(5, '0')}-${base}.xml`;
}

/** Validates every document in one batch: one xmllint run and one JVM per stylesheet. */
export async function validateCiiBatch(
  inputs: readonly CiiInput[],
  opts: ValidatorOptions = {},
): Promise<BatchResult> {
  const started = performance.now();
  const tools = resolveTools(opts);
  const schematrons = [...new Set(opts.schematrons ?? SCHEMATRONS)];
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'facturier-einvoice-'));
  try {
    const inDir = path.join(tempDir, 'in');
    fs.mkdirSync(inDir);
    // Copies under numbered names: inputs from different folders may share a basename, and
    // Saxon names each output after its input.
    const names = inputs.map((input, i) => {
      const name = tempName(i, input);
      if (typeof input === 'string') fs.copyFileSync(input, path.join(inDir, name));
      else fs.writeFileSync(path.join(inDir, name), input.xml);
      return name;
    });
    if (names.length === 0) {
      return {
        reports: [],
        timing: { documents: 0, totalMs: 0, xsdMs: 0, schematrons: [] },
      };
    }

    let xsdRun: { results: Map<string, XsdResult>; ms: number } = { results: new Map(), ms: 0 };
    const runs: SchematronRun[] = [];
    await limited(opts.concurrency ?? Math.min(4, os.availableParallelism()), [
      async () => {
        xsdRun = await runXsd(tools, inDir, names);
      },
      ...schematrons.map((s, i) => async () => {
        runs[i] = await runSchematron(tools, opts, s, inDir, tempDir, names);
      }),
    ]);

    const reports = inputs.map((input, i): Report => {
      const name = names[i]!;
      const xsd = xsdRun.results.get(name) ?? { valid: false, errors: ['no xmllint result'] };
      const results = runs.map((r) => r.results.get(name)!);
      const failures = results.flatMap((r) =>
        r.findings.filter((f) => f.failing).map((f) => ({ ...f, schematron: r.schematron })),
      );
      const passed = xsd.valid && results.every((r) => r.ran) && failures.length === 0;
      const documentMs =
        xsdRun.ms / names.length + results.reduce((sum, r) => sum + (r.ms ?? 0), 0);
      return {
        file: typeof input === 'string' ? input : input.name,
        passed,
        xsd,
        schematrons: results,
        failures,
        documentMs,
      };
    });
    const timing: BatchTiming = {
      documents: names.length,
      totalMs: performance.now() - started,
      xsdMs: xsdRun.ms,
      schematrons: runs.map((r) => {
        const documentsMs = [...r.results.values()].reduce((sum, x) => sum + (x.ms ?? 0), 0);
        return r.compileMs === undefined
          ? { schematron: r.schematron, wallMs: r.wallMs, documentsMs }
          : { schematron: r.schematron, wallMs: r.wallMs, compileMs: r.compileMs, documentsMs };
      }),
    };
    return { reports, timing };
  } finally {
    if (!opts.keepTemp) fs.rmSync(tempDir, { recursive: true, force: true });
    else process.stderr.write(`einvoice: temporary files kept in ${tempDir}\n`);
  }
}

export async function validateCii(
  inputs: readonly CiiInput[],
  opts: ValidatorOptions = {},
): Promise<Report[]> {
  return (await validateCiiBatch(inputs, opts)).reports;
}

/* ---------------- CLI ---------------- */

/** `/*:Name[namespace-uri()='…'][1]` steps, as the stylesheets write locations, to `/Name[1]`. */
function shortLocation(location: string): string {
  return location.replace(/\*:([\w-]+)\[namespace-uri\(\)='[^']*'\]/g, '$1');
}

export function formatReport(report: Report, withWarnings = false): string {
  const parts = [
    report.xsd.valid ? 'xsd ok' : `xsd ${report.xsd.errors.length} error(s)`,
    ...report.schematrons.map((s) => {
      if (!s.ran) return `${s.schematron} not run`;
      const failing = s.findings.filter((f) => f.failing).length;
      const other = s.findings.length - failing;
      return `${s.schematron} ${failing} error(s) ${other} warning(s)/info (${s.firedRules} rules fired)`;
    }),
  ];
  const lines = [
    `${report.passed ? 'PASS' : 'FAIL'} ${report.file} (${report.documentMs.toFixed(0)} ms)`,
    `     ${parts.join(' · ')}`,
  ];
  for (const e of report.xsd.errors) lines.push(`     [xsd] ${e}`);
  for (const s of report.schematrons) {
    if (s.error) lines.push(`     [${s.schematron}] ${s.error}`);
    // One line per check: a rule broken on every invoice line would otherwise fill the screen.
    const groups = new Map<string, Finding[]>();
    for (const f of s.findings) {
      if (!f.failing && !withWarnings) continue;
      const key = `${f.flag}\u0000${f.id}\u0000${f.rule}`;
      groups.set(key, [...(groups.get(key) ?? []), f]);
    }
    for (const [first, ...others] of groups.values()) {
      if (!first) continue;
      const id = first.id && first.id !== first.rule ? `${first.rule} (${first.id})` : first.rule;
      const times = others.length > 0 ? ` [x${others.length + 1}]` : '';
      lines.push(
        `     [${s.schematron}] ${first.flag} ${id || '(no id)'}${times}: ${first.message}`,
      );
      if (first.location) lines.push(`        at ${shortLocation(first.location)}`);
    }
  }
  return lines.join('\n');
}

const USAGE = `Usage: npx tsx tools/einvoice/validate.ts [options] <file-or-dir>...
  --reference=<dir>   reference artefacts (default ${path.relative(process.cwd(), defaultReferenceDir()) || '.'})
  --only=<names>      comma-separated subset of ${SCHEMATRONS.join(',')}
  --warnings          also print warnings and informational reports
  --json              print the reports and timings as JSON
  --keep-temp         keep the temporary inputs and SVRL outputs`;

async function main(argv: readonly string[]): Promise<number> {
  const paths: string[] = [];
  let referenceDir: string | undefined;
  let only: SchematronName[] | undefined;
  let withWarnings = false;
  let json = false;
  let keepTemp = false;
  for (const arg of argv) {
    if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      return 0;
    } else if (arg.startsWith('--reference=')) referenceDir = arg.slice('--reference='.length);
    else if (arg.startsWith('--only=')) {
      only = arg
        .slice('--only='.length)
        .split(',')
        .map((s) => s.trim()) as SchematronName[];
      const unknown = only.filter((s) => !SCHEMATRONS.includes(s));
      if (unknown.length > 0) throw new Error(`unknown schematron(s): ${unknown.join(', ')}`);
    } else if (arg === '--warnings') withWarnings = true;
    else if (arg === '--json') json = true;
    else if (arg === '--keep-temp') keepTemp = true;
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}\n${USAGE}`);
    else paths.push(arg);
  }
  if (paths.length === 0) throw new Error(USAGE);
  const files = collectXmlFiles(paths);
  if (files.length === 0) throw new Error(`no .xml file in ${paths.join(', ')}`);
  const opts: ValidatorOptions = {
    ...(referenceDir === undefined ? {} : { referenceDir }),
    ...(only === undefined ? {} : { schematrons: only }),
    keepTemp,
  };
  const { reports, timing } = await validateCiiBatch(files, opts);
  if (json) console.log(JSON.stringify({ reports, timing }, null, 2));
  else {
    for (const r of reports) console.log(formatReport(r, withWarnings));
    const jvm = timing.schematrons
      .map(
        (s) =>
          `${s.schematron} ${s.wallMs.toFixed(0)} ms` +
          (s.compileMs === undefined ? '' : ` (compile ${s.compileMs.toFixed(0)} ms)`),
      )
      .join(', ');
    const failed = reports.filter((r) => !r.passed).length;
    console.log(
      `${reports.length - failed}/${reports.length} passed in ${timing.totalMs.toFixed(0)} ms; ` +
        `xmllint ${timing.xsdMs.toFixed(0)} ms; JVMs: ${jvm}`,
    );
  }
  return reports.every((r) => r.passed) ? 0 : 1;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      console.error(`einvoice: ${e instanceof Error ? e.message : String(e)}`);
      process.exitCode = 2;
    },
  );
}
