import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import PostalMime from 'postal-mime';
import { asBlob, SimBlob } from '../../tools/gas-sim/blob';
import { createDocumentApp, createDriveApp } from '../../tools/gas-sim/drive';
import { toEml } from '../../tools/gas-sim/eml';
import { createMailApp, MailState, writeMailFolder, type SentMail } from '../../tools/gas-sim/mail';
import { World } from '../../tools/gas-sim/world';
import { execution, newWorld } from './sim-context';

const QUOTA = 'Service invoked too many times for one day: email.';

describe('MailApp quota', () => {
  it('counts recipients (to, cc, bcc) and refuses a send that would pass the quota', () => {
    const world = newWorld('2026-11-05', { mailDailyQuota: 5 });
    const mail = createMailApp(execution(world));
    expect(mail.getRemainingDailyQuota()).toBe(5);
    mail.sendEmail({
      to: 'a@example.com, b@example.com',
      cc: 'c@example.com',
      bcc: 'd@example.com',
      subject: 'Facture',
      body: 'x',
    });
    expect(mail.getRemainingDailyQuota()).toBe(1);
    expect(world.mail.usedOn('2026-11-05')).toBe(4);
    expect(() => mail.sendEmail('e@example.com, f@example.com', 'Relance', 'x')).toThrow(QUOTA);
    // Nothing was recorded for the refused send, and the quota is untouched.
    expect(world.mail.sent).toHaveLength(1);
    expect(mail.getRemainingDailyQuota()).toBe(1);
    mail.sendEmail('e@example.com', 'Relance', 'x');
    expect(mail.getRemainingDailyQuota()).toBe(0);
    let err: unknown;
    try {
      mail.sendEmail('g@example.com', 'Trop', 'x');
    } catch (e) {
      err = e;
    }
    expect(String(err)).toBe(`Exception: ${QUOTA}`);
  });

  it('starts afresh on the next day in the world time zone, also after a save and load', () => {
    const world = newWorld('2026-11-05', { mailDailyQuota: 2 });
    createMailApp(execution(world)).sendEmail('a@example.com, b@example.com', 's', 'b');
    expect(createMailApp(execution(world)).getRemainingDailyQuota()).toBe(0);
    const sameDay = World.fromJSON(JSON.parse(JSON.stringify(world.toJSON())));
    expect(createMailApp(execution(sameDay)).getRemainingDailyQuota()).toBe(0);
    sameDay.advanceTo('2026-11-06');
    const next = createMailApp(execution(sameDay));
    expect(next.getRemainingDailyQuota()).toBe(2);
    next.sendEmail('c@example.com', 's', 'b');
    expect(sameDay.mail.sent.map((m) => [m.seq, m.day])).toEqual([
      [1, '2026-11-05'],
      [2, '2026-11-06'],
    ]);
  });

  it('uses the calendar day of the world time zone, not UTC', () => {
    const world = new World({ today: '2026-11-05', startTime: '00:30', timeZone: 'Europe/Paris' });
    createMailApp(execution(world)).sendEmail('a@example.com', 's', 'b');
    // 00:30 in Paris is still 4 November in UTC.
    expect(world.mail.sent[0]?.at).toMatch(/^2026-11-04T23:30:0\d\.\d{3}Z$/);
    expect(world.mail.sent[0]?.day).toBe('2026-11-05');
  });

  it('rejects invalid addresses with Apps Script text and sends nothing', () => {
    const world = newWorld();
    const mail = createMailApp(execution(world));
    expect(() => mail.sendEmail('ok@example.com, not-an-address', 's', 'b')).toThrow(
      'Invalid email: not-an-address',
    );
    expect(() => mail.sendEmail({ to: 'a@example.com', replyTo: 'nope', subject: 's' })).toThrow(
      'Invalid email: nope',
    );
    expect(world.mail.sent).toHaveLength(0);
    mail.sendEmail({ to: 'Client SA <client@example.com>', subject: 's', body: 'b' });
    expect(world.mail.sent[0]?.to).toEqual(['Client SA <client@example.com>']);
  });

  it('counts calls under MailApp', () => {
    const ctx = execution(newWorld());
    const mail = createMailApp(ctx);
    mail.getRemainingDailyQuota();
    mail.sendEmail('a@example.com', 's', 'b');
    expect(ctx.rec.byService()).toEqual({ MailApp: { getRemainingDailyQuota: 1, sendEmail: 1 } });
  });

  it('serialises and restores its state', () => {
    const m = new MailState({ dailyQuota: 7 });
    m.record({
      at: '2026-11-05T09:00:00.000Z',
      day: '2026-11-05',
      from: { name: null, address: 'x@example.com' },
      to: ['a@example.com'],
      cc: [],
      bcc: [],
      replyTo: null,
      subject: 's',
      text: 't',
      html: null,
      attachments: [],
      inlineImages: [],
      noReply: false,
    });
    const back = MailState.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    expect(back.toJSON()).toEqual(m.toJSON());
    expect(back.usedOn('2026-11-05')).toBe(1);
    expect(back.dailyQuota).toBe(7);
  });
});

