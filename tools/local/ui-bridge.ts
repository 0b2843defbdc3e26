/**
 * The add-on's pages in a real browser, against the in-memory Apps Script: a localhost HTTP
 * server that serves the sidebar or dialog the bundle shows (a menu entry point run in a World,
 * its HtmlService output taken from the World's UI log), with a `google.script.run` stand-in
 * that posts each call to the server, which runs that entry point of the bundle in the same
 * World, as Apps Script would run it for the page. `google.script.host.close()` is counted in
 * `window.__hostClosed`.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { importCsvFolder } from '../gas-sim/csv-workbook';
import type { HtmlShownRecord } from '../gas-sim/ui';
import { runEntry } from '../gas-sim/vm-loader';
import { World } from '../gas-sim/world';

const root = path.resolve(__dirname, '..', '..');
export const DEMO_WORKBOOK = path.join(root, 'sheets-templates', 'demo');
export const BUNDLE = path.join(root, 'dist', 'Code.js');

/** One call the page made, as the server ran it. */
export interface BridgeCall {
  fn: string;
  args: unknown[];
  /** Apps Script calls the execution made. */
  calls: number;
  result: unknown;
  error: string | null;
}

export interface UiBridge {
  url: string;
  world: World;
  /** The page as the bundle showed it: sidebar or dialog, title, size, HTML. */
  shown: HtmlShownRecord;
  /** Every call of the page, in order. */
  log: BridgeCall[];
  close(): Promise<void>;
}

/** The settings sidebar's bridge. */
export type SidebarBridge = UiBridge;

export interface BridgeOptions {
  /** A World to use (default: the demo workbook imported on `today`). */
  world?: World;
  today?: string;
  bundle?: string;
}

export interface UiBridgeOptions extends BridgeOptions {
  /** The entry point that shows the page (a menu item's function). */
  entry: string;
  /** What it must show (default: whatever it shows last). */
  kind?: HtmlShownRecord['kind'];
}

/**
 * The page's `google.script.run`: each function name becomes a POST of {fn, args}; the answer
 * goes to the success handler, an error to the failure handler, asynchronously as in Apps Script.
 */
const SHIM = `<script>
(function () {
  function runner(ok, ko) {
    return new Proxy({}, {
      get: function (_, name) {
        if (name === 'withSuccessHandler') return function (f) { return runner(f, ko); };
        if (name === 'withFailureHandler') return function (f) { return runner(ok, f); };
        if (name === 'withUserObject') return function () { return runner(ok, ko); };
        if (typeof name !== 'string') return undefined;
        return function () {
          var args = Array.prototype.slice.call(arguments);
          fetch('/run', { method: 'POST', headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ fn: name, args: args }) })
            .then(function (r) { return r.json(); })
            .then(function (a) {
              if (a.error !== null) { if (ko) ko(new Error(a.error)); }
              else if (ok) ok(a.result);
            }, function (e) { if (ko) ko(e); });
        };
      }
    });
  }
  window.__hostClosed = 0;
  window.google = { script: { run: runner(null, null), host: {
    close: function () { window.__hostClosed += 1; },
    setHeight: function () {}, setWidth: function () {}
  } } };
})();
</script>`;

/** The page with the stand-in first, so that the page's own script finds it. */
export function withShim(html: string): string {
  const head = /<head[^>]*>/i.exec(html);
  if (!head) return SHIM + html;
  const at = head.index + head[0].length;
  return html.slice(0, at) + SHIM + html.slice(at);
}

function demoWorld(today: string): World {
  const world = new World({ today, seed: 'sidebar' });
  importCsvFolder(DEMO_WORKBOOK, world);
  return world;
}

function parseRequest(text: string): { fn: string; args: unknown[] } | null {
  try {
    const body = JSON.parse(text) as { fn?: unknown; args?: unknown };
    return {
      fn: typeof body.fn === 'string' ? body.fn : '',
      args: Array.isArray(body.args) ? (body.args as unknown[]) : [],
    };
  } catch {
    return null;
  }
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      // Apps Script takes up to 50 MB a call; a dialog posts chosen files as base64.
      if (size > 50_000_000) reject(new Error('request too large'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The settings sidebar (menuSettings) in the browser. */
export function startSidebarBridge(opts: BridgeOptions = {}): Promise<SidebarBridge> {
  return startUiBridge({ ...opts, entry: 'menuSettings', kind: 'sidebar' });
}

/** The page an entry point shows (a sidebar or a dialog), served with its server functions. */
export async function startUiBridge(opts: UiBridgeOptions): Promise<UiBridge> {
  const bundle = opts.bundle ?? BUNDLE;
  if (!fs.existsSync(bundle)) throw new Error(`${bundle} not found: run npm run build first`);
  const code = fs.readFileSync(bundle, 'utf8');
  const world = opts.world ?? demoWorld(opts.today ?? '2026-12-05');
  const before = world.ui.html.length;
  const opened = runEntry(world, code, opts.entry);
  if (opened.error) throw opened.error;
  const shown = world.ui.html
    .slice(before)
    .filter((h) => opts.kind === undefined || h.kind === opts.kind)
    .pop();
  if (!shown) throw new Error(`${opts.entry} showed no ${opts.kind ?? 'page'}`);
  const page = withShim(shown.content);
  const log: BridgeCall[] = [];

  const server = http.createServer((req, res) => {
    const reply = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      res.end(body);
    };
    if (req.method === 'GET' && (req.url === '/' || req.url === '/index.html')) {
      reply(200, 'text/html; charset=utf-8', page);
      return;
    }
    if (req.method === 'POST' && req.url === '/run') {
      readBody(req).then(
        (text) => {
          const request = parseRequest(text);
          if (!request) {
            reply(400, 'application/json', JSON.stringify({ error: 'bad request' }));
            return;
          }
          const { fn, args } = request;
          if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(fn)) {
            reply(400, 'application/json', JSON.stringify({ error: `bad function ${fn}` }));
            return;
          }
          // Arguments cross as JSON, as google.script.run passes them.
          const run = runEntry(world, code, fn, args.length > 0 ? args[0] : undefined);
          const error = run.error ? run.error.message : null;
          const result = run.result === undefined ? null : run.result;
          log.push({ fn, args, calls: run.rec.total(), result, error });
          reply(200, 'application/json', JSON.stringify({ result, error }));
        },
        (e: unknown) => reply(500, 'application/json', JSON.stringify({ error: String(e) })),
      );
      return;
    }
    reply(404, 'text/plain', 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    world,
    shown,
    log,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  };
}
