/**
 * Every email kind in both languages, with ordinary and hostile user text, with and without a
 * contact name: the plain-text part, the summary at the top, the greeting rule, escaping, and
 * the HTML's layout rules for mail clients. The HTML's validity, read by a real parser, is
 * test/browser/emails-html.test.ts.
 */
import {
  escapeHtml,
  billingCallEmail,
  greeting,
  invoiceEmail,
  paymentConfirmationEmail,
  reminderDigestEmail,
  reminderEmail,
  selfBillingEmail,
  wrapText,
  TEXT_WIDTH,
  type BillingCallSession,
} from '../../src/render/emails';
import { allEmails, CONTACT, HOSTILE } from './email-cases';

const ALL = allEmails();
const table = ALL.map((x) => [x.name, x] as const);
const hostile = ALL.filter((x) => x.o.hostile).map((x) => [x.name, x] as const);

/** Whitespace (line breaks of the wrapped text included) made single spaces. */
const flat = (s: string): string => s.replace(/\s+/g, ' ');

/** The lines before the greeting: the heading and the summary. */
function top(text: string, greetingLine: string): string {
  const at = text.split('\n').indexOf(greetingLine);
  return text.split('\n').slice(0, at).join('\n');
}

describe('every email kind, in French and English', () => {
  it('covers 14 kinds × 2 languages × ordinary or hostile text × with or without a contact', () => {
    expect(new Set(ALL.map((x) => x.c.kind)).size).toBe(14);
    expect(ALL).toHaveLength(14 * 2 * 2 * 2);
  });

  it.each(table)('%s: a plain-text part with lines of at most 78 characters', (_n, x) => {
    const lines = x.built.email.text.split('\n');
    // Only a word that cannot be cut (a long link) may pass the width.
    const long = lines.filter((l) => [...l].length > TEXT_WIDTH && /\s/.test(l.trim()));
    expect(long).toEqual([]);
    expect(lines.some((l) => /\s$/.test(l))).toBe(false);
    expect(x.built.email.text.endsWith('\n')).toBe(true);
    expect(x.built.email.text).not.toMatch(/\n\n\n/);
  });

  it.each(table)('%s: no HTML left in the plain text', (_n, x) => {
    // User text may hold anything: its words are taken out first.
    let text = flat(x.built.email.text);
    for (const u of [...x.built.userTexts, HOSTILE])
      for (const w of u.split(/\s+/)) text = text.split(w).join('');
    expect(text).not.toMatch(/<\/?[a-z][^>]*>/i);
    expect(text).not.toMatch(/&(#\d+|#x[0-9a-f]+|[a-z]+);/i);
    expect(text).not.toContain('\u{e000}');
  });

  it.each(table)('%s: the figures that matter at the top, in both parts', (_n, x) => {
    const { email, summary } = x.built;
    const g = greeting(x.o.lang, x.c.greets === 'party' && x.o.contact ? 'x' : undefined);
    const textGreeting = email.text.split('\n').find((l) => l.startsWith(g.split(' ')[0] ?? ''));
    expect(textGreeting).toBeDefined();
    const head = top(email.text, textGreeting ?? '');
    const htmlHead = email.html.slice(0, email.html.indexOf(escapeHtml(textGreeting ?? '')));
    expect(summary.length).toBeGreaterThan(0);
    for (const s of summary) {
      expect(head).toContain(s);
      expect(htmlHead).toContain(escapeHtml(s));
    }
    // The heading first, under a rule; the summary's labels and values lined up.
    expect(email.text.split('\n')[1]).toMatch(/^=+$/);
    const rows = head.split('\n').filter((l) => l.startsWith('  '));
    const starts = new Set(rows.map((l) => l.search(/\S\S*$|(?<=\s{3})\S/)));
    expect(rows.length).toBeGreaterThan(0);
    expect(starts.size).toBe(1);
  });

  it.each(table)('%s: greets the contact by name, or no one — never a company', (_n, x) => {
    const { email, partyName } = x.built;
    const fr = x.o.lang === 'fr';
    const named = x.c.greets === 'party' && x.o.contact;
    const contact = x.o.hostile ? `Camille ${HOSTILE}` : CONTACT;
    const expected = named
      ? fr
        ? `Bonjour ${contact},`
        : `Dear ${contact},`
      : fr
        ? 'Bonjour,'
        : 'Hello,';
    // The paragraph that greets, its lines joined again.
    const paragraphs = email.text.split('\n\n').map(flat);
    const said = paragraphs.filter((l) => /^(Bonjour|Dear|Hello)\b/.test(l));
    expect(said).toEqual([flat(expected)]);
    expect(email.html).toContain(`<p style="margin:0">${escapeHtml(expected)}</p>`);
    if (!named) expect(said[0]).not.toContain(partyName);
  });

  it.each(table)('%s: HTML for mail clients: tables, inline styles, 600 px', (_n, x) => {
    const html = x.built.email.html;
    expect(html.startsWith('<!DOCTYPE html>\n')).toBe(true);
    expect(html).toContain(`<html lang="${x.o.lang}">`);
    // Nothing a client strips or blocks is relied upon.
    expect(html).not.toMatch(/<(style|link|script|img|iframe|form|div)\b/i);
    expect(html).not.toMatch(/display:\s*(flex|grid)|position:|float:|@media|var\(/i);
    expect(html).not.toMatch(/\sclass="/);
    // One container, 600 px wide, centred, the layout tables marked as such.
    expect(html.match(/width="600"/g)).toHaveLength(1);
    expect(html).toContain('max-width:600px');
    const tables = html.match(/<table[^>]*>/g) ?? [];
    for (const t of tables) expect(t).toMatch(/border-collapse:collapse/);
    expect(tables.filter((t) => !t.includes('role="presentation"')).length).toBeLessThanOrEqual(1);
    // Every text cell says its font: some clients do not inherit it.
    for (const td of html.match(/<td style="[^"]*">(?!\s*<table)/g) ?? []) {
      if (/background-color:#1f3a5f;border-radius/.test(td)) continue;
      expect(td).toContain('font-family:Arial,Helvetica,sans-serif');
    }
    // Well below Gmail's 102 KB cut.
    expect(Buffer.byteLength(html)).toBeLessThan(40_000);
  });

  it.each(hostile)('%s: user text shown as typed, never as markup or a placeholder', (_n, x) => {
    const { email, userTexts } = x.built;
    expect(userTexts.length).toBeGreaterThan(0);
    for (const u of userTexts) {
      expect(flat(email.text)).toContain(flat(u));
      expect(email.html).toContain(escapeHtml(u));
    }
    expect(email.html).not.toMatch(/<script|<\/script|<p>|<\/td><\/tr><\/table><p>/i);
    expect(email.html).not.toMatch(/href="(?!https:)/);
    expect(email.text).toContain('{{seller.iban}}');
    expect(email.text).toContain('$& $1');
    expect(email.text).toContain('😀');
    expect(email.subject).not.toMatch(/&(amp|lt|gt|quot|#39);/);
  });
});

describe('what each email says', () => {
  const base = {
    number: 'FA-2026-00007',
    buyerName: 'Brioche & Compagnie SARL',
    sellerName: 'Atelier Formation Conseil',
    total: '1 200,00 €',
    dueDate: '04/01/2027',
    paymentReference: 'BRIOCHE FA-2026-00007',
    docUrl: 'https://docs.example/d/1',
  };

  it('invoice: number, amount, due date and payment reference, in French or English', () => {
    const fr = invoiceEmail({ ...base, lang: 'fr' });
    expect(fr.subject).toBe('Facture FA-2026-00007 — Atelier Formation Conseil');
    expect(flat(fr.text)).toContain(
      'Veuillez trouver ci-joint la facture FA-2026-00007 adressée à Brioche & Compagnie SARL, d’un montant de 1 200,00 €, à régler au plus tard le 04/01/2027.',
    );
    expect(fr.text).toContain(
      '  Montant à régler        1 200,00 €\n  Échéance                04/01/2027\n  Référence de paiement   BRIOCHE FA-2026-00007',
    );
    expect(fr.html).toContain('<strong>FA-2026-00007</strong>');
    const en = invoiceEmail({ ...base, lang: 'en', total: '€1,200.00', dueDate: '4 January 2027' });
    expect(en.subject).toBe('Invoice FA-2026-00007 — Atelier Formation Conseil');
    expect(flat(en.text)).toContain('for €1,200.00, payable by 4 January 2027.');
    expect(en.text).toContain('  Amount due          €1,200.00');
  });

  it('a credit note refers to the invoice it reduces and asks for nothing', () => {
    const m = invoiceEmail({
      ...base,
      lang: 'fr',
      number: 'AV-2026-00001',
      creditOf: 'FA-2026-00007',
    });
    expect(m.subject).toBe('Avoir AV-2026-00001 — Atelier Formation Conseil');
    expect(m.text).toContain(
      '  Montant de l’avoir   1 200,00 €\n  Facture concernée    FA-2026-00007',
    );
    expect(m.text).not.toContain('Échéance');
    expect(flat(m.text)).toContain('sur notre facture FA-2026-00007');
  });

  const sessions: BillingCallSession[] = [
    {
      date: '04/11/2026',
      student: 'Chloé Dubois',
      type: 'mentorat',
      level: '3',
      rate: '44,00 €',
      amount: '44,00 €',
    },
    {
      date: '17/11/2026',
      student: 'Hugo Bernard',
      type: 'mentorat — absence facturée 50 %',
      level: '1',
      rate: '32,00 €',
      amount: '16,00 €',
    },
  ];

  it('self-billing recap: the Doc to review as a button, how and by when to contest', () => {
    const m = selfBillingEmail({
      lang: 'fr',
      number: 'AF-CLEMENT-2026-0001',
      providerName: 'Claire Clément EI',
      contactName: 'Claire Clément',
      buyerName: 'Atelier Formation Conseil',
      total: '430,00 €',
      contestBy: '20/12/2026',
      docUrl: 'https://docs.example/d/abc?x=1&y=2',
      sessions,
    });
    expect(m.subject).toBe(
      'Autofacture AF-CLEMENT-2026-0001 à approuver — Atelier Formation Conseil',
    );
    expect(m.text).toContain('  À contester avant le   20/12/2026');
    expect(flat(m.text)).toContain('ou de la contester avant le 20/12/2026, en répondant');
    expect(m.html).toContain('href="https://docs.example/d/abc?x=1&amp;y=2"');
    expect(m.text).toContain(
      'Relire et commenter le document\u00a0:\nhttps://docs.example/d/abc?x=1&y=2',
    );
    expect(m.text.split('\n')).toContain('Bonjour Claire Clément,');
  });

  it('a link that is not a web address is shown, not linked', () => {
    const m = selfBillingEmail({
      lang: 'en',
      number: 'AF-1',
      providerName: 'P',
      buyerName: 'B',
      total: '€1.00',
      contestBy: '1 Jan 2027',
      docUrl: 'javascript:alert(1)',
    });
    expect(m.html).not.toContain('href="javascript');
    expect(m.html).toContain('javascript:alert(1)');
  });

  it('billing call: the sessions in aligned columns, the exact amount, what the invoice must show', () => {
    const m = billingCallEmail({
      lang: 'fr',
      providerName: 'Nguyen Conseil SASU',
      contactName: 'Minh Nguyen',
      organisation: 'Atelier Formation Conseil',
      organisationAddress: '12 rue des Tanneurs, 69002 Lyon',
      organisationIds: 'SIRET 832 954 317 00026',
      month: 'novembre 2026',
      sessions,
      amountHT: '60,00 €',
      vat: '12,00 €',
      amountTTC: '72,00 €',
      sendTo: 'factures@atelier.example',
    });
    expect(m.subject).toBe('Appel à facturation novembre 2026 — Atelier Formation Conseil');
    // Two sessions and a header row, the header in its own section.
    const data = /<table style="[^"]*"><thead>[^]*?<\/table>/.exec(m.html)?.[0] ?? '';
    expect(data.match(/<tr>/g)).toHaveLength(3);
    expect(m.html).toMatch(/<thead><tr><th scope="col"/);
    expect(flat(m.text)).toContain('votre facture de 72,00 € TTC (60,00 € HT, TVA 12,00 €)');
    expect(m.text).toContain(
      [
        'Date        Étudiant      Type                    Niveau  Tarif HT  Montant HT',
        '----------  ------------  ----------------------  ------  --------  ----------',
        '04/11/2026  Chloé Dubois  mentorat                     3   44,00 €     44,00 €',
        '17/11/2026  Hugo Bernard  mentorat — absence           1   32,00 €     16,00 €',
        '                          facturée 50 %',
      ].join('\n'),
    );
    expect(m.text).toContain('Pour être valable, votre facture doit indiquer\u00a0:\n- vos prénom');
    expect(m.text).toContain('- votre numéro SIRET');
    expect(m.html).toMatch(/<\/p><ul style="[^"]*"><li/);
    expect(m.text).toContain('  Facture à envoyer à        factures@atelier.example');
  });

  it('a long table fits the plain text by wrapping its text columns, never an amount', () => {
    const many = Array.from({ length: 60 }, (_, k) => ({
      ...sessions[1]!,
      student: `Étudiante au nom très long numéro ${k + 1}`,
      amount: '1 016,00 €',
    }));
    const m = billingCallEmail({
      lang: 'fr',
      providerName: 'X',
      organisation: 'O',
      organisationAddress: 'A',
      organisationIds: 'I',
      month: 'novembre 2026',
      sessions: many,
      amountHT: '60 960,00 €',
      vat: '0,00 €',
      amountTTC: '60 960,00 €',
      sendTo: 'f@o.example',
    });
    const lines = m.text.split('\n');
    expect(lines.every((l) => [...l].length <= TEXT_WIDTH)).toBe(true);
    expect(lines.filter((l) => l.endsWith('1 016,00 €'))).toHaveLength(60);
    expect(Buffer.byteLength(m.html)).toBeLessThan(102_000);
  });

  const reminder = {
    lang: 'fr' as const,
    number: 'FA-2026-00003',
    buyerName: 'Nexum Logistics SA',
    sellerName: 'Atelier Formation Conseil',
    issueDate: '05/12/2026',
    dueDate: '04/01/2027',
    total: '1 200,00 €',
    balance: '700,00 €',
    paymentReference: 'NEX FA-2026-00003',
    iban: 'FR76 3000 4000 0312 3456 7890 143',
    bic: 'BNPAFRPP',
  };

  it('reminders: courteous before the due date, firmer after, penalties from 30 days on', () => {
    const before = reminderEmail({ ...reminder, step: -3 });
    expect(before.subject).toBe(
      'Rappel\u00a0: facture FA-2026-00003 à régler d’ici le 04/01/2027 — Atelier Formation Conseil',
    );
    expect(flat(before.text)).toContain('Il reste 700,00 € à régler.');
    expect(before.text).not.toContain('40\u00a0€');
    expect(before.text).toContain('  Reste à payer           700,00 €');
    const after = reminderEmail({ ...reminder, step: 7 });
    expect(after.subject).toContain('Relance\u00a0: facture FA-2026-00003 échue le 04/01/2027');
    expect(flat(after.text)).toContain('reste impayée');
    expect(after.text).toContain('  Échue le                04/01/2027');
    expect(after.text).not.toContain('40\u00a0€');
    const last = reminderEmail({ ...reminder, step: 30, lang: 'en' });
    expect(last.subject).toContain('Overdue: invoice FA-2026-00003');
    expect(flat(last.text)).toContain('fixed recovery indemnity of €40');
    expect(last.text).toMatch(/^! Please note/m);
    expect(flat(last.text)).toContain('"NEX FA-2026-00003"');
    // The IBAN and the reference are never cut across lines.
    expect(last.text).toContain('FR76 3000 4000 0312 3456 7890 143');
  });

  it("a client's reminders of the day in one email: every invoice with its reference, the total left", () => {
    const inv = (number: string, step: number, balance: string) => ({
      number,
      step,
      issueDate: '05/12/2026',
      dueDate: '04/01/2027',
      total: '1 200,00 €',
      balance,
      paymentReference: `BRIO ${number}`,
    });
    const digest = {
      buyerName: 'Brioche & Compagnie SARL',
      sellerName: 'Atelier Formation Conseil',
      iban: 'FR76 3000 4000 0500 0012 3456 789',
      bic: 'BNPAFRPP',
      totalBalance: '1 900,00 €',
    };
    const two = reminderDigestEmail({
      ...digest,
      lang: 'fr',
      invoices: [inv('FA-2026-00001', 7, '700,00 €'), inv('FA-2026-00004', 7, '1 200,00 €')],
    });
    expect(two.subject).toBe(
      'Relance\u00a0: 2 factures à régler (1 900,00 €) — Atelier Formation Conseil',
    );
    expect(two.text).toContain(
      [
        'Facture        Échéance    Montant TTC  Reste à payer  Référence de paiement',
        '-------------  ----------  -----------  -------------  ---------------------',
        'FA-2026-00001  04/01/2027   1 200,00 €       700,00 €  BRIO FA-2026-00001',
        'FA-2026-00004  04/01/2027   1 200,00 €     1 200,00 €  BRIO FA-2026-00004',
      ].join('\n'),
    );
    for (const n of ['FA-2026-00001', 'FA-2026-00004'])
      expect(two.html).toMatch(new RegExp(`<td style="[^"]*white-space:nowrap">BRIO ${n}</td>`));
    expect(two.text).not.toContain('40\u00a0€');
    const late = reminderDigestEmail({
      ...digest,
      lang: 'en',
      invoices: [inv('FA-2026-00001', -3, '700,00 €'), inv('FA-2026-00004', 30, '1 200,00 €')],
    });
    expect(late.subject).toBe(
      'Overdue: 2 invoices to pay (1 900,00 €) — Atelier Formation Conseil',
    );
    expect(flat(late.text)).toContain('€40 per invoice');
    // One invoice alone reads as the single reminder.
    const one = reminderDigestEmail({
      ...digest,
      lang: 'fr',
      invoices: [inv('FA-2026-00003', -3, '700,00 €')],
    });
    expect(one).toEqual(
      reminderEmail({ ...inv('FA-2026-00003', -3, '700,00 €'), ...digest, lang: 'fr' }),
    );
  });

  it('payment confirmation to a provider: amount, date, method and what it pays', () => {
    const m = paymentConfirmationEmail({
      lang: 'fr',
      providerName: 'Claire Clément EI',
      organisation: 'Atelier Formation Conseil',
      reference: 'AF-CLEMENT-2026-0001',
      amount: '430,00 €',
      paidOn: '15/01/2027',
      method: 'virement',
    });
    expect(m.subject).toBe(
      'Paiement effectué\u00a0: AF-CLEMENT-2026-0001 — Atelier Formation Conseil',
    );
    expect(flat(m.text)).toContain(
      'le paiement de 430,00 € le 15/01/2027 par virement, au titre de AF-CLEMENT-2026-0001',
    );
    expect(m.text).toContain('  Moyen          virement');
    const en = paymentConfirmationEmail({
      lang: 'en',
      providerName: 'Paul',
      organisation: 'AFC',
      reference: 'x',
      amount: '€1.00',
      paidOn: '1 Jan 2027',
      method: '',
    });
    expect(en.text).toContain('We confirm the payment of €1.00 on 1 Jan 2027 for x.');
    expect(en.text).not.toContain('Method');
  });
});

describe('the greeting and the plain-text lines', () => {
  it('names the contact, or no one', () => {
    expect(greeting('fr', 'Camille Roux')).toBe('Bonjour Camille Roux,');
    expect(greeting('en', 'Camille Roux')).toBe('Dear Camille Roux,');
    expect(greeting('fr')).toBe('Bonjour,');
    expect(greeting('en', '  ')).toBe('Hello,');
  });

  it('wraps on spaces, keeps French punctuation with its word, and a long word whole', () => {
    expect(wrapText('aaa bbb ccc', 7)).toEqual(['aaa bbb', 'ccc']);
    expect(wrapText('aaaa bbbbb :', 10)).toEqual(['aaaa', 'bbbbb :']);
    expect(wrapText('x « yy zz »', 5)).toEqual(['x', '« yy', 'zz »']);
    expect(wrapText('a https://example.com/very/long b', 10)).toEqual([
      'a',
      'https://example.com/very/long',
      'b',
    ]);
    expect(wrapText('1\u00a0200,00\u00a0€ dû', 8)).toEqual(['1\u00a0200,00\u00a0€', 'dû']);
    expect(wrapText('a b c d', 5, '  ', '- ')).toEqual(['- a b', '  c d']);
  });
});
