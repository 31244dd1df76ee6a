import { ApiError, getJson, sendJson } from '../../api/http';
import type { Enums, Me, OwnActivity } from '../../api/types';
import type { Route } from '../../app/routes';
import { currentLang, errorMessage, t, type MessageKey } from '../../i18n';
import { h } from '../../ui/dom';
import { formatRange } from '../../ui/format';
import { button, errorBox, pageHeading, setStatus, showPage, statusLine } from '../../ui/widgets';
import { labelOf, loadEnums } from '../activity/labels';
import { accountBar, requireAccount } from '../organizer/auth';

export const SCORES = ['mobilization', 'scale', 'publicity', 'volunteers', 'jointAction', 'onlineReach'] as const;

/** 审核台: the queue of the reviewer's subtree, approve or reject with a reason, 推优 scores. */
export async function mount(main: HTMLElement, route: Route): Promise<void> {
  const me = await requireAccount(main, 'REVIEWER');
  if (!me) return;
  const enums = await loadEnums().catch(() => undefined);
  if (route.name === 'review-activity') return detail(main, me, enums, route.id as string);
  return queue(main, me, enums);
}

async function queue(main: HTMLElement, me: Me, enums: Enums | undefined): Promise<void> {
  const status = statusLine();
  const list = h('ul', { class: 'own-list', id: 'review-queue' });
  showPage(main, t('review.heading'), accountBar(me), pageHeading(t('review.heading')), h('p', { class: 'actions' }, h('a', { class: 'button secondary', href: '/review/stats' }, t('stats.heading')), h('a', { class: 'button secondary', href: '/big-screen' }, t('big.heading'))), status, list);
  setStatus(status, t('page.loading'));
  try {
    const page = await getJson<{ items: OwnActivity[]; nextCursor: string | null }>('/api/v1/review/activities', { status: 'SUBMITTED', size: 100 });
    setStatus(status, t('review.count', { count: page.items.length }));
    list.replaceChildren(...page.items.map((a) => queueItem(a, enums, () => void queue(main, me, enums))));
  } catch (error) {
    setStatus(status, errorMessage(error), true);
  }
}

function queueItem(a: OwnActivity, enums: Enums | undefined, reload: () => void): HTMLElement {
  const out = statusLine();
  return h(
    'li',
    { class: 'own-item', 'data-id': a.id },
    h('h2', { class: 'card-title' }, h('a', { href: `/review/activities/${a.id}` }, a.title)),
    h('p', { class: 'card-meta' }, `${a.organizer.name} · ${formatRange(a.startsAt, a.endsAt, currentLang())} · ${labelOf(enums?.format, a.format)}`),
    a.possibleDuplicates?.length ? h('p', { class: 'notice warn' }, t('review.duplicates', { count: a.possibleDuplicates.length }), ' ', ...a.possibleDuplicates.map((d, i) => h('a', { href: `/review/activities/${d}` }, t('review.duplicateLink', { n: i + 1 })))) : null,
    decision(a, out, reload),
    out,
  );
}

function decision(a: OwnActivity, out: HTMLElement, done: () => void): HTMLElement {
  const approve = button(t('review.approve'), { class: 'button approve' });
  approve.addEventListener('click', async () => {
    setStatus(out, t('page.saving'));
    try {
      await sendJson('POST', `/api/v1/review/activities/${a.id}/approve`);
      setStatus(out, t('review.approved'));
      done();
    } catch (error) {
      setStatus(out, errorMessage(error), true);
    }
  });
  const reason = h('input', { id: `reject-${a.id}`, required: true, maxlength: 500 });
  const rejectForm = h('form', { class: 'inline-form' }, h('div', { class: 'field' }, h('label', { for: reason.id }, t('review.reason')), reason), h('button', { type: 'submit', class: 'button danger' }, t('review.reject')));
  rejectForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!reason.value.trim()) return setStatus(out, t('review.reasonRequired'), true);
    try {
      await sendJson('POST', `/api/v1/review/activities/${a.id}/reject`, { reason: reason.value.trim() });
      setStatus(out, t('review.rejected'));
      done();
    } catch (error) {
      setStatus(out, errorMessage(error), true);
    }
  });
  return h('div', { class: 'decision' }, a.status === 'SUBMITTED' ? approve : null, a.status === 'SUBMITTED' ? h('details', { class: 'disclosure' }, h('summary', {}, t('review.reject')), rejectForm) : null);
}

