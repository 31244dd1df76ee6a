import { describe, expect, it } from 'vitest';
import { brokenStore, memoryStore } from '../testing/memory-store';
import { applyElderMode, ELDER_CLASS, loadElderMode, toggleElderMode } from './elder-mode';

function fakeRoot() {
  const classes = new Set<string>();
  return {
    classes,
    classList: {
      toggle(token: string, force?: boolean) {
        const on = force ?? !classes.has(token);
        if (on) classes.add(token);
        else classes.delete(token);
        return on;
      },
    },
  };
}

describe('elder mode', () => {
  it('is off unless remembered as on', () => {
    expect(loadElderMode(memoryStore())).toBe(false);
    expect(loadElderMode(memoryStore({ 'kepu.elder': '0' }))).toBe(false);
    expect(loadElderMode(memoryStore({ 'kepu.elder': '1' }))).toBe(true);
    expect(loadElderMode(null)).toBe(false);
    expect(loadElderMode(brokenStore)).toBe(false);
  });

  it('toggles the class on <html> and remembers the choice under kepu.elder', () => {
    const storage = memoryStore();
    const root = fakeRoot();

    const on = toggleElderMode(false, storage, root);
    expect(on).toBe(true);
    expect(root.classes.has(ELDER_CLASS)).toBe(true);
    expect(storage.data['kepu.elder']).toBe('1');
    expect(loadElderMode(storage)).toBe(true);

    const off = toggleElderMode(on, storage, root);
    expect(off).toBe(false);
    expect(root.classes.has(ELDER_CLASS)).toBe(false);
    expect(storage.data['kepu.elder']).toBe('0');
  });

  it('still switches the look when storage is unavailable', () => {
    const root = fakeRoot();
    expect(toggleElderMode(false, brokenStore, root)).toBe(true);
    expect(root.classes.has(ELDER_CLASS)).toBe(true);
  });

  it('applies a remembered state idempotently', () => {
    const root = fakeRoot();
    applyElderMode(root, true);
    applyElderMode(root, true);
    expect([...root.classes]).toEqual([ELDER_CLASS]);
    applyElderMode(null, true);
  });
});
