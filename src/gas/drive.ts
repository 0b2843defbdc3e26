/** DrivePort over DriveApp. */
import type { DrivePort, FileRef } from '../app/ports';

export class GasDrive implements DrivePort {
  /** Folders found or made in this run, by path: each Drive call costs about 0.3 s. */
  private readonly folders = new Map<string, FileRef>();

  ensureFolder(path: readonly string[]): FileRef {
    const key = path.join('/');
    const known = this.folders.get(key);
    if (known) return known;
    const made = this.lookUp(path);
    this.folders.set(key, made);
    return made;
  }

  private lookUp(path: readonly string[]): FileRef {
    let folder = DriveApp.getRootFolder();
    for (const name of path) {
      const found = folder.getFoldersByName(name);
      folder = found.hasNext() ? found.next() : folder.createFolder(name);
    }
    return { id: folder.getId(), url: folder.getUrl() };
  }

  folderExists(id: string): boolean {
    try {
      return !DriveApp.getFolderById(id).isTrashed();
    } catch {
      return false;
    }
  }

  fileExists(id: string): boolean {
    try {
      return !DriveApp.getFileById(id).isTrashed();
    } catch {
      return false;
    }
  }

  findFile(folderId: string, name: string): FileRef | null {
    const it = DriveApp.getFolderById(folderId).getFilesByName(name);
    if (!it.hasNext()) return null;
    const f = it.next();
    return { id: f.getId(), url: f.getUrl() };
  }
}
