/**
 * Properties of the billing rules over random workbooks:
 * - partition: every billable item is on exactly one draft (or billing call) or set aside as
 *   unbilled with its reason — never on two, never lost; a row set aside for a problem has its
 *   problem;
 * - totals: the drafts add up to the items (each row's parts add back to its net; the agency
 *   fee is the only addition);
 * - idempotence: with the produced lines marked as billed, a second run produces nothing.
 */
import fc from 'fast-check';
import { calendarDate, type MonthKey } from '../../src/domain/dates';
import { lineNet } from '../../src/domain/line-amounts';
import { Money } from '../../src/domain/money';
import { invoiceTotals } from '../../src/domain/totals';
import { billedKey, type Unbilled } from '../../src/billing/billed';
import type { Draft } from '../../src/billing/draft';
import { extraLineDrafts } from '../../src/billing/extra-lines';
import { mentoringBilling } from '../../src/billing/mentoring';
import { timesheetBilling } from '../../src/billing/timesheets';
import { trainingDrafts } from '../../src/billing/training';
import type { Problem } from '../../src/sheets/problems';
import { CLIENTS, PROVIDERS, settings, tab, type Values } from './helpers';

const RUNS = 300;

const money = (maxCents: number) =>
  fc.integer({ min: 0, max: maxCents }).map((c) => Money.fromCents(c).toString());
const quantity = fc
  .tuple(fc.integer({ min: 0, max: 40 }), fc.constantFrom('', '.5', '.25', '.125'))
  .map(([i, f]) => `${i}${f}`);
const percent = fc.option(fc.integer({ min: 0, max: 100 }).map(String), { nil: null });

/** The one item key per origin, with the problem rows named by their row number. */
function checkPartition(
  drafts: readonly Draft[],
  unbilled: readonly Unbilled[],
  problems: readonly Problem[],
  sheet: string,
): Map<string, number> {
  const seen = new Map<string, number>();
  for (const d of drafts) {
    expect(d.origins).toHaveLength(d.invoice.lines.length);
    // An item is on one document, possibly on several of its lines (a sponsor's remainder and
    // the hours not attended are two lines of one part).
    const keys = new Set(d.origins.filter((o) => o.part !== 'agency-fee').map(billedKey));
    for (const k of keys) seen.set(k, (seen.get(k) ?? 0) + 1);
  }
  for (const u of unbilled) {
    const k = billedKey(u.origin);
    seen.set(k, (seen.get(k) ?? 0) + 1);
    if (u.reason === 'problem') {
      const named = problems.filter((p) => p.tab === sheet && rowOf(p.cell) === u.origin.row);
      expect(named.length).toBeGreaterThan(0);
    }
  }
  for (const count of seen.values()) expect(count).toBe(1);
  return seen;
}

function rowOf(cell: string): number {
  const m = /^[A-Z]*(\d+)/.exec(cell);
  return m ? Number(m[1]) : -1;
}

const netsById = (drafts: readonly Draft[]): Map<string, Money> => {
  const map = new Map<string, Money>();
  for (const d of drafts) {
    const nets = invoiceTotals(d.invoice).lineNets;
    d.origins.forEach((o, i) => {
      if (o.part === 'agency-fee') return;
      map.set(o.id, (map.get(o.id) ?? Money.zero()).plus(nets[i] ?? Money.zero()));
    });
  }
  return map;
};

