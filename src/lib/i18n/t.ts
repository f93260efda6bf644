// `t('key')` in components: the language comes from the root layout's data.
import { page } from '$app/state';
import { isLocale, isMessageKey, translate, type MessageKey, type MessageParams } from './index';

function currentLocale() {
	const locale = page.data?.locale;
	return isLocale(locale) ? locale : 'mn';
}

export function t(key: MessageKey, params?: MessageParams): string {
	return translate(currentLocale(), key, params);
}

/** A message key from a schema or service, translated; other text is shown as it is. */
export function tr(keyOrText: string | undefined | null): string {
	if (!keyOrText) return '';
	return isMessageKey(keyOrText) ? translate(currentLocale(), keyOrText) : keyOrText;
}
