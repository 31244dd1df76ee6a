import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n';
import { canRetry, locationOutcome, outcomeMessage, outcomeOf, type Outcome } from './check-in-outcome';

describe('check-in problem codes → messages', () => {
  it('maps each documented code to its own message', () => {
    expect(outcomeOf('token-invalid')).toBe('token-invalid');
    expect(outcomeOf('token-expired')).toBe('token-expired');
    expect(outcomeOf('outside-geofence')).toBe('outside-geofence');
    expect(outcomeOf('not-open')).toBe('not-open');
    expect(outcomeOf('activity-not-found')).toBe('activity-not-found');
    expect(outcomeOf('rate-limited')).toBe('rate-limited');
    expect(outcomeOf('internal-error')).toBe('failed');
    expect(outcomeOf(undefined)).toBe('failed');
  });

  it('has a distinct Chinese and English text for every outcome', () => {
    const all: Outcome[] = ['ok', 'already', 'token-missing', 'token-invalid', 'token-expired', 'outside-geofence', 'not-open', 'activity-not-found', 'rate-limited', 'location-denied', 'location-unavailable', 'network-error', 'failed'];
    const zh = all.map((o) => translate('zh-CN', outcomeMessage(o)));
    const en = all.map((o) => translate('en', outcomeMessage(o)));
    expect(new Set(zh).size).toBe(all.length);
    expect(new Set(en).size).toBe(all.length);
    expect(translate('zh-CN', outcomeMessage('token-expired'))).toContain('过期');
    expect(en.every((text) => /^[\x20-\x7e–’]+$/.test(text))).toBe(true);
  });

  it('offers a retry only where tapping again can help', () => {
    expect(canRetry('outside-geofence')).toBe(true);
    expect(canRetry('network-error')).toBe(true);
    expect(canRetry('token-expired')).toBe(false);
    expect(canRetry('ok')).toBe(false);
    expect(locationOutcome(1)).toBe('location-denied');
    expect(locationOutcome(3)).toBe('location-unavailable');
  });
});
