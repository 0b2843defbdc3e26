/**
 * Base of every service object handed to the script. `instrument()` runs methods with `this`
 * bound to the raw object, so a method that returns "itself" for chaining must return the
 * instrumented proxy (`_self`), or the next call in the chain would escape the count.
 */
import { instrument, type Recorder } from './recorder';

export abstract class Handle {
  /** The proxy the script holds; set by `track()`. */
  _self: this = this;
}

/** Instruments a fresh handle under Apps Script's class name and remembers its proxy. */
export function track<T extends Handle>(h: T, className: string, rec: Recorder): T {
  const proxy = instrument(h, className, rec);
  h._self = proxy;
  return proxy;
}

/** The script-facing type of a handle, for methods typed against @types/google-apps-script. */
export function api<T>(h: Handle): T {
  return h._self as unknown as T;
}
