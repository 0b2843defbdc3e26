import {
  billingCallEmail,
  invoiceEmail,
  paymentConfirmationEmail,
  reminderDigestEmail,
  reminderEmail,
  selfBillingEmail,
  type EmailContent,
} from '../../src/render/emails';

const NASTY = `Dupont & Fils <script>alert("x")</script> l'atelier`;

/** Every inserted value appears escaped in the HTML and verbatim in the text. */
function expectEscaped(m: EmailContent, raw: string): void {
  expect(m.html).not.toContain('<script>');
  expect(m.html).toContain(
    'Dupont &amp; Fils &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; l&#39;atelier',
  );
  expect(m.text).toContain(raw);
  expect(m.text).not.toMatch(/&(amp|lt|gt|quot|#39);/);
  expect(m.html.startsWith('<!DOCTYPE html>')).toBe(true);
}

describe('emails', () => {
  it('invoice: number, amount, due date and payment reference, in French or English', () => {
    const base = {
      number: 'FA-2026-00007',
      buyerName: NASTY,
      sellerName: 'Atelier Formation Conseil',
      total: '1 200,00 €',
      dueDate: '04/01/2027',
      paymentReference: 'BRIO FA-2026-00007',
      docUrl: 'https://docs.example/d/1',
    };
    const fr = invoiceEmail({ ...base, lang: 'fr' });
    expect(fr.subject).toBe('Facture FA-2026-00007 — Atelier Formation Conseil');
    expect(fr.text).toContain('à régler au plus tard le 04/01/2027');
    expect(fr.text).toContain('« BRIO FA-2026-00007 »');
    expectEscaped(fr, NASTY);
    const en = invoiceEmail({ ...base, lang: 'en', total: '€1,200.00', dueDate: '4 January 2027' });
    expect(en.subject).toBe('Invoice FA-2026-00007 — Atelier Formation Conseil');
    expect(en.text).toContain('payable by 4 January 2027');
    expectEscaped(en, NASTY);
  });

  it('self-billing recap: the Doc to review, how and by when to contest', () => {
    const m = selfBillingEmail({
      lang: 'fr',
      number: 'AF-CLEMENT-2026-0001',
      providerName: NASTY,
      buyerName: 'Atelier Formation Conseil',
      total: '430,00 €',
      contestBy: '20/12/2026',
      docUrl: 'https://docs.example/d/abc?x=1&y=2',
    });
    expect(m.subject).toBe(
      'Autofacture AF-CLEMENT-2026-0001 à approuver — Atelier Formation Conseil',
    );
    expect(m.text).toContain('avant le 20/12/2026');
    expect(m.html).toContain('href="https://docs.example/d/abc?x=1&amp;y=2"');
    expectEscaped(m, NASTY);
  });

  it('billing call: a table of the sessions, the exact amount, what the invoice must show', () => {
    const m = billingCallEmail({
      lang: 'fr',
      providerName: NASTY,
      organisation: 'Atelier Formation Conseil',
      organisationAddress: '12 rue des Tanneurs, 69002 Lyon',
      organisationIds: 'SIRET 832 954 317 00026',
      month: '2026-11',
      sessions: [
        {
          date: '04/11/2026',
          student: 'Chloé <b>Dubois</b>',
          type: 'mentorat',
          level: '3',
          rate: '44,00 €',
          amount: '44,00 €',
        },
        {
          date: '20/11/2026',
          student: 'Sarah Lemoine',
          type: 'mentorat',
          level: '1',
          rate: '32,00 €',
          amount: '16,00 €',
        },
      ],
      amountHT: '60,00 €',
      vat: '12,00 €',
      amountTTC: '72,00 €',
      sendTo: 'factures@atelier.example',
    });
    expect(m.html.match(/<tr>/g)).toHaveLength(3);
    expect(m.html).toContain('<td>Chloé &lt;b&gt;Dubois&lt;/b&gt;</td>');
    expect(m.text).toContain('facture de 72,00 € TTC (60,00 € HT, TVA 12,00 €)');
    expect(m.text).toContain('- votre numéro SIRET');
    expect(m.text).toContain('factures@atelier.example');
    expectEscaped(m, NASTY);
  });

  it('reminders: courteous before the due date, firmer after, penalties from 30 days on', () => {
    const base = {
      lang: 'fr' as const,
      number: 'FA-2026-00003',
      buyerName: NASTY,
      sellerName: 'Atelier Formation Conseil',
      issueDate: '05/12/2026',
      dueDate: '04/01/2027',
      total: '1 200,00 €',
      balance: '700,00 €',
      paymentReference: 'NEX FA-2026-00003',
      iban: 'FR76 3000 4000 0312 3456 7890 143',
      bic: 'BNPAFRPP',
    };
    const before = reminderEmail({ ...base, step: -3 });
    expect(before.subject).toBe(
      "Rappel : facture FA-2026-00003 à régler d'ici le 04/01/2027 — Atelier Formation Conseil",
    );
    expect(before.text).toContain('Il reste 700,00 € à régler.');
    expect(before.text).not.toContain('40 €');
    const after = reminderEmail({ ...base, step: 7 });
    expect(after.subject).toContain('Relance : facture FA-2026-00003 échue le 04/01/2027');
    expect(after.text).toContain('reste impayée');
    expect(after.text).not.toContain('40 €');
    const last = reminderEmail({ ...base, step: 30, lang: 'en' });
    expect(last.subject).toContain('Overdue: invoice FA-2026-00003');
    expect(last.text).toContain('fixed recovery indemnity of €40');
    expect(last.text).toContain('"NEX FA-2026-00003"');
    // French reminders greet without a name; the English one names the buyer, escaped.
    expectEscaped(last, NASTY);
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
    const base = {
      buyerName: NASTY,
      sellerName: 'Atelier Formation Conseil',
      iban: 'FR76 3000 4000 0500 0012 3456 789',
      bic: 'BNPAFRPP',
      totalBalance: '1 900,00 €',
    };
    const two = reminderDigestEmail({
      ...base,
      lang: 'fr',
      invoices: [inv('FA-2026-00001', 7, '700,00 €'), inv('FA-2026-00004', 7, '1 200,00 €')],
    });
    expect(two.subject).toBe(
      'Relance : 2 factures à régler (1 900,00 €) — Atelier Formation Conseil',
    );
    for (const n of ['FA-2026-00001', 'FA-2026-00004']) {
      expect(two.text).toContain(`Référence de paiement\u00a0: BRIO ${n}`);
      expect(two.html).toContain(`<td>BRIO ${n}</td>`);
    }
    // The table stands beside the paragraphs, never inside one.
    expect(two.html).not.toMatch(/<p[^>]*>(?:(?!<\/p>)[^])*<table/);
    expect(two.html).toContain('</p>\n<table');
    expect(two.text).not.toContain('40 €');
    const late = reminderDigestEmail({
      ...base,
      lang: 'en',
      invoices: [inv('FA-2026-00001', -3, '700,00 €'), inv('FA-2026-00004', 30, '1 200,00 €')],
    });
    expect(late.subject).toBe(
      'Overdue: 2 invoices to pay (1 900,00 €) — Atelier Formation Conseil',
    );
    expect(late.text).toContain('€40 per invoice');
    expect(late.text).toContain('Payment reference: BRIO FA-2026-00004');
    expectEscaped(late, NASTY);
    // One invoice alone reads as the single reminder.
    const one = reminderDigestEmail({
      ...base,
      lang: 'fr',
      invoices: [inv('FA-2026-00003', -3, '700,00 €')],
    });
    expect(one.subject).toBe(
      "Rappel : facture FA-2026-00003 à régler d'ici le 04/01/2027 — Atelier Formation Conseil",
    );
  });

  it('payment confirmation to a provider: amount, date, method and what it pays', () => {
    const m = paymentConfirmationEmail({
      lang: 'fr',
      providerName: NASTY,
      organisation: 'Atelier Formation Conseil',
      reference: 'AF-CLEMENT-2026-0001',
      amount: '430,00 €',
      paidOn: '15/01/2027',
      method: 'virement',
    });
    expect(m.subject).toBe('Paiement effectué : AF-CLEMENT-2026-0001 — Atelier Formation Conseil');
    expect(m.text).toContain(
      'le paiement de 430,00 € le 15/01/2027 par virement, au titre de AF-CLEMENT-2026-0001',
    );
    expectEscaped(m, NASTY);
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
  });
});
