/** Checks of a FEC file shared by the accounting tests: what every file must satisfy. */
import * as fs from 'node:fs';

/** `1234,50` → cents, exactly. */
export function cents(text: string): bigint {
  const m = /^(-?)(\d+),(\d{2})$/.exec(text);
  if (!m) throw new Error(`not a FEC amount: ${JSON.stringify(text)}`);
  const v = BigInt(m[2] ?? '0') * 100n + BigInt(m[3] ?? '0');
  return m[1] === '-' ? -v : v;
}

export function fecLines(file: string): string[][] {
  const text = fs.readFileSync(file, 'utf8');
  expect(text.endsWith('\r\n')).toBe(true);
  return text
    .slice(0, -2)
    .split('\r\n')
    .map((l) => l.split('\t'));
}

/** Every entry balances; numbers run from 1 without gaps in each journal, dates never go back. */
export function checkEntries(rows: string[][]): Map<string, string[][]> {
  const byNumber = new Map<string, string[][]>();
  for (const r of rows) {
    expect(r).toHaveLength(18);
    const list = byNumber.get(r[2] ?? '') ?? [];
    list.push(r);
    byNumber.set(r[2] ?? '', list);
  }
  for (const [number, lines] of byNumber) {
    const debit = lines.reduce((s, l) => s + cents(l[11] ?? ''), 0n);
    const credit = lines.reduce((s, l) => s + cents(l[12] ?? ''), 0n);
    expect({ number, debit }).toEqual({ number, debit: credit });
    expect(debit > 0n).toBe(true);
    // One date, one journal, one piece per entry.
    expect(new Set(lines.map((l) => `${l[0]}|${l[3]}|${l[8]}`)).size).toBe(1);
    for (const l of lines) {
      expect(l[4]).toMatch(/^\d{3}/);
      expect(cents(l[11] ?? '') === 0n || cents(l[12] ?? '') === 0n).toBe(true);
    }
  }
  const journals = new Map<string, number[]>();
  for (const number of byNumber.keys()) {
    const m = /^(VE|AC|BQ)(\d{6})$/.exec(number);
    expect(m).not.toBeNull();
    const list = journals.get(m?.[1] ?? '') ?? [];
    list.push(Number(m?.[2]));
    journals.set(m?.[1] ?? '', list);
  }
  for (const numbers of journals.values()) {
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
  }
  return byNumber;
}
