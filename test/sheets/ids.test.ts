/** The one block of the ID column written back after a read. */
import { idColumnBlock } from '../../src/sheets/ids';
import { read, sheet } from './helpers';

const line = (extra: Record<string, string> = {}) => ({
  date: '23/11/2026',
  client: 'LUMEN',
  description: 'Maquettes',
  quantity: 8,
  unitPrice: 412.5,
  ...extra,
});

describe('idColumnBlock', () => {
  it('is null when every row already has its ID', () => {
    const s = sheet('extra-lines', [line({ id: 'a' }), line({ id: 'b' })], { lang: 'fr' });
    const r = read('extra-lines', s.values);
    expect(idColumnBlock(r, s.values)).toBeNull();
  });

  it('spans the first to the last new ID only, keeping the IDs in between', () => {
    const s = sheet(
      'extra-lines',
      [line({ id: 'a' }), line(), line({ id: 'b' }), line(), line({ id: 'c' })],
      {
        lang: 'fr',
      },
    );
    const r = read('extra-lines', s.values);
    expect(idColumnBlock(r, s.values)).toEqual({
      row: 3,
      column: 1,
      values: [['id-1'], ['b'], ['id-2']],
    });
  });

  it('writes the header too when the ID column had to be added', () => {
    const s = sheet('extra-lines', [line(), {}, line()], {
      lang: 'fr',
      order: ['date', 'client', 'description', 'quantity', 'unitPrice'],
    });
    const r = read('extra-lines', s.values);
    expect(idColumnBlock(r, s.values)).toEqual({
      row: 1,
      column: 6,
      values: [['ID'], ['id-1'], [''], ['id-2']],
    });
  });

  it('stays one block of one column for 10,000 new rows', () => {
    const rows = Array.from({ length: 10_000 }, () => line());
    const s = sheet('extra-lines', rows, { lang: 'fr' });
    const r = read('extra-lines', s.values);
    const block = idColumnBlock(r, s.values);
    expect(block?.row).toBe(2);
    expect(block?.values).toHaveLength(10_000);
    expect(new Set(block?.values.map((v) => v[0])).size).toBe(10_000);
  });
});
