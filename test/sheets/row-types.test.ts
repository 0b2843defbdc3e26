/**
 * Row types inferred from the zod schemas: checked by the type checker (`npm run typecheck`
 * fails if an inferred type drifts), and the typed view of a read at run time.
 */
import { typedRecords } from '../../src/sheets/read-tab';
import {
  tabSchema,
  type BillingCallRow,
  type ClientRow,
  type EnrolmentRow,
  type ExtraLineRow,
  type InvoiceLineRow,
  type JournalRow,
  type PaymentRow,
  type ProviderRow,
  type RateRow,
  type SessionRow,
  type TimesheetRow,
  type TrainingRow,
} from '../../src/sheets/schema';
import { read, sheet } from './helpers';

type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const same = <A, B>(ok: Equal<A, B>): Equal<A, B> => ok;

describe('row types', () => {
  it('follow the column kinds, requiredness and enum codes of tabs.ts', () => {
    const checks: boolean[] = [
      same<ClientRow['code'], string>(true),
      same<ClientRow['kind'], 'company' | 'sponsor' | 'financer' | 'individual' | null>(true),
      same<ClientRow['emails'], string[] | null>(true),
      same<ClientRow['paymentTerms'], number | null>(true),
      same<ProviderRow['mandateOn'], string | null>(true),
      same<RateRow['sessionType'], 'mentorat' | 'soutenance'>(true),
      same<RateRow['level'], number>(true),
      same<SessionRow['status'], 'done' | 'no-show' | 'cancelled'>(true),
      same<TimesheetRow['status'], 'draft' | 'submitted' | 'validated' | 'rejected'>(true),
      same<TimesheetRow['days'], string>(true),
      same<TrainingRow['status'], 'planned' | 'running' | 'finished' | 'cancelled'>(true),
      same<EnrolmentRow['unit'], 'learner' | 'day' | 'hour' | 'flat'>(true),
      same<EnrolmentRow['coverage'], string | null>(true),
      same<ExtraLineRow['stage'], 'deposit' | 'balance' | null>(true),
      same<PaymentRow['method'], 'transfer' | 'direct-debit' | 'cheque' | 'card' | null>(true),
      same<InvoiceLineRow['line'], number | null>(true),
      same<BillingCallRow['approval'], 'pending' | 'approved' | 'contested' | null>(true),
      same<
        keyof JournalRow,
        'when' | 'runId' | 'action' | 'level' | 'tab' | 'cell' | 'message' | 'value'
      >(true),
    ];
    expect(checks.every(Boolean)).toBe(true);
  });

  it('gives typed records of a read, and refuses a read of another tab', () => {
    const s = sheet(
      'timesheets',
      [
        {
          month: '2026-11',
          provider: 'nguyen',
          client: 'NEXUM',
          mission: 'M',
          days: '18,5',
          dailyRate: 600,
          status: 'validé',
          validatedOn: '02/12/2026',
        },
      ],
      { lang: 'fr' },
    );
    const r = read('timesheets', s.values);
    const [rec] = typedRecords(r, 'timesheets');
    const status: TimesheetRow['status'] | undefined = rec?.values.status;
    expect([status, rec?.values.days, rec?.values.provider]).toEqual([
      'validated',
      '18.5',
      'NGUYEN',
    ]);
    expect(() => typedRecords(r, 'clients')).toThrow('tab timesheets read as clients');
  });

  it('parses a row with the typed schema of a tab', () => {
    const schema = tabSchema('rates', { timeZone: 'Europe/Paris', lang: 'en' });
    const row: RateRow = schema.parse({
      sessionType: 'defence',
      level: 2,
      rate: '55.00',
      validFrom: '2026-09-01',
    });
    expect(row).toEqual({
      sessionType: 'soutenance',
      level: 2,
      rate: '55',
      validFrom: '2026-09-01',
    });
  });
});
