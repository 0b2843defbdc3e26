/**
 * StorePort over the workbook's developer metadata: one PROJECT-visible entry whose value is the
 * JSON of every key. Document properties are out of reach in a time-driven trigger that runs
 * without a containing document (Class PropertiesService: "When document properties are not
 * available this method returns null"); the workbook itself is reached by every run, menu or
 * trigger, whoever the user. Writes follow the spreadsheet's flush rules: the lock's holder
 * flushes before releasing it.
 *
 * A workbook used by an earlier version keeps its state in the document properties: when the
 * entry does not exist yet, those are read (if this run can reach them) and carried over at the
 * first write.
 */
import type { StorePort } from '../app/ports';

export const STORE_KEY = 'facturier.state';
/** Kept well under the spreadsheet's developer-metadata limit (assumed 30,000 characters). */
export const STORE_MAX_CHARS = 25_000;

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Metadata = GoogleAppsScript.Spreadsheet.DeveloperMetadata;

export class MetadataStore implements StorePort {
  private cache: Record<string, string> | null = null;
  private entry: Metadata | null = null;

  constructor(private readonly ss: Spreadsheet) {}

  private find(): Metadata | null {
    const found = this.ss.createDeveloperMetadataFinder().withKey(STORE_KEY).find();
    return found[0] ?? null;
  }

  private load(): Record<string, string> {
    this.entry = this.find();
    let data: Record<string, string> = {};
    if (this.entry) {
      try {
        const parsed = JSON.parse(this.entry.getValue() ?? '{}') as unknown;
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
          data = parsed as Record<string, string>;
        }
      } catch {
        data = {};
      }
    } else {
      const legacy = PropertiesService.getDocumentProperties();
      if (legacy) data = { ...legacy.getProperties() };
    }
    this.cache = data;
    return data;
  }

  private all(): Record<string, string> {
    return this.cache ?? this.load();
  }

  /** Read again: another run may have written since (called under the lock). */
  reload(): void {
    this.load();
  }

  get(key: string): string | null {
    return this.all()[key] ?? null;
  }

  keys(prefix: string): string[] {
    return Object.keys(this.all()).filter((k) => k.startsWith(prefix));
  }

  set(key: string, value: string): void {
    this.all()[key] = value;
    this.write();
  }

  remove(...keys: string[]): void {
    const all = this.all();
    const present = keys.filter((k) => k in all);
    if (present.length === 0) return;
    for (const k of present) delete all[k];
    this.write();
  }

  private write(): void {
    const json = JSON.stringify(this.all());
    if (json.length > STORE_MAX_CHARS) {
      throw new Error(
        `Facturier's state (${json.length} characters) passes ${STORE_MAX_CHARS}: keys ${Object.keys(this.all()).length}`,
      );
    }
    if (this.entry) {
      this.entry.setValue(json);
      return;
    }
    this.ss.addDeveloperMetadata(
      STORE_KEY,
      json,
      SpreadsheetApp.DeveloperMetadataVisibility.PROJECT,
    );
    this.entry = this.find();
  }
}
