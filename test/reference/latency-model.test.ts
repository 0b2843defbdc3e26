/**
 * The latency model is the team's reference (../shared/perf/apps-script-latency.json), not the
 * project's to tune. The repository keeps a copy so that a clone runs on its own; this test fails
 * on any difference between the copy and the reference.
 */
import * as fs from 'fs';
import * as path from 'path';
import { defaultLatencyModelPath, loadLatencyModel } from '../../tools/gas-sim/recorder';

const REFERENCE = path.resolve(__dirname, '../../../shared/perf/apps-script-latency.json');
const COPY = path.resolve(__dirname, '../../perf/apps-script-latency.json');

describe('latency model', () => {
  it('the repository copy is identical to the team reference, entry for entry', () => {
    const reference: unknown = JSON.parse(fs.readFileSync(REFERENCE, 'utf8'));
    const copy: unknown = JSON.parse(fs.readFileSync(COPY, 'utf8'));
    expect(copy).toEqual(reference);
  });

  it('the simulator reads the repository copy, not ../shared', () => {
    delete process.env['FACTURIER_LATENCY_MODEL'];
    expect(path.resolve(defaultLatencyModelPath())).toBe(COPY);
    const model = loadLatencyModel();
    const reference = JSON.parse(fs.readFileSync(REFERENCE, 'utf8')) as {
      executionLimitMs: number;
      calls: Record<string, unknown>;
    };
    expect(model.executionLimitMs).toBe(reference.executionLimitMs);
    expect(Object.keys(model.calls).sort()).toEqual(Object.keys(reference.calls).sort());
  });
});
