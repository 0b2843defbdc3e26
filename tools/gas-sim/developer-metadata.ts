/**
 * Developer metadata on the spreadsheet itself (Class DeveloperMetadata, Class
 * DeveloperMetadataFinder; Spreadsheet.addDeveloperMetadata). Only spreadsheet-level metadata is
 * imitated. It is spreadsheet state: it follows flush semantics (sheet-view.ts) like cells.
 *
 * Size: the Sheets API's metadata guide limits the metadata of a spreadsheet; the figure could
 * not be read here, so the least convenient plausible one is enforced: 30,000 characters for all
 * keys and values of the spreadsheet together (assumed), refused with an error over it.
 */
import type { SimContext } from './context';
import { gasError } from './errors';
import { api, Handle, track } from './handle';
import type { MetadataState, SpreadsheetState } from './sheets-state';

export const METADATA_MAX_CHARS = 30_000;
export const METADATA_TOO_LARGE =
  'The total size of developer metadata in this spreadsheet exceeds the limit.';

type RealMd = GoogleAppsScript.Spreadsheet.DeveloperMetadata;
type RealFinder = GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder;
type Visibility = GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility;

function size(ss: SpreadsheetState): number {
  return ss.metadata.reduce((n, m) => n + m.key.length + (m.value ?? '').length, 0);
}

function checkSize(ss: SpreadsheetState): void {
  if (size(ss) > METADATA_MAX_CHARS) throw gasError(METADATA_TOO_LARGE);
}

export class DeveloperMetadataHandle extends Handle {
  constructor(
    private readonly ss: SpreadsheetState,
    private readonly id: number,
  ) {
    super();
  }
  private rec(): MetadataState {
    const m = this.ss.metadata.find((x) => x.id === this.id);
    if (!m) throw gasError('The developer metadata no longer exists.');
    return m;
  }
  getId(): number {
    return this.rec().id;
  }
  getKey(): string {
    return this.rec().key;
  }
  getValue(): string | null {
    return this.rec().value;
  }
  getVisibility(): Visibility {
    return this.rec().visibility as unknown as Visibility;
  }
  setKey(key: string): RealMd {
    const m = this.rec();
    const before = m.key;
    m.key = String(key);
    try {
      checkSize(this.ss);
    } catch (e) {
      m.key = before;
      throw e;
    }
    return api(this);
  }
  setValue(value: string): RealMd {
    const m = this.rec();
    const before = m.value;
    m.value = String(value);
    try {
      checkSize(this.ss);
    } catch (e) {
      m.value = before;
      throw e;
    }
    return api(this);
  }
  remove(): void {
    this.ss.metadata = this.ss.metadata.filter((x) => x.id !== this.id);
  }
}

export class DeveloperMetadataFinderHandle extends Handle {
  private key: string | null = null;
  private value: string | null = null;
  private idWanted: number | null = null;
  private visibility: string | null = null;

  constructor(
    private readonly ctx: SimContext,
    private readonly ss: SpreadsheetState,
  ) {
    super();
  }
  withKey(key: string): RealFinder {
    this.key = String(key);
    return api(this);
  }
  withValue(value: string): RealFinder {
    this.value = String(value);
    return api(this);
  }
  withId(id: number): RealFinder {
    this.idWanted = Number(id);
    return api(this);
  }
  withVisibility(visibility: Visibility): RealFinder {
    this.visibility = String(visibility);
    return api(this);
  }
  find(): RealMd[] {
    return this.ss.metadata
      .filter(
        (m) =>
          (this.key === null || m.key === this.key) &&
          (this.value === null || m.value === this.value) &&
          (this.idWanted === null || m.id === this.idWanted) &&
          (this.visibility === null || m.visibility === this.visibility),
      )
      .map((m) => metadataHandle(this.ctx, this.ss, m.id));
  }
}

export function metadataHandle(ctx: SimContext, ss: SpreadsheetState, id: number): RealMd {
  return api(track(new DeveloperMetadataHandle(ss, id), 'DeveloperMetadata', ctx.rec));
}

export function metadataFinder(ctx: SimContext, ss: SpreadsheetState): RealFinder {
  return api(track(new DeveloperMetadataFinderHandle(ctx, ss), 'DeveloperMetadataFinder', ctx.rec));
}

/** Spreadsheet.addDeveloperMetadata(key[, value][, visibility]). */
export function addMetadata(ss: SpreadsheetState, args: readonly unknown[]): void {
  const key = String(args[0] ?? '');
  if (key === '') throw gasError('Invalid argument: key');
  let value: string | null = null;
  let visibility: 'DOCUMENT' | 'PROJECT' = 'DOCUMENT';
  for (const a of args.slice(1)) {
    if (a === 'DOCUMENT' || a === 'PROJECT') visibility = a;
    else if (a !== undefined) value = String(a);
  }
  ss.metadata.push({ id: ss.nextMetadataId++, key, value, visibility });
  try {
    checkSize(ss);
  } catch (e) {
    ss.metadata.pop();
    throw e;
  }
}
