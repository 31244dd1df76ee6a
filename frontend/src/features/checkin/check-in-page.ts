import { ApiError, getJson, sendJson } from '../../api/http';
import type { ActivityDetail } from '../../api/types';
import type { Route } from '../../app/routes';
import { currentLang, t } from '../../i18n';
import { h } from '../../ui/dom';
import { formatRange } from '../../ui/format';
import { button, pageHeading, showPage } from '../../ui/widgets';
import { feedbackSection } from '../feedback/feedback';
import { wgs84ToGcj02 } from '../map/coords';
import { canRetry, locationOutcome, outcomeMessage, outcomeOf, type Outcome } from './check-in-outcome';

interface Receipt {
  checkInId: string;
  checkedInAt: string;
  firstTime: boolean;
}

/**
 * 扫码签到: the page a venue QR code opens (`/check-in/{id}?t=token`). One tap; the position is asked
 * for only when the activity has a geofence. One Idempotency-Key per tap makes a retried request safe.
 */
export async function mount(main: HTMLElement, route: Route): Promise<void> {
  const id = route.id as string;
  const token = new URLSearchParams(location.search).get('t') ?? '';
  const message = h('div', { class: 'checkin-message', role: 'status', 'aria-live': 'polite', id: 'checkin-message' });
  const tap = button(t('checkin.button'), { class: 'button checkin-button', id: 'checkin-button' });
  const after = h('div', {});
  let activity: ActivityDetail | undefined;
  try {
    activity = await getJson<ActivityDetail>(`/api/v1/activities/${id}`);
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) throw error;
  }
  const fenced = !!activity?.checkInRadiusM;
  showPage(
    main,
    t('checkin.heading'),
    pageHeading(t('checkin.heading')),
    activity ? h('p', { class: 'checkin-activity' }, h('a', { href: `/activities/${id}` }, activity.title)) : null,
    activity ? h('p', { class: 'muted' }, formatRange(activity.startsAt, activity.endsAt, currentLang())) : null,
    fenced ? h('p', { class: 'hint' }, t('checkin.geofenceHint', { m: activity?.checkInRadiusM ?? 0 })) : null,
    tap,
    message,
    after,
  );

  const show = (outcome: Outcome, extra?: string) => {
    message.dataset.outcome = outcome;
    message.className = `checkin-message ${outcome === 'ok' || outcome === 'already' ? 'is-ok' : 'is-error'}`;
    message.replaceChildren(h('p', { class: 'checkin-text' }, t(outcomeMessage(outcome)), extra ? ` ${extra}` : ''));
    tap.hidden = !canRetry(outcome);
    tap.textContent = t('checkin.retry');
    if (outcome === 'ok' || outcome === 'already') after.replaceChildren(feedbackSection(id, true));
  };
  if (!token) return show('token-missing');
  if (!activity) return show('activity-not-found');

  let key = newKey();
  tap.addEventListener('click', async () => {
    tap.disabled = true;
    message.className = 'checkin-message';
    message.textContent = fenced ? t('checkin.locating') : t('checkin.sending');
    try {
      const body: Record<string, unknown> = { token };
      if (fenced) Object.assign(body, await position());
      const receipt = await sendJson<Receipt>('POST', `/api/v1/activities/${id}/check-ins`, body, { headers: { 'Idempotency-Key': key } });
      show(receipt.firstTime ? 'ok' : 'already');
    } catch (error) {
      if (error instanceof GeolocationFailure) show(locationOutcome(error.code));
      else {
        const outcome = outcomeOf(error instanceof ApiError ? error.code : undefined);
        show(outcome, outcome === 'rate-limited' && error instanceof ApiError && error.retryAfter ? t('error.rate-limited.after', { seconds: error.retryAfter }) : undefined);
        // A definite answer ends this attempt; a lost one is retried with the same key.
        if (!(error instanceof ApiError && error.status === 0)) key = newKey();
      }
    } finally {
      tap.disabled = false;
    }
  });
}

class GeolocationFailure extends Error {
  constructor(readonly code: number) {
    super('geolocation');
  }
}

function position(): Promise<{ lat: number; lon: number }> {
  return new Promise((resolve, reject) => {
    if (!navigator.geolocation) return reject(new GeolocationFailure(2));
    navigator.geolocation.getCurrentPosition(
      (p) => {
        // Browsers report WGS-84; venues are stored in GCJ-02 (a few hundred metres apart in China).
        const g = wgs84ToGcj02({ lat: p.coords.latitude, lon: p.coords.longitude });
        resolve({ lat: Number(g.lat.toFixed(6)), lon: Number(g.lon.toFixed(6)) });
      },
      (e) => reject(new GeolocationFailure(e.code)),
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 0 },
    );
  });
}

function newKey(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}
