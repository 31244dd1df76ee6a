import type { FieldError } from '../../api/http';
import type { FeedbackSummary, FeedbackTag, OwnFeedback } from '../../api/types';
import type { Lang, MessageKey } from '../../i18n';

/** Limits of POST /api/v1/activities/{id}/feedback (docs/api-notes.md "Feedback"). */
export const MAX_COMMENT = 500;
export const MAX_TAGS = 5;

export type FeedbackField = 'rating' | 'tags' | 'comment';

export interface FieldMessage {
  field: FeedbackField | undefined;
  key?: MessageKey;
  /** The API's own text, when no message of ours fits its code. */
  text?: string;
}

/** Characters as the API counts them (code points, so an emoji is one). */
export function commentLength(text: string): number {
  return [...text].length;
}

/** Client-side checks mirror the API's; the API still decides (and its answers are shown the same way). */
export function validateFeedback(rating: number, tags: readonly string[], comment: string): FieldMessage[] {
  const problems: FieldMessage[] = [];
  if (!Number.isInteger(rating) || rating < 1 || rating > 5) problems.push({ field: 'rating', key: 'feedback.rating.required' });
  if (new Set(tags).size > MAX_TAGS) problems.push({ field: 'tags', key: 'feedback.tags.tooMany' });
  if (commentLength(comment) > MAX_COMMENT) problems.push({ field: 'comment', key: 'feedback.comment.tooLong' });
  return problems;
}

/** The form field an API field error belongs to (`tags[2]` → `tags`). */
export function feedbackField(errorField: string): FeedbackField | undefined {
  const plain = errorField.replace(/\[\d+\]$/, '');
  return plain === 'rating' || plain === 'tags' || plain === 'comment' ? plain : undefined;
}

const fieldMessages: Record<string, MessageKey> = {
  'rating:required': 'feedback.rating.required',
  'rating:range': 'feedback.rating.required',
  'rating:invalid-value': 'feedback.rating.required',
  'tags:too-many': 'feedback.tags.tooMany',
  'tags:unknown-tag': 'feedback.tags.unknown',
  'comment:too-long': 'feedback.comment.tooLong',
  'comment:invalid-text': 'feedback.comment.invalid',
};

/** Our message for an API field error (docs/problem-codes.md), else the API's own message. */
export function fieldMessage(error: FieldError): FieldMessage {
  const field = feedbackField(error.field);
  const key = field ? fieldMessages[`${field}:${error.code}`] : undefined;
  return key ? { field, key } : { field, text: error.message || error.code };
}

const problemMessages: Record<string, MessageKey> = {
  'not-checked-in': 'feedback.notCheckedIn',
  'feedback-closed': 'feedback.closed',
  'text-rejected': 'feedback.textRejected',
  'activity-not-found': 'feedback.unavailable',
};

/** The message for a refused save by problem code; undefined: the generic one by code or status. */
export function feedbackProblem(code: string): MessageKey | undefined {
  return problemMessages[code];
}

/** What the participant is told after saving: a held or hidden comment is not public (yet). */
export function savedMessage(state: OwnFeedback['state']): MessageKey {
  return state === 'VISIBLE' ? 'feedback.thanks' : state === 'HELD' ? 'feedback.held' : 'feedback.hidden';
}

/** A tag code's label in the language, from the API's vocabulary; an unknown code shows as it is. */
export function tagLabel(tags: readonly FeedbackTag[], code: string, lang: Lang): string {
  const tag = tags.find((t) => t.code === code);
  if (!tag) return code;
  return lang === 'en' ? tag.en : tag.zh;
}

/** Histogram rows from 5 stars down, with their share of all ratings in whole percent. */
export function histogramRows(summary: FeedbackSummary): { stars: number; count: number; percent: number }[] {
  const rows = [];
  for (let stars = 5; stars >= 1; stars--) {
    const count = Number(summary.histogram[String(stars)] ?? 0) || 0;
    rows.push({ stars, count, percent: summary.count > 0 ? Math.round((count / summary.count) * 100) : 0 });
  }
  return rows;
}
