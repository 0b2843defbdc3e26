/**
 * What a person does in the Docs editor that no script can do, for tests and demos that play
 * the users: insert page numbers (Insert › Page numbers, then the page count), which only the
 * editor inserts (doc-model.ts, AUTO_PAGE_NUMBER). The paragraph goes at the end of the Doc's
 * footer, made if it has none: `<before><page number><between><page count>`.
 */
import {
  AUTO_PAGE_COUNT,
  AUTO_PAGE_NUMBER,
  newParagraph,
  type Align,
  type TextStyle,
} from './doc-model';
import type { World } from './world';

export interface PageNumbers {
  before?: string;
  between?: string;
  align?: Align;
  style?: TextStyle;
}

export function insertPageNumbers(world: World, fileId: string, opts: PageNumbers = {}): void {
  // Between executions: what scripts left open is saved first.
  world.drive.settleAll();
  const f = world.drive.file(fileId);
  if (!f?.doc) throw new Error(`No Google Doc with id ${fileId}`);
  const footer = f.doc.footer ?? { kind: 'section', blocks: [] };
  f.doc.footer = footer;
  const p = newParagraph(
    `${opts.before ?? ''}${AUTO_PAGE_NUMBER}${opts.between ?? ' / '}${AUTO_PAGE_COUNT}`,
    opts.style ?? {},
  );
  p.align = opts.align ?? 'RIGHT';
  footer.blocks.push(p);
  f.updated = new Date(world.nowMs()).toISOString();
}
