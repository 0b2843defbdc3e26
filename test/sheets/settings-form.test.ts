/** The settings sidebar's form: each field checked and normalized, checks across fields. */
import { calendarDate } from '../../src/domain/dates';
import {
  checkField,
  checkSettingsForm,
  cellText,
  formatReminders,
  nextBillingCallDate,
  previewNumber,
  SIDEBAR_FIELDS,
  SIDEBAR_KEYS,
  type SidebarKey,
} from '../../src/sheets/settings-form';
import { SETTING_DEFS } from '../../src/sheets/settings';

const valueOf = (key: SidebarKey, raw: string, lang: 'fr' | 'en' = 'fr') => {
  const r = checkField(key, raw, lang);
  if (!r.ok) throw new Error(`${key} "${raw}" refused: ${r.error}`);
  return r.value;
};
const errorOf = (key: SidebarKey, raw: string, lang: 'fr' | 'en' = 'fr') => {
  const r = checkField(key, raw, lang);
  if (r.ok) throw new Error(`${key} "${raw}" accepted as ${r.value.text}`);
  return r.error;
};

describe('the fields of the sidebar', () => {
  it('are settings of the Settings tab, each once', () => {
    const known = new Set(SETTING_DEFS.map((d) => d.key));
    expect(SIDEBAR_FIELDS.map((f) => f.key)).toEqual([...SIDEBAR_KEYS]);
    for (const k of SIDEBAR_KEYS) expect(known.has(k)).toBe(true);
  });
});

describe('SIREN', () => {
  it.each([
    ['832954317', '832 954 317'],
    ['832 954 317', '832 954 317'],
    ['732829320', '732 829 320'],
    ['356 000 000', '356 000 000'],
    ['542.107.651', '542 107 651'],
  ])('accepts %s as %s', (raw, text) => {
    expect(valueOf('siren', raw).text).toBe(text);
  });

  it.each([
    ['832954318', 'clé de contrôle'],
    ['123456789', 'clé de contrôle'],
    ['83295431', '9 chiffres'],
    ['8329543170', '9 chiffres'],
    ['83295431A', '9 chiffres'],
  ])('refuses %s (%s)', (raw, why) => {
    expect(errorOf('siren', raw)).toContain(why);
  });

  it('says why in English too', () => {
    expect(errorOf('siren', '832954318', 'en')).toBe('Invalid SIREN (wrong check digit)');
  });
});

describe('SIRET', () => {
  it.each([
    ['83295431700026', '832 954 317 00026', 'Luhn on SIREN and SIRET'],
    ['732 829 320 00074', '732 829 320 00074', 'Luhn'],
    ['35600000000048', '356 000 000 00048', 'La Poste head office (Luhn)'],
    ['356 000 000 49837', '356 000 000 49837', 'La Poste establishment: digits sum to 45'],
    ['35600000000015', '356 000 000 00015', 'La Poste establishment: digits sum to 20'],
  ])('accepts %s as %s (%s)', (raw, text) => {
    expect(valueOf('siret', raw).text).toBe(text);
  });

  it.each([
    ['83295431700027', 'clé de contrôle'],
    ['12345678901234', 'clé de contrôle'],
    ['35600000012345', 'clé de contrôle'],
    ['35600000000049', 'clé de contrôle'],
    ['8329543170002', '14 chiffres'],
  ])('refuses %s (%s)', (raw, why) => {
    expect(errorOf('siret', raw)).toContain(why);
  });
});

describe('VAT number', () => {
  it.each([
    ['FR82832954317', 'FR82832954317'],
    ['fr 82 832 954 317', 'FR82832954317'],
    ['FR40303265045', 'FR40303265045'],
    ['DE123456789', 'DE123456789'],
  ])('accepts %s as %s', (raw, text) => {
    expect(valueOf('vatNumber', raw).text).toBe(text);
  });

  it.each([['FR83832954317'], ['FR82732829320'], ['FR8283295431'], ['82832954317'], ['F']])(
    'refuses %s',
    (raw) => {
      expect(errorOf('vatNumber', raw)).toMatch(/^N° de TVA invalide/);
    },
  );
});

