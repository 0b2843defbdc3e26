/**
 * The advanced Drive service (Drive API v3) over the simulated Drive: what the add-on calls, the
 * fields the API returns by default, queries, and the reach of drive.file.
 */
import { SCOPE } from '../../tools/gas-sim/scopes';
import { start, thrown, worldWithWorkbook } from './helpers';

type Gas = ReturnType<typeof start>['gas'] & {
  Drive: GoogleAppsScript.Drive;
  DocumentApp: GoogleAppsScript.Document.DocumentApp;
};

const FOLDER = 'application/vnd.google-apps.folder';
const DOC = 'application/vnd.google-apps.document';

function driveFileWorld() {
  const { world } = worldWithWorkbook({ oauthScopes: [SCOPE.driveFile, SCOPE.documents] });
  return { world, gas: start(world).gas as Gas };
}

describe('Drive API v3 under drive.file', () => {
  it('creates folders and Docs, lists them by name and parent, copies and trashes', () => {
    const { gas } = driveFileWorld();
    const folder = gas.Drive.Files.create({ name: "L'année", mimeType: FOLDER, parents: ['root'] });
    // Default fields only: kind, id, name, mimeType.
    expect(Object.keys(folder).sort()).toEqual(['id', 'kind', 'mimeType', 'name']);
    const q = `'root' in parents and name = 'L\\'année' and mimeType = '${FOLDER}' and trashed = false`;
    expect(gas.Drive.Files.list({ q }).files?.map((f) => f.id)).toEqual([folder.id]);

    const doc = gas.Drive.Files.create({
      name: 'Modèle',
      mimeType: DOC,
      parents: [String(folder.id)],
    });
    gas.DocumentApp.openById(String(doc.id)).getBody().appendParagraph('{{x}}');
    const copy = gas.Drive.Files.copy(
      { name: 'Copie', parents: [String(folder.id)] },
      String(doc.id),
    );
    const got = gas.Drive.Files.get(String(copy.id), { fields: 'id,parents,webViewLink,trashed' });
    expect(got).toEqual({
      id: copy.id,
      parents: [folder.id],
      webViewLink: `https://docs.google.com/document/d/${String(copy.id)}/edit`,
      trashed: false,
    });
    gas.Drive.Files.update({ trashed: true }, String(copy.id));
    const inFolder = `'${String(folder.id)}' in parents and trashed = false`;
    expect(gas.Drive.Files.list({ q: inFolder, fields: 'files(name)' }).files).toEqual([
      { name: 'Modèle' },
    ]);
  });

  it("does not reach the user's own files: 404 on get, left out of lists", () => {
    const { world, gas } = driveFileWorld();
    const theirs = world.drive.addFile({
      name: 'Contrat.pdf',
      mimeType: 'application/pdf',
      bytes: new Uint8Array([1]),
    });
    expect(thrown(() => gas.Drive.Files.get(theirs.id)).message).toBe(
      `API call to drive.files.get failed with error: File not found: ${theirs.id}.`,
    );
    expect(gas.Drive.Files.list({ q: "name = 'Contrat.pdf'" }).files).toEqual([]);
    expect(thrown(() => gas.Drive.Files.copy({ name: 'x' }, theirs.id)).message).toMatch(
      /File not found/,
    );
  });

  it('stores a PDF from a blob and shares it without a notification', () => {
    const { world, gas } = driveFileWorld();
    const doc = gas.Drive.Files.create({ name: 'Facture', mimeType: DOC });
    const d = gas.DocumentApp.openById(String(doc.id));
    d.getBody().appendParagraph('Total 100,00 €');
    d.saveAndClose();
    const blob = gas.DocumentApp.openById(String(doc.id))
      .getAs('application/pdf')
      .setName('Facture.pdf');
    const pdf = gas.Drive.Files.create({ name: 'Facture.pdf', mimeType: 'application/pdf' }, blob);
    expect(world.drive.file(String(pdf.id))?.bytes?.length).toBeGreaterThan(100);
    gas.Drive.Permissions.create(
      { role: 'commenter', type: 'user', emailAddress: 'claire@example.com' },
      String(pdf.id),
      { sendNotificationEmail: false },
    );
    expect(world.drive.file(String(pdf.id))?.commenters).toEqual(['claire@example.com']);
  });

  it('refuses a query clause it does not know rather than matching everything', () => {
    const { gas } = driveFileWorld();
    expect(thrown(() => gas.Drive.Files.list({ q: "fullText contains 'x'" })).message).toMatch(
      /Invalid Value/,
    );
  });

  it('owners(emailAddress) tells who made a file, with no userinfo scope', () => {
    const { world, gas } = driveFileWorld();
    const f = gas.Drive.Files.create({ name: 'f', mimeType: FOLDER });
    expect(
      gas.Drive.Files.get(String(f.id), { fields: 'owners(emailAddress)' }).owners?.[0]
        ?.emailAddress,
    ).toBe(world.userEmail);
  });
});
