/**
 * Drive files a run already holds, shared by the Docs and Mail adapters: a file fetched or
 * created once is not fetched again, and a PDF made in this run is attached from memory.
 */
export class FileCache {
  private readonly files = new Map<string, GoogleAppsScript.Drive.File>();
  private readonly blobs = new Map<string, GoogleAppsScript.Base.Blob>();

  file(id: string): GoogleAppsScript.Drive.File {
    let f = this.files.get(id);
    if (!f) {
      f = DriveApp.getFileById(id);
      this.files.set(id, f);
    }
    return f;
  }

  keep(id: string, f: GoogleAppsScript.Drive.File, blob?: GoogleAppsScript.Base.Blob): void {
    this.files.set(id, f);
    if (blob) this.blobs.set(id, blob);
  }

  /** The file's content: the blob this run made, else fetched from Drive. */
  blob(id: string): GoogleAppsScript.Base.Blob {
    return this.blobs.get(id) ?? this.file(id).getBlob();
  }
}
