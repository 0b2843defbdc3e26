/**
 * Sending one email the way every kind is sent: recipients read from a party's email cell, a
 * marker set before the send (a run that finds it but no record flags the email for a person
 * to check instead of sending it twice), from the settings' sender name and reply-to.
 */
import { msg } from '../texts';
import type { EmailContent } from '../render/emails';
import { isValidEmail } from '../sheets/cells';
import { normalizeName } from '../sheets/normalize';
import type { Attachment } from './ports';
import type { RunContext } from './run-context';
import { isQuotaError } from './time-budget';

/** Valid addresses of an email cell (one address, a list, or several separated by , ; or spaces). */
export function recipientsOf(v: unknown): string[] {
  const list = Array.isArray(v) ? (v as string[]) : typeof v === 'string' ? [v] : [];
  return list.flatMap((e) => e.split(/[,;\s]+/)).filter(isValidEmail);
}

/**
 * The person an email to a party greets: its row's contact name; for a provider without one,
 * its Name when its Company name column holds the company (the Name is then a person's). Empty
 * otherwise: the email says "Bonjour," / "Hello,", never a company's name.
 */
export function contactNameOf(
  party: { readonly values: Readonly<Record<string, unknown>> } | undefined,
  kind: 'client' | 'provider',
): string {
  const cell = (key: string): string => {
    const v = party?.values[key];
    return typeof v === 'string' ? v.trim() : '';
  };
  const contact = cell('contactName');
  if (contact !== '' || kind === 'client') return contact;
  const name = cell('name');
  const company = cell('company');
  return name !== '' && company !== '' && normalizeName(company) !== normalizeName(name)
    ? name
    : '';
}

/** The Drive file id of a Docs or Drive link. */
export function fileIdFromUrl(url: string): string {
  return /\/d\/([^/]+)/.exec(url)?.[1] ?? '';
}

/**
 * May an email to `recipients` addresses go now? 'later' when the run's time is nearly up,
 * 'quota' when the day's mail quota cannot take it: either way it stays pending for the next run.
 */
export function mailGate(
  ctx: RunContext,
  recipients: number,
  step: string,
): 'send' | 'later' | 'quota' {
  if (!ctx.budget.allows('email', step)) return 'later';
  if (ctx.budget.mailRefused || ctx.ports.mail.remainingQuota() < recipients) {
    ctx.budget.quota('mail-quota', step);
    return 'quota';
  }
  return 'send';
}

/**
 * What a marker left by an earlier run says: the send was started and never confirmed (the run
 * stopped inside the mail service's call: only a person can tell whether it went out), or it
 * went out at that time and only its recording was lost.
 */
export type MarkerState = { state: 'none' } | { state: 'sending' } | { state: 'sent'; at: Date };

export function markerState(ctx: RunContext, marker: string): MarkerState {
  const v = ctx.ports.store.get(marker);
  if (v === null) return { state: 'none' };
  const m = /^sent (.+)$/.exec(v);
  const at = m ? new Date(m[1] ?? '') : null;
  return at && !Number.isNaN(at.getTime()) ? { state: 'sent', at } : { state: 'sending' };
}

/**
 * Mark, send, mark as sent. The caller records the sending, then removes the marker. A run that
 * stops between the send and its recording leaves "sent <time>": the next run records it
 * without sending again; only a run stopped inside the send itself leaves "sending", for a
 * person to check. False when the mail service refused it for its quota: nothing went out, the
 * marker is gone, the email stays pending.
 */
export function sendMarked(
  ctx: RunContext,
  markerOrMarkers: string | readonly string[],
  to: readonly string[],
  message: EmailContent,
  attachments: readonly Attachment[] = [],
  step = 'send',
): boolean {
  // One email can stand for several items (a client's reminders of the day): one marker each.
  const markers = typeof markerOrMarkers === 'string' ? [markerOrMarkers] : markerOrMarkers;
  const mark = (v: string): void => markers.forEach((m) => ctx.ports.store.set(m, v));
  return ctx.budget.unit('email', () => {
    mark('sending');
    try {
      ctx.ports.mail.send({
        to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        senderName: ctx.settings.senderName || ctx.settings.orgName,
        replyTo: ctx.settings.replyTo,
        attachments,
      });
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      if (/^Invalid email/i.test(why)) {
        // Refused before anything went out: reported, and the other emails go on.
        ctx.ports.store.remove(...markers);
        ctx.warn('mail-refused', '', '', why, msg('run.mail-refused'));
        return false;
      }
      if (!isQuotaError(e)) throw e;
      ctx.ports.store.remove(...markers);
      ctx.budget.quota('mail-quota', step);
      ctx.budget.mailRefused = true;
      ctx.warn(
        'mail-quota',
        '',
        '',
        e instanceof Error ? e.message : String(e),
        msg('run.mail-quota'),
      );
      return false;
    }
    mark(`sent ${ctx.ports.clock.now().toISOString()}`);
    return true;
  });
}

/**
 * Markers whose sending is recorded: a run that stopped between recording the sends and removing
 * their markers leaves them behind; they go at the next run. `recorded` gets the marker's
 * suffix (after the prefix).
 */
export function sweepMarkers(
  ctx: RunContext,
  prefix: string,
  recorded: (suffix: string) => boolean,
): void {
  const done = ctx.ports.store.keys(prefix).filter((key) => recorded(key.slice(prefix.length)));
  ctx.ports.store.remove(...done);
}
