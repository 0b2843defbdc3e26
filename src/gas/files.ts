/**
 * PDFs a run made, kept in memory for the Mail adapter: an invoice's PDF is attached without
 * fetching it again. A PDF made in an earlier run is exported again from its Doc (the Doc is
 * frozen once issued) with Drive files.export, and given again what was done to it when it was
 * first made (its e-invoice embedded).
 */
import { PDF_MIME } from './drive-api';
import { exportCall, ok, RestClient, signed, unsigned } from './rest';

export class FileCache {
  private readonly blobs = new Map<string, { blob: GoogleAppsScript.Base.Blob; name: string }>();

  constructor(private readonly rest: RestClient = new RestClient()) {}

  /** A PDF made in this run, and the name its blob was made with. */
  keep(id: string, blob: GoogleAppsScript.Base.Blob, name: string): void {
    this.blobs.set(id, { blob, name });
  }

  /**
   * The PDF of `fileId` made in this run, else the Doc `docId` exported as PDF again, with
   * `transform` applied as when it was first made; named `name`.
   */
  pdf(
    fileId: string,
    docId: string,
    name: string,
    transform?: (pdf: Uint8Array) => Uint8Array,
  ): GoogleAppsScript.Base.Blob {
    const kept = this.blobs.get(fileId);
    if (kept) return kept.name === name ? kept.blob : kept.blob.setName(name);
    if (!docId) throw new Error(`No Doc to export the PDF ${fileId} from`);
    const r = this.rest.one(exportCall(docId));
    if (!ok(r) || !r.bytes) throw new Error(`PDF export of ${docId} failed: ${r.error}`);
    const bytes = transform ? signed(transform(unsigned(r.bytes))) : r.bytes;
    return Utilities.newBlob(bytes, PDF_MIME, name);
  }
}
