import type { Lang } from '../i18n';

/** Campaign times are shown in China time whatever the device's zone (API.md: ISO-8601 with offset). */
export const ZONE = 'Asia/Shanghai';

const locale = (lang: Lang) => (lang === 'en' ? 'en-GB' : 'zh-CN');

export function formatDateTime(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(locale(lang), {
    timeZone: ZONE,
    year: 'numeric',
    month: lang === 'en' ? 'short' : 'long',
    day: 'numeric',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));
}

export function formatTime(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(locale(lang), { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hour12: false }).format(
    new Date(iso),
  );
}

/** Shanghai calendar date (yyyy-mm-dd) of an instant. */
export function shanghaiDate(iso: string | Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    typeof iso === 'string' ? new Date(iso) : iso,
  );
  return parts;
}

/** "9月19日 周六 09:30–11:30", or both full ends when the activity spans days. */
export function formatRange(startsAt: string, endsAt: string, lang: Lang): string {
  const sameDay = shanghaiDate(startsAt) === shanghaiDate(endsAt);
  return sameDay
    ? `${formatDateTime(startsAt, lang)}–${formatTime(endsAt, lang)}`
    : `${formatDateTime(startsAt, lang)} – ${formatDateTime(endsAt, lang)}`;
}

/** Value for `<input type="datetime-local">` in China time from an ISO instant. */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const shifted = new Date(d.getTime() + 8 * 3600_000);
  return shifted.toISOString().slice(0, 16);
}

/** ISO with the China offset from a `datetime-local` value typed in China time; '' stays undefined. */
export function fromLocalInput(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return undefined;
  return `${value}:00+08:00`;
}
