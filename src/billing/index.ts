/**
 * The billing rules (SPEC §3.1–§3.4): parsed tabs → drafts, payables and billing calls, pure.
 * What is billed is told by the caller (`billed` item keys from the Lignes tab, billing calls
 * already made, deposits already issued); nothing here reads or writes a sheet.
 */
export type { Draft, LineOrigin, ItemPart, IssuedDeposit } from './draft';
export type {
  TrainingBlock,
  TrainingLineDetail,
  TrainingSessionBlock,
  TrainingUnit,
} from './training-block';
export { billedKey, isBilled, fingerprint, type Unbilled, type UnbilledReason } from './billed';
export {
  payableDueDate,
  MENTOR_PAYMENT_DAYS,
  type Payable,
  type PayableDue,
  type PayableKind,
  type PayableLine,
  type SessionDetail,
} from './payable';
export {
  mentoringBilling,
  billingCallKey,
  type BillingCall,
  type BillingCallLine,
  type MentoringInput,
  type MentoringResult,
} from './mentoring';
export { findRate, rateGrid, type RateGrid, type SessionType } from './rates';
export { timesheetBilling, type TimesheetInput, type TimesheetResult } from './timesheets';
export {
  trainingDrafts,
  billingModeOf,
  type BillingMode,
  type TrainingInput,
  type TrainingResult,
} from './training';
export { parseCoverage } from './coverage';
export {
  extraLineDrafts,
  depositDraftKey,
  depositPairOf,
  type ExtrasInput,
  type ExtrasResult,
} from './extra-lines';
export { agencyFee, agencyFeeSetting } from './agency';
export { organisationParty, clientParty, providerParty } from './parties';
