/**
 * Header and key matching: case, accents, spaces and punctuation are ignored, so
 * "N° SIRET", "n siret" and "NSiret" are the same header.
 */
export function normalizeName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}
