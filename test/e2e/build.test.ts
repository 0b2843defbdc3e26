/** The build's contract: every needed entry point exported, stubs Apps Script can see. */
import * as vm from 'node:vm';
import { entryStubs, missingEntryPoints } from '../../tools/build/build';
import { REQUIRED_ENTRY_POINTS } from '../../src/app/entry-points';
import { bundleCode } from './helpers';

describe('build', () => {
  it('names the entry points the entry module forgot', () => {
    expect(
      missingEntryPoints(['onOpen', 'menuSetup'], ['onOpen', 'onInstall', 'menuSetup', 'dispatch']),
    ).toEqual(['onInstall', 'dispatch']);
    expect(missingEntryPoints(REQUIRED_ENTRY_POINTS, REQUIRED_ENTRY_POINTS)).toEqual([]);
  });

  it('generates top-level functions that call through to the bundle and pass arguments on', () => {
    const context: Record<string, unknown> = {
      __facturier: { onOpen: (e: { tag: string }) => `opened ${e.tag}` },
    };
    vm.runInNewContext(entryStubs(['onOpen']), context);
    expect(typeof context['onOpen']).toBe('function');
    expect((context['onOpen'] as (e: { tag: string }) => string)({ tag: 'x' })).toBe('opened x');
  });

  it('targets a syntax level Apps Script V8 accepts: no class fields, no optional chaining left', () => {
    const code = bundleCode();
    expect(code).not.toMatch(/\?\.[a-zA-Z_(]/);
    expect(code).not.toMatch(/\?\?=/);
    expect(
      code.startsWith('"use strict";\nvar __facturier') || code.startsWith('var __facturier'),
    ).toBe(true);
  });
});
