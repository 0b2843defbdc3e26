/**
 * A sent MailApp message as an RFC 5322 message, built by nodemailer's MailComposer:
 * multipart/alternative text + HTML, attachments, inline images by Content-ID, the simulated
 * sending time as Date, and a Message-ID and MIME boundaries derived from the message, so that
 * the same message always gives the same bytes. Bcc is kept, as a record of who got it.
 */
import { createHash } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { SentMail } from './mail';

export async function toEml(mail: SentMail): Promise<Buffer> {
  const digest = createHash('sha256')
    .update(JSON.stringify([mail.seq, mail.at, mail.from, mail.to, mail.subject]))
    .digest('hex');
  const domain = mail.from.address.split('@')[1] ?? 'localhost';
  const composer = new MailComposer({
    from:
      mail.from.name === null
        ? mail.from.address
        : { name: mail.from.name, address: mail.from.address },
    to: mail.to,
    ...(mail.cc.length > 0 ? { cc: mail.cc } : {}),
    ...(mail.bcc.length > 0 ? { bcc: mail.bcc } : {}),
    ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
    subject: mail.subject,
    text: mail.text,
    ...(mail.html === null ? {} : { html: mail.html }),
    attachments: [
      ...mail.attachments.map((a) => ({
        filename: a.name,
        content: Buffer.from(a.base64, 'base64'),
        contentType: a.contentType,
      })),
      ...mail.inlineImages.map((a) => ({
        filename: a.name,
        content: Buffer.from(a.base64, 'base64'),
        contentType: a.contentType,
        cid: a.cid ?? a.name,
        contentDisposition: 'inline' as const,
      })),
    ],
    date: new Date(mail.at),
    messageId: `<${digest.slice(0, 24)}.${mail.seq}@${domain}>`,
    baseBoundary: digest.slice(24, 40),
  });
  const node = composer.compile();
  node.keepBcc = true;
  return node.build();
}
