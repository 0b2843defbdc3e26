/**
 * The add-on's own state as it keeps it in the workbook (src/gas/store.ts: one developer
 * metadata entry holding JSON), read and written from outside a run: for the local runner's
 * switches and for tests that look at the job's state.
 */
import { STORE_KEY } from '../../src/gas/store';
import type { SpreadsheetState } from './sheets-state';
import type { World } from './world';

function target(world: World, ss?: SpreadsheetState): SpreadsheetState {
  const s = ss ?? world.sheets.active();
  if (!s) throw new Error('no workbook in this world');
  return s;
}

export function readAddonState(world: World, ss?: SpreadsheetState): Record<string, string> {
  const entry = target(world, ss).metadata.find((m) => m.key === STORE_KEY);
  return entry?.value ? (JSON.parse(entry.value) as Record<string, string>) : {};
}

export function writeAddonState(
  world: World,
  change: (state: Record<string, string>) => void,
  ss?: SpreadsheetState,
): void {
  const s = target(world, ss);
  const state = readAddonState(world, s);
  change(state);
  const value = JSON.stringify(state);
  const entry = s.metadata.find((m) => m.key === STORE_KEY);
  if (entry) entry.value = value;
  else s.metadata.push({ id: s.nextMetadataId++, key: STORE_KEY, value, visibility: 'PROJECT' });
}
