/** MailPort over MailApp. */
import { FileCache } from './files';
import type { MailMessage, MailPort } from '../app/ports';

export class GasMail implements MailPort {
  constructor(private readonly files: FileCache = new FileCache()) {}

  /** Read once per run, then counted down by each message's recipients. */
  private remaining: number | null = null;

  remainingQuota(): number {
    if (this.remaining === null) this.remaining = MailApp.getRemainingDailyQuota();
    return this.remaining;
  }

  send(m: MailMessage): void {
    const attachments = m.attachments.map((a) =>
      this.files.pdf(a.fileId, a.docId, a.name, a.transform),
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
    if (this.remaining !== null) {
      this.remaining = Math.max(0, this.remaining - m.to.length - (m.cc?.length ?? 0));
    }
  }
}