describe('training rules', () => {
  const enrolment = fc.record({
    session: fc.constantFrom('S-INTER', 'S-CONS', 'S-PLAN', 'S-NONE'),
    learner: fc.constantFrom('Léa', 'Marc', 'Nina', ''),
    sponsor: fc.constantFrom('ACME', 'VERDI', 'BRIO', 'ZORG'),
    financer: fc.constantFrom(null, 'OPCO', 'OPCOCONS', 'FT', 'ACME', 'ZORG'),
    unit: fc.constantFrom('learner', 'day', 'hour', 'flat'),
    quantity,
    unitPrice: money(300_000),
    discount: percent,
    coverage: fc.constantFrom(null, '70 %', '100 %', '0 %', '33,33 %', '500', '0.4', '1', 'x'),
    vatRate: fc.constantFrom(null, '20', '5.5', '0'),
    hoursAttended: fc.constantFrom(null, '0', '3.5', '7', '10', '14', '20'),
  });
  const TRAININGS = tab('trainings', [
    {
      session: 'S-INTER',
      label: 'A',
      start: '2026-11-16',
      end: '2026-11-17',
      hours: '14',
      status: 'finished',
    },
    {
      session: 'S-CONS',
      label: 'B',
      start: '2026-10-20',
      end: '2026-10-20',
      hours: '7',
      status: 'finished',
    },
    {
      session: 'S-PLAN',
      label: 'C',
      start: '2026-12-20',
      end: '2026-12-21',
      hours: '14',
      status: 'planned',
    },
  ]);
  const config = fc.record({
    trainingBillingMode: fc.constantFrom('per-sponsor', 'consolidated', 'none'),
    periodicTraining: fc.constantFrom('off', 'monthly'),
    vatRegime: fc.constantFrom('standard', 'exempt-training'),
  });

  it('partitions enrolments, adds up to each row, and bills nothing twice', () => {
    fc.assert(
      fc.property(
        fc.array(enrolment, { maxLength: 12 }),
        config,
        fc.constantFrom('2026-11-20', '2026-12-05'),
        (rows: Values[], cfg, today) => {
          const enrolments = tab('enrolments', rows, 'E');
          const base = {
            trainings: TRAININGS,
            enrolments,
            clients: CLIENTS,
            settings: settings(cfg),
            today: calendarDate(today),
          };
          const r = trainingDrafts({ ...base, billed: new Set() });
          const seen = checkPartition(r.drafts, r.unbilled, r.problems, 'Inscriptions');
          const finished = new Set(['S-INTER', 'S-CONS']);
          const nets = netsById(r.drafts);
          const unbilledIds = new Set(r.unbilled.map((u) => u.origin.id));
          for (const rec of enrolments.records) {
            const keys = [...seen.keys()].filter((k) => k === rec.id || k.startsWith(`${rec.id}#`));
            const session = String(rec.values['session']);
            if (!finished.has(session) && session !== 'S-NONE') expect(keys).toEqual([]);
            if (unbilledIds.has(rec.id)) continue;
            const whole = lineNet({
              description: '',
              quantity: String(rec.values['quantity']),
              unitPrice: String(rec.values['unitPrice']),
              vat: { category: 'S', ratePercent: '20' },
              ...(rec.values['discount'] === null
                ? {}
                : { discountPercent: String(rec.values['discount']) }),
            });
            if (finished.has(session) && !whole.isZero()) {
              expect(nets.get(rec.id)?.toFixed(2)).toBe(whole.toFixed(2));
            }
          }
          const billed = new Set(r.drafts.flatMap((d) => d.origins.map(billedKey)));
          const again = trainingDrafts({ ...base, billed });
          expect(again.drafts).toEqual([]);
          expect(again.unbilled.filter((u) => u.reason !== 'problem')).toEqual(
            r.unbilled.filter((u) => u.reason !== 'problem'),
          );
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('mentoring rules', () => {
  const RATES = tab('rates', [
    { sessionType: 'mentorat', level: 1, rate: '30', validFrom: '2026-01-01' },
    { sessionType: 'mentorat', level: 1, rate: '35.5', validFrom: '2026-11-15' },
    { sessionType: 'mentorat', level: 2, rate: '40', validFrom: '2026-01-01' },
    { sessionType: 'soutenance', level: 1, rate: '50', validFrom: '2026-01-01' },
    { sessionType: 'soutenance', level: 2, rate: '60.25', validFrom: '2026-06-01' },
  ]);
  const rateOf = (type: string, level: number, date: string): string | undefined =>
    RATES.records
      .filter(
        (r) =>
          r.values['sessionType'] === type &&
          r.values['level'] === level &&
          String(r.values['validFrom']) <= date,
      )
      .sort((a, b) => String(a.values['validFrom']).localeCompare(String(b.values['validFrom'])))
      .pop()?.values['rate'] as string | undefined;
  const session = fc.record({
    date: fc
      .integer({ min: 20, max: 61 })
      .map((d) => (d <= 31 ? `2026-10-${d}` : `2026-11-${String(d - 31).padStart(2, '0')}`)),
    provider: fc.constantFrom('CLEMENT', 'NGUYEN', 'ROSSI', 'XAVIER'),
    student: fc.constantFrom('Alice', 'Bob'),
    type: fc.constantFrom('mentorat', 'soutenance'),
    level: fc.integer({ min: 1, max: 3 }),
    status: fc.constantFrom('done', 'no-show', 'cancelled'),
    billedAs: fc.option(money(10_000), { nil: null }),
  });

  it('partitions sessions, adds up to the rated sessions, and bills nothing twice', () => {
    fc.assert(
      fc.property(
        fc.array(session, { maxLength: 15 }),
        fc.constantFrom('50', '33.3', '0'),
        fc.boolean(),
        (rows: Values[], share, startedInSeptember) => {
          const sessions = tab('sessions', rows, 'S');
          // Billing started in September (a call of that month exists): October's sessions,
          // typed late, are billed on October's own calls; else October is before the start.
          const called = new Map<string, ReadonlySet<string>>(
            startedInSeptember ? [['2026-09:NGUYEN', new Set<string>()]] : [],
          );
          const base = {
            month: '2026-11' as MonthKey,
            issueDate: calendarDate('2026-12-05'),
            sessions,
            rates: RATES,
            providers: PROVIDERS,
            settings: settings({ noShowShare: share }),
            called,
          };
          const r = mentoringBilling({ ...base, billed: new Set() });
          const placed = [
            ...r.billingCalls.flatMap((c) => c.lines.map((l) => l.origin.id)),
            ...r.unbilled.map((u) => u.origin.id),
          ];
          let expected = Money.zero();
          const billable: string[] = [];
          for (const rec of sessions.records) {
            const v = rec.values;
            const shareOf =
              v['status'] === 'done' ? '100' : v['status'] === 'no-show' ? share : '0';
            if (Number(shareOf) === 0) continue;
            billable.push(rec.id);
            if (!startedInSeptember && !String(v['date']).startsWith('2026-11')) continue;
            const rate =
              (v['billedAs'] as string | null) ??
              rateOf(String(v['type']), Number(v['level']), String(v['date']));
            if (rate === undefined || v['provider'] === 'XAVIER') continue;
            expected = expected.plus(Money.of(rate).times(shareOf).dividedBy('100').roundHalfUp(2));
          }
          expect([...placed].sort()).toEqual([...billable].sort());
          // Months are never mixed: every session of a call is of the call's month.
          for (const c of r.billingCalls) {
            expect(c.key.startsWith(`${c.month}:`)).toBe(true);
            for (const l of c.lines) expect(l.date.slice(0, 7)).toBe(c.month);
          }
          const total = Money.sum(r.billingCalls.map((c) => Money.of(c.amountHT)));
          expect(total.toFixed(2)).toBe(expected.toFixed(2));
          expect(Money.sum(r.payables.map((p) => Money.of(p.amountTTC))).toFixed(2)).toBe(
            Money.sum(r.billingCalls.map((c) => Money.of(c.amountTTC))).toFixed(2),
          );
          const selfBilled = r.billingCalls.filter((c) => c.mode === 'autofacturation');
          expect(r.drafts.flatMap((d) => d.origins.map((o) => o.id))).toEqual(
            selfBilled.flatMap((c) => c.lines.map((l) => l.origin.id)),
          );
          for (const d of r.drafts) {
            const call = selfBilled.find((c) => c.draftKey === d.key);
            expect(invoiceTotals(d.invoice).grandTotal.toFixed(2)).toBe(call?.amountTTC);
          }
          const billed = new Set(r.billingCalls.flatMap((c) => c.lines.map((l) => l.origin.id)));
          const again = mentoringBilling({ ...base, billed });
          // The same again when the calls record the sessions they covered instead.
          const recorded = new Map<string, ReadonlySet<string>>([
            ...called,
            ...r.billingCalls.map((c): [string, ReadonlySet<string>] => [
              c.key,
              new Set(c.lines.map((l) => l.origin.id)),
            ]),
          ]);
          const calledAgain = mentoringBilling({ ...base, called: recorded, billed: new Set() });
          expect([calledAgain.billingCalls, calledAgain.drafts, calledAgain.payables]).toEqual([
            [],
            [],
            [],
          ]);
          expect([again.billingCalls, again.drafts, again.payables]).toEqual([[], [], []]);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('CRA rules', () => {
  const row = fc.record({
    month: fc.constantFrom('2026-10', '2026-11'),
    provider: fc.constantFrom('NGUYEN', 'DURAND', 'ROSSI', 'MARTIN', 'NOBODY'),
    client: fc.constantFrom('ACME', 'LUMEN', 'ZORG'),
    mission: fc.constantFrom('Refonte SI', 'refonte si', 'Audit'),
    days: quantity,
    dailyRate: money(150_000),
    status: fc.constantFrom('draft', 'submitted', 'validated', 'rejected'),
    validatedOn: fc.constantFrom(null, '2026-12-01', '2026-12-03'),
  });

  it('partitions validated CRAs, adds up to days × rate, and bills nothing twice', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 12 }), (rows: Values[]) => {
        const timesheets = tab('timesheets', rows, 'T');
        const base = { timesheets, clients: CLIENTS, providers: PROVIDERS, settings: settings() };
        const r = timesheetBilling({ ...base, billed: new Set() });
        const seen = checkPartition(r.drafts, r.unbilled, r.problems, 'CRA');
        let expected = Money.zero();
        for (const rec of timesheets.records) {
          const billable = rec.values['status'] === 'validated' && Number(rec.values['days']) > 0;
          expect(seen.has(rec.id)).toBe(billable);
          if (billable && !r.unbilled.some((u) => u.origin.id === rec.id)) {
            expected = expected.plus(
              Money.of(String(rec.values['days']))
                .times(String(rec.values['dailyRate']))
                .roundHalfUp(2),
            );
          }
        }
        const total = Money.sum(r.drafts.map((d) => invoiceTotals(d.invoice).taxBasisTotal));
        expect(total.toFixed(2)).toBe(expected.toFixed(2));
        expect(Money.sum(r.payables.map((p) => Money.of(p.amountHT))).toFixed(2)).toBe(
          expected.toFixed(2),
        );
        const billed = new Set(r.drafts.flatMap((d) => d.origins.map(billedKey)));
        const again = timesheetBilling({ ...base, billed });
        expect([again.drafts, again.payables]).toEqual([[], []]);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('extra-line rules', () => {
  const line = fc.record({
    date: fc.constantFrom('2026-11-02', '2026-11-10', '2026-11-28'),
    client: fc.constantFrom('ACME', 'LUMEN', 'ZORG'),
    provider: fc.constantFrom(null, 'NGUYEN', 'ROSSI', 'DURAND', 'ZED'),
    project: fc.constantFrom(null, 'Site', 'site', 'Logo'),
    description: fc.constant('Travaux'),
    quantity,
    unitPrice: money(200_000),
    discount: percent,
    vatRate: fc.constantFrom('20', '10'),
    stage: fc.constantFrom(null, null, 'deposit', 'balance'),
  });

  it('partitions lines, adds up to the lines plus the agency fee, and bills nothing twice', () => {
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 12 }),
        fc.constantFrom('', '17', '20'),
        (rows: Values[], fee) => {
          const extras = tab('extra-lines', rows, 'X');
          const base = {
            extras,
            clients: CLIENTS,
            providers: PROVIDERS,
            settings: settings({ agencyFee: fee }),
          };
          const r = extraLineDrafts({ ...base, billed: new Set() });
          const seen = checkPartition(r.drafts, r.unbilled, r.problems, 'Prestations');
          expect([...seen.keys()].sort()).toEqual(extras.records.map((rec) => rec.id).sort());
          for (const d of r.drafts) {
            const t = invoiceTotals(d.invoice);
            const feeIndex = d.origins.findIndex((o) => o.part === 'agency-fee');
            const providerNets = d.origins.flatMap((o, i) => {
              const rec = extras.records.find((x) => x.id === o.id && o.part === undefined);
              return rec && rec.values['provider'] !== null ? [t.lineNets[i] ?? Money.zero()] : [];
            });
            if (feeIndex >= 0) {
              expect(feeIndex).toBe(d.origins.length - 1);
              // fee / (providers + fee) = r to the cent: fee = P × r / (100 − r), r in percent.
              const expectedFee = Money.sum(providerNets)
                .times(fee)
                .dividedBy(String(100 - Number(fee)))
                .roundHalfUp(2);
              expect(t.lineNets[feeIndex]?.toFixed(2)).toBe(expectedFee.toFixed(2));
              const shares = r.payables.filter((p) => p.draftKey === d.key);
              expect(Money.sum(shares.map((p) => Money.of(p.amountHT))).toFixed(2)).toBe(
                Money.sum(providerNets).toFixed(2),
              );
            }
            const itemsTotal = Money.sum(t.lineNets.filter((_, i) => i !== feeIndex));
            const feeTotal = feeIndex >= 0 ? (t.lineNets[feeIndex] ?? Money.zero()) : Money.zero();
            expect(t.taxBasisTotal.toFixed(2)).toBe(itemsTotal.plus(feeTotal).toFixed(2));
          }
          const billed = new Set(r.drafts.flatMap((d) => d.origins.map(billedKey)));
          const again = extraLineDrafts({ ...base, billed });
          expect([again.drafts, again.payables]).toEqual([[], []]);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
