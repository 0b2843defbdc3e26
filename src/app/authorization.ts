/**
 * The hourly trigger when the add-on needs authorizations the user has not granted (a new
 * version asking for a new scope). Add-on triggers keep firing then and fail at their first
 * unauthorised call, silently: add-on triggers send no failure email (editor add-on triggers
 * page). So the run does nothing else, and says so once a day: a line in the Journal and an
 * email to the finance contact, each only if what it needs is still authorised.
 */
import { msg, t } from '../texts';
import { authorizationEmail } from '../render/emails';
import { recipientsOf } from './mailing';
import type { Ports } from './ports';
import { RunContext } from './run-context';

export interface AuthorizationNotice {
  journal: boolean;
  emailed: boolean;
}

export function noticeAuthorization(ports: Ports, url: string | null): AuthorizationNotice {
  const out: AuthorizationNotice = { journal: false, emailed: false };
  const ctx = new RunContext(ports, 'dispatch');
  try {
    ctx.warn(
      'authorization-required',
      '',
      '',
      url ?? '',
      msg('run.authorization-required', { menu: msg('menu.menuAuthorize') }),
    );
    ctx.flushJournal(t(ctx.lang, 'run.authorization-summary'));
    out.journal = true;
  } catch (e) {
    ports.log(
      `Facturier: the Journal could not be written: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  try {
    const to = recipientsOf(ctx.settings.financeEmail);
    if (to.length > 0) {
      const m = authorizationEmail({ lang: ctx.lang, organisation: ctx.settings.orgName, url });
      ports.mail.send({
        to,
        subject: m.subject,
        text: m.text,
        html: m.html,
        senderName: ctx.settings.senderName || ctx.settings.orgName || 'Facturier',
        replyTo: ctx.settings.replyTo,
        attachments: [],
      });
      out.emailed = true;
    }
  } catch (e) {
    ports.log(
      `Facturier: the authorization email could not be sent: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  return out;
}
