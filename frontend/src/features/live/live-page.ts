import { ApiError, getJson, sendJson } from '../../api/http';
import { openStream } from '../../api/stream';
import type { ActivityDetail } from '../../api/types';
import type { Route } from '../../app/routes';
import { currentLang, errorMessage, t } from '../../i18n';
import { h } from '../../ui/dom';
import { formatTime } from '../../ui/format';
import { button, errorBox, pageHeading, setStatus, showPage, statusLine } from '../../ui/widgets';

const MAX_COMMENTS = 200;

/** 直播页: viewer counts, chat (text only), the video link, and the online check-in when the code arrives. */
export async function mount(main: HTMLElement, route: Route): Promise<void> {
  const id = route.id as string;
  let a: ActivityDetail;
  try {
    a = await getJson<ActivityDetail>(`/api/v1/activities/${id}`);
  } catch (error) {
    showPage(main, t('activity.missing'), pageHeading(t('activity.missing')), errorBox(error));
    return;
  }
  const viewers = h('p', { class: 'viewers', id: 'live-viewers' }, t('live.viewers', { current: 0, unique: 0 }));
  const state = h('p', { class: 'live-state', id: 'live-state', role: 'status' });
  const comments = h('ol', { class: 'chat', id: 'live-comments', 'aria-live': 'polite', 'aria-relevant': 'additions' });
  const text = h('input', { id: 'live-text', maxlength: 200, autocomplete: 'off' });
  const sendStatus = statusLine();
  const form = h('form', { class: 'chat-form' }, h('label', { for: text.id }, t('live.say')), h('div', { class: 'search-row' }, text, h('button', { type: 'submit', class: 'button' }, t('live.send'))), sendStatus);
  const prompt = h('div', { id: 'live-checkin', hidden: true, class: 'notice' });
  showPage(
    main,
    a.title,
    pageHeading(a.title),
    h('p', { class: 'actions' }, a.live?.url ? h('a', { class: 'button', href: a.live.url, rel: 'noopener noreferrer', target: '_blank' }, t('live.watch')) : h('span', {}, t('live.noVideo')), h('a', { class: 'button secondary', href: `/activities/${id}` }, t('live.details'))),
    state,
    viewers,
    prompt,
    h('section', { 'aria-labelledby': 'chat-heading' }, h('h2', { id: 'chat-heading' }, t('live.chat')), comments, form),
  );
  const seen = new Set<string>();
  openStream(
    `/api/v1/activities/${id}/live`,
    {
      viewers: (d) => (viewers.textContent = t('live.viewers', { current: Number(d.current ?? 0), unique: Number(d.unique ?? 0) })),
      comment: (d) => {
        const key = String(d.id ?? `${d.at}-${d.text}`);
        if (seen.has(key)) return;
        seen.add(key);
        comments.append(h('li', {}, h('span', { class: 'muted' }, typeof d.at === 'string' ? formatTime(d.at, currentLang()) : ''), ' ', String(d.text ?? '')));
        while (comments.children.length > MAX_COMMENTS) comments.firstElementChild?.remove();
      },
      status: (d) => (state.textContent = t('live.state', { state: String(d.state ?? '') })),
      'checkin-code': (d) => showCheckIn(String(d.token ?? '')),
    },
    (s) => state.classList.toggle('is-error', s === 'error'),
  );

  function showCheckIn(token: string): void {
    if (!token) return;
    const b = button(t('live.checkIn'));
    const out = statusLine();
    b.addEventListener('click', async () => {
      try {
        const r = await sendJson<{ firstTime: boolean }>('POST', `/api/v1/activities/${id}/check-ins`, { token });
        setStatus(out, t(r.firstTime ? 'checkin.ok' : 'checkin.already'));
        b.hidden = true;
      } catch (error) {
        setStatus(out, error instanceof ApiError ? t(`checkin.${error.code}` as never) || errorMessage(error) : errorMessage(error), true);
      }
    });
    prompt.replaceChildren(h('p', {}, t('live.codeArrived')), b, out);
    prompt.hidden = false;
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const value = text.value.trim();
    if (!value) return;
    try {
      await sendJson('POST', `/api/v1/activities/${id}/live/comments`, { text: value });
      text.value = '';
      setStatus(sendStatus, t('live.sent'));
    } catch (error) {
      setStatus(sendStatus, errorMessage(error), true);
    }
  });
}
