import type { ClientRow, TimesheetRow, EnrolmentRow, JournalRow } from '../../src/sheets/schema';
type Eq<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const a: Eq<ClientRow['code'], string> = true;
const b: Eq<ClientRow['kind'], 'company' | 'sponsor' | 'financer' | 'individual' | null> = true;
const c: Eq<TimesheetRow['status'], 'draft' | 'submitted' | 'validated' | 'rejected'> = true;
const d: Eq<ClientRow['emails'], string[] | null> = true;
const e: Eq<EnrolmentRow['quantity'], string> = true;
const f: Eq<
  keyof JournalRow,
  'when' | 'runId' | 'action' | 'level' | 'tab' | 'cell' | 'message' | 'value'
> = true;
const g: Eq<ClientRow['paymentTerms'], number | null> = true;
// @ts-expect-error id is not a data column
const h: ClientRow['id'] = '';
export { a, b, c, d, e, f, g, h };
