import type { MessageKey } from '../../i18n';

/** What the check-in page says, by the API's problem code (docs/problem-codes.md) or a browser failure. */
export type Outcome =
  | 'ok'
  | 'already'
  | 'token-missing'
  | 'token-invalid'
  | 'token-expired'
  | 'outside-geofence'
  | 'not-open'
  | 'activity-not-found'
  | 'rate-limited'
  | 'location-denied'
  | 'location-unavailable'
  | 'network-error'
  | 'failed';

const byCode: Record<string, Outcome> = {
  'token-invalid': 'token-invalid',
  'token-expired': 'token-expired',
  'outside-geofence': 'outside-geofence',
  'not-open': 'not-open',
  'activity-not-found': 'activity-not-found',
  'not-found': 'activity-not-found',
  'rate-limited': 'rate-limited',
  'network-error': 'network-error',
  'idempotency-key-in-flight': 'network-error',
};

export function outcomeOf(code: string | undefined): Outcome {
  return (code && byCode[code]) || 'failed';
}

/** Outcomes after which tapping again may help (the others need a new scan or another place or time). */
export function canRetry(outcome: Outcome): boolean {
  return ['outside-geofence', 'rate-limited', 'location-denied', 'location-unavailable', 'network-error', 'failed'].includes(
    outcome,
  );
}

export function outcomeMessage(outcome: Outcome): MessageKey {
  return `checkin.${outcome}` as MessageKey;
}

/** Geolocation's error codes: 1 permission denied, 2 position unavailable, 3 timeout. */
export function locationOutcome(code: number): Outcome {
  return code === 1 ? 'location-denied' : 'location-unavailable';
}
