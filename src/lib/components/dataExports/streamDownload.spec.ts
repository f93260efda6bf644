import { describe, expect, it } from 'vitest';
import { LineCounter, fileNameOf } from './streamDownload';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('LineCounter', () => {
	it('counts CRLF lines across chunks, Cyrillic included', () => {
		const counter = new LineCounter();
		counter.add(bytes('\uFEFFКод,Сум\r\nUMN-26-001,Ханб'));
		expect(counter.lines).toBe(1);
		counter.add(bytes('огд\r\nUMN-26-002,Манлай\r'));
		expect(counter.lines).toBe(2);
		expect(counter.add(bytes('\n'))).toBe(3);
	});

	it('does not count a line break inside a quoted cell, even split across chunks', () => {
		const counter = new LineCounter();
		counter.add(bytes('a,"first line\r\n'));
		counter.add(bytes('second ""quoted"" line",b\r\n'));
		expect(counter.lines).toBe(1);
		counter.add(bytes('c,d\r\n'));
		expect(counter.lines).toBe(2);
	});
});

describe('fileNameOf', () => {
	it("reads the server's file name, or falls back", () => {
		expect(fileNameOf('attachment; filename="plans-2026-05-04.csv"', 'x.csv')).toBe(
			'plans-2026-05-04.csv'
		);
		expect(fileNameOf(null, 'export.csv')).toBe('export.csv');
		expect(fileNameOf('attachment', 'export.csv')).toBe('export.csv');
	});
});
