/** A world and executions over it for the Drive, Docs and Mail tests, without the script loader. */
import type { SimContext } from '../../tools/gas-sim/context';
import { Recorder } from '../../tools/gas-sim/recorder';
import { World } from '../../tools/gas-sim/world';

let executions = 0;

export interface TestContext extends SimContext {
  rec: Recorder;
}

export function newWorld(today = '2026-11-05', opts: { mailDailyQuota?: number } = {}): World {
  return new World({ today, userEmail: 'compta@acme.fr', timeZone: 'Europe/Paris', ...opts });
}

/** A fresh execution over `world`: its own recorder (no time limit), clock and id. */
export function execution(world: World): TestContext {
  executions += 1;
  const rec = new Recorder(undefined, null);
  const start = world.nowMs();
  return {
    world,
    rec,
    executionId: `test-execution-${executions}`,
    interactive: true,
    hasDocument: true,
    authMode: 'FULL',
    user: world.userEmail,
    now: () => new Date(start + rec.simulatedMs),
  };
}
