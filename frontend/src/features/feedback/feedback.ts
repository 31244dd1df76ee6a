import { ApiError, getJson, sendJson } from '../../api/http';
import type { FeedbackItem, FeedbackPage, FeedbackTag, OwnFeedback } from '../../api/types';
import { currentLang, errorMessage, t } from '../../i18n';
import { h } from '../../ui/dom';
import { formatDateTime } from '../../ui/format';
import { setStatus, statusLine } from '../../ui/widgets';
import {
  commentLength,
  feedbackProblem,
  fieldMessage,
  histogramRows,
  MAX_COMMENT,
  MAX_TAGS,
  savedMessage,
  tagLabel,
  validateFeedback,
  type FeedbackField,
  type FieldMessage,
} from './feedback-model';

/** Comments per page of the list: the API's largest page, so 200 comments are four requests. */
const PAGE_SIZE = 50;

let tagVocabulary: Promise<FeedbackTag[]> | undefined;

/** The tag vocabulary (GET /api/v1/feedback/tags), loaded once per page; empty when unavailable. */
export function loadTags(): Promise<FeedbackTag[]> {
  tagVocabulary ??= getJson<{ items: FeedbackTag[] }>('/api/v1/feedback/tags').then(
    (r) => r.items,
    () => [],
  );
  return tagVocabulary;
}

/**
 * Stars, tags and a comment (POST …/feedback). The participant's earlier feedback is loaded to be edited;
 * the API's validation messages are shown at their fields, its refusals (not checked in, closed, blocked
 * words) above the button.
 */
export async function feedbackForm(activityId: string, onSaved?: () => void): Promise<HTMLElement> {
  const [tags, mine] = await Promise.all([loadTags(), loadMine(activityId)]);
  const lang = currentLang();

  const stars = h('fieldset', { class: 'stars', id: 'feedback-rating' }, h('legend', {}, t('feedback.rating')));
  for (let n = 1; n <= 5; n++) {
    const id = `rating-${n}`;
    stars.append(h('span', { class: 'star' }, h('input', { type: 'radio', name: 'rating', id, value: n, checked: mine?.rating === n }), h('label', { for: id }, t('feedback.stars', { n }))));
  }
  const tagBox = h('fieldset', { class: 'tags', id: 'feedback-tags' }, h('legend', {}, t('feedback.tags', { max: MAX_TAGS })));
  for (const tag of tags) {
    const id = `tag-${tag.code}`;
    tagBox.append(h('span', { class: 'tag' }, h('input', { type: 'checkbox', name: 'tags', id, value: tag.code, checked: !!mine?.tags.includes(tag.code) }), h('label', { for: id }, tagLabel(tags, tag.code, lang))));
  }
  const comment = h('textarea', { id: 'feedback-comment', name: 'comment', rows: 4, maxlength: MAX_COMMENT, 'aria-describedby': 'feedback-comment-hint' });
  comment.value = mine?.comment ?? '';
  const counter = h('span', { class: 'counter' });
  const count = () => (counter.textContent = t('feedback.comment.count', { n: commentLength(comment.value), max: MAX_COMMENT }));
  count();
  comment.addEventListener('input', count);
  const commentField = h('div', { class: 'field', id: 'feedback-comment-field' }, h('label', { for: comment.id }, t('feedback.comment')), h('p', { class: 'hint', id: 'feedback-comment-hint' }, t('feedback.comment.hint', { max: MAX_COMMENT }), ' ', counter), comment);

  const summary = h('div', { class: 'form-errors', id: 'feedback-errors', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'button' }, t(mine ? 'feedback.update' : 'feedback.submit'));
  const status = statusLine();
  status.id = 'feedback-status';
  const form = h(
    'form',
    { class: 'feedback-form', novalidate: true, 'aria-labelledby': 'feedback-heading' },
    mine ? h('p', { class: 'hint' }, t('feedback.editing')) : null,
    summary,
    stars,
    tags.length ? tagBox : null,
    commentField,
    submit,
    status,
  );
  const targets: Record<FeedbackField, HTMLElement> = { rating: stars, tags: tagBox, comment: commentField };

  const showErrors = (messages: FieldMessage[]) => {
    for (const el of form.querySelectorAll('.field-error')) el.remove();
    for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    for (const target of Object.values(targets)) target.classList.remove('has-error');
    comment.setAttribute('aria-describedby', 'feedback-comment-hint');
    summary.replaceChildren();
    if (!messages.length) return;
    const list = h('ul', {});
    for (const m of messages) {
      const text = m.key ? t(m.key) : (m.text ?? '');
      const target = m.field ? targets[m.field] : undefined;
      if (target) {
        const id = `feedback-error-${m.field}`;
        target.classList.add('has-error');
        if (!target.querySelector(`#${id}`)) target.append(h('p', { class: 'field-error', id, 'data-field': m.field }, text));
        if (m.field === 'comment') {
          comment.setAttribute('aria-invalid', 'true');
          comment.setAttribute('aria-describedby', `feedback-comment-hint ${id}`);
        } else {
          for (const input of target.querySelectorAll('input')) input.setAttribute('aria-invalid', 'true');
        }
      }
      list.append(h('li', {}, target ? h('a', { href: `#${target.id}` }, text) : text));
    }
    summary.append(list);
  };

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const rating = Number(data.get('rating'));
    const chosen = data.getAll('tags').map(String);
    const text = comment.value.trim();
    const problems = validateFeedback(rating, chosen, text);
    showErrors(problems);
    if (problems.length) return setStatus(status, '');
    setStatus(status, t('page.saving'));
    try {
      const saved = await sendJson<OwnFeedback>('POST', `/api/v1/activities/${activityId}/feedback`, { rating, tags: chosen, comment: text || null });
      setStatus(status, t(savedMessage(saved.state)));
      submit.textContent = t('feedback.update'); // from now on the same feedback is edited
      onSaved?.();
    } catch (error) {
      if (error instanceof ApiError && error.errors?.length) {
        showErrors(error.errors.map(fieldMessage));
        setStatus(status, errorMessage(error), true);
      } else {
        const key = error instanceof ApiError ? feedbackProblem(error.code) : undefined;
        setStatus(status, key ? t(key) : errorMessage(error), true);
      }
    }
  });
  return form;
}

