/**
 * Every function Apps Script must find at the top level of the bundle. The build reads this list
 * and fails if src/main.ts does not export one of them.
 */
import { FORM_SUBMIT } from './forms';
import { menuHandlers, TRIGGER_HANDLER } from './menu';
import { SIDEBAR_FUNCTIONS } from '../render/settings-sidebar';

export const REQUIRED_ENTRY_POINTS: readonly string[] = [
  'onOpen',
  'onInstall',
  ...menuHandlers(),
  ...Object.values(FORM_SUBMIT),
  ...SIDEBAR_FUNCTIONS,
  TRIGGER_HANDLER,
  'runMonthly',
];
