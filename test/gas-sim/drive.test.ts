import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SimBlob, asBlob } from '../../tools/gas-sim/blob';
import {
  DriveState,
  createDocumentApp,
  createDriveApp,
  writeDriveTree,
} from '../../tools/gas-sim/drive';
import { World } from '../../tools/gas-sim/world';
import { execution, newWorld } from './sim-context';

const NO_ITEM =
  'No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.';

function names(it: { hasNext(): boolean; next(): { getName(): string } }): string[] {
  const out: string[] = [];
  while (it.hasNext()) out.push(it.next().getName());
  return out;
}

describe('DriveApp folders and files', () => {
  it('builds a folder tree, finds by name, and iterates to the end', () => {
    const ctx = execution(newWorld());
    const drive = createDriveApp(ctx);
    const root = drive.getRootFolder();
    expect(root.getName()).toBe('My Drive');
    const fact = drive.createFolder('Facturier');
    const y = fact.createFolder('2026');
    const m = y.createFolder('11');
    m.createFile('notes.txt', 'bonjour', 'text/plain');
    m.createFile(asBlob(new SimBlob(new Uint8Array([1, 2, 3]), 'application/pdf', 'F-1.pdf')));

    expect(names(drive.getFoldersByName('Facturier'))).toEqual(['Facturier']);
    expect(names(fact.getFoldersByName('2026'))).toEqual(['2026']);
    expect(names(m.getFiles())).toEqual(['notes.txt', 'F-1.pdf']);
    expect(names(m.getFilesByType('application/pdf'))).toEqual(['F-1.pdf']);
    expect(names(root.getFolders())).toEqual(['Facturier']);
    expect(names(m.getParents())).toEqual(['2026']);

    const it = m.getFilesByName('notes.txt');
    const f = it.next();
    expect(f.getBlob().getDataAsString()).toBe('bonjour');
    expect(f.getMimeType()).toBe('text/plain');
    expect(f.getSize()).toBe(7);
    expect(it.hasNext()).toBe(false);
    expect(() => it.next()).toThrow(
      'Cannot retrieve the next object: iterator has reached the end.',
    );

    expect(drive.getFolderById(m.getId()).getName()).toBe('11');
    expect(f.getId()).toMatch(/^[A-Za-z0-9_-]{44}$/);
    expect(m.getId()).toMatch(/^[A-Za-z0-9_-]{33}$/);
    expect(f.getUrl()).toBe(`https://drive.google.com/file/d/${f.getId()}/view`);
    expect(m.getUrl()).toBe(`https://drive.google.com/drive/folders/${m.getId()}`);
  });

  it('throws Apps Script texts for unknown ids', () => {
    const drive = createDriveApp(execution(newWorld()));
    const e = (() => {
      try {
        drive.getFileById('nope');
      } catch (err) {
        return err as Error;
      }
      return null;
    })();
    expect(e?.message).toBe(NO_ITEM);
    expect(String(e)).toBe(`Exception: ${NO_ITEM}`);
    expect(() => drive.getFolderById('nope')).toThrow(NO_ITEM);
  });

  it('hides trashed files and the contents of trashed folders from searches', () => {
    const drive = createDriveApp(execution(newWorld()));
    const a = drive.createFile('a.txt', 'A');
    drive.createFile('b.txt', 'B');
    const old = drive.createFolder('old');
    old.createFile('a.txt', 'old A');
    a.setTrashed(true);
    expect(a.isTrashed()).toBe(true);
    expect(names(drive.getFilesByName('a.txt'))).toEqual(['a.txt']);
    expect(drive.getFilesByName('a.txt').next().getBlob().getDataAsString()).toBe('old A');
    old.setTrashed(true);
    expect(names(drive.getFilesByName('a.txt'))).toEqual([]);
    expect(names(drive.getFiles())).toEqual(['b.txt']);
    expect(names(drive.getFoldersByName('old'))).toEqual([]);
    expect(names(drive.getTrashedFiles())).toEqual(['a.txt']);
    // A trashed file is still reachable by id, as in Drive.
    expect(drive.getFileById(a.getId()).isTrashed()).toBe(true);
  });

  it('finds a file created by an earlier execution, after the world was saved and loaded', () => {
    const world = newWorld();
    const first = createDriveApp(execution(world));
    const folder = first.createFolder('Facturier');
    folder.createFile('F-2026-001.pdf', '%PDF-fake', 'application/pdf');
    const reloaded = World.fromJSON(JSON.parse(JSON.stringify(world.toJSON())));
    const second = createDriveApp(execution(reloaded));
    const found = second.getFilesByName('F-2026-001.pdf');
    expect(found.hasNext()).toBe(true);
    const f = found.next();
    expect(f.getBlob().getDataAsString()).toBe('%PDF-fake');
    expect(names(f.getParents())).toEqual(['Facturier']);
    // Ids keep coming from where they were: no clash with the earlier ones.
    expect(second.createFile('x.txt', 'x').getId()).not.toBe(f.getId());
  });

  it('moves, copies, renames and shares files', () => {
    const ctx = execution(newWorld());
    const drive = createDriveApp(ctx);
    const a = drive.createFolder('A');
    const b = drive.createFolder('B');
    const f = a.createFile('x.txt', 'x');
    f.moveTo(b);
    expect(names(a.getFiles())).toEqual([]);
    expect(names(b.getFiles())).toEqual(['x.txt']);
    const c1 = f.makeCopy();
    const c2 = f.makeCopy('y.txt', a);
    expect(c1.getName()).toBe('Copy of x.txt');
    expect(names(c1.getParents())).toEqual(['B']);
    expect(names(a.getFiles())).toEqual(['y.txt']);
    f.setName('z.txt').setDescription('facture');
    expect(f.getName()).toBe('z.txt');
    expect(f.getDescription()).toBe('facture');
    expect(c2.getBlob().getDataAsString()).toBe('x');

    f.addViewer('client@example.com').addCommenter('boss@example.com').addEditor('dev@example.com');
    expect(f.getViewers().map((u) => u.getEmail())).toEqual([
      'client@example.com',
      'boss@example.com',
    ]);
    expect(f.getEditors().map((u) => u.getEmail())).toEqual(['dev@example.com']);
    expect(String(f.getAccess('boss@example.com'))).toBe('COMMENT');
    f.setSharing(drive.Access.ANYONE_WITH_LINK, drive.Permission.VIEW);
    expect(f.getSharingAccess()).toBe(drive.Access.ANYONE_WITH_LINK);
    expect(f.getSharingPermission()).toBe(drive.Permission.VIEW);
    expect(f.getOwner().getEmail()).toBe('compta@acme.fr');
    expect(() => f.addViewer('not an email')).toThrow('Invalid argument');
    const created = f.getDateCreated().getTime();
    expect(created).toBeGreaterThanOrEqual(Date.parse('2026-11-05T07:00:00Z'));
    expect(created).toBeLessThanOrEqual(ctx.now().getTime());
  });

  it('counts every handle call under Apps Script class names', () => {
    const ctx = execution(newWorld());
    const drive = createDriveApp(ctx);
    const folder = drive.createFolder('F');
    const file = folder.createFile('a.txt', 'a');
    file.makeCopy('b.txt', folder);
    const it = folder.getFilesByName('a.txt');
    it.hasNext();
    it.next().getName();
    expect(ctx.rec.byService()).toEqual({
      DriveApp: { createFolder: 1 },
      Folder: { createFile: 1, getFilesByName: 1 },
      File: { makeCopy: 1, getName: 1 },
      FileIterator: { hasNext: 1, next: 1 },
    });
    expect(ctx.rec.simulatedMs).toBeGreaterThan(0);
  });
});

