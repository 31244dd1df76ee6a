import { ApiError, getJson, sendJson } from '../../api/http';
import { openStream } from '../../api/stream';
import type { ActivityDetail } from '../../api/types';
import type { Route } from '../../app/routes';
import { currentLang, errorMessage, t } from '../../i18n';
import { h } from '../../ui/dom';
import { formatRange, formatTime } from '../../ui/format';
import { button, errorBox, pageHeading, setStatus, showPage, statusLine } from '../../ui/widgets';
import { outcomeMessage, outcomeOf } from '../checkin/check-in-outcome';
import { feedbackSection } from '../feedback/feedback';
import { canChat, ChatLog, chatProblem, MAX_CHAT_TEXT, parseComment, stateKey } from './live-model';

/**
 * 直播页 (GET /api/v1/activities/{id}/live as server-sent events): the state, viewer counts, the chat (text
 * only), the video link, and the online check-in prompt when the `checkin-code` event arrives.
 */
export async function mount(main: HTMLElement, route: Route): Promise<void> {
  const id = route.id as string;
  let a: ActivityDetail;
  try {
    a = await getJson<ActivityDetail>(`/api/v1/activities/${id}`);
  } catch (error) {
    showPage(main, t('activity.missing'), pageHeading(t('activity.missing')), errorBox(error));
    return;
  }
  const intro = [
    pageHeading(a.title),
    h('p', { class: 'muted' }, formatRange(a.startsAt, a.endsAt, currentLang())),
  ];
  const details = h('a', { class: 'button secondary', href: `/activities/${id}` }, t('live.details'));
  if (!a.live?.url || a.format === 'ONSITE') {
    showPage(main, a.title, ...intro, h('p', { class: 'notice', id: 'live-none' }, t('live.none')), h('p', { class: 'actions' }, details));
    return;
  }
  if (a.live.state === 'ENDED' || a.status === 'CANCELLED') {
    showPage(main, a.title, ...intro, h('p', { class: 'notice', id: 'live-ended' }, t('live.ended')), h('p', { class: 'actions' }, details), feedbackSection(id, false));
    return;
  }

  const state = h('p', { class: 'live-state', id: 'live-state', 'data-state': '' }, t('live.connecting'));
  const viewers = h('p', { class: 'viewers', id: 'live-viewers' }, t('live.viewers', { current: 0, unique: 0 }));
  const connection = h('p', { class: 'muted', id: 'live-connection', role: 'status' });
  const comments = h('ol', { class: 'chat', id: 'live-comments', 'aria-live': 'polite', 'aria-relevant': 'additions', tabindex: 0, 'aria-labelledby': 'chat-heading' });
  const empty = h('p', { class: 'muted', id: 'live-empty' }, t('live.noComments'));
  const text = h('input', { id: 'live-text', maxlength: MAX_CHAT_TEXT, autocomplete: 'off', 'aria-describedby': 'live-text-hint' });
  const send = h('button', { type: 'submit', class: 'button', id: 'live-send' }, t('live.send'));
  const sendStatus = statusLine();
  sendStatus.id = 'live-send-status';
  const form = h(
    'form',
    { class: 'chat-form' },
    h('label', { for: text.id }, t('live.say')),
    h('p', { class: 'hint', id: 'live-text-hint' }, t('live.sayHint', { max: MAX_CHAT_TEXT })),
    h('div', { class: 'search-row' }, text, send),
    sendStatus,
  );
  const prompt = h('section', { id: 'live-checkin', hidden: true, class: 'notice', 'aria-labelledby': 'live-checkin-heading' });
  const after = h('div', {});
  showPage(
    main,
    a.title,
    ...intro,
    h('div', { class: 'live-panel' }, state, viewers, connection),
    h('p', { class: 'actions' }, h('a', { class: 'button', href: a.live.url, rel: 'noopener noreferrer', target: '_blank' }, t('live.watch')), details),
    prompt,
    after,
    h('section', { 'aria-labelledby': 'chat-heading', class: 'chat-section' }, h('h2', { id: 'chat-heading' }, t('live.chat')), empty, comments, form),
  );

  const log = new ChatLog();
  const showState = (s: string) => {
    state.dataset.state = s;
    state.textContent = t(stateKey(s));
    const open = canChat(s);
    text.disabled = !open;
    send.disabled = !open;
  };
  // Chat opens with the stream's first `status` event.
  text.disabled = true;
  send.disabled = true;

  openStream(
    `/api/v1/activities/${id}/live`,
    {
      status: (d) => showState(String(d.state ?? '')),
      viewers: (d) => (viewers.textContent = t('live.viewers', { current: Number(d.current ?? 0), unique: Number(d.unique ?? 0) })),
      comment: (d) => {
        const c = parseComment(d);
        if (!c) return;
        const { index, dropped } = log.add(c);
        if (index < 0) return;
        for (const gone of dropped) comments.querySelector(`li[data-id="${gone}"]`)?.remove();
        const li = h('li', { 'data-id': c.id }, h('time', { class: 'muted', datetime: c.at }, formatTime(c.at, currentLang())), ' ', h('span', { class: 'chat-text' }, c.text));
        comments.insertBefore(li, comments.children[index] ?? null);
        empty.hidden = true;
        comments.scrollTop = comments.scrollHeight;
      },
      'comment-removed': (d) => {
        const removed = String(d.id ?? '');
        if (log.remove(removed)) comments.querySelector(`li[data-id="${removed}"]`)?.remove();
        empty.hidden = comments.children.length > 0;
      },
      'checkin-code': (d) => showCheckIn(String(d.token ?? '')),
    },
    (s) => {
      connection.textContent = s === 'open' ? '' : t(s === 'closed' ? 'live.closed' : 'live.reconnecting');
      connection.classList.toggle('is-error', s === 'closed');
      if (s === 'closed') {
        text.disabled = true;
        send.disabled = true;
      }
    },
  );

  let prompted = false;
  function showCheckIn(token: string): void {
    if (!token || prompted) return;
    prompted = true;
    const b = button(t('live.checkIn'), { id: 'live-checkin-button' });
    const out = h('p', { class: 'status', role: 'status', id: 'live-checkin-message' });
    const key = globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`;
    b.addEventListener('click', async () => {
      b.disabled = true;
      setStatus(out, t('checkin.sending'));
      try {
        const r = await sendJson<{ firstTime: boolean }>('POST', `/api/v1/activities/${id}/check-ins`, { token }, { headers: { 'Idempotency-Key': key } });
        out.dataset.outcome = r.firstTime ? 'ok' : 'already';
        setStatus(out, t(r.firstTime ? 'checkin.ok' : 'checkin.already'));
        b.hidden = true;
        after.replaceChildren(feedbackSection(id, true));
      } catch (error) {
        const outcome = outcomeOf(error instanceof ApiError ? error.code : undefined);
        out.dataset.outcome = outcome;
        setStatus(out, t(outcomeMessage(outcome)), true);
        b.disabled = false;
      }
    });
    prompt.replaceChildren(h('h2', { id: 'live-checkin-heading' }, t('live.checkInHeading')), h('p', {}, t('live.codeArrived')), b, out);
    prompt.hidden = false;
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const value = text.value.trim();
    if (!value) return setStatus(sendStatus, t('live.empty'), true);
    send.disabled = true;
    try {
      await sendJson('POST', `/api/v1/activities/${id}/live/comments`, { text: value });
      text.value = '';
      setStatus(sendStatus, t('live.sent'));
    } catch (error) {
      const key = error instanceof ApiError ? chatProblem(error) : undefined;
      setStatus(sendStatus, key ? t(key) : errorMessage(error), true);
    } finally {
      send.disabled = !canChat(state.dataset.state ?? '');
    }
  });
}
