/**
 * Sending one email the way every kind is sent: recipients read from a party's email cell, a
 * marker set before the send (a run that finds it but no record flags the email for a person
 * to check instead of sending it twice), from the settings' sender name and reply-to.
 */
import type { EmailContent } from '../render/emails';
import { isValidEmail } from '../sheets/cells';
import type { Attachment } from './ports';
import type { RunContext } from './run-context';

/** Valid addresses of an email cell (one address, a list, or several separated by , ; or spaces). */
export function recipientsOf(v: unknown): string[] {
  const list = Array.isArray(v) ? (v as string[]) : typeof v === 'string' ? [v] : [];
  return list.flatMap((e) => e.split(/[,;\s]+/)).filter(isValidEmail);
}

/** The Drive file id of a Docs or Drive link. */
export function fileIdFromUrl(url: string): string {
  return /\/d\/([^/]+)/.exec(url)?.[1] ?? '';
}

/** Mark, then send. The caller records the sending, then removes the marker. */
export function sendMarked(
  ctx: RunContext,
  marker: string,
  to: readonly string[],
  message: EmailContent,
  attachments: readonly Attachment[] = [],
): void {
  ctx.ports.store.set(marker, 'sending');
  ctx.ports.mail.send({
    to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    senderName: ctx.settings.senderName || ctx.settings.orgName,
    replyTo: ctx.settings.replyTo,
    attachments,
  });
}
