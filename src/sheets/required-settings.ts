/**
 * Settings an action cannot do without: issuing an invoice needs the organisation's name,
 * address, SIREN and bank details (mandatory mentions, SPEC §3.5), sending needs a reply-to, and
 * so on. A setting with a default (number patterns, payment terms) is never missing. Each
 * missing one is a problem naming the key in the workbook's language, at the cell of its value
 * when the key's row exists.
 */
import { msg, type PlainTextKey } from '../texts';
import { a1, problem, type Problem } from './problems';
import { settingLabel, type Settings, type SettingsRead } from './settings';

type Need = 'invoice' | 'credit-note' | 'self-billing' | 'email' | 'training';

const NEEDS: Readonly<Record<string, readonly Need[]>> = {
  preview: ['invoice'],
  generate: ['invoice'],
  issue: ['invoice', 'email'],
  monthly: ['invoice', 'self-billing', 'email'],
  dispatch: ['invoice', 'self-billing', 'email'],
  'billing-calls': ['self-billing', 'email'],
  'credit-note': ['credit-note', 'email'],
  remind: ['email'],
};

const SELLER: readonly (keyof Settings)[] = ['orgName', 'address', 'postcode', 'city', 'siren'];

const KEYS: Readonly<Record<Need, readonly (keyof Settings)[]>> = {
  invoice: [...SELLER, 'siret', 'iban', 'bic', 'latePenalty', 'invoicePattern', 'currency'],
  'credit-note': [...SELLER, 'creditPattern', 'currency'],
  'self-billing': [...SELLER, 'selfBillingPattern', 'currency'],
  email: ['senderName', 'replyTo'],
  training: ['nda'],
};

const ACTION_LABELS: Readonly<Record<string, PlainTextKey>> = {
  preview: 'action.preview',
  generate: 'action.generate',
  issue: 'action.issue',
  monthly: 'action.monthly',
  dispatch: 'action.dispatch',
  'billing-calls': 'action.billing-calls',
  'credit-note': 'action.credit-note',
  remind: 'action.remind',
};

export interface RequiredSettingsOptions {
  /** Training invoices are part of the action: the training declaration number is needed. */
  trainings?: boolean;
}

/** The settings an action needs, in the order they are reported. */
export function requiredSettings(
  action: string,
  settings: Settings,
  opts: RequiredSettingsOptions = {},
): (keyof Settings)[] {
  const needs = [...(NEEDS[action] ?? [])];
  if (opts.trainings && needs.includes('invoice')) needs.push('training');
  const keys = new Set<keyof Settings>();
  for (const need of needs) for (const k of KEYS[need]) keys.add(k);
  // Only a VAT-registered seller prints a VAT number (franchise: art. 293 B CGI).
  if (needs.includes('invoice') && settings.vatRegime !== 'franchise') keys.add('vatNumber');
  return [...keys];
}

function isMissing(value: Settings[keyof Settings]): boolean {
  return typeof value === 'string' && value.trim() === '';
}

/** One problem per setting the action needs and the Settings tab leaves empty. */
export function requiredSettingsProblems(
  read: SettingsRead,
  action: string,
  opts: RequiredSettingsOptions = {},
): Problem[] {
  const known = ACTION_LABELS[action];
  const label = known === undefined ? action : msg(known);
  const out: Problem[] = [];
  for (const key of requiredSettings(action, read.settings, opts)) {
    if (!isMissing(read.settings[key])) continue;
    const row = read.rows.get(key);
    out.push(
      problem(
        'missing-setting',
        read.sheetName,
        row === undefined ? '' : a1(row, read.valueColumn),
        '',
        msg('setting.needed', {
          setting: { fr: settingLabel(key, 'fr'), en: settingLabel(key, 'en') },
          action: label,
        }),
      ),
    );
  }
  return out;
}
