/**
 * The labels of the Bilan pédagogique et financier, cerfa n° 10443*17: the form's own wording,
 * kept as the form prints it. The form exists in French only, so these labels have no English
 * text and are not in the catalogue's two languages; accounting/bpf.ts reads them from here.
 * The codes are the form's line numbers (cadre C) and letters (cadre F-1).
 */

/** Cadre C's lines that receive amounts (line 2 and the total are sums). */
export const CERFA_BPF_C_LINES = [
  ['1', 'des entreprises pour la formation de leurs salariés'],
  ['2a', 'des contrats d’apprentissage'],
  ['2b', 'des contrats de professionnalisation'],
  ['2c', 'de la promotion ou de la reconversion par alternance'],
  ['2d', 'des projets de transition professionnelle'],
  ['2e', 'du compte personnel de formation'],
  ['2f', 'des dispositifs spécifiques pour les personnes en recherche d’emploi'],
  ['2g', 'des dispositifs spécifiques pour les travailleurs non-salariés'],
  ['2h', 'du plan de développement des compétences ou d’autres dispositifs'],
  [
    '3',
    'des pouvoirs publics pour la formation de leurs agents (État, collectivités territoriales, établissements publics à caractère administratif)',
  ],
  ['4', 'Instances européennes'],
  ['5', 'État'],
  ['6', 'Conseils régionaux'],
  ['7', 'France travail (ex Pôle emploi)'],
  ['8', 'Autres ressources publiques'],
  ['9', 'de contrats conclus avec des personnes à titre individuel et à leurs frais'],
  ['10', 'de contrats conclus avec d’autres organismes de formation (y compris CFA)'],
  ['11', 'Autres produits au titre de la formation professionnelle'],
] as const;

export const CERFA_BPF_C_LINE_2 =
  'Total des produits provenant des organismes gestionnaires des fonds de la formation professionnelle (total des lignes a à h)';
export const CERFA_BPF_C_TOTAL =
  'Total des produits réalisés au titre de la formation professionnelle (total des lignes 1 à 11)';

/** Cadre F-1, « Type de stagiaires de l'organisme ». */
export const CERFA_BPF_F1_LINES = [
  ['a', 'Salariés d’employeurs privés hors apprentis'],
  ['b', 'Apprentis'],
  ['c', 'Personnes en recherche d’emploi formées par votre organisme de formation'],
  ['d', 'Particuliers à leurs propres frais formés par votre organisme de formation'],
  ['e', 'Autres stagiaires'],
] as const;

export const CERFA_BPF_F1_TOTAL = 'Total';
