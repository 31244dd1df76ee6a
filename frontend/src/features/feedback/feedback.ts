import { ApiError, getJson, sendJson } from '../../api/http';
import type { FeedbackPage } from '../../api/types';
import { currentLang, errorMessage, t, type MessageKey } from '../../i18n';
import { h } from '../../ui/dom';
import { formatDateTime } from '../../ui/format';
import { setStatus, statusLine } from '../../ui/widgets';

export const FEEDBACK_TAGS = ['informative', 'fun', 'well-organized', 'good-for-kids', 'good-venue', 'too-crowded'] as const;
export const MAX_COMMENT = 500;

/** Client-side checks mirror the API's (rating 1–5, comment ≤ 500): the API still decides. */
export function validateFeedback(rating: number, comment: string): MessageKey[] {
  const problems: MessageKey[] = [];
  if (!Number.isInteger(rating) || rating < 1 || rating > 5) problems.push('feedback.rating.required');
  if ([...comment].length > MAX_COMMENT) problems.push('feedback.comment.tooLong');
  return problems;
}

/** Stars, tags and a comment (POST …/feedback); 403 not-checked-in explains that check-in comes first. */
export function feedbackForm(activityId: string, onSaved?: () => void): HTMLElement {
  const stars = h('fieldset', { class: 'stars' }, h('legend', {}, t('feedback.rating')));
  for (let n = 1; n <= 5; n++) {
    const id = `rating-${n}`;
    stars.append(h('span', { class: 'star' }, h('input', { type: 'radio', name: 'rating', id, value: n }), h('label', { for: id }, t('feedback.stars', { n }))));
  }
  const tags = h('fieldset', { class: 'tags' }, h('legend', {}, t('feedback.tags')));
  for (const tag of FEEDBACK_TAGS) {
    const id = `tag-${tag}`;
    tags.append(h('span', { class: 'tag' }, h('input', { type: 'checkbox', name: 'tags', id, value: tag }), h('label', { for: id }, t(`feedback.tag.${tag}` as MessageKey))));
  }
  const comment = h('textarea', { id: 'feedback-comment', name: 'comment', rows: 4, maxlength: MAX_COMMENT, 'aria-describedby': 'feedback-comment-hint' });
  const status = statusLine();
  const form = h(
    'form',
    { class: 'feedback-form', novalidate: true },
    stars,
    tags,
    h('div', { class: 'field' }, h('label', { for: comment.id }, t('feedback.comment')), h('p', { class: 'hint', id: 'feedback-comment-hint' }, t('feedback.comment.hint', { max: MAX_COMMENT })), comment),
    h('button', { type: 'submit', class: 'button' }, t('feedback.submit')),
    status,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const rating = Number(data.get('rating'));
    const text = comment.value.trim();
    const problems = validateFeedback(rating, text);
    if (problems.length) return setStatus(status, problems.map((k) => t(k)).join(' '), true);
    setStatus(status, t('page.saving'));
    try {
      await sendJson('POST', `/api/v1/activities/${activityId}/feedback`, { rating, tags: data.getAll('tags').map(String), comment: text || null });
      setStatus(status, t('feedback.thanks'));
      onSaved?.();
    } catch (error) {
      const fields = error instanceof ApiError ? error.errors?.map((f) => `${f.field}: ${f.message}`).join('；') : '';
      setStatus(status, error instanceof ApiError && error.code === 'not-checked-in' ? t('feedback.notCheckedIn') : `${errorMessage(error)} ${fields ?? ''}`.trim(), true);
    }
  });
  return form;
}

/** Summary and the listed comments (comments are text nodes: user text never becomes markup). */
export async function feedbackList(activityId: string): Promise<HTMLElement> {
  const box = h('div', { class: 'feedback-list' });
  try {
    const page = await getJson<FeedbackPage>(`/api/v1/activities/${activityId}/feedback`);
    const s = page.summary;
    box.append(h('p', { class: 'rating-summary' }, s.count ? t('feedback.summary', { average: (s.average ?? 0).toFixed(1), count: s.count }) : t('feedback.none')));
    if (page.items.length) {
      box.append(
        h(
          'ul',
          { class: 'comments' },
          ...page.items.map((i) =>
            h(
              'li',
              {},
              h('p', { class: 'comment-meta' }, t('feedback.stars', { n: i.rating }), ' · ', formatDateTime(i.createdAt, currentLang())),
              i.comment ? h('p', { class: 'comment-text' }, i.comment) : null,
              i.tags.length ? h('p', { class: 'comment-tags' }, i.tags.map((tag) => (FEEDBACK_TAGS as readonly string[]).includes(tag) ? t(`feedback.tag.${tag}` as MessageKey) : tag).join('、')) : null,
              i.reply ? h('p', { class: 'comment-reply' }, t('feedback.reply'), i.reply) : null,
            ),
          ),
        ),
      );
    }
  } catch (error) {
    box.append(h('p', { class: 'muted' }, error instanceof ApiError && error.status === 404 ? t('feedback.unavailable') : errorMessage(error)));
  }
  return box;
}

export function feedbackSection(activityId: string, invite: boolean): HTMLElement {
  const section = h('section', { class: 'feedback', 'aria-labelledby': 'feedback-heading', id: 'feedback' }, h('h2', { id: 'feedback-heading' }, t(invite ? 'feedback.invite' : 'feedback.heading')));
  const listHost = h('div', {});
  const refresh = async () => listHost.replaceChildren(await feedbackList(activityId));
  section.append(listHost, feedbackForm(activityId, () => void refresh()));
  void refresh();
  return section;
}
