import './styles/base.css';
import './styles/elder.css';
import { createRegionSource } from './features/region/region-api';
import { mountRegionBrowser } from './features/region/region-browser';
import { loadLang, onLangChange, setLang } from './i18n';
import { byId, translateStatic } from './ui/dom';
import { applyElderMode, loadElderMode } from './ui/elder-mode';
import { bindHeader } from './ui/header';
import { browserStorage } from './ui/storage';

const storage = browserStorage();
const html = document.documentElement;

const elderOn = loadElderMode(storage);
applyElderMode(html, elderOn);
setLang(loadLang(storage), { root: html });
translateStatic(document);

bindHeader(byId('site-header'), storage, elderOn);
const regions = mountRegionBrowser(byId('region-browser'), createRegionSource());

onLangChange(() => {
  translateStatic(document);
  regions.render();
});
