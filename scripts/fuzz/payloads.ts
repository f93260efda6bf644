// The hostile bodies, by class. Each payload is built from the target's own form (its fields as
// the page renders them, harvested in index.ts) so that one bad value meets otherwise plausible
// input, and from a seeded generator, so that a run is reproducible with --seed. Every operator
// payload carries the sentinel as its value, for queryWatch.ts to recognise if it ever reaches
// a query.
import { stringify } from 'devalue';
import { Random } from '../scale/random';

/** The seeded generator the scale data uses (mulberry32): the same seed, the same run. */
export { Random };

export const CLASSES = [
	'missing',
	'malformed',
	'oversized',
	'types',
	'unicode',
	'operators',
	'deep'
] as const;
export type PayloadClass = (typeof CLASSES)[number];

/** A form as the page renders it: fields with their values, file inputs, named buttons. */
export interface FormBase {
	fields: [string, string][];
	files: string[];
}

export interface Context {
	base: FormBase;
	rng: Random;
	sentinel: string;
}

/** What goes on the wire; `query` is appended to the target's URL. */
export interface Built {
	contentType?: string;
	body?: string | Buffer;
	query?: string;
}

export interface Payload {
	cls: PayloadClass;
	name: string;
	/** Sent once only (not as both a plain post and an enhanced one): big bodies. */
	once?: boolean;
	build(ctx: Context): Built;
}

const FORM = 'application/x-www-form-urlencoded';
const MB = 1024 * 1024;

const encode = (s: string) => encodeURIComponent(s);
export const urlencoded = (entries: [string, string][]): Built => ({
	contentType: FORM,
	body: entries.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&')
});

interface Part {
	name: string;
	value: string | Buffer;
	filename?: string;
	type?: string;
}

