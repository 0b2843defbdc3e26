/**
 * Mandatory mentions, both sides: what an invoice prints (`legalMentions` and the legal texts)
 * and what it lacks before it may be issued (`missingMentions`).
 */
export * from './legal-texts';
export { checkMentions, missingMentions, type MentionCheckOptions } from './missing-mentions';
