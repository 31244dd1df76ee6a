import type { FieldError } from '../../api/http';

/**
 * Which form field an API field error belongs to: the longest known field that is the error's field or
 * a prefix of it (`venue.location.lat` → `venue.location`, `categories[0]` → `categories`); errors that
 * match no field are shown at the top of the form.
 */
export function fieldFor(errorField: string, known: readonly string[]): string | undefined {
  const plain = errorField.replace(/\[\d+\]/g, '');
  let best: string | undefined;
  for (const k of known) {
    if (plain === k || plain.startsWith(`${k}.`)) {
      if (!best || k.length > best.length) best = k;
    }
  }
  return best;
}

export function groupErrors(errors: readonly FieldError[], known: readonly string[]): { byField: Map<string, FieldError[]>; other: FieldError[] } {
  const byField = new Map<string, FieldError[]>();
  const other: FieldError[] = [];
  for (const e of errors) {
    const f = fieldFor(e.field, known);
    if (!f) other.push(e);
    else byField.set(f, [...(byField.get(f) ?? []), e]);
  }
  return { byField, other };
}