describe('sent messages as .eml', () => {
  it('builds an RFC 5322 message with text, HTML, reply-to and attachments', async () => {
    const world = newWorld();
    const ctx = execution(world);
    const docs = createDocumentApp(ctx);
    const doc = docs.create('F-2026-001');
    doc.getBody().appendParagraph('Facture');
    doc.saveAndClose();
    const pdf = createDriveApp(ctx).getFileById(doc.getId()).getAs('application/pdf');
    const csv = asBlob(
      new SimBlob(new Uint8Array([0xef, 0xbb, 0xbf, 0x41, 0x3b, 0x42]), 'text/csv', 'lignes.csv'),
    );
    const html =
      '<p>Bonjour <b>M. &amp; Mme Dupont</b>,</p><p>Montant : 1&nbsp;234,56&nbsp;€ &lt;TTC&gt;</p>';
    createMailApp(ctx).sendEmail({
      to: 'client@example.com',
      cc: 'compta-client@example.com',
      bcc: 'archive@acme.fr',
      replyTo: 'factures@acme.fr',
      name: 'ACME Facturation',
      subject: 'Facture F-2026-001 — « Séances » & co',
      body: 'Bonjour M. & Mme Dupont,\nMontant : 1 234,56 € <TTC>',
      htmlBody: html,
      attachments: [pdf, csv],
    });
    const sent = world.mail.sent[0];
    if (!sent) throw new Error('not sent');
    const eml = await toEml(sent);
    const email = await PostalMime.parse(eml);
    expect(email.from).toEqual({ name: 'ACME Facturation', address: 'compta@acme.fr' });
    expect(email.to).toEqual([{ name: '', address: 'client@example.com' }]);
    expect(email.cc).toEqual([{ name: '', address: 'compta-client@example.com' }]);
    expect(email.bcc).toEqual([{ name: '', address: 'archive@acme.fr' }]);
    expect(email.replyTo).toEqual([{ name: '', address: 'factures@acme.fr' }]);
    expect(email.subject).toBe('Facture F-2026-001 — « Séances » & co');
    expect(email.text?.trim()).toBe('Bonjour M. & Mme Dupont,\nMontant : 1 234,56 € <TTC>');
    expect(email.html?.trim()).toBe(html);
    // The Date header has whole seconds.
    expect(Date.parse(email.date ?? '')).toBe(Math.floor(Date.parse(sent.at) / 1000) * 1000);
    expect(email.messageId).toMatch(/^<[0-9a-f]{24}\.1@acme\.fr>$/);
    expect(email.attachments.map((a) => [a.filename, a.mimeType])).toEqual([
      ['F-2026-001.pdf', 'application/pdf'],
      ['lignes.csv', 'text/csv'],
    ]);
    const pdfBytes = Buffer.from(email.attachments[0]?.content as ArrayBuffer);
    expect(pdfBytes.equals(Buffer.from(pdf.getBytes().map((b) => b & 0xff)))).toBe(true);
    expect(Buffer.from(email.attachments[1]?.content as ArrayBuffer)).toEqual(
      Buffer.from([0xef, 0xbb, 0xbf, 0x41, 0x3b, 0x42]),
    );
    // Same message, same bytes.
    expect((await toEml(sent)).equals(eml)).toBe(true);
  });

  it('attaches a Drive file as its export and inline images by Content-ID', async () => {
    const world = newWorld();
    const ctx = execution(world);
    const file = createDriveApp(ctx).createFile('note.txt', 'contenu', 'text/plain');
    const logo = asBlob(new SimBlob(new Uint8Array([137, 80, 78, 71]), 'image/png', 'logo.png'));
    createMailApp(ctx).sendEmail({
      to: 'a@example.com',
      subject: 'Logo',
      body: 'text',
      htmlBody: '<img src="cid:logo">',
      attachments: [file],
      inlineImages: { logo },
    });
    const email = await PostalMime.parse(await toEml(world.mail.sent[0] as SentMail));
    const byName = new Map(email.attachments.map((a) => [a.filename, a]));
    expect(Buffer.from(byName.get('note.txt')?.content as ArrayBuffer).toString()).toBe('contenu');
    expect(byName.get('logo.png')?.contentId).toBe('<logo>');
    expect(ctx.rec.count('File.getBlob')).toBe(0);
  });

  it('writes NNN.eml files in sending order', async () => {
    const world = newWorld();
    const mail = createMailApp(execution(world));
    mail.sendEmail('a@example.com', 'first', 'one');
    mail.sendEmail('a@example.com', 'reply@example.com', 'second', 'two');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mail-'));
    const written = await writeMailFolder(world.mail, dir);
    expect(written.map((p) => path.basename(p))).toEqual(['001.eml', '002.eml']);
    const second = await PostalMime.parse(fs.readFileSync(path.join(dir, '002.eml')));
    expect(second.subject).toBe('second');
    expect(second.replyTo).toEqual([{ name: '', address: 'reply@example.com' }]);
    expect(second.html).toBeUndefined();
  });
});