/** The participant's own feedback, to edit; none when there is none (404) or no participant cookie. */
async function loadMine(activityId: string): Promise<OwnFeedback | undefined> {
  try {
    return await getJson<OwnFeedback>(`/api/v1/activities/${activityId}/feedback/mine`);
  } catch {
    return undefined;
  }
}

/** Summary, histogram and the listed comments, 50 at a time (comments are text nodes, never markup). */
export async function feedbackList(activityId: string): Promise<HTMLElement> {
  const box = h('div', { class: 'feedback-list', id: 'feedback-list' });
  let tags: FeedbackTag[];
  let first: FeedbackPage;
  try {
    [tags, first] = await Promise.all([loadTags(), fetchPage(activityId)]);
  } catch (error) {
    box.append(h('p', { class: 'muted' }, error instanceof ApiError && error.status === 404 ? t('feedback.unavailable') : errorMessage(error)));
    return box;
  }
  const s = first.summary;
  box.append(h('p', { class: 'rating-summary' }, s.count && s.average !== null ? t('feedback.summary', { average: s.average.toFixed(1), count: s.count }) : t('feedback.none')));
  if (s.count) {
    box.append(
      h(
        'table',
        { class: 'bars histogram' },
        h('caption', {}, t('feedback.histogram')),
        h(
          'tbody',
          {},
          ...histogramRows(s).map((row) => {
            const bar = h('span', { class: 'bar', 'aria-hidden': 'true' });
            bar.style.width = `${row.percent}%`;
            return h('tr', {}, h('th', { scope: 'row' }, t('feedback.stars', { n: row.stars })), h('td', {}, h('span', { class: 'bar-track' }, bar), h('span', { class: 'bar-value' }, String(row.count))));
          }),
        ),
      ),
    );
  }
  const list = h('ul', { class: 'comments', id: 'feedback-comments' });
  const more = h('button', { type: 'button', class: 'button secondary', id: 'feedback-more' }, t('feedback.more'));
  const status = statusLine();
  box.append(list, more, status);
  let cursor = first.nextCursor;
  const show = (page: FeedbackPage) => {
    list.append(...page.items.map((i) => commentItem(i, tags)));
    cursor = page.nextCursor;
    more.hidden = !cursor;
  };
  show(first);
  more.addEventListener('click', async () => {
    if (!cursor) return;
    more.disabled = true;
    setStatus(status, t('page.loading'));
    try {
      show(await fetchPage(activityId, cursor));
      setStatus(status, t('feedback.shown', { n: list.children.length }));
    } catch (error) {
      setStatus(status, errorMessage(error), true);
    } finally {
      more.disabled = false;
    }
  });
  return box;
}

function fetchPage(activityId: string, cursor?: string): Promise<FeedbackPage> {
  return getJson<FeedbackPage>(`/api/v1/activities/${activityId}/feedback`, { cursor, size: PAGE_SIZE });
}

function commentItem(i: FeedbackItem, tags: FeedbackTag[]): HTMLElement {
  const lang = currentLang();
  return h(
    'li',
    { 'data-id': i.id },
    h('p', { class: 'comment-meta' }, h('span', { class: 'comment-stars' }, t('feedback.stars', { n: i.rating })), ' · ', formatDateTime(i.createdAt, lang)),
    i.tags.length ? h('p', { class: 'comment-tags' }, i.tags.map((code) => tagLabel(tags, code, lang)).join('、')) : null,
    i.comment ? h('p', { class: 'comment-text' }, i.comment) : null,
    i.reply ? h('p', { class: 'comment-reply' }, h('strong', {}, t('feedback.reply')), i.reply.text) : null,
  );
}

/** The activity's feedback section: the list, and the form when the visitor is invited (after check-in). */
export function feedbackSection(activityId: string, invite: boolean): HTMLElement {
  const section = h('section', { class: 'feedback', 'aria-labelledby': 'feedback-heading', id: 'feedback' }, h('h2', { id: 'feedback-heading' }, t(invite ? 'feedback.invite' : 'feedback.heading')));
  const listHost = h('div', {});
  const formHost = h('div', {});
  const refresh = async () => listHost.replaceChildren(await feedbackList(activityId));
  section.append(formHost, listHost);
  const loadForm = () => feedbackForm(activityId, () => void refresh()).then((form) => formHost.replaceChildren(form));
  if (invite) void loadForm();
  else {
    // Only participants who checked in may rate (the cookie is HttpOnly, so the API decides): offered, not pushed.
    const open = h('details', { class: 'disclosure', id: 'feedback-open' }, h('summary', {}, t('feedback.write')));
    open.addEventListener('toggle', () => {
      if (open.open && !open.querySelector('form')) void feedbackForm(activityId, () => void refresh()).then((form) => open.append(form));
    });
    formHost.append(open);
  }
  void refresh();
  return section;
}