async function detail(main: HTMLElement, me: Me, enums: Enums | undefined, id: string): Promise<void> {
  let a: OwnActivity;
  try {
    a = await getJson<OwnActivity>(`/api/v1/review/activities/${id}`);
  } catch (error) {
    showPage(main, t('error.generic'), pageHeading(t('error.generic')), errorBox(error));
    return;
  }
  const out = statusLine();
  const facts = h('dl', { class: 'facts' });
  const fact = (k: MessageKey, v: string) => facts.append(h('dt', {}, t(k)), h('dd', {}, v));
  fact('activity.when', formatRange(a.startsAt, a.endsAt, currentLang()));
  fact('activity.where', a.venue ? `${a.venue.name} ${a.venue.address ?? ''}` : labelOf(enums?.format, a.format));
  fact('activity.organizer', a.organizer.name);
  fact('activity.categories', a.categories.map((c) => labelOf(enums?.category, c)).join('、'));
  fact('activity.audiences', a.audiences.map((c) => labelOf(enums?.audience, c)).join('、'));
  showPage(
    main,
    a.title,
    accountBar(me),
    pageHeading(a.title),
    h('p', {}, h('span', { class: `badge badge-${a.status.toLowerCase()}` }, t(`workflow.${a.status}` as MessageKey))),
    a.possibleDuplicates?.length ? h('p', { class: 'notice warn' }, t('review.duplicates', { count: a.possibleDuplicates.length }), ' ', ...a.possibleDuplicates.map((d, i) => h('a', { href: `/review/activities/${d}` }, t('review.duplicateLink', { n: i + 1 })))) : null,
    facts,
    h('p', { class: 'description' }, a.description ?? ''),
    decision(a, out, () => location.assign('/review')),
    out,
    a.status === 'PUBLISHED' || a.status === 'POSTPONED' ? recommendation(a) : null,
  );
}

/** Total of the six indicators (each 0–10), as the API computes it. */
export function totalScore(scores: Record<string, number>): number {
  return SCORES.reduce((sum, k) => sum + (Number.isFinite(scores[k]) ? (scores[k] as number) : 0), 0);
}

function recommendation(a: OwnActivity): HTMLElement {
  const status = statusLine();
  const total = h('output', { id: 'score-total' }, '0');
  const f = h('form', { class: 'score-form' });
  for (const k of SCORES) {
    f.append(h('div', { class: 'field' }, h('label', { for: `score-${k}` }, t(`score.${k}` as MessageKey)), h('input', { id: `score-${k}`, name: k, type: 'number', min: 0, max: 10, step: 1, value: 0, required: true })));
  }
  f.append(h('div', { class: 'field' }, h('label', { for: 'score-note' }, t('score.note')), h('textarea', { id: 'score-note', name: 'note', rows: 3 })), h('p', {}, t('score.total'), ' ', total), h('button', { type: 'submit', class: 'button' }, t('score.submit')), status);
  const read = () => Object.fromEntries(SCORES.map((k) => [k, Number((f.elements.namedItem(k) as HTMLInputElement).value)]));
  f.addEventListener('input', () => (total.textContent = String(totalScore(read()))));
  f.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const r = await sendJson<{ total: number }>('POST', `/api/v1/review/activities/${a.id}/recommendation`, { scores: read(), note: (f.elements.namedItem('note') as HTMLTextAreaElement).value || null });
      setStatus(status, t('score.saved', { total: r.total }));
    } catch (error) {
      setStatus(status, error instanceof ApiError && error.code === 'activity-not-ended' ? t('score.notEnded') : errorMessage(error), true);
    }
  });
  return h('section', { 'aria-labelledby': 'score-heading' }, h('h2', { id: 'score-heading' }, t('score.heading')), f);
}
