import { t } from '../i18n';
import { h } from '../ui/dom';
import { pageHeading, showPage } from '../ui/widgets';

export function mount(main: HTMLElement): void {
  showPage(main, t('notFound.heading'), pageHeading(t('notFound.heading')), h('p', {}, t('notFound.text')), h('p', {}, h('a', { href: '/' }, t('notFound.home'))));
}
