import { readItem, writeItem, type KeyValueStore } from './storage';

/**
 * 长者模式: larger text, stronger contrast, bigger targets, no motion, one column.
 * The look lives in styles/elder.css under `html.elder`; this module only decides the state.
 */
export const ELDER_STORAGE_KEY = 'kepu.elder';
export const ELDER_CLASS = 'elder';

export interface ClassTarget {
  classList: { toggle(token: string, force?: boolean): boolean };
}

export function loadElderMode(storage: KeyValueStore | null): boolean {
  return readItem(storage, ELDER_STORAGE_KEY) === '1';
}

export function saveElderMode(storage: KeyValueStore | null, on: boolean): void {
  writeItem(storage, ELDER_STORAGE_KEY, on ? '1' : '0');
}

export function applyElderMode(root: ClassTarget | null, on: boolean): void {
  root?.classList.toggle(ELDER_CLASS, on);
}

/** Flips the mode, applies it to the root and remembers it; returns the new state. */
export function toggleElderMode(on: boolean, storage: KeyValueStore | null, root: ClassTarget | null): boolean {
  const next = !on;
  applyElderMode(root, next);
  saveElderMode(storage, next);
  return next;
}
