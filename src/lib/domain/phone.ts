// Mongolian phone numbers: accounts are identified by an 8-digit national number.

/**
 * The 8-digit national number in `input`, or null. Spaces, dashes, dots, brackets and a
 * leading +976 / 976 / 00976 country code are accepted and dropped.
 */
export function normalizePhone(input: string): string | null {
	let digits = input.trim().replace(/[\s\-().]/g, '');
	digits = digits.replace(/^(\+|00)?976(?=\d{8}$)/, '');
	return /^[1-9]\d{7}$/.test(digits) ? digits : null;
}

/** `8000 0001` style, for display. */
export function formatPhone(phone: string): string {
	return /^\d{8}$/.test(phone) ? `${phone.slice(0, 4)} ${phone.slice(4)}` : phone;
}