describe('IBAN and BIC', () => {
  it.each([
    ['FR76 3000 4008 2800 0123 4567 841', 'FR76 3000 4008 2800 0123 4567 841'],
    ['fr7630006000011234567890189', 'FR76 3000 6000 0112 3456 7890 189'],
    ['FR14 2004 1010 0505 0001 3M02 606', 'FR14 2004 1010 0505 0001 3M02 606'],
    ['DE89370400440532013000', 'DE89 3704 0044 0532 0130 00'],
    ['GB82 WEST 1234 5698 7654 32', 'GB82 WEST 1234 5698 7654 32'],
  ])('accepts IBAN %s as %s', (raw, text) => {
    expect(valueOf('iban', raw).text).toBe(text);
  });

  it.each([
    ['FR77 3000 6000 0112 3456 7890 189', 'chiffres de contrôle faux'],
    ['FR76 3000 4008 2800 0123 4567 842', 'chiffres de contrôle faux'],
    ['GB83 WEST 1234 5698 7654 32', 'chiffres de contrôle faux'],
    ['FR76', 'pays, 2 chiffres de contrôle'],
    ['7630004008280001234567841', 'pays, 2 chiffres de contrôle'],
  ])('refuses IBAN %s (%s)', (raw, why) => {
    expect(errorOf('iban', raw)).toContain(why);
  });

  it.each([
    ['BNPAFRPPXXX', true],
    ['bnpa fr pp', true],
    ['CEPAFRPP', true],
    ['BNPAFRP', false],
    ['BNP1FRPPXXX', false],
  ])('BIC %s valid: %s', (raw, valid) => {
    expect(checkField('bic', raw, 'fr').ok).toBe(valid);
  });
});

describe('number patterns', () => {
  it.each([
    ['invoicePattern', 'FA-{YYYY}-{SEQ:5}'],
    ['invoicePattern', 'F{YY}{MM}-{SEQ:3}'],
    ['creditPattern', ' AV-{YYYY}-{SEQ:5} '],
    ['selfBillingPattern', 'AF-{PROVIDER}-{YYYY}-{SEQ:4}'],
  ] as const)('%s accepts %s', (key, raw) => {
    expect(valueOf(key, raw).text).toBe(raw.trim());
  });

  it.each([
    ['invoicePattern', 'FA-{YYYY}', 'exactement un {SEQ:n}'],
    ['invoicePattern', 'FA-{YYYY}-{SEQ:5}-{SEQ:2}', 'exactement un {SEQ:n}'],
    ['invoicePattern', 'FA-{ANNEE}-{SEQ:5}', 'espace réservé inconnu'],
    ['invoicePattern', 'FA {YYYY} {SEQ:5}', 'seuls les caractères'],
    ['invoicePattern', 'FA-{MM}-{SEQ:5}', '{MM} sans {YYYY}'],
    ['invoicePattern', 'FA-{YYYY}-{SEQ:11}', 'entre 1 et 10'],
    ['invoicePattern', 'FA-{PROVIDER}-{SEQ:5}', 'ne sert qu’aux autofactures'],
    ['selfBillingPattern', 'AF-{YYYY}-{SEQ:4}', 'Il faut {PROVIDER}'],
    ['creditPattern', '', 'Valeur obligatoire'],
  ] as const)('%s refuses "%s" (%s)', (key, raw, why) => {
    expect(errorOf(key, raw)).toContain(why);
  });
});

