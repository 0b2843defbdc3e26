/**
 * Units of measure as typed in the workbook → UN/ECE Recommendation 20 codes (BT-130), which
 * EN 16931 requires (rule BR-CL-23). What has no code of its own (a package, a learner, a
 * visual) is counted in units, `C62` ("one"); the word typed stays in the line's name.
 */
const CODES: Readonly<Record<string, string>> = {
  jour: 'DAY',
  jours: 'DAY',
  j: 'DAY',
  day: 'DAY',
  days: 'DAY',
  'demi-journee': 'C62',
  heure: 'HUR',
  heures: 'HUR',
  h: 'HUR',
  hour: 'HUR',
  hours: 'HUR',
  minute: 'MIN',
  minutes: 'MIN',
  min: 'MIN',
  semaine: 'WEE',
  semaines: 'WEE',
  week: 'WEE',
  weeks: 'WEE',
  mois: 'MON',
  month: 'MON',
  months: 'MON',
  an: 'ANN',
  annee: 'ANN',
  ans: 'ANN',
  year: 'ANN',
  km: 'KMT',
  kilometre: 'KMT',
  kilometres: 'KMT',
  kg: 'KGM',
};

/** The Rec 20 code of a unit as typed; `C62` (one) when it has none. */
export function unitCode(unit: string | undefined): string {
  const key = (unit ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim()
    .replace(/\.$/, '');
  return CODES[key] ?? 'C62';
}
