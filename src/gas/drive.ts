/** DrivePort over the advanced Drive service (drive.file). */
import type { DrivePort, FileRef } from '../app/ports';
import { childrenNamed, driveApi, exists, FOLDER_MIME, folderUrl, fileUrl } from './drive-api';

export class GasDrive implements DrivePort {
  /** Folders found or made in this run, by path: each Drive call costs about 0.3 s. */
  private readonly folders = new Map<string, FileRef>();

  ensureFolder(path: readonly string[]): FileRef {
    const key = path.join('/');
    const known = this.folders.get(key);
    if (known) return known;
    let parent = 'root';
    for (const name of path) {
      const found = childrenNamed(parent, name, true)[0];
      parent =
        found ??
        String(driveApi().Files.create({ name, mimeType: FOLDER_MIME, parents: [parent] }).id);
    }
    const made = { id: parent, url: folderUrl(parent) };
    this.folders.set(key, made);
    return made;
  }

  folderExists(id: string): boolean {
    return exists(id);
  }

  fileExists(id: string): boolean {
    return exists(id);
  }

  findFile(folderId: string, name: string): FileRef | null {
    const id = childrenNamed(folderId, name, false)[0];
    return id ? { id, url: fileUrl(id) } : null;
  }

  createBinaryFile(folderId: string, name: string, mimeType: string, bytes: Uint8Array): FileRef {
    const found = this.findFile(folderId, name);
    if (found) return found;
    const blob = Utilities.newBlob(
      Array.from(bytes, (b) => (b > 127 ? b - 256 : b)),
      mimeType,
      name,
    );
    const id = String(driveApi().Files.create({ name, mimeType, parents: [folderId] }, blob).id);
    return { id, url: fileUrl(id) };
  }

  createTextFile(
    folderId: string,
    name: string,
    mimeType: string,
    content: string,
    fresh = false,
  ): FileRef {
    const found = fresh ? null : this.findFile(folderId, name);
    if (found) return found;
    // newBlob from a string stores it as UTF-8.
    const blob = Utilities.newBlob(content, mimeType, name);
    const id = String(driveApi().Files.create({ name, mimeType, parents: [folderId] }, blob).id);
    return { id, url: fileUrl(id) };
  }

  replaceTextFile(folderId: string, name: string, mimeType: string, content: string): FileRef {
    const before = childrenNamed(folderId, name, false);
    const made = this.createTextFile(folderId, name, mimeType, content, true);
    for (const id of before) {
      if (id !== made.id) driveApi().Files.update({ trashed: true }, id);
    }
    return made;
  }
}