describe('writeDriveTree', () => {
  it('writes folders as directories, Docs as PDF, other files as bytes, skipping the trash', () => {
    const ctx = execution(newWorld());
    const drive = createDriveApp(ctx);
    const docs = createDocumentApp(ctx);
    const folder = drive.createFolder('Facturier').createFolder('2026/11');
    folder.createFile('a/b.txt', 'slash');
    folder.createFile('a/b.txt', 'same name');
    drive.createFile('gone.txt', 'x').setTrashed(true);
    const doc = docs.create('Facture F-1');
    doc.getBody().appendParagraph('Total 10 €');
    doc.saveAndClose();
    drive.getFileById(doc.getId()).moveTo(folder);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drive-tree-'));
    const written = writeDriveTree(ctx.world.drive, dir).map((p) => path.relative(dir, p));
    expect(written.sort()).toEqual(
      [
        'Facturier/2026_11/a_b.txt',
        'Facturier/2026_11/a_b (2).txt',
        'Facturier/2026_11/Facture F-1.gdoc.pdf',
      ].sort(),
    );
    expect(fs.readFileSync(path.join(dir, 'Facturier/2026_11/a_b (2).txt'), 'utf8')).toBe(
      'same name',
    );
    expect(
      fs
        .readFileSync(path.join(dir, 'Facturier/2026_11/Facture F-1.gdoc.pdf'))
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  it('round-trips the state through JSON', () => {
    const ctx = execution(newWorld());
    const drive = createDriveApp(ctx);
    drive.createFolder('A').createFile('b.bin', 'xyz');
    const json = JSON.parse(JSON.stringify(ctx.world.drive.toJSON()));
    const back = DriveState.fromJSON(json);
    expect(back.toJSON()).toEqual(json);
    expect(back.findByPath('A/b.bin')).toHaveLength(1);
  });
});
