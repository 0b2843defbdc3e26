/**
 * Errors thrown by Apps Script services. In the V8 runtime they print as `Exception: <text>`:
 * the name is `Exception` and the message is the text, so `String(e)` gives the familiar line
 * while `e.message` holds only the text.
 */
export class GasException extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Exception';
  }
}

export function gasError(message: string): GasException {
  return new GasException(message);
}
