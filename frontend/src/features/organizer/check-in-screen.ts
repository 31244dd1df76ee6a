import { getJson, getText } from '../../api/http';
import type { OwnActivity } from '../../api/types';
import type { Route } from '../../app/routes';
import { errorMessage, t } from '../../i18n';
import { h } from '../../ui/dom';
import { button, pageHeading, setStatus, showPage, statusLine } from '../../ui/widgets';
import { requireAccount } from './auth';
import { nextRefreshMs } from './refresh';

/**
 * 签到大屏: the rotating venue QR code, full screen, for hours. The SVG is fetched (not an <img> URL) so
 * its X-Check-In-Expires header schedules the next fetch before the code expires; failures retry with
 * backoff and keep the last code showing until it expires. The count is polled.
 */
export async function mount(main: HTMLElement, route: Route): Promise<void> {
  if (!(await requireAccount(main, 'ORGANIZER'))) return;
  const id = route.id as string;
  const base = `/api/v1/organizer/activities/${id}`;
  const activity = await getJson<OwnActivity>(base);
  const qr = h('img', { class: 'qr', id: 'checkin-qr', alt: t('screen.qrAlt', { title: activity.title }), width: 360, height: 360 });
  const count = h('p', { class: 'screen-count', id: 'checkin-count', 'aria-live': 'polite' }, '—');
  const status = statusLine();
  const full = button(t('screen.fullscreen'), { class: 'button secondary' });
  const screen = h('div', { class: 'checkin-screen' }, h('p', { class: 'screen-title' }, activity.title), qr, h('p', { class: 'screen-hint' }, t('screen.scan')), count, status);
  full.addEventListener('click', () => void screen.requestFullscreen?.().catch(() => undefined));
  showPage(main, t('screen.heading'), pageHeading(t('screen.heading')), full, screen);

  let failures = 0;
  let expiresAt = 0;
  const refreshQr = async () => {
    try {
      const svg = await getText(`${base}/check-in-qr.svg`, { timeoutMs: 10_000 });
      qr.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg.text)}`;
      expiresAt = Date.parse(svg.header('X-Check-In-Expires') ?? '') || Date.now() + 30_000;
      qr.dataset.expiresAt = new Date(expiresAt).toISOString();
      failures = 0;
      setStatus(status, '');
    } catch (error) {
      failures++;
      setStatus(status, errorMessage(error), true);
      if (Date.now() > expiresAt) qr.classList.add('is-stale');
    }
    qr.classList.toggle('is-stale', Date.now() > expiresAt);
    setTimeout(refreshQr, nextRefreshMs(expiresAt, Date.now(), failures));
  };
  const refreshCount = async () => {
    try {
      const s = await getJson<{ count: number; onsite: number; online: number }>(`${base}/check-ins`, undefined, { timeoutMs: 10_000 });
      count.textContent = t('screen.count', { count: s.count });
    } catch {
      /* the count is informative; the QR code is what must keep working */
    }
    setTimeout(refreshCount, 5000);
  };
  void refreshQr();
  void refreshCount();
}
