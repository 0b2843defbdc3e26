/**
 * What every handle of one execution shares: the persistent world, the execution's call
 * recorder and simulated clock, and whether a user is at the keyboard.
 */
import type { Recorder } from './recorder';
import type { AuthModeName } from './scopes';
import type { World } from './world';

export interface SimContext {
  world: World;
  rec: Recorder;
  /** Simulated wall-clock time: world.clockStartMs + rec.simulatedMs. */
  now(): Date;
  /** Unique per execution; owns locks. */
  executionId: string;
  /** True when run from a menu (getUi works); false in a time-driven trigger. */
  interactive: boolean;
  /**
   * Whether the execution has a containing document: false in a time-driven trigger unless the
   * world says otherwise. Without one, getActiveSpreadsheet(), getDocumentProperties(),
   * getDocumentLock() and getDocumentCache() return null.
   */
  hasDocument: boolean;
  /** The authorization mode the execution runs in. */
  authMode: AuthModeName;
  /** The user the execution runs as (the world's user unless the execution says another). */
  user: string;
}
