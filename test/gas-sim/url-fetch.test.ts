/**
 * UrlFetchApp over the in-memory Google REST APIs: each endpoint, uploads, tokens and scopes,
 * fetchAll's waves, kills and faults inside a wave, the Docs API's rate limits and the test hook
 * that forces an endpoint's status.
 */
import { ExecutionKilled, Recorder } from '../../tools/gas-sim/recorder';
import { SCOPE } from '../../tools/gas-sim/scopes';
import type { World } from '../../tools/gas-sim/world';
import { newWorld, start, thrown, type Services } from './helpers';

type Gas = Services & {
  UrlFetchApp: GoogleAppsScript.URL_Fetch.UrlFetchApp;
  DocumentApp: GoogleAppsScript.Document.DocumentApp;
  Drive: GoogleAppsScript.Drive;
};
type Response = GoogleAppsScript.URL_Fetch.HTTPResponse;
type Params = GoogleAppsScript.URL_Fetch.URLFetchRequestOptions;

const DRIVE = 'https://www.googleapis.com/drive/v3';
const UPLOAD = 'https://www.googleapis.com/upload/drive/v3';
const DOCS = 'https://docs.googleapis.com/v1';
const FOLDER = 'application/vnd.google-apps.folder';

function session(
  world: World,
  rec?: Recorder,
): { gas: Gas; rec: Recorder; token: string; end: () => void } {
  const { ex, gas } = start(world, rec ? { recorder: rec, limitMs: null } : { limitMs: null });
  const g = gas as Gas;
  return { gas: g, rec: ex.rec, token: g.ScriptApp.getOAuthToken(), end: () => ex.finish() };
}

function headers(r: Response): Record<string, string> {
  return r.getHeaders() as Record<string, string>;
}

function auth(token: string, extra: Params = {}): Params {
  return { headers: { Authorization: `Bearer ${token}` }, muteHttpExceptions: true, ...extra };
}

function json(r: Response): Record<string, unknown> {
  return JSON.parse(r.getContentText()) as Record<string, unknown>;
}

function errorOf(r: Response): { code: number; message: string; status: string; reason: string } {
  const e = json(r)['error'] as {
    code: number;
    message: string;
    status: string;
    errors: { reason: string }[];
  };
  return { code: e.code, message: e.message, status: e.status, reason: e.errors[0]?.reason ?? '' };
}

/** A folder and a saved template Doc in it, made by the script (drive.file reaches them). */
function template(gas: Gas): { folderId: string; docId: string } {
  const folder = gas.Drive.Files.create({ name: 'Factures', mimeType: FOLDER });
  const doc = gas.DocumentApp.create('Modèle');
  doc.getBody().setText('Facture {{num}}');
  doc.getBody().appendTable([['Désignation', 'Montant']]);
  doc.saveAndClose();
  gas.Drive.Files.update({}, doc.getId(), undefined as never, {
    addParents: String(folder.id),
    removeParents: 'root',
  });
  return { folderId: String(folder.id), docId: doc.getId() };
}

function copyRequest(token: string, docId: string, name: string, folderId: string): Params {
  return {
    url: `${DRIVE}/files/${docId}/copy?fields=id`,
    method: 'post',
    contentType: 'application/json',
    payload: JSON.stringify({ name, parents: [folderId] }),
    ...auth(token),
  } as Params;
}

