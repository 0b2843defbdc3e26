/** Parties of an invoice from the workbook: the organisation (Settings) and client rows. */
import type { CalendarDate } from '../domain/dates';
import type { Party } from '../domain/invoice';
import type { VatRegime } from '../domain/vat';
import type { RowRecord } from '../sheets/read-tab';
import type { Settings } from '../sheets/settings';

const COUNTRIES: Readonly<Record<string, string>> = {
  france: 'FR',
  fr: 'FR',
  belgique: 'BE',
  belgium: 'BE',
  suisse: 'CH',
  switzerland: 'CH',
  luxembourg: 'LU',
  allemagne: 'DE',
  germany: 'DE',
  espagne: 'ES',
  spain: 'ES',
  italie: 'IT',
  italy: 'IT',
};

export function countryCode(name: string): string {
  const key = name.trim().toLowerCase();
  if (key === '') return 'FR';
  return COUNTRIES[key] ?? (key.length === 2 ? key.toUpperCase() : name.trim());
}

export function vatRegimeOf(code: string): VatRegime {
  if (code === 'exempt-training') return 'exonere-formation';
  if (code === 'franchise') return 'franchise';
  return 'standard';
}

const digits = (s: string) => s.replace(/\D/g, '');

/** SIREN and SIRET from what users type in one column (9 or 14 digits, spaced or not). */
export function sirenSiret(raw: string): { siren?: string; siret?: string } {
  const d = digits(raw);
  if (d.length === 14) return { siren: d.slice(0, 9), siret: d };
  if (d.length === 9) return { siren: d };
  return {};
}

function optional<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined && v !== '') out[k] = v;
  return out as T;
}

/**
 * The organisation's party, built once for as long as the settings it is made of stay the same:
 * every draft of a run names the same seller (or buyer, for self-billing). The party is shared,
 * hence frozen.
 */
let lastOrganisation: { key: string; party: Party } | null = null;

export function organisationParty(s: Settings): Party {
  const key = [
    s.siren,
    s.siret,
    s.orgName,
    s.address,
    s.postcode,
    s.city,
    s.country,
    s.vatNumber,
    s.electronicAddress,
    s.nda,
    s.legalForm,
    s.capital,
    s.rcsCity,
    s.vatRegime,
    s.iban,
    s.bic,
  ].join('\u0000');
  if (lastOrganisation?.key !== key) lastOrganisation = { key, party: frozen(newOrganisation(s)) };
  return lastOrganisation.party;
}

function frozen(party: Party): Party {
  Object.freeze(party.addressLines);
  return Object.freeze(party);
}

function newOrganisation(s: Settings): Party {
  const ids = { ...sirenSiret(s.siren), ...sirenSiret(s.siret) };
  return optional({
    source: { tab: 'settings' },
    kind: 'organisation',
    name: s.orgName,
    addressLines: s.address ? [s.address] : [],
    postcode: s.postcode,
    city: s.city,
    country: countryCode(s.country),
    siren: ids.siren,
    siret: ids.siret,
    vatNumber: s.vatNumber.replace(/\s/g, ''),
    electronicAddress: s.electronicAddress.replace(/\s/g, ''),
    nda: s.nda,
    legalForm: s.legalForm,
    shareCapital: s.capital,
    rcsCity: s.rcsCity,
    vatRegime: vatRegimeOf(s.vatRegime),
    iban: s.iban,
    bic: s.bic,
  } as Party);
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Each client row's party, built once per row read (a client has many invoices). */
const clientParties = new WeakMap<RowRecord, { values: RowRecord['values']; party: Party }>();

export function clientParty(row: RowRecord): Party {
  const known = clientParties.get(row);
  if (known !== undefined && known.values === row.values) return known.party;
  const party = frozen(newClient(row));
  clientParties.set(row, { values: row.values, party });
  return party;
}

function newClient(row: RowRecord): Party {
  const v = row.values;
  const emails = Array.isArray(v['emails']) ? (v['emails'] as string[]) : [];
  return optional({
    source: { tab: 'clients', code: text(v['code']) },
    kind: v['kind'] === 'individual' ? 'individual' : 'organisation',
    name: text(v['name']),
    addressLines: [text(v['address1']), text(v['address2'])].filter((s) => s !== ''),
    postcode: text(v['postcode']),
    city: text(v['city']),
    country: countryCode(text(v['country'])),
    ...sirenSiret(text(v['siren'])),
    vatNumber: text(v['vatNumber']).replace(/\s/g, ''),
    email: emails.join(', '),
    purchaseOrderReference: text(v['purchaseOrder']),
    buyerReference: text(v['buyerReference']),
    electronicAddress: text(v['electronicAddress']).replace(/\s/g, ''),
  } as Party);
}

export function providerParty(row: RowRecord): Party {
  const v = row.values;
  return optional({
    source: { tab: 'providers', code: text(v['code']) },
    kind: 'organisation',
    name: text(v['company']) || text(v['name']),
    addressLines: text(v['address']) ? [text(v['address'])] : [],
    postcode: text(v['postcode']),
    city: text(v['city']),
    country: 'FR',
    ...sirenSiret(text(v['siret'])),
    vatNumber: text(v['vatNumber']).replace(/\s/g, ''),
    vatRegime: vatRegimeOf(text(v['vatRegime'])),
    iban: text(v['iban']),
    bic: text(v['bic']),
    email: text(v['email']),
    electronicAddress: text(v['electronicAddress']).replace(/\s/g, ''),
    selfBillingMandateSignedOn: (text(v['mandateOn']) || undefined) as CalendarDate | undefined,
  } as Party);
}
