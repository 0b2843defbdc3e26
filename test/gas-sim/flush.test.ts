/**
 * Flush semantics (sheet-view.ts): an execution's spreadsheet writes reach other executions
 * only when it calls SpreadsheetApp.flush() or ends; the writer reads its own writes at once.
 */
import { start, worldWithWorkbook } from './helpers';

function twoRuns() {
  const { world, ss } = worldWithWorkbook();
  const a = start(world);
  const b = start(world);
  const sheetOf = (g: typeof a.gas) => g.SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
  return { world, ss, a, b, sheetOf };
}

describe('writes between executions', () => {
  it('are invisible to another run until flushed, visible to the writer at once', () => {
    const { a, b, sheetOf } = twoRuns();
    sheetOf(a.gas)?.getRange('A1').setValue('written by A');
    expect(sheetOf(a.gas)?.getRange('A1').getValue()).toBe('written by A');
    expect(sheetOf(b.gas)?.getRange('A1').getValue()).toBe('');
    a.gas.SpreadsheetApp.flush();
    expect(sheetOf(b.gas)?.getRange('A1').getValue()).toBe('written by A');
  });

  it('are applied when the writer ends, even without a flush', () => {
    const { a, b, sheetOf } = twoRuns();
    sheetOf(a.gas)?.getRange('B2').setValue(42);
    expect(sheetOf(b.gas)?.getRange('B2').getValue()).toBe('');
    a.ex.finish();
    expect(sheetOf(b.gas)?.getRange('B2').getValue()).toBe(42);
  });

  it("keep another run's flushed writes: each commit changes only its own cells", () => {
    const { a, b, sheetOf } = twoRuns();
    sheetOf(a.gas)?.getRange('A1').setValue('A');
    sheetOf(b.gas)?.getRange('A2').setValue('B');
    b.gas.SpreadsheetApp.flush();
    // A sees B's flushed cell and still its own pending one.
    expect(sheetOf(a.gas)?.getRange('A1:A2').getValues()).toEqual([['A'], ['B']]);
    a.gas.SpreadsheetApp.flush();
    const c = start(a.ex.world);
    expect(sheetOf(c.gas)?.getRange('A1:A2').getValues()).toEqual([['A'], ['B']]);
  });

  it('the same cell written by two runs: the later commit wins', () => {
    const { a, b, sheetOf } = twoRuns();
    sheetOf(a.gas)?.getRange('C3').setValue('first');
    sheetOf(b.gas)?.getRange('C3').setValue('second');
    b.gas.SpreadsheetApp.flush();
    a.gas.SpreadsheetApp.flush();
    expect(sheetOf(start(a.ex.world).gas)?.getRange('C3').getValue()).toBe('first');
  });

  it('a tab inserted by a run is not there for others until flushed, and stays usable by its maker', () => {
    const { a, b } = twoRuns();
    const made = a.gas.SpreadsheetApp.getActiveSpreadsheet().insertSheet('Nouveau');
    made.getRange('A1').setValue('x');
    const seen = (g: typeof a.gas) =>
      g.SpreadsheetApp.getActiveSpreadsheet()
        .getSheets()
        .map((s) => s.getName());
    expect(seen(b.gas)).toEqual(['Feuille 1']);
    // B's call took A's pending tab out; A's handle still works when A goes on.
    made.getRange('A2').setValue('y');
    expect(made.getRange('A1:A2').getValues()).toEqual([['x'], ['y']]);
    a.gas.SpreadsheetApp.flush();
    expect(seen(b.gas)).toEqual(['Feuille 1', 'Nouveau']);
  });

  it('developer metadata follows the same rules', () => {
    const { a, b } = twoRuns();
    a.gas.SpreadsheetApp.getActiveSpreadsheet().addDeveloperMetadata('k', 'v');
    const keys = (g: typeof a.gas) =>
      g.SpreadsheetApp.getActiveSpreadsheet()
        .getDeveloperMetadata()
        .map((m) => m.getKey());
    expect(keys(a.gas)).toEqual(['k']);
    expect(keys(b.gas)).toEqual([]);
    a.ex.finish();
    expect(keys(b.gas)).toEqual(['k']);
  });
});