describe('Drive API v3 over UrlFetchApp', () => {
  it('copies, gets, lists, renames, trashes and shares, each costing its endpoint', () => {
    const world = newWorld();
    const { gas, rec, token } = session(world);
    const { folderId, docId } = template(gas);
    const t0 = rec.simulatedMs;
    const copied = gas.UrlFetchApp.fetch(
      `${DRIVE}/files/${docId}/copy`,
      auth(token, {
        method: 'post',
        contentType: 'application/json',
        payload: JSON.stringify({ name: 'F-1', parents: [folderId] }),
      }),
    );
    expect(copied.getResponseCode()).toBe(200);
    expect(String(headers(copied)['Content-Type'])).toMatch(/^application\/json/);
    const copy = json(copied);
    // The API's default fields.
    expect(Object.keys(copy).sort()).toEqual(['id', 'kind', 'mimeType', 'name']);
    expect(rec.simulatedMs - t0).toBe(1000);
    expect(rec.count('UrlFetchApp.fetch')).toBe(1);
    expect(rec.restByEndpoint()).toEqual({ 'drive.files.copy': 1 });
    const id = String(copy['id']);
    expect(world.drive.file(id)?.parents).toEqual([folderId]);

    const got = gas.UrlFetchApp.fetch(
      `${DRIVE}/files/${id}?fields=id,name,parents,trashed`,
      auth(token),
    );
    expect(json(got)).toEqual({ id, name: 'F-1', parents: [folderId], trashed: false });

    const q = encodeURIComponent(`'${folderId}' in parents and trashed = false`);
    const listed = gas.UrlFetchApp.fetch(
      `${DRIVE}/files?q=${q}&fields=files(id,name)`,
      auth(token),
    );
    expect((json(listed)['files'] as unknown[]).length).toBe(2);

    const patch = (body: unknown): Response =>
      gas.UrlFetchApp.fetch(
        `${DRIVE}/files/${id}?fields=id,name,trashed`,
        auth(token, {
          method: 'patch',
          contentType: 'application/json',
          payload: JSON.stringify(body),
        }),
      );
    expect(json(patch({ name: 'F-0001' }))).toEqual({ id, name: 'F-0001', trashed: false });
    expect(json(patch({ trashed: true }))['trashed']).toBe(true);
    expect(world.drive.file(id)?.trashed).toBe(true);

    const shared = gas.UrlFetchApp.fetch(
      `${DRIVE}/files/${id}/permissions?sendNotificationEmail=false`,
      auth(token, {
        method: 'post',
        contentType: 'application/json',
        payload: JSON.stringify({
          role: 'reader',
          type: 'user',
          emailAddress: 'client@example.com',
        }),
      }),
    );
    expect(json(shared)).toMatchObject({ role: 'reader', emailAddress: 'client@example.com' });
    expect(world.drive.file(id)?.viewers).toEqual(['client@example.com']);
    expect(rec.restByEndpoint()).toEqual({
      'drive.files.copy': 1,
      'drive.files.get': 1,
      'drive.files.list': 1,
      'drive.files.update': 2,
      'drive.permissions.create': 1,
    });
  });

  it('exports a Doc as the same PDF bytes as Document.getAs', () => {
    const world = newWorld();
    const { gas, token, rec } = session(world);
    const { docId } = template(gas);
    const t0 = rec.simulatedMs;
    const pdf = gas.UrlFetchApp.fetch(
      `${DRIVE}/files/${docId}/export?mimeType=application/pdf`,
      auth(token),
    );
    expect(rec.simulatedMs - t0).toBe(1500);
    expect(pdf.getResponseCode()).toBe(200);
    expect(headers(pdf)['Content-Type']).toBe('application/pdf');
    const viaDocumentApp = gas.DocumentApp.openById(docId).getAs('application/pdf');
    expect(pdf.getContent()).toEqual(viaDocumentApp.getBytes());
    expect(pdf.getBlob().getContentType()).toBe('application/pdf');
    // Signed bytes, as Apps Script's Byte[].
    expect(Math.min(...pdf.getContent())).toBeLessThan(0);

    const notDoc = gas.UrlFetchApp.fetch(`${DRIVE}/files/${docId}/export`, auth(token));
    expect(errorOf(notDoc)).toMatchObject({ code: 400, reason: 'required' });
  });

  it('uploads multipart/related bytes 0..255 intact, and downloads them back', () => {
    const world = newWorld();
    const { gas, token } = session(world);
    const { folderId } = template(gas);
    const boundary = 'sim_boundary_42';
    const head =
      `--${boundary}\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n` +
      `${JSON.stringify({ name: 'Facture é.pdf', parents: [folderId], mimeType: 'application/pdf' })}\r\n` +
      `--${boundary}\r\nContent-Type: application/pdf\r\n\r\n`;
    const tail = `\r\n--${boundary}--`;
    const content = Array.from({ length: 256 }, (_, i) => i);
    const signed = (bytes: number[]): number[] => bytes.map((b) => (b > 127 ? b - 256 : b));
    const payload = [
      ...signed([...Buffer.from(head, 'utf8')]),
      ...signed(content),
      ...signed([...Buffer.from(tail, 'utf8')]),
    ];
    const res = gas.UrlFetchApp.fetch(
      `${UPLOAD}/files?uploadType=multipart&fields=id,name,parents,mimeType`,
      auth(token, {
        method: 'post',
        contentType: `multipart/related; boundary=${boundary}`,
        payload,
      }),
    );
    expect(res.getResponseCode()).toBe(200);
    const made = json(res);
    expect(made).toMatchObject({
      name: 'Facture é.pdf',
      parents: [folderId],
      mimeType: 'application/pdf',
    });
    const stored = world.drive.file(String(made['id']));
    expect([...(stored?.bytes ?? [])]).toEqual(content);
    expect(stored?.byApp).toBe(true);

    const back = gas.UrlFetchApp.fetch(
      `${DRIVE}/files/${String(made['id'])}?alt=media`,
      auth(token),
    );
    expect(back.getContent()).toEqual(signed(content));

    const broken = gas.UrlFetchApp.fetch(
      `${UPLOAD}/files?uploadType=multipart`,
      auth(token, {
        method: 'post',
        contentType: `multipart/related; boundary=${boundary}`,
        payload: `--${boundary}\nContent-Type: application/json\n\n{}\n--${boundary}--`,
      }),
    );
    expect(errorOf(broken)).toMatchObject({ code: 400, reason: 'badRequest' });
  });

  it('answers JSON errors: unknown URL, JSON sent as a form, missing file', () => {
    const world = newWorld();
    const { gas, token } = session(world);
    const { docId, folderId } = template(gas);
    const unknown = gas.UrlFetchApp.fetch('https://www.googleapis.com/nothing/here', auth(token));
    expect(errorOf(unknown)).toMatchObject({ code: 404, status: 'NOT_FOUND' });
    const outside = gas.UrlFetchApp.fetch('https://example.com/', auth(token));
    expect(outside.getResponseCode()).toBe(404);

    const form = gas.UrlFetchApp.fetch(
      `${DRIVE}/files/${docId}/copy`,
      auth(token, { method: 'post', payload: JSON.stringify({ name: 'x', parents: [folderId] }) }),
    );
    expect(errorOf(form)).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' });

    const missing = gas.UrlFetchApp.fetch(`${DRIVE}/files/nope`, auth(token));
    expect(errorOf(missing)).toMatchObject({
      code: 404,
      message: 'File not found: nope.',
      reason: 'notFound',
    });

    // Not muted: Apps Script's exception, the answer cut short.
    const e = thrown(() =>
      gas.UrlFetchApp.fetch(`${DRIVE}/files/nope`, {
        headers: { Authorization: `Bearer ${token}` },
      }),
    );
    expect(e.name).toBe('Exception');
    expect(e.message).toMatch(
      /^Request failed for https:\/\/www\.googleapis\.com returned code 404\. Truncated server response: \{\n {2}"error": \{/,
    );
    expect(e.message).toMatch(/\.\.\. \(use muteHttpExceptions option to examine full response\)$/);
  });
});

describe('tokens and scopes', () => {
  it('wants a bearer token of this world', () => {
    const world = newWorld();
    const { gas, token } = session(world);
    const { docId } = template(gas);
    const none = gas.UrlFetchApp.fetch(`${DRIVE}/files/${docId}`, { muteHttpExceptions: true });
    expect(errorOf(none)).toMatchObject({ code: 401, status: 'UNAUTHENTICATED' });
    const forged = gas.UrlFetchApp.fetch(`${DRIVE}/files/${docId}`, auth('ya29.forged'));
    expect(errorOf(forged).message).toMatch(/^Request had invalid authentication credentials/);
    // Another world's token is unknown here.
    const other = session(newWorld()).token;
    expect(gas.UrlFetchApp.fetch(`${DRIVE}/files/${docId}`, auth(other)).getResponseCode()).toBe(
      401,
    );
    // A token of an earlier execution of this world still works.
    const later = session(world).gas;
    expect(later.UrlFetchApp.fetch(`${DRIVE}/files/${docId}`, auth(token)).getResponseCode()).toBe(
      200,
    );
  });

  it('refuses what the token does not reach: drive.file reach, missing scopes, no external_request', () => {
    const world = newWorld({
      oauthScopes: [SCOPE.driveFile, SCOPE.externalRequest, SCOPE.scriptApp, SCOPE.documents],
    });
    const { gas, token } = session(world);
    const theirs = world.drive.addFile({
      name: 'Contrat.pdf',
      mimeType: 'application/pdf',
      bytes: new Uint8Array([1]),
    });
    const r = gas.UrlFetchApp.fetch(`${DRIVE}/files/${theirs.id}`, auth(token));
    expect(errorOf(r)).toMatchObject({ code: 404, message: `File not found: ${theirs.id}.` });

    // A token without any Drive scope.
    const docsOnly = newWorld({ oauthScopes: [SCOPE.documents, SCOPE.externalRequest] });
    const s = session(docsOnly);
    const refused = s.gas.UrlFetchApp.fetch(
      `${DRIVE}/files?q=trashed%20%3D%20false`,
      auth(s.token),
    );
    expect(errorOf(refused)).toMatchObject({
      code: 403,
      message: 'Request had insufficient authentication scopes.',
      status: 'PERMISSION_DENIED',
      reason: 'insufficientPermissions',
    });

    // drive.file alone reaches the app's Docs only, through the Docs API too.
    const fileOnly = newWorld({ oauthScopes: [SCOPE.driveFile, SCOPE.externalRequest] });
    const f = session(fileOnly);
    const doc = fileOnly.drive.addFile({
      name: 'Autre',
      mimeType: 'application/vnd.google-apps.document',
      doc: (world.drive.file(gasDoc(gas))?.doc ?? undefined) as never,
    });
    const denied = f.gas.UrlFetchApp.fetch(`${DOCS}/documents/${doc.id}`, auth(f.token));
    expect(errorOf(denied)).toMatchObject({ code: 403, status: 'PERMISSION_DENIED' });

    // Without script.external_request, UrlFetchApp itself is refused.
    const noFetch = newWorld({ oauthScopes: [SCOPE.driveFile, SCOPE.documents] });
    const n = session(noFetch);
    expect(thrown(() => n.gas.UrlFetchApp.fetch(`${DRIVE}/files`, auth(n.token))).message).toBe(
      'You do not have permission to call UrlFetchApp.fetch. Required permissions: https://www.googleapis.com/auth/script.external_request',
    );
  });
});

function gasDoc(gas: Gas): string {
  const d = gas.DocumentApp.create('Source');
  d.getBody().setText('x');
  d.saveAndClose();
  return d.getId();
}

describe('Docs API v1 over UrlFetchApp', () => {
  it('gets a document and applies a batchUpdate of index-based requests', () => {
    const world = newWorld();
    const { gas, token, rec } = session(world);
    const { docId } = template(gas);
    const doc = json(gas.UrlFetchApp.fetch(`${DOCS}/documents/${docId}`, auth(token))) as {
      body: { content: { startIndex?: number; table?: unknown }[] };
    };
    const table = doc.body.content.find((e) => e.table);
    const t0 = rec.simulatedMs;
    const res = gas.UrlFetchApp.fetch(
      `${DOCS}/documents/${docId}:batchUpdate`,
      auth(token, {
        method: 'post',
        contentType: 'application/json',
        payload: JSON.stringify({
          requests: [
            {
              insertTableRow: {
                tableCellLocation: {
                  tableStartLocation: { index: table?.startIndex },
                  rowIndex: 0,
                  columnIndex: 0,
                },
                insertBelow: true,
              },
            },
            { replaceAllText: { containsText: { text: '{{num}}' }, replaceText: 'F-1' } },
          ],
        }),
      }),
    );
    expect(rec.simulatedMs - t0).toBe(800);
    expect(json(res)['replies']).toEqual([{}, { replaceAllText: { occurrencesChanged: 1 } }]);
    const table2 = gas.DocumentApp.openById(docId).getBody().getTables()[0];
    expect(table2?.getNumRows()).toBe(2);
    expect(gas.DocumentApp.openById(docId).getBody().getParagraphs()[0]?.getText()).toBe(
      'Facture F-1',
    );

    const bad = gas.UrlFetchApp.fetch(
      `${DOCS}/documents/${docId}:batchUpdate`,
      auth(token, {
        method: 'post',
        contentType: 'application/json',
        payload: JSON.stringify({
          requests: [{ insertText: { text: 'x', location: { index: 0 } } }],
        }),
      }),
    );
    expect(errorOf(bad)).toEqual({
      code: 400,
      status: 'INVALID_ARGUMENT',
      reason: 'badRequest',
      message:
        'Invalid requests[0].insertText: The insertion index must be inside the bounds of an existing paragraph.',
    });
    const gone = gas.UrlFetchApp.fetch(`${DOCS}/documents/nope`, auth(token));
    expect(errorOf(gone)).toMatchObject({ code: 404, status: 'NOT_FOUND' });
    expect(rec.restByEndpoint()).toEqual({
      'docs.documents.batchUpdate': 2,
      'docs.documents.get': 2,
    });
  });
});

describe('fetchAll', () => {
  it('runs requests in waves of 10: 25 copies cost 3 waves of 1000 ms plus 25 x 20 ms', () => {
    const world = newWorld();
    const { gas, token, rec } = session(world);
    const { docId, folderId } = template(gas);
    const t0 = rec.simulatedMs;
    const reqs = Array.from({ length: 25 }, (_, i) =>
      copyRequest(token, docId, `F-${i}`, folderId),
    );
    const res = gas.UrlFetchApp.fetchAll(reqs as never);
    expect(rec.simulatedMs - t0).toBe(3 * 1000 + 25 * 20);
    expect(rec.count('UrlFetchApp.fetchAll')).toBe(25);
    expect(res.map((r) => r.getResponseCode())).toEqual(Array<number>(25).fill(200));
    // In request order.
    const names = res.map((r) => world.drive.file(String(json(r)['id']))?.name);
    expect(names).toEqual(reqs.map((_, i) => `F-${i}`));
    // A wave costs its slowest request.
    const t1 = rec.simulatedMs;
    gas.UrlFetchApp.fetchAll([
      copyRequest(token, docId, 'G', folderId),
      { url: `${DRIVE}/files/${docId}`, ...auth(token) },
    ] as never);
    expect(rec.simulatedMs - t1).toBe(1000 + 2 * 20);
  });

  it('dies at a killed request: the requests before it took effect, the others not', () => {
    const world = newWorld();
    const rec = new Recorder(undefined, null);
    const { gas, token } = session(world, rec);
    const { docId, folderId } = template(gas);
    const before = world.drive.files.size;
    // The 14th request of the fetchAll (second wave) is the execution's last.
    rec.killAt(rec.callIndex + 14);
    const reqs = Array.from({ length: 20 }, (_, i) =>
      copyRequest(token, docId, `K-${i}`, folderId),
    );
    const e = thrown(() => gas.UrlFetchApp.fetchAll(reqs as never));
    expect(e).toBeInstanceOf(ExecutionKilled);
    const made = [...world.drive.files.values()].filter((f) => f.name.startsWith('K-'));
    expect(made.map((f) => f.name)).toEqual(Array.from({ length: 13 }, (_, i) => `K-${i}`));
    expect(world.drive.files.size).toBe(before + 13);
    expect(rec.killed).toBe(true);
  });

  it('turns a failed request into a 500 while the others go on', () => {
    const world = newWorld();
    const rec = new Recorder(undefined, null);
    const { gas, token } = session(world, rec);
    const { docId, folderId } = template(gas);
    rec.failAt(rec.callIndex + 3, 'Backend Error');
    const reqs = Array.from({ length: 5 }, (_, i) => copyRequest(token, docId, `E-${i}`, folderId));
    const res = gas.UrlFetchApp.fetchAll(reqs as never);
    expect(res.map((r) => r.getResponseCode())).toEqual([200, 200, 500, 200, 200]);
    expect(errorOf(res[2] as Response)).toMatchObject({
      code: 500,
      message: 'Backend Error',
      status: 'INTERNAL',
    });
    const made = [...world.drive.files.values()].filter((f) => f.name.startsWith('E-'));
    expect(made.map((f) => f.name)).toEqual(['E-0', 'E-1', 'E-3', 'E-4']);

    // Not muted: fetchAll throws for the first failing answer, after every request was made.
    rec.failAt(rec.callIndex + 2, 'Backend Error');
    const loud = reqs.map((r, i) => ({
      ...r,
      payload: JSON.stringify({ name: `L-${i}` }),
      muteHttpExceptions: false,
    }));
    expect(thrown(() => gas.UrlFetchApp.fetchAll(loud as never)).message).toMatch(
      /^Request failed for https:\/\/www\.googleapis\.com returned code 500\./,
    );
    expect([...world.drive.files.values()].filter((f) => f.name.startsWith('L-')).length).toBe(4);
  });
});

describe('limits', () => {
  function batchUpdate(token: string, docId: string): Params {
    return {
      url: `${DOCS}/documents/${docId}:batchUpdate`,
      method: 'post',
      contentType: 'application/json',
      payload: JSON.stringify({
        requests: [{ replaceAllText: { containsText: { text: 'zz' }, replaceText: 'z' } }],
      }),
      ...auth(token),
    } as Params;
  }

  it('answers 429 past 60 Docs writes of a user in a minute, and none once the minute has passed', () => {
    const world = newWorld();
    const { gas, token, end } = session(world);
    const { docId } = template(gas);
    const sixty = gas.UrlFetchApp.fetchAll(
      Array.from({ length: 60 }, () => batchUpdate(token, docId)) as never,
    );
    expect(sixty.every((r) => r.getResponseCode() === 200)).toBe(true);
    const over = gas.UrlFetchApp.fetch(
      `${DOCS}/documents/${docId}:batchUpdate`,
      batchUpdate(token, docId),
    );
    const e = errorOf(over);
    expect(e.code).toBe(429);
    expect(e.status).toBe('RESOURCE_EXHAUSTED');
    expect(e.message).toBe(
      `Quota exceeded for quota metric 'Write requests' and limit 'Write requests per minute per user' of service 'docs.googleapis.com' for consumer 'project_number:${world.projectNumber()}'.`,
    );
    // Reads have their own limit.
    expect(gas.UrlFetchApp.fetch(`${DOCS}/documents/${docId}`, auth(token)).getResponseCode()).toBe(
      200,
    );
    // The same user's next execution shares the window.
    end();
    const next = session(world);
    expect(
      next.gas.UrlFetchApp.fetch(
        `${DOCS}/documents/${docId}:batchUpdate`,
        batchUpdate(token, docId),
      ).getResponseCode(),
    ).toBe(429);
    next.gas.Utilities.sleep(60_000);
    expect(
      next.gas.UrlFetchApp.fetch(
        `${DOCS}/documents/${docId}:batchUpdate`,
        batchUpdate(token, docId),
      ).getResponseCode(),
    ).toBe(200);
  });

  it('forces the next answers of an endpoint with world.rest.failNext', () => {
    const world = newWorld();
    const { gas, token } = session(world);
    const { docId } = template(gas);
    world.rest.failNext('docs.documents.batchUpdate', 429, 2);
    world.rest.failNext('docs.documents.batchUpdate', 503, 1);
    world.rest.failNext('drive.files.get', 500, 1);
    const codes = Array.from({ length: 4 }, () =>
      gas.UrlFetchApp.fetch(
        `${DOCS}/documents/${docId}:batchUpdate`,
        batchUpdate(token, docId),
      ).getResponseCode(),
    );
    expect(codes).toEqual([429, 429, 503, 200]);
    const get = gas.UrlFetchApp.fetch(`${DRIVE}/files/${docId}`, auth(token));
    expect(errorOf(get)).toMatchObject({ code: 500, status: 'INTERNAL' });
    expect(gas.UrlFetchApp.fetch(`${DRIVE}/files/${docId}`, auth(token)).getResponseCode()).toBe(
      200,
    );
  });

  it("refuses past the day's UrlFetchApp calls with Apps Script's text", () => {
    const world = newWorld({ urlFetchDailyQuota: 2 });
    const { gas, token } = session(world);
    gas.UrlFetchApp.fetch(`${DRIVE}/files`, auth(token));
    gas.UrlFetchApp.fetch(`${DRIVE}/files`, auth(token));
    expect(thrown(() => gas.UrlFetchApp.fetch(`${DRIVE}/files`, auth(token))).message).toBe(
      'Service invoked too many times for one day: urlfetch.',
    );
    world.advanceTo('2026-11-06');
    expect(gas.UrlFetchApp.fetch(`${DRIVE}/files`, auth(token)).getResponseCode()).toBe(200);
  });

  it("applies the day's Docs creation quota to a REST copy of a Doc", () => {
    const world = newWorld({ docsDailyQuota: 2 });
    const { gas, token } = session(world);
    const { docId, folderId } = template(gas);
    const ok = gas.UrlFetchApp.fetch(
      `${DRIVE}/files/${docId}/copy`,
      copyRequest(token, docId, 'A', folderId),
    );
    expect(ok.getResponseCode()).toBe(200);
    const over = gas.UrlFetchApp.fetch(
      `${DRIVE}/files/${docId}/copy`,
      copyRequest(token, docId, 'B', folderId),
    );
    expect(errorOf(over)).toMatchObject({ code: 403, reason: 'dailyLimitExceeded' });
    expect(errorOf(over).message).toContain(
      'Service invoked too many times for one day: docs create.',
    );
  });
});
