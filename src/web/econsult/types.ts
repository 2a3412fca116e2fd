// The shapes of the e-consultation API as the server sends them, and the questionnaire types the form is built from.
export type {
  CaseEventView,
  CaseOutcome,
  CaseStatus,
  CaseSummary,
  CaseView,
  ClinicRef,
  ClosingOutcome,
  EarlierCaseView,
  EconsultSetup,
  FlagView,
  MessageView,
  PersonRef,
  PhotoView,
  PriceView,
  QueueItem,
  QueueView,
  ReasonSummaryView,
  StaffCaseView,
  SubmitResult,
  Urgency,
} from '../../shared/econsult-api.ts';

