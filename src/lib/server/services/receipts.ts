// Receipts for money spent from a grant: uploaded by the woman, her mentor or staff, checked
// (size, and the type read from the file's own bytes), stored under DATA_DIR/receipts by the
// receipt's id, linked to a budget line, and served only through the grant's access check.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Types } from 'mongoose';
import { MAX_RECEIPT_BYTES, sniffReceiptType } from '$lib/domain/grants';
import { audit } from '$lib/server/audit';
import type { SessionUser } from '$lib/server/auth/session';
import { Receipt } from '$lib/server/db/models/receipt';
import { readEnv } from '$lib/server/env';
import { GrantError, loadGrant, objectId, roleOf } from './grantAccess';

export interface ReceiptInput {
	file: File;
	lineKey: string;
	amountMnt: number;
	spentOn: Date;
	description: string;
}

/** Where receipt files live: DATA_DIR/receipts (DATA_DIR is read when called, for tests). */
export function receiptsDir(): string {
	return path.resolve(readEnv().DATA_DIR, 'receipts');
}

const fileOf = (id: Types.ObjectId | string) => path.join(receiptsDir(), String(id));

/** Keeps a readable file name for the download, without paths or control characters. */
function cleanName(name: string): string {
	return (
		path
			.basename(name)
			.replace(/[\p{Cc}"\\/]/gu, '')
			.slice(0, 200) || 'receipt'
	);
}

export async function uploadReceipt(
	actor: SessionUser,
	grantId: string,
	input: ReceiptInput,
	ip: string
): Promise<{ receiptId: string }> {
	const { grant, access } = await loadGrant(actor, grantId);
	if (access === 'finance') throw new GrantError('forbidden');
	if (grant.cancelledAt) throw new GrantError('cancelled');
	if (!grant.signedOn) throw new GrantError('notSigned');
	if (!grant.budgetLines.some((line) => line.key === input.lineKey)) {
		throw new GrantError('invalid', ['lineKey']);
	}
	if (input.file.size === 0 || input.file.size > MAX_RECEIPT_BYTES) {
		throw new GrantError('fileSize');
	}
	const bytes = new Uint8Array(await input.file.arrayBuffer());
	const contentType = sniffReceiptType(bytes);
	if (!contentType) throw new GrantError('fileType');
	const id = new Types.ObjectId();
	await mkdir(receiptsDir(), { recursive: true });
	// Written whole under a temporary name first: a receipt document never points at half a file.
	const partial = `${fileOf(id)}.part`;
	await writeFile(partial, bytes, { flag: 'wx' });
	await rename(partial, fileOf(id));
	try {
		await Receipt.create({
			_id: id,
			grantId: grant._id,
			participantId: grant.participantId,
			lineKey: input.lineKey,
			amountMnt: input.amountMnt,
			spentOn: input.spentOn,
			description: input.description,
			contentType,
			sizeBytes: bytes.length,
			sha256: createHash('sha256').update(bytes).digest('hex'),
			originalName: cleanName(input.file.name),
			uploadedBy: actor.id,
			uploadedRole: roleOf(access),
			uploadedAt: new Date()
		});
	} catch (error) {
		await rm(fileOf(id), { force: true });
		throw error;
	}
	await audit({
		action: 'receipt.uploaded',
		actorId: actor.id,
		actorRole: roleOf(access),
		entity: 'grant',
		entityId: grantId,
		ip,
		details: {
			receiptId: String(id),
			lineKey: input.lineKey,
			amountMnt: input.amountMnt,
			contentType
		}
	});
	return { receiptId: String(id) };
}

/** The file of a receipt, for whoever may see its grant; 404 for anyone else. Audited. */
export async function receiptFile(viewer: SessionUser, receiptId: string, ip: string) {
	const receipt = await Receipt.findById(objectId(receiptId)).lean();
	if (!receipt) throw new GrantError('notFound');
	const { access } = await loadGrant(viewer, String(receipt.grantId));
	let bytes: Buffer;
	try {
		bytes = await readFile(fileOf(receipt._id));
	} catch {
		throw new GrantError('notFound');
	}
	await audit({
		action: 'receipt.viewed',
		actorId: viewer.id,
		actorRole: roleOf(access),
		entity: 'grant',
		entityId: String(receipt.grantId),
		ip,
		details: { receiptId }
	});
	return {
		bytes,
		contentType: receipt.contentType,
		fileName: receipt.originalName || 'receipt'
	};
}
