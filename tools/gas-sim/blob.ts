/**
 * Utilities.newBlob / File.getBlob / getAs results: bytes with a content type and a name.
 * Typed against GoogleAppsScript.Base.Blob for the methods the product uses.
 */
import { instrument, type Recorder } from './recorder';

type RealBlob = GoogleAppsScript.Base.Blob;

export class SimBlob implements Pick<
  RealBlob,
  | 'getBytes'
  | 'getDataAsString'
  | 'getContentType'
  | 'getName'
  | 'isGoogleType'
  | 'copyBlob'
  | 'setName'
  | 'setContentType'
  | 'setBytes'
  | 'setDataFromString'
> {
  constructor(
    public bytes: Uint8Array,
    public contentType: string | null,
    public name: string | null,
    private readonly rec?: Recorder,
  ) {}

  /** Apps Script returns signed bytes (Java byte[]), -128..127. */
  getBytes(): GoogleAppsScript.Byte[] {
    return Array.from(this.bytes, (b) => (b > 127 ? b - 256 : b));
  }
  getDataAsString(charset?: string): string {
    const enc = (charset ?? 'utf-8').toLowerCase() === 'utf-8' ? 'utf8' : 'latin1';
    return Buffer.from(this.bytes).toString(enc);
  }
  getContentType(): string | null {
    return this.contentType;
  }
  getName(): string | null {
    return this.name;
  }
  isGoogleType(): boolean {
    return false;
  }
  copyBlob(): RealBlob {
    return asBlob(new SimBlob(new Uint8Array(this.bytes), this.contentType, this.name, this.rec));
  }
  setName(name: string): RealBlob {
    this.name = name;
    return asBlob(this);
  }
  setContentType(contentType: string | null): RealBlob {
    this.contentType = contentType;
    return asBlob(this);
  }
  setBytes(data: GoogleAppsScript.Byte[]): RealBlob {
    this.bytes = Uint8Array.from(data, (b) => b & 0xff);
    return asBlob(this);
  }
  setDataFromString(s: string): RealBlob {
    this.bytes = new Uint8Array(Buffer.from(s, 'utf8'));
    return asBlob(this);
  }

  /** The simulator's own access to the raw bytes (not counted). */
  simBuffer(): Buffer {
    return Buffer.from(this.bytes);
  }
}

/** A blob handle as the script sees it; counted when a recorder is given. */
export function asBlob(b: SimBlob): RealBlob {
  const rec = (b as unknown as { rec?: Recorder }).rec;
  const handle = rec ? instrument(b, 'Blob', rec) : b;
  return handle as unknown as RealBlob;
}

/** Accepts what scripts pass as blobs (a SimBlob or anything with getBytes/getContentType). */
export function toSimBlob(source: unknown): SimBlob {
  if (source instanceof SimBlob) return source;
  const s = source as Partial<{
    getBlob(): unknown;
    getBytes(): number[];
    getContentType(): string | null;
    getName(): string | null;
  }>;
  if (typeof s.getBlob === 'function' && typeof s.getBytes !== 'function') {
    return toSimBlob(s.getBlob());
  }
  if (typeof s.getBytes === 'function') {
    const bytes = Uint8Array.from(s.getBytes(), (b) => b & 0xff);
    return new SimBlob(bytes, s.getContentType?.() ?? null, s.getName?.() ?? null);
  }
  throw new Error('Invalid argument: blob');
}
