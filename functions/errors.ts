import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * Every error code the API answers with, declared once: the `ErrorCode` type and the runtime list
 * (`isErrorCode`) both come from here. Codes are catalogue keys under `errors.` (e.g. `email.invalid`
 * → `errors.email.invalid`), so every failure has one translated message in every locale; a test
 * (functions/errors.test.ts) fails when a code has no message in a locale's catalogue.
 */
export const errorCodes = [
  'validation.failed',
  'text.controlInLine',
  'text.control',
  'email.required',
  'email.invalid',
  'email.tooLong',
  'request.notFound',
  'request.methodNotAllowed',
  'request.forbiddenOrigin',
  'request.unsupportedMediaType',
  'request.tooLarge',
  'request.rateLimited',
  'auth.required',
  'auth.forbidden',
  'role.invalid',
  'role.confirmAdmin',
  'passkey.expired',
  'passkey.failed',
  'passkey.nameTooLong',
  'feedback.studentsInvalid',
  'feedback.ageGroupRequired',
  'feedback.schoolTypeRequired',
  'feedback.commentTooLong',
  'pow.required',
  'pow.invalid',
  'pow.replayed',
  'user.notFound',
  'upload.notFound',
  'upload.purposeInvalid',
  'upload.empty',
  'upload.sizeInvalid',
  'upload.tooLarge',
  'upload.typeRejected',
  'upload.imageTooLarge',
  'upload.imageUnreadable',
  'upload.lengthRequired',
  'upload.partInvalid',
  'upload.partSize',
  'upload.notPending',
  'upload.incomplete',
  'upload.blindUnsupported',
  'server.internal',
  'server.unavailable',
  'competition.closed',
  'competition.notOpen',
  'competition.notEligible',
  'competition.codeInvalid',
  'competition.tooLong',
  'competition.url',
  'competition.date',
  'competition.language',
  'competition.country',
  'competition.time',
  'competition.year',
  'competition.order',
  'competition.list',
  'competition.slug',
  'competition.number',
  'competition.fileSize',
  'competition.languageUnknown',
  'competition.languagesRequired',
  'competition.fileTypeUnknown',
  'competition.fileTypesRequired',
  'competition.decision',
  'competition.reasonRequired',
  'competition.category',
  'competition.problem.categoryRequired',
  'competition.problem.required',
  'competition.problem.outsideWindow',
  'competition.problem.languageNotAccepted',
  'competition.problem.translationRequired',
  'competition.problem.authorRequired',
  'competition.problem.filesMissing',
  'competition.problem.fileTypeNotAccepted',
  'competition.problem.fileTooLarge',
  'competition.problem.capReached',
  'competition.problem.declarationMissing',
  'lunch.roleRequired',
  'lunch.phoneInvalid',
  'lunch.languagesRequired',
  'lunch.notInList',
  'lunch.townRequired',
  'lunch.travelInvalid',
  'lunch.adultsInvalid',
  'lunch.childrenInvalid',
  'lunch.seatsRequired',
  'lunch.textTooLong',
  'lunch.consentRequired',
  'lunch.conductRequired',
  'lunch.consentRecordedRequired',
  'lunch.contactRequired',
  'lunch.dateInvalid',
  'lunch.formatRequired',
  'lunch.placesInvalid',
  'lunch.retentionInvalid',
  'lunch.deadlineAfterDay',
  'lunch.dayNotFound',
  'lunch.signupClosed',
  'lunch.idempotencyMismatch',
  'lunch.emailTaken',
  'lunch.linkInvalid',
  'lunch.pairInvalid',
  'lunch.pairBreaksRules',
  'lunch.pairTaken',
  'lunch.changeClosed',
  'lunch.ratingRequired',
  'lunch.meetAgainRequired',
  'lunch.commentTooLong',
  'lunch.contactNameRequired',
  'lunch.contactNameTooLong',
  'lunch.timeInvalid',
  'lunch.endBeforeStart',
  'lunch.surveyAnswered',
  'jury.tooLong',
  'jury.language',
  'jury.level',
  'jury.languagesRequired',
  'jury.number',
  'jury.time',
  'jury.kind',
  'jury.source',
  'jury.visibility',
  'jury.conflictKind',
  'jury.nameRequired',
  'jury.reasonRequired',
  'jury.scoreInvalid',
  'jury.invitationInvalid',
  'jury.roundClosed',
  'jury.versionConflict',
  'jury.conflicted',
  'jury.noReader',
  'jury.reviewStarted',
  'jury.positionTaken',
  'jury.reviewsExist',
  'jury.incomplete',
  'jury.conflictNotFound',
  'jury.notInRound',
  'publication.tooLong',
  'publication.place',
  'publication.reasonRequired',
  'publication.notCandidate',
  'publication.placeTaken',
  'publication.notDraft',
  'publication.notLocked',
  'publication.notLockedYet',
  'publication.noWinner',
  'shortlist.reasonRequired',
  'shortlist.reasonTooLong',
  'shortlist.size',
  'shortlist.chooseEntries',
  'shortlist.way',
  'shortlist.tieUndecided',
  'shortlist.nextRoundStarted',
  'ballot.rankInvalid',
  'ballot.empty',
  'ballot.notRanked',
  'ballot.versionConflict',
  'ballot.rankOnReview',
  'jury.languageNotAccepted',
  'jury.expertise',
  'jury.jurorRequired',
  'jury.entryRequired',
  'jury.tooMany',
  'jury.version',
  'jury.verdict',
  'form.unknownChoice',
  'votes.entryRequired',
  'votes.notOpen',
  'votes.closed',
  'votes.linkInvalid',
  'votes.order',
  'votes.afterResults',
  'votes.nothingToVote',
  'time.impossible',
  'time.skipped',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

const errorCodeSet: ReadonlySet<string> = new Set(errorCodes);

/** Whether a string is one of the error codes (e.g. a zod issue's message set by a schema). */
export const isErrorCode = (value: unknown): value is ErrorCode => typeof value === 'string' && errorCodeSet.has(value);

/** One problem with one input field. */
export interface FieldError {
  field: string;
  code: ErrorCode;
}

/** The one error type services and routes throw; `app.onError` turns it into a response. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: ContentfulStatusCode,
    readonly fields: readonly FieldError[] = [],
    /** Sent as Retry-After: when the client may try again (429, 503). */
    readonly retryAfterSeconds?: number,
    /** Extra machine-readable data for the client, e.g. the proof-of-work challenge with a 429. */
    readonly details?: Record<string, unknown>,
  ) {
    super(code);
    this.name = 'AppError';
  }
}

/** The body of every failed API response. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  requestId: string;
  fields?: { field: string; code: ErrorCode; message: string }[];
  details?: Record<string, unknown>;
}

/** Builds the error body with messages in the request's language. */
export function errorBody(error: AppError, requestId: string, translate: (key: string) => string): ErrorBody {
  const body: ErrorBody = { code: error.code, message: translate(`errors.${error.code}`), requestId };
  if (error.fields.length > 0) {
    body.fields = error.fields.map((f) => ({ ...f, message: translate(`errors.${f.code}`) }));
  }
  if (error.details) body.details = error.details;
  return body;
}