describe('other fields', () => {
  it.each([
    ['paymentTerms', '30', 30],
    ['paymentTerms', '0', 0],
    ['paymentTerms', '60', 60],
    ['billingCallDay', '5', 5],
    ['billingCallDay', '28', 28],
    ['billingCallDay', '1', 1],
  ] as const)('%s %s is the number %s', (key, raw, n) => {
    expect(valueOf(key, raw).cell).toBe(n);
  });

  it.each([
    ['paymentTerms', '61'],
    ['paymentTerms', '-1'],
    ['paymentTerms', '30,5'],
    ['billingCallDay', '0'],
    ['billingCallDay', '29'],
    ['billingCallDay', '31'],
    ['billingCallDay', 'cinq'],
  ] as const)('%s refuses %s', (key, raw) => {
    expect(checkField(key, raw, 'fr').ok).toBe(false);
  });

  it.each([
    ['J-3, J+7, J+15, J+30', 'fr', 'J-3, J+7, J+15, J+30'],
    ['30;15;-3;7', 'fr', 'J-3, J+7, J+15, J+30'],
    ['D-3 D+10', 'en', 'D-3, D+10'],
    ['J0, J+7', 'fr', 'J0, J+7'],
  ] as const)('reminders %s read as %s', (raw, lang, text) => {
    expect(valueOf('reminders', raw, lang).text).toBe(text);
  });

  it.each([['tous les jours'], ['J+7, demain'], ['']])('reminders refuse "%s"', (raw) => {
    expect(checkField('reminders', raw, 'fr').ok).toBe(false);
  });

  it.each([
    ['oui', 'fr', 'oui'],
    ['true', 'fr', 'oui'],
    ['false', 'en', 'no'],
    ['VRAI', 'en', 'yes'],
  ] as const)('auto-send %s is %s', (raw, lang, text) => {
    expect(valueOf('autoSend', raw, lang).text).toBe(text);
  });

  it.each([
    ['per-sponsor', 'fr', 'par commanditaire'],
    ['consolidated', 'fr', 'consolidée'],
    ['aucune', 'en', 'none'],
  ] as const)('training billing mode %s is written %s', (raw, lang, text) => {
    expect(valueOf('trainingBillingMode', raw, lang).text).toBe(text);
  });

  it('refuses an unknown billing mode, naming the values', () => {
    expect(errorOf('trainingBillingMode', 'mensuel')).toContain('aucune, par commanditaire');
  });

  it.each([
    ['replyTo', 'compta@atelier.example', true],
    ['replyTo', 'compta@atelier.example, finance@atelier.example', false],
    ['replyTo', 'compta-atelier.example', false],
    ['financeEmail', 'a@atelier.example; b@atelier.example', true],
  ] as const)('%s %s valid: %s', (key, raw, valid) => {
    expect(checkField(key, raw, 'fr').ok).toBe(valid);
  });

  it('keeps text as typed on one line, and an optional field may be emptied', () => {
    expect(valueOf('address', ' 12 rue\ndes Tanneurs ').text).toBe('12 rue des Tanneurs');
    expect(valueOf('siren', '  ').text).toBe('');
    expect(errorOf('orgName', '')).toBe('Valeur obligatoire');
  });
});

describe('checkSettingsForm', () => {
  const good = {
    orgName: 'Atelier',
    siren: '832954317',
    siret: '832 954 317 00026',
    vatNumber: 'FR82832954317',
    iban: 'FR7630004008280001234567841',
  };

  it('returns the normalized values of the fields given, and only those', () => {
    const r = checkSettingsForm(good, 'fr');
    expect(r).toEqual({
      ok: true,
      values: {
        orgName: { text: 'Atelier', cell: 'Atelier' },
        siren: { text: '832 954 317', cell: '832 954 317' },
        siret: { text: '832 954 317 00026', cell: '832 954 317 00026' },
        vatNumber: { text: 'FR82832954317', cell: 'FR82832954317' },
        iban: {
          text: 'FR76 3000 4008 2800 0123 4567 841',
          cell: 'FR76 3000 4008 2800 0123 4567 841',
        },
      },
    });
  });

  it('gives every error at once, per field, in the language asked', () => {
    const r = checkSettingsForm({ ...good, siret: '83295431700027', iban: 'FR77 3000' }, 'en');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({
      siret: 'Invalid SIRET (wrong check digit)',
      iban: 'Invalid IBAN: country, 2 check digits, then the account',
    });
  });

  it('wants the SIRET to start with the SIREN', () => {
    const r = checkSettingsForm({ ...good, siret: '73282932000074' }, 'fr');
    expect(r.ok ? null : r.errors).toEqual({
      siret: 'Le SIRET doit commencer par le SIREN (832 954 317)',
    });
  });

  it('wants a French VAT number to carry the SIREN, the one of the tab when not in the form', () => {
    const r = checkSettingsForm({ vatNumber: 'FR40303265045' }, 'fr', { siren: '832954317' });
    expect(r.ok ? null : r.errors).toEqual({
      vatNumber: 'Un n° de TVA français se termine par le SIREN (832954317)',
    });
    expect(checkSettingsForm({ vatNumber: 'DE123456789' }, 'fr', { siren: '832954317' }).ok).toBe(
      true,
    );
    expect(checkSettingsForm({ vatNumber: 'FR40303265045' }, 'fr').ok).toBe(true);
  });

  it('wants three different series', () => {
    const r = checkSettingsForm(
      { invoicePattern: 'FA-{YYYY}-{SEQ:5}', creditPattern: 'FA-{YYYY}-{SEQ:5}' },
      'fr',
    );
    expect(r.ok ? null : Object.keys(r.errors)).toEqual(['creditPattern']);
  });

  it('ignores keys it does not edit', () => {
    expect(checkSettingsForm({ timeZone: 'Mars/Olympus', folderId: 'x' }, 'fr')).toEqual({
      ok: true,
      values: {},
    });
  });
});

