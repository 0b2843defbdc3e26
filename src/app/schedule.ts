/**
 * The one time-driven trigger (SPEC §6): an add-on may have one per user and document, at most
 * hourly. Installing twice never creates two; only triggers calling our handler are removed.
 */
import { TRIGGER_HANDLER } from './menu';
import type { Ports } from './ports';

export function schedule(ports: Ports): boolean {
  if (ports.triggers.list().some((t) => t.handler === TRIGGER_HANDLER)) return false;
  ports.triggers.createHourly(TRIGGER_HANDLER);
  return true;
}

export function unschedule(ports: Ports): number {
  const ours = ports.triggers.list().filter((t) => t.handler === TRIGGER_HANDLER);
  for (const t of ours) ports.triggers.remove(t.id);
  return ours.length;
}
