import { describe, expect, it } from 'vitest';
import { csvCell, csvDocument } from './csv';

describe('csv', () => {
	it('quotes commas, quotes and line breaks, and leaves plain text alone', () => {
		expect(csvCell('Ханбогд')).toBe('Ханбогд');
		expect(csvCell('a,b')).toBe('"a,b"');
		expect(csvCell('say "hi"')).toBe('"say ""hi"""');
		expect(csvCell('two\nlines')).toBe('"two\nlines"');
		expect(csvCell(null)).toBe('');
		expect(csvCell(0)).toBe('0');
	});

	it('writes what a spreadsheet would run as a formula as text', () => {
		for (const formula of ['=1+1', '+7', '-3', '@SUM(A1)', '\tx']) {
			expect(csvCell(formula).replace(/^"/, '')).toMatch(/^'/);
		}
	});

	it('starts with a BOM and ends every line with CRLF', () => {
		expect(
			csvDocument([
				['a', 'b'],
				[1, 2]
			])
		).toBe('\uFEFFa,b\r\n1,2\r\n');
	});
});
