// Search that matches Cyrillic and Latin spellings of Mongolian names: Ханбогд, Khanbogd and
// Hanbogd all reduce to the same skeleton, and so do Батболд and Batbold.

const CYRILLIC_TO_LATIN: Record<string, string> = {
	а: 'a',
	б: 'b',
	в: 'v',
	г: 'g',
	д: 'd',
	е: 'e',
	ё: 'yo',
	ж: 'j',
	з: 'z',
	и: 'i',
	й: 'i',
	к: 'k',
	л: 'l',
	м: 'm',
	н: 'n',
	о: 'o',
	ө: 'o',
	п: 'p',
	р: 'r',
	с: 's',
	т: 't',
	у: 'u',
	ү: 'u',
	ф: 'f',
	х: 'h',
	ц: 'ts',
	ч: 'ch',
	ш: 'sh',
	щ: 'sh',
	ъ: '',
	ы: 'y',
	ь: 'i',
	э: 'e',
	ю: 'yu',
	я: 'ya'
};

/**
 * A lower-case Latin skeleton of `text` for matching: Cyrillic transliterated, diacritics
 * dropped, and the Latin variants people write for the same sound folded together
 * (kh/h/x, ts/c, zh/j, dz/z, ö/o, ü/u, doubled letters).
 */
export function searchSkeleton(text: string): string {
	const latin = [...text.toLowerCase()].map((c) => CYRILLIC_TO_LATIN[c] ?? c).join('');
	return latin
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/kh|x/g, 'h')
		.replace(/ts|c(?!h)/g, 'c')
		.replace(/zh/g, 'j')
		.replace(/dz/g, 'z')
		.replace(/[^a-z0-9]+/g, ' ')
		.replace(/([a-z])\1+/g, '$1')
		.replace(/\s+/g, ' ')
		.trim();
}
