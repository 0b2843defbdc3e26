/**
 * No French sentence left in the code: every string literal of src/ (outside the catalogue)
 * that looks French — an accented letter, « guillemets », a typographic apostrophe, or a run of
 * French words — fails this test, naming its file and line. Move it to src/texts (fr.ts and
 * en.ts) and refer to it by its key. Codes kept in French in every workbook are listed below
 * as data; a literal of one character is data too (a transliteration table's entry).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const SRC = path.resolve(__dirname, '../../src');

/**
 * Data, not texts: the codes the register, the payment-status tab and the billing calls keep in
 * French whatever the workbook's language (SPEC §2.2 and §4), read back and compared by code.
 */
const DATA: ReadonlySet<string> = new Set([
  // Register (Factures): document statuses and directions.
  'émise',
  'envoyée',
  'à vérifier',
  'annulée par avoir',
  'à encaisser',
  'à payer',
  // Payment statuses (SPEC §4).
  'payée',
  'impayée',
  'annulée',
  // Byte-order marks of UTF-16 and UTF-8 text, as PDF strings show them.
  'þÿ',
  'ï»¿',
]);

/** Letters French has and English has not, the French quotes and the typographic apostrophe. */
const FRENCH_MARKS = /[àâäéèêëîïôöùûüÿçœæÀÂÄÉÈÊËÎÏÔÖÙÛÜŸÇŒÆ«»’]/;
/** Two French words in a row, the first a short grammatical one: `la facture`, `de paiement`. */
const FRENCH_WORDS =
  /(^|[\s(])(de|le|la|les|des|du|une|est|sont|pour|dans|avec|sans|aux|pas|sur|vos|votre|nous|vous)\s+[a-zà-ÿ]{2,}/i;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

/** The text of every string literal and template part of a file, with its line. */
function literals(file: string): { line: number; text: string }[] {
  const source = ts.createSourceFile(
    file,
    fs.readFileSync(file, 'utf8'),
    ts.ScriptTarget.ES2022,
    true,
  );
  const out: { line: number; text: string }[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      const inImport = ts.isImportDeclaration(node.parent) || ts.isExportDeclaration(node.parent);
      if (!inImport) {
        const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
        out.push({ line, text: node.text });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

function looksFrench(text: string): boolean {
  // One character is data, not a text: a transliteration table's entry, a quote to match.
  if ([...text].length <= 1) return false;
  if (DATA.has(text)) return false;
  return FRENCH_MARKS.test(text) || FRENCH_WORDS.test(text);
}

const files = sourceFiles(SRC)
  .map((f) => path.relative(SRC, f).split(path.sep).join('/'))
  .filter((f) => !f.startsWith('texts/'))
  .sort();

describe('texts live in the catalogue', () => {
  it('finds the code to scan', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it.each(files)('src/%s has no French sentence in its code', (file) => {
    const found = literals(path.join(SRC, file))
      .filter((l) => looksFrench(l.text))
      .map((l) => `${file}:${l.line}: ${JSON.stringify(l.text)}`);
    expect(found).toEqual([]);
  });

  it('tells a French sentence from the code around it', () => {
    expect(looksFrench('client inconnu « X »')).toBe(true);
    expect(looksFrench('Rien à facturer pour le moment')).toBe(true);
    expect(looksFrench('session de formation inconnue')).toBe(true);
    expect(looksFrench('voir la facture')).toBe(true);
    expect(looksFrench('no such date')).toBe(false);
    expect(looksFrench('à payer')).toBe(false);
    expect(looksFrench('font-family:Arial,sans-serif')).toBe(false);
    expect(looksFrench('«')).toBe(false);
    expect(looksFrench('’')).toBe(false);
    expect(looksFrench('« ')).toBe(true);
  });
});
