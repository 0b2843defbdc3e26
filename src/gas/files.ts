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

  /** The PDF of `fileId` made in this run, else the Doc `docId` exported as PDF. */
  pdf(fileId: string, docId: string): GoogleAppsScript.Base.Blob {
    const kept = this.blobs.get(fileId);
    if (kept) return kept;
    if (!docId) throw new Error(`No Doc to export the PDF ${fileId} from`);
    return DocumentApp.openById(docId).getAs('application/pdf');
  }
}
