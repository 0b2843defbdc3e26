/**
 * PDFs a run made, kept in memory for the Mail adapter: an invoice's PDF is attached without
 * fetching it again. A PDF made in an earlier run is exported again from its Doc (the Doc is
 * frozen once issued); reading a Drive file's bytes would need a broader scope or UrlFetchApp.
 */
export class FileCache {
  private readonly blobs = new Map<string, GoogleAppsScript.Base.Blob>();

  keep(id: string, blob: GoogleAppsScript.Base.Blob): void {
    this.blobs.set(id, blob);
  }

  /**
   * The PDF of `fileId` made in this run, else the Doc `docId` exported as PDF again, with what
   * was done to it when it was first made (`transform`: its e-invoice embedded).
   */
  pdf(
    fileId: string,
    docId: string,
    transform?: (pdf: Uint8Array) => Uint8Array,
  ): GoogleAppsScript.Base.Blob {
    const kept = this.blobs.get(fileId);
    if (kept) return kept;
    if (!docId) throw new Error(`No Doc to export the PDF ${fileId} from`);
    const blob = DocumentApp.openById(docId).getAs('application/pdf');
    if (!transform) return blob;
    const out = transform(Uint8Array.from(blob.getBytes(), (b) => b & 0xff));
    return Utilities.newBlob(
      Array.from(out, (b) => (b > 127 ? b - 256 : b)),
      'application/pdf',
      blob.getName() ?? 'document.pdf',
    );
  }
}
