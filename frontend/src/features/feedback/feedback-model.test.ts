import { describe, expect, it } from 'vitest';
import type { FeedbackTag } from '../../api/types';
import { commentLength, feedbackField, feedbackProblem, fieldMessage, histogramRows, savedMessage, tagLabel, validateFeedback } from './feedback-model';

const tags: FeedbackTag[] = [
  { code: 'INTERESTING', zh: '内容有趣', en: 'Interesting', positive: true },
  { code: 'HARD_TO_REACH', zh: '场地不便', en: 'Hard to reach', positive: false },
];

describe('feedback checks before sending', () => {
  it('asks for a whole rating from 1 to 5', () => {
    expect(validateFeedback(0, [], '')).toEqual([{ field: 'rating', key: 'feedback.rating.required' }]);
    expect(validateFeedback(4.5, [], '')).toEqual([{ field: 'rating', key: 'feedback.rating.required' }]);
    expect(validateFeedback(6, [], '')).toEqual([{ field: 'rating', key: 'feedback.rating.required' }]);
    expect(validateFeedback(5, [], '')).toEqual([]);
  });

  it('allows five different tags (repeats count once) and 500 characters counted as code points', () => {
    expect(validateFeedback(3, ['A', 'B', 'C', 'D', 'E', 'E'], '')).toEqual([]);
    expect(validateFeedback(3, ['A', 'B', 'C', 'D', 'E', 'F'], '')).toEqual([{ field: 'tags', key: 'feedback.tags.tooMany' }]);
    expect(validateFeedback(3, [], '好'.repeat(500))).toEqual([]);
    expect(validateFeedback(3, [], '😀'.repeat(500))).toEqual([]);
    expect(commentLength('😀好')).toBe(2);
    expect(validateFeedback(3, [], '好'.repeat(501))).toEqual([{ field: 'comment', key: 'feedback.comment.tooLong' }]);
  });
});

describe('the API answers shown at their fields', () => {
  it('maps field errors of docs/problem-codes.md to fields and messages', () => {
    expect(fieldMessage({ field: 'rating', code: 'range', message: 'x' })).toEqual({ field: 'rating', key: 'feedback.rating.required' });
    expect(fieldMessage({ field: 'tags[3]', code: 'unknown-tag', message: 'x' })).toEqual({ field: 'tags', key: 'feedback.tags.unknown' });
    expect(fieldMessage({ field: 'tags', code: 'too-many', message: 'x' })).toEqual({ field: 'tags', key: 'feedback.tags.tooMany' });
    expect(fieldMessage({ field: 'comment', code: 'invalid-text', message: 'x' })).toEqual({ field: 'comment', key: 'feedback.comment.invalid' });
    expect(fieldMessage({ field: 'comment', code: 'too-long', message: 'x' })).toEqual({ field: 'comment', key: 'feedback.comment.tooLong' });
  });

  it("keeps the API's text for codes it does not know, and errors of unknown fields stay at the top", () => {
    expect(fieldMessage({ field: 'comment', code: 'brand-new', message: 'Something new.' })).toEqual({ field: 'comment', text: 'Something new.' });
    expect(fieldMessage({ field: 'mood', code: 'unknown-field', message: 'Unknown field.' })).toEqual({ field: undefined, text: 'Unknown field.' });
    expect(feedbackField('tags[10]')).toBe('tags');
    expect(feedbackField('rating.x')).toBeUndefined();
  });

  it('explains refusals by problem code and what happens to a held comment', () => {
    expect(feedbackProblem('not-checked-in')).toBe('feedback.notCheckedIn');
    expect(feedbackProblem('feedback-closed')).toBe('feedback.closed');
    expect(feedbackProblem('text-rejected')).toBe('feedback.textRejected');
    expect(feedbackProblem('rate-limited')).toBeUndefined();
    expect(savedMessage('VISIBLE')).toBe('feedback.thanks');
    expect(savedMessage('HELD')).toBe('feedback.held');
    expect(savedMessage('REPORTED')).toBe('feedback.hidden');
  });
});

describe('feedback display', () => {
  it('labels tags from the vocabulary in the language, unknown codes as they are', () => {
    expect(tagLabel(tags, 'INTERESTING', 'zh-CN')).toBe('内容有趣');
    expect(tagLabel(tags, 'HARD_TO_REACH', 'en')).toBe('Hard to reach');
    expect(tagLabel(tags, 'NEW_TAG', 'zh-CN')).toBe('NEW_TAG');
  });

  it('turns the histogram into rows from 5 stars down with whole percentages', () => {
    const rows = histogramRows({ average: 4.3, count: 3, histogram: { '1': 0, '2': 0, '3': 1, '4': 0, '5': 2 } });
    expect(rows.map((r) => [r.stars, r.count, r.percent])).toEqual([
      [5, 2, 67],
      [4, 0, 0],
      [3, 1, 33],
      [2, 0, 0],
      [1, 0, 0],
    ]);
    expect(histogramRows({ average: null, count: 0, histogram: {} }).every((r) => r.percent === 0)).toBe(true);
  });
});
