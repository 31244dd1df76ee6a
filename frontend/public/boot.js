// Applies the remembered language and elder mode before the first paint, so elder mode never
// flashes at the small size. Kept tiny and in sync with src/i18n (kepu.lang) and src/ui/elder-mode.ts
// (kepu.elder); boot.test.ts checks that. A file, not inline, because the CSP forbids inline scripts.
(function () {
  try {
    var root = document.documentElement;
    var lang = localStorage.getItem('kepu.lang');
    if (lang && /^en(-|$)/i.test(lang)) root.lang = 'en';
    if (localStorage.getItem('kepu.elder') === '1') root.className += ' elder';
  } catch (e) {
    /* storage blocked: defaults apply */
  }
})();
