/**
 * The invoice core stays pure: it imports decimal.js, its own files and the catalogue of texts
 * (pure data) only, and never reads the clock or the process time zone (days are computed from
 * day numbers, instants converted with an explicit zone).
 */
import * as fs from 'fs';
import * as path from 'path';

const DOMAIN = path.resolve(__dirname, '../../src/domain');
const files = fs.readdirSync(DOMAIN).filter((f) => f.endsWith('.ts'));

describe.each(files)('src/domain/%s', (file) => {
  const source = fs.readFileSync(path.join(DOMAIN, file), 'utf8');

  it('imports only decimal.js, sibling files and the catalogue of texts', () => {
    const imports = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1] ?? '');
    const allowed = /^(\.\/[a-z0-9-]+|\.\.\/texts)$/;
    expect(imports.filter((i) => i !== 'decimal.js' && !allowed.test(i))).toEqual([]);
  });

  it('does not read the clock or the process time zone', () => {
    const forbidden =
      /\bDate\.now\b|new Date\(|\.get(Date|Day|Month|FullYear|Hours|Minutes|TimezoneOffset)\(|\bprocess\.|\brequire\(/;
    expect(source.match(forbidden)?.[0]).toBeUndefined();
  });
});
