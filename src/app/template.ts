/** The template check as a run step: read the template's placeholders, report what is wrong. */
import { problem } from '../sheets/problems';
import { checkTemplate, templateFindings, type TemplateCheck } from '../render/template-check';
import type { RunContext } from './run-context';

/**
 * Checks the template named in the settings and reports each finding in the Journal at the
 * template's settings cell. Returns null when there is no template to check.
 */
export function checkTemplateOf(ctx: RunContext): TemplateCheck | null {
  const templateId = ctx.settings.templateId;
  if (!templateId || !ctx.ports.drive.fileExists(templateId)) return null;
  const check = checkTemplate(ctx.ports.docs.templatePlaceholders(templateId));
  const tab = ctx.sheetName('settings') ?? '';
  const row = ctx.settingsInfo.rows.get('templateId');
  for (const f of templateFindings(check)) {
    ctx.report(problem('template', tab, row ? `B${row}` : '', templateId, f.message, f.level));
  }
  return check;
}