describe('cellText', () => {
  it.each([
    ['siren', 32954317, '032954317'],
    ['postcode', 6000, '06000'],
    ['paymentTerms', 30, '30'],
    ['autoSend', true, 'true'],
    ['orgName', '  Atelier ', 'Atelier'],
  ] as const)('%s cell %p reads %s', (key, v, text) => {
    expect(cellText(key, v)).toBe(text);
  });
});

describe('previewNumber', () => {
  const today = calendarDate('2026-12-05');
  const counters = {
    'FA-2026-{SEQ}': { last: 9, lastDate: calendarDate('2026-11-05') },
    'AF-CLEMENT-2026-{SEQ}': { last: 1, lastDate: calendarDate('2026-11-05') },
  };

  it.each([
    ['invoicePattern', 'FA-{YYYY}-{SEQ:5}', 'FA-2026-00010'],
    ['invoicePattern', 'FA-{YY}{MM}-{SEQ:3}', 'FA-2612-001'],
    ['creditPattern', 'AV-{YYYY}-{SEQ:5}', 'AV-2026-00001'],
  ] as const)('%s %s gives %s next', (key, pattern, next) => {
    expect(previewNumber(key, pattern, counters, today, 'fr')).toEqual({ ok: true, next });
  });

  it('follows the provider’s own series', () => {
    const p = 'AF-{PROVIDER}-{YYYY}-{SEQ:4}';
    expect(previewNumber('selfBillingPattern', p, counters, today, 'fr', 'CLEMENT')).toEqual({
      ok: true,
      next: 'AF-CLEMENT-2026-0002',
      provider: 'CLEMENT',
    });
    expect(previewNumber('selfBillingPattern', p, counters, today, 'fr', 'DURAND')).toEqual({
      ok: true,
      next: 'AF-DURAND-2026-0001',
      provider: 'DURAND',
    });
  });

  it('restarts in a new year', () => {
    const p = previewNumber(
      'invoicePattern',
      'FA-{YYYY}-{SEQ:5}',
      counters,
      calendarDate('2027-01-05'),
      'fr',
    );
    expect(p).toEqual({ ok: true, next: 'FA-2027-00001' });
  });

  it('says why a pattern cannot number', () => {
    const p = previewNumber('invoicePattern', 'FA-{SEQ:5}-{SEQ:2}', counters, today, 'en');
    expect(p).toEqual({
      ok: false,
      error: 'Invalid number pattern "FA-{SEQ:5}-{SEQ:2}": exactly one {SEQ:n} is required',
    });
  });
});

describe('nextBillingCallDate', () => {
  it.each([
    ['2026-12-03', 5, '2026-12-05'],
    ['2026-12-05', 5, '2026-12-05'],
    ['2026-12-06', 5, '2027-01-05'],
    ['2027-01-31', 28, '2027-02-28'],
    ['2027-01-31', 30, '2027-03-30'],
  ])('from %s, day %s: %s', (today, day, next) => {
    expect(nextBillingCallDate(calendarDate(today), day)).toBe(next);
  });

  it('has none for a day that is not one', () => {
    expect(nextBillingCallDate(calendarDate('2026-12-03'), 0)).toBeNull();
  });
});

describe('formatReminders', () => {
  it('writes offsets with their sign', () => {
    expect(formatReminders([-3, 0, 7], 'fr')).toBe('J-3, J0, J+7');
    expect(formatReminders([-3, 7], 'en')).toBe('D-3, D+7');
  });
});
