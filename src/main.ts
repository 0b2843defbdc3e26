/**
 * The bundle's only entry. Each export becomes a top-level function of dist/Code.js (the build
 * generates the stubs), which is what Apps Script lists for menus, triggers and
 * google.script.run. No logic here: each entry point hands over to the shell.
 */
import { diagnostic } from './gas/diagnostic';
import { authorize, buildMenu, run, serveSidebar } from './gas/shell';

type AnyEvent = GoogleAppsScript.Events.SheetsOnOpen | Record<string, unknown> | undefined;

export function onOpen(_e?: AnyEvent): void {
  buildMenu();
}

export function onInstall(e?: AnyEvent): void {
  onOpen(e);
}

export const menuSetup = () => run('setup', true);
export const menuPreview = () => run('preview', true);
export const menuGenerate = () => run('generate', true);
export const menuIssue = () => run('issue', true);
export const menuBillingCalls = () => run('billing-calls', true);
export const menuRecordPayment = () => run('record-payment', true);
export const menuCreditNote = () => run('credit-note', true);
export const menuDebitNote = () => run('debit-note', true);
export const menuApplyCredit = () => run('apply-credit', true);
export const menuBillSession = () => run('bill-session', true);
export const menuWriteOff = () => run('write-off', true);
export const menuReceive = () => run('receive', true);
export const menuRefresh = () => run('refresh', true);
export const menuRemind = () => run('remind', true);
export const menuEntries = () => run('entries', true);
export const menuTransfers = () => run('transfers', true);
export const menuBpf = () => run('bpf', true);
export const menuSchedule = () => run('schedule', true);
export const menuUnschedule = () => run('unschedule', true);
export const menuSettings = () => run('settings', true);
export const menuHelp = () => run('help', true);
export const menuAuthorize = () => authorize();
/** The self-test of every kind of service call, in the user's real workbook. */
export const menuDiagnostic = () => diagnostic();

/** The dialogs' forms (google.script.run): the answer goes back to the dialog. */
export const submitPayment = (form: Record<string, unknown>) =>
  run('record-payment', true, { form });
export const submitCreditNote = (form: Record<string, unknown>) =>
  run('credit-note', true, { form });
export const submitDebitNote = (form: Record<string, unknown>) => run('debit-note', true, { form });
export const submitApplyCredit = (form: Record<string, unknown>) =>
  run('apply-credit', true, { form });
export const submitBillSession = (form: Record<string, unknown>) =>
  run('bill-session', true, { form });
export const submitWriteOff = (form: Record<string, unknown>) => run('write-off', true, { form });
export const submitReceive = (form: Record<string, unknown>) => run('receive', true, { form });
export const submitEntries = (form: Record<string, unknown>) => run('entries', true, { form });
export const submitTransfers = (form: Record<string, unknown>) => run('transfers', true, { form });
export const submitBpf = (form: Record<string, unknown>) => run('bpf', true, { form });

/** The settings sidebar (google.script.run): plain data back to the page. */
export const sidebarLoad = () => serveSidebar({ fn: 'load' });
export const sidebarSave = (form: Record<string, unknown>) => serveSidebar({ fn: 'save', form });
export const sidebarPreviewNumber = (arg: { key: string; pattern: string }) =>
  serveSidebar({ fn: 'preview', arg });
export const sidebarSchedule = (on: boolean) => serveSidebar({ fn: 'schedule', on });

/**
 * The time-driven trigger: monthly job on the billing-call day, continuation otherwise. Its
 * event carries the trigger's id, by which the run finds its workbook.
 */
export const dispatch = (e?: AnyEvent) => run('dispatch', false, {}, e);

/** The monthly job whatever the day (script editor, local runner). */
export const runMonthly = () => run('monthly', false);
