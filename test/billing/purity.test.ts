/**
 * The billing rules stay pure: they import the invoice core, the sheets layer's types and pure
 * helpers, and each other — no Apps Script, no node module, no app, gas or tools — and never
 * read the clock (the run's day comes in as an input).
 */
import * as fs from 'fs';
import * as path from 'path';

const BILLING = path.resolve(__dirname, '../../src/billing');
const files = fs.readdirSync(BILLING).filter((f) => f.endsWith('.ts'));

describe.each(files)('src/billing/%s', (file) => {
  const source = fs.readFileSync(path.join(BILLING, file), 'utf8');

  it('imports only the domain, the sheets layer, the texts and sibling files', () => {
    const imports = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1] ?? '');
    const allowed =
      /^(\.\/[a-z0-9-]+|\.\.\/domain\/[a-z0-9-]+|\.\.\/sheets\/[a-z0-9-]+|\.\.\/texts)$/;
    expect(imports.filter((i) => !allowed.test(i))).toEqual([]);
  });

  it('does not read the clock or any Apps Script service', () => {
    const forbidden =
      /\bDate\.now\b|new Date\(|\bprocess\.|\brequire\(|\b(SpreadsheetApp|DriveApp|DocumentApp|MailApp|PropertiesService|LockService|Utilities|Session)\./;
    expect(source.match(forbidden)?.[0]).toBeUndefined();
  });
});