function multipartBody(parts: Part[], boundary: string): Buffer {
	const chunks: Buffer[] = [];
	for (const part of parts) {
		const filename = part.filename === undefined ? '' : `; filename="${part.filename}"`;
		const type = part.type ? `\r\nContent-Type: ${part.type}` : '';
		chunks.push(
			Buffer.from(
				`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"${filename}${type}\r\n\r\n`
			),
			Buffer.isBuffer(part.value) ? part.value : Buffer.from(part.value),
			Buffer.from('\r\n')
		);
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`));
	return Buffer.concat(chunks);
}

const BOUNDARY = '----fuzzBoundary7MA4YWxkTrZu0gW';
const multipart = (parts: Part[]): Built => ({
	contentType: `multipart/form-data; boundary=${BOUNDARY}`,
	body: multipartBody(parts, BOUNDARY)
});

/** The base as multipart parts: fields as text, file inputs as a small real JPEG-looking file. */
function baseParts(base: FormBase): Part[] {
	return [
		...base.fields.map(([name, value]) => ({ name, value })),
		...base.files.map((name) => ({
			name,
			value: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64)]),
			filename: 'receipt.jpg',
			type: 'image/jpeg'
		}))
	];
}

const names = (base: FormBase) => [...new Set(base.fields.map(([name]) => name))];
const every = (base: FormBase, value: (name: string) => string): [string, string][] =>
	names(base).map((name) => [name, value(name)]);
/** The base with one field (chosen by the generator; its first entry if repeated) set to `value`. */
function one(ctx: Context, value: string): [string, string][] {
	const chosen = ctx.rng.pick(names(ctx.base));
	const index = ctx.base.fields.findIndex(([name]) => name === chosen);
	return ctx.base.fields.map(([name, v], i) => [name, i === index ? value : v]);
}

// Big strings, made once.
let tenMegabytes: string | undefined;
const bigString = () => (tenMegabytes ??= 'A'.repeat(10 * MB));

const NUMBERS = [
	'NaN',
	'Infinity',
	'-Infinity',
	'1e308',
	'1e309',
	'-1',
	'-1000000',
	'0.5',
	'99999999999999999999',
	'9007199254740993',
	'0x10',
	'1e3',
	'-0',
	'１２３', // full-width digits
	'١٢٣', // Arabic-Indic digits
	' 7 '
];
const DATES = [
	'0001-01-01',
	'9999-12-31',
	'275760-09-13',
	'+275760-09-14',
	'2026-02-30',
	'2026-13-01',
	'1969-12-31',
	'0000-00-00',
	'yesterday'
];
const SCALARS = [
	'true',
	'false',
	'null',
	'undefined',
	'on',
	'[]',
	'{}',
	'000000000000000000000000'
];
const UNICODE = [
	'\u202egnp.exe', // right-to-left override
	'a\u200b\u200c\u200d\u2060b', // zero-width characters
	'👩‍👩‍👧‍👦🏳️‍⚧️', // emoji sequences
	'Z' + '\u0336\u0337\u0338\u0321\u0322'.repeat(200), // a 1000-mark grapheme
	'a\u0000b', // NUL
	'\ufeffBOM',
	'ᠮᠣᠩᠭᠣᠯ ᠪᠢᠴᠢᠭ', // Mongolian script
	'Оюунчимэг Батбаяр', // Cyrillic
	'Оюунчимэг Батбаяp', // Cyrillic with a Latin p
	'𠀀𠀁𠀂 𝕏', // four-byte characters
	'İıſK', // case-folding edge cases
	'line\r\nSet-Cookie: session=x',
	'<script>alert(1)</script>"><img src=x onerror=alert(1)>',
	"' OR '1'='1' --",
	'%s%n%x{0}${7*7}{{7*7}}',
	'../../../../etc/passwd'
];
/** Bytes no UTF-8 decoder accepts: a lone surrogate, an overlong slash, stray continuations. */
const INVALID_UTF8 = '%ED%A0%80%C0%AF%FF%FE%80';

const OPERATORS = ['$ne', '$gt', '$regex', '$where', '$exists', '$expr'];

function nested(depth: number, leaf: unknown): unknown {
	let value: unknown = leaf;
	for (let i = 0; i < depth; i++) value = { a: value };
	return value;
}

/** devalue's flat format for `{ a: { a: ... } }`, `depth` deep, without recursion. */
function deepDevalue(depth: number, leaf: string): string {
	const items: string[] = [];
	for (let i = 0; i < depth; i++) items.push(`{"a":${i + 1}}`);
	items.push(JSON.stringify(leaf));
	return `[${items.join(',')}]`;
}

const superform = (data: unknown, extra: [string, string][] = []): Built =>
	urlencoded([['__superform_json', stringify(data)], ...extra]);

const objectOf = (base: FormBase, value: (name: string) => unknown) =>
	Object.fromEntries(names(base).map((name) => [name, value(name)]));

export const PAYLOADS: Payload[] = [
	// Missing and empty.
	{ cls: 'missing', name: 'empty-form', build: () => urlencoded([]) },
	{ cls: 'missing', name: 'no-body', build: () => ({}) },
	{
		cls: 'missing',
		name: 'drop-one',
		build: ({ base, rng }) => {
			const drop = rng.pick(names(base));
			return urlencoded(base.fields.filter(([name]) => name !== drop));
		}
	},
	{
		cls: 'missing',
		name: 'only-one',
		build: ({ base, rng }) => urlencoded([rng.pick(base.fields)])
	},
	{ cls: 'missing', name: 'blank-all', build: ({ base }) => urlencoded(every(base, () => '')) },
	{
		cls: 'missing',
		name: 'whitespace-all',
		build: ({ base }) => urlencoded(every(base, () => ' \t\n\u00a0\u3000'))
	},

	// Malformed bodies.
	{
		cls: 'malformed',
		name: 'bad-percent',
		build: ({ base }) => ({
			contentType: FORM,
			body: `a=%zz&%E0%A4%A=1&&==&%&${urlencoded(base.fields).body}`
		})
	},
	{
		cls: 'malformed',
		name: 'invalid-utf8',
		build: ({ base }) => ({
			contentType: FORM,
			body: names(base)
				.map((name) => `${encode(name)}=${INVALID_UTF8}`)
				.join('&')
		})
	},
	{
		cls: 'malformed',
		name: 'multipart-truncated',
		build: ({ base }) => {
			const body = multipartBody(baseParts(base), BOUNDARY);
			return {
				contentType: `multipart/form-data; boundary=${BOUNDARY}`,
				body: body.subarray(0, Math.max(10, Math.floor(body.length / 2)))
			};
		}
	},
	{
		cls: 'malformed',
		name: 'multipart-no-boundary',
		build: ({ base }) => ({
			contentType: 'multipart/form-data',
			body: multipartBody(baseParts(base), BOUNDARY)
		})
	},
	{
		cls: 'malformed',
		name: 'multipart-wrong-boundary',
		build: ({ base }) => ({
			contentType: 'multipart/form-data; boundary=not-the-boundary',
			body: multipartBody(baseParts(base), BOUNDARY)
		})
	},
	{
		cls: 'malformed',
		name: 'json-body',
		build: ({ base }) => ({
			contentType: 'application/json',
			body: JSON.stringify(Object.fromEntries(base.fields))
		})
	},
	{
		cls: 'malformed',
		name: 'bad-json',
		build: () => ({ contentType: 'application/json', body: '{"a": [1, 2,' })
	},
	{
		cls: 'malformed',
		name: 'text-plain',
		build: () => ({ contentType: 'text/plain', body: 'a=b' })
	},
	{
		cls: 'malformed',
		name: 'binary-as-form',
		build: () => ({
			contentType: FORM,
			body: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0x25, 0x3d])
		})
	},
	{
		cls: 'malformed',
		name: 'superform-garbage',
		build: ({ base }) =>
			urlencoded([['__superform_json', '[[[[{"'], ['__superform_id', 'x'], ...base.fields])
	},
	{
		cls: 'malformed',
		name: 'utf16-charset',
		build: ({ base }) => ({
			contentType: `${FORM}; charset=utf-16le`,
			body: Buffer.from(String(urlencoded(base.fields).body), 'utf16le')
		})
	},

	// Oversized.
	{
		cls: 'oversized',
		name: 'field-10mb',
		once: true,
		build: (ctx) => urlencoded(one(ctx, bigString()))
	},
	{
		cls: 'oversized',
		name: 'multipart-file-10mb',
		once: true,
		build: ({ base, rng }) =>
			multipart([
				...baseParts(base),
				{
					name: rng.pick([...base.files, ...names(base)]),
					value: Buffer.from(bigString()),
					filename: 'big.jpg',
					type: 'image/jpeg'
				}
			])
	},
	{
		cls: 'oversized',
		name: 'body-20mb-over-limit',
		once: true,
		build: (ctx) => urlencoded(one(ctx, bigString() + bigString()))
	},
	{
		cls: 'oversized',
		name: 'many-fields',
		once: true,
		build: ({ base }) => ({
			contentType: FORM,
			body: `${urlencoded(base.fields).body}&${Array.from({ length: 100_000 }, (_, i) => `f${i}=1`).join('&')}`
		})
	},
	{
		cls: 'oversized',
		name: 'repeated-field',
		once: true,
		build: ({ base, rng }) => {
			const name = encode(rng.pick(names(base)));
			return {
				contentType: FORM,
				body: `${urlencoded(base.fields).body}&${Array(50_000).fill(`${name}=1`).join('&')}`
			};
		}
	},
	{
		cls: 'oversized',
		name: 'long-name',
		once: true,
		build: ({ base }) => urlencoded([...base.fields, ['n'.repeat(MB), 'x']])
	},
	{
		cls: 'oversized',
		name: 'long-text-all',
		once: true,
		build: ({ base }) => urlencoded(every(base, () => 'Сайн байна уу? '.repeat(7_000)))
	},

	// Wrong types.
	{
		cls: 'types',
		name: 'arrays',
		build: ({ base }) =>
			urlencoded(
				base.fields.flatMap(([name, value]) => [
					[name, value],
					[name, 'x'],
					[name, '']
				])
			)
	},
	{
		cls: 'types',
		name: 'file-for-string',
		build: ({ base }) =>
			multipart(
				names(base).map((name) => ({
					name,
					value: Buffer.from([0x89, 0x50, 0x4e, 0x47]),
					filename: '../../../etc/passwd',
					type: 'image/png'
				}))
			)
	},
	{
		cls: 'types',
		name: 'string-for-file',
		build: ({ base }) =>
			multipart([
				...base.fields.map(([name, value]) => ({ name, value })),
				...(base.files.length ? base.files : ['file']).map((name) => ({
					name,
					value: 'not a file'
				}))
			])
	},
	{
		cls: 'types',
		name: 'wrong-file-content',
		build: ({ base, rng }) =>
			multipart([
				...base.fields.map(([name, value]) => ({ name, value })),
				...(base.files.length ? base.files : ['file', 'photo']).map((name) =>
					rng.pick([
						{
							name,
							value: '<html><script>alert(1)</script>',
							filename: 'r.jpg',
							type: 'image/jpeg'
						},
						{ name, value: '<svg onload="alert(1)"/>', filename: 'r.svg', type: 'image/svg+xml' },
						{ name, value: 'MZ\x90\x00\x03', filename: 'photo.png', type: 'image/png' },
						{ name, value: '', filename: 'empty.jpg', type: 'image/jpeg' },
						{ name, value: '%PDF-1.7', filename: '\u202egpj.exe', type: 'application/pdf' }
					])
				)
			])
	},
	{
		cls: 'types',
		name: 'superform-files',
		build: ({ base }) =>
			multipart([
				{ name: '__superform_json', value: stringify(Object.fromEntries(base.fields)) },
				...base.fields
					.filter(([name]) => name === '__superform_id')
					.map(([name, value]) => ({ name, value })),
				...names(base).flatMap((name) => [
					{
						name: `__superform_file_${name}`,
						value: 'GIF89a;',
						filename: 'a.gif',
						type: 'image/gif'
					},
					{
						name: `__superform_files_${name}`,
						value: 'GIF89a;',
						filename: 'b.gif',
						type: 'image/gif'
					}
				])
			])
	},
	...NUMBERS.map((n): Payload => ({
		cls: 'types',
		name: `number ${n.trim() || 'blank'}`,
		build: ({ base }) => urlencoded(every(base, () => n))
	})),
	{
		cls: 'types',
		name: 'negative-money',
		build: ({ base }) =>
			urlencoded(
				base.fields.map(([name, value]) => [
					name,
					/mnt|amount|price|cost|sales|pct|capacity|weight|count|no$|year|size|children/i.test(name)
						? '-5000'
						: value
				])
			)
	},
	...DATES.map((d): Payload => ({
		cls: 'types',
		name: `date ${d}`,
		build: ({ base }) => urlencoded(every(base, () => d))
	})),
	...SCALARS.map((s): Payload => ({
		cls: 'types',
		name: `scalar ${s}`,
		build: ({ base }) => urlencoded(every(base, () => s))
	})),

	// Unicode edge cases: one field, then all.
	...UNICODE.map((u, i): Payload => ({
		cls: 'unicode',
		name: `unicode-${i}`,
		build: (ctx) => urlencoded(ctx.rng.next() < 0.5 ? one(ctx, u) : every(ctx.base, () => u))
	})),
	{
		cls: 'unicode',
		name: 'unicode-names',
		build: ({ base }) =>
			urlencoded([...base.fields, ['名前', 'x'], ['a\u0000b', 'x'], ['\u202ename', 'x']])
	},

	// Query operators, each carrying the sentinel.
	...OPERATORS.map((op): Payload => ({
		cls: 'operators',
		name: `bracket ${op}`,
		build: ({ base, sentinel }) =>
			urlencoded(every(base, () => sentinel).map(([n, v]) => [`${n}[${op}]`, v]))
	})),
	{
		cls: 'operators',
		name: 'bracket $in/$or',
		build: ({ base, sentinel }) =>
			urlencoded(
				names(base).flatMap((n): [string, string][] => [
					[`${n}[$in][]`, sentinel],
					[`$or[0][${n}]`, sentinel]
				])
			)
	},
	{
		cls: 'operators',
		name: 'dotted',
		build: ({ base, sentinel }) =>
			urlencoded([
				...base.fields,
				...names(base).map((n): [string, string] => [`${n}.$ne`, sentinel])
			])
	},
	{
		cls: 'operators',
		name: 'dollar-fields',
		build: ({ base, sentinel }) =>
			urlencoded([
				...base.fields,
				['$where', sentinel],
				['$gt', sentinel],
				['$set[roles]', sentinel],
				['$expr', sentinel]
			])
	},
	{
		cls: 'operators',
		name: 'json-in-values',
		build: ({ base, sentinel }) => urlencoded(every(base, () => JSON.stringify({ $ne: sentinel })))
	},
	{
		cls: 'operators',
		name: 'superform-json $ne',
		build: ({ base, sentinel }) =>
			superform(
				objectOf(base, () => ({ $ne: sentinel })),
				base.fields.filter(([n]) => n === '__superform_id')
			)
	},
	{
		cls: 'operators',
		name: 'superform-json mixed',
		build: ({ base, sentinel, rng }) =>
			superform(
				{
					...Object.fromEntries(base.fields),
					...objectOf(base, () =>
						rng.pick([[sentinel, { $gt: sentinel }], { $regex: sentinel }, { $in: [sentinel] }])
					),
					$where: sentinel
				},
				base.fields.filter(([n]) => n === '__superform_id')
			)
	},
	{
		cls: 'operators',
		name: 'prototype-pollution',
		build: ({ base, sentinel }) =>
			urlencoded([
				...base.fields,
				['__proto__[roles]', 'admin'],
				['__proto__', sentinel],
				['constructor[prototype][isAdmin]', 'true'],
				[
					'__superform_json',
					'[{"__proto__":1,"constructor":2},{"$ne":3},{"prototype":4},"' + sentinel + '"]'
				],
				['__superform_file___proto__.polluted', 'x']
			])
	},
	{
		cls: 'operators',
		name: 'json $ne',
		build: ({ base, sentinel }) => ({
			contentType: 'application/json',
			body: JSON.stringify(objectOf(base, () => ({ $ne: sentinel })))
		})
	},
	{
		cls: 'operators',
		name: 'query-string',
		build: ({ base, sentinel }) => ({
			...urlencoded(base.fields),
			query: names(base)
				.map((n) => `${encode(n)}[$ne]=${encode(sentinel)}`)
				.concat([`$where=${encode(sentinel)}`, `cohort[$gt]=${encode(sentinel)}`])
				.join('&')
		})
	},
	{
		cls: 'operators',
		name: 'multipart $ne',
		build: ({ base, sentinel }) =>
			multipart([
				...baseParts(base),
				...names(base).map((n) => ({ name: `${n}[$ne]`, value: sentinel }))
			])
	},

	// Deep nesting.
	{
		cls: 'deep',
		name: 'deep-json',
		build: ({ sentinel }) => ({
			contentType: 'application/json',
			body: '{"a":'.repeat(20_000) + JSON.stringify({ $ne: sentinel }) + '}'.repeat(20_000)
		})
	},
	{
		cls: 'deep',
		name: 'deep-superform',
		build: ({ base, sentinel }) =>
			urlencoded([
				['__superform_json', deepDevalue(20_000, sentinel)],
				...base.fields.filter(([n]) => n === '__superform_id')
			])
	},
	{
		cls: 'deep',
		name: 'deep-superform-shallow',
		build: ({ base, sentinel }) => superform(objectOf(base, () => nested(200, { $ne: sentinel })))
	},
	{
		cls: 'deep',
		name: 'deep-brackets',
		build: ({ base, sentinel }) =>
			urlencoded([...base.fields, [`a${'[a]'.repeat(5_000)}[$ne]`, sentinel]])
	},
	{
		cls: 'deep',
		name: 'deep-json-in-values',
		build: ({ base }) => urlencoded(every(base, () => '['.repeat(50_000) + ']'.repeat(50_000)))
	},
	{
		cls: 'deep',
		name: 'wide-superform',
		build: ({ sentinel }) =>
			superform(Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, sentinel])))
	}
];
