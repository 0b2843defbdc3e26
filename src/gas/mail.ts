/** MailPort over MailApp. */
import type { MailMessage, MailPort } from '../app/ports';

export class GasMail implements MailPort {
  remainingQuota(): number {
    return MailApp.getRemainingDailyQuota();
  }

  send(m: MailMessage): void {
    const attachments = m.attachments.map((a) =>
      DriveApp.getFileById(a.fileId).getBlob().setName(a.name),
    );
    const options: GoogleAppsScript.Mail.MailAdvancedParameters = {
      to: m.to.join(','),
      subject: m.subject,
      body: m.text,
      htmlBody: m.html,
      name: m.senderName,
      attachments,
    };
    if (m.replyTo) options.replyTo = m.replyTo;
    if (m.cc && m.cc.length > 0) options.cc = m.cc.join(',');
    MailApp.sendEmail(options);
  }
}
