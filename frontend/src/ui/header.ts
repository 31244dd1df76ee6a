import { currentLang, parseLang, setLang } from '../i18n';
import { toggleElderMode } from './elder-mode';
import type { KeyValueStore } from './storage';

/** Wires the header's language buttons and elder-mode switch (markup in index.html). */
export function bindHeader(root: HTMLElement, storage: KeyValueStore | null, elderOn: boolean): void {
  const html = document.documentElement;
  const langButtons = [...root.querySelectorAll<HTMLButtonElement>('button[data-lang]')];
  const showLang = () => {
    for (const b of langButtons) b.setAttribute('aria-pressed', String(b.dataset.lang === currentLang()));
  };
  for (const button of langButtons) {
    button.addEventListener('click', () => {
      const lang = parseLang(button.dataset.lang);
      if (lang) setLang(lang, { storage, root: html });
      showLang();
    });
  }
  showLang();

  const elder = root.querySelector<HTMLButtonElement>('#elder-toggle');
  if (!elder) return;
  let on = elderOn;
  elder.setAttribute('aria-pressed', String(on));
  elder.addEventListener('click', () => {
    on = toggleElderMode(on, storage, html);
    elder.setAttribute('aria-pressed', String(on));
  });
}
