// No unused dependency: every package in package.json is imported by the code, the tests or
// the configuration, or runs as a command in an npm script (its `bin`). Two packages are only
// types, which no file imports by name; they are listed with why.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
	scripts: Record<string, string>;
	dependencies: Record<string, string>;
	devDependencies: Record<string, string>;
};

const TYPES_ONLY: Record<string, string> = {
	'@types/node': "Node's own modules, typed for TypeScript",
	'@types/autocannon': 'the types of autocannon, which scripts/bench imports'
};

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = path.join(dir, name);
		if (name === 'node_modules' || name.startsWith('.')) return [];
		if (statSync(full).isDirectory()) return sourceFiles(full);
		return /\.(ts|js|svelte|json)$/.test(name) ? [full] : [];
	});
}

const code = [
	...['src', 'scripts', 'tests'].flatMap((dir) => sourceFiles(path.join(root, dir))),
	...readdirSync(root)
		.filter((name) => /^(\.prettierrc|.*\.config\.(js|ts))$/.test(name))
		.map((name) => path.join(root, name))
]
	.map((file) => readFileSync(file, 'utf8'))
	.join('\n');

/** The commands a package puts in node_modules/.bin. */
function binsOf(name: string): string[] {
	const own = JSON.parse(
		readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')
	) as { bin?: string | Record<string, string> };
	if (!own.bin) return [];
	return typeof own.bin === 'string' ? [name.split('/').pop()!] : Object.keys(own.bin);
}

function used(name: string): boolean {
	const quoted = name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
	if (new RegExp(`['"]${quoted}(/[^'"]*)?['"]`).test(code)) return true;
	const scripts = Object.values(manifest.scripts).join(' && ');
	return binsOf(name).some((bin) => new RegExp(`(^|[\\s&|;(])${bin}(\\s|$)`).test(scripts));
}

describe('dependencies', () => {
	const all = { ...manifest.dependencies, ...manifest.devDependencies };
	it.each(Object.keys(all).filter((name) => !(name in TYPES_ONLY)))('%s is used', (name) => {
		expect(used(name)).toBe(true);
	});

	it('pins every version exactly', () => {
		for (const [name, version] of Object.entries(all)) {
			expect(version, name).toMatch(/^\d+\.\d+\.\d+$/);
		}
	});
});
