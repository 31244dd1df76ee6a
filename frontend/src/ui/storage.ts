/** The part of `Storage` we use, so preferences can be tested with a plain object. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** localStorage when it is usable; null when blocked (privacy modes, disabled storage). */
export function browserStorage(): KeyValueStore | null {
  try {
    const storage = globalThis.localStorage;
    return storage ?? null;
  } catch {
    return null;
  }
}

export function readItem(storage: KeyValueStore | null, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

/** Saving a preference is best effort: a full or blocked storage must not break the page. */
export function writeItem(storage: KeyValueStore | null, key: string, value: string): void {
  try {
    storage?.setItem(key, value);
  } catch {
    /* preference simply not remembered */
  }
}

