import { describe, expect, it } from 'vitest';
import { nextRefreshMs } from '../features/organizer/refresh';
import { fieldFor, groupErrors } from '../features/organizer/field-errors';
import { totalScore } from '../features/review/review-page';
import { fromLocalInput, shanghaiDate, toLocalInput } from '../ui/format';
import { matchRoute } from './routes';

const id = '0b9d8f1e-2c3a-4e5f-8a9b-0c1d2e3f4a5b';

describe('routes of API.md "Web pages"', () => {
  it('matches each page and its id', () => {
    expect(matchRoute('/')).toEqual({ name: 'home' });
    expect(matchRoute('/search')).toEqual({ name: 'search' });
    expect(matchRoute(`/activities/${id}`)).toEqual({ name: 'activity', id });
    expect(matchRoute(`/check-in/${id.toUpperCase()}`)).toEqual({ name: 'check-in', id });
    expect(matchRoute(`/live/${id}/`)).toEqual({ name: 'live', id });
    expect(matchRoute('/organizer')).toEqual({ name: 'organizer' });
    expect(matchRoute('/organizer/activities/new')).toEqual({ name: 'organizer-new' });
    expect(matchRoute(`/organizer/activities/${id}/check-in`)).toEqual({ name: 'organizer-check-in', id });
    expect(matchRoute(`/review/activities/${id}`)).toEqual({ name: 'review-activity', id });
    expect(matchRoute('/big-screen')).toEqual({ name: 'big-screen' });
  });

  it('sends anything else to the not-found page', () => {
    expect(matchRoute('/activities/not-an-id').name).toBe('not-found');
    expect(matchRoute('/admin').name).toBe('not-found');
  });
});

describe('API field errors on the activity form', () => {
  const known = ['title', 'venue', 'venue.name', 'venue.location', 'categories'];
  it('go to the most specific known field', () => {
    expect(fieldFor('venue.location.lat', known)).toBe('venue.location');
    expect(fieldFor('venue.address', known)).toBe('venue');
    expect(fieldFor('categories[2]', known)).toBe('categories');
    expect(fieldFor('title', known)).toBe('title');
    expect(fieldFor('titles', known)).toBeUndefined();
  });

  it('keeps the unknown ones for the summary', () => {
    const { byField, other } = groupErrors(
      [
        { field: 'title', code: 'required', message: 'x' },
        { field: 'title', code: 'length', message: 'y' },
        { field: 'version', code: 'required', message: 'z' },
      ],
      known,
    );
    expect(byField.get('title')?.map((e) => e.code)).toEqual(['required', 'length']);
    expect(other.map((e) => e.field)).toEqual(['version']);
  });
});

describe('check-in screen refresh', () => {
  it('fetches 10 s before expiry, never busier than every 2 s nor idler than 60 s', () => {
    expect(nextRefreshMs(100_000, 40_000, 0)).toBe(50_000);
    expect(nextRefreshMs(100_000, 95_000, 0)).toBe(2000);
    expect(nextRefreshMs(1_000_000, 0, 0)).toBe(60_000);
  });
  it('backs off after failures up to 30 s', () => {
    expect(nextRefreshMs(0, 0, 1)).toBe(2000);
    expect(nextRefreshMs(0, 0, 3)).toBe(8000);
    expect(nextRefreshMs(0, 0, 9)).toBe(30_000);
  });
});

describe('China time in forms and dates', () => {
  it('shows and reads datetime-local values in Asia/Shanghai whatever the device zone', () => {
    expect(toLocalInput('2026-09-19T01:30:00Z')).toBe('2026-09-19T09:30');
    expect(toLocalInput('2026-09-19T09:30:00+08:00')).toBe('2026-09-19T09:30');
    expect(fromLocalInput('2026-09-19T09:30')).toBe('2026-09-19T09:30:00+08:00');
    expect(fromLocalInput('')).toBeUndefined();
    expect(shanghaiDate('2026-09-18T17:00:00Z')).toBe('2026-09-19');
  });
});

describe('recommendation checks', () => {
  it('totals the six indicators', () => {
    expect(totalScore({ mobilization: 8, scale: 7, publicity: 6, volunteers: 5, jointAction: 4, onlineReach: 3 })).toBe(33);
    expect(totalScore({ mobilization: 8 })).toBe(8);
  });
});
