// Safeguarding concerns raised at check-ins: for coordinators and nobody else. The list shows
// who and when, never what; reading a concern's note is audited (the entry names the concern,
// never its words); a coordinator closes it with what was done.
import { audit } from '$lib/server/audit';
import type { SessionUser } from '$lib/server/auth/session';
import { Cohort } from '$lib/server/db/models/cohort';
import { SafeguardingConcern } from '$lib/server/db/models/safeguardingConcern';
import { User } from '$lib/server/db/models/user';
import { MentoringError, objectIdOf, requireCoordinator } from './mentoring';
import { displayName, identitiesFor } from './participantIdentity';

async function currentCohortId() {
	const cohort = await Cohort.findOne({ current: true }, { _id: 1 }).lean();
	if (!cohort) throw new MentoringError('noCohort');
	return cohort._id;
}

/** Open concerns of the current cohort: the count on /staff. 0 for anyone but coordinators. */
export async function openConcernCount(viewer: SessionUser): Promise<number> {
	if (!viewer.roles.includes('coordinator')) return 0;
	const cohort = await Cohort.findOne({ current: true }, { _id: 1 }).lean();
	if (!cohort) return 0;
	return SafeguardingConcern.countDocuments({ cohortId: cohort._id, state: 'open' });
}

async function names(ids: readonly unknown[]) {
	const users = await User.find({ _id: { $in: ids } }, { name: 1 }).lean();
	return new Map(users.map((u) => [String(u._id), u.name]));
}

/** Coordinators: the cohort's concerns, open ones first, newest first; no notes. */
export async function concernList(viewer: SessionUser, ip: string) {
	requireCoordinator(viewer);
	const cohortId = await currentCohortId();
	const concerns = await SafeguardingConcern.find({ cohortId }, { note: 0, actionTaken: 0 })
		.sort({ raisedAt: -1 })
		.lean();
	const [identities, people] = await Promise.all([
		identitiesFor(
			viewer,
			concerns.map((c) => c.participantId),
			{ ip }
		),
		names(concerns.flatMap((c) => [c.raisedBy, c.closedBy].filter(Boolean)))
	]);
	const rows = concerns.map((c) => {
		const identity = identities.get(String(c.participantId));
		return {
			id: String(c._id),
			grantId: String(c.grantId),
			code: identity?.code ?? '—',
			name: identity ? displayName(identity) : '—',
			soum: c.soum,
			raisedAt: c.raisedAt,
			raisedBy: people.get(String(c.raisedBy)) ?? '—',
			state: c.state as 'open' | 'closed',
			closedAt: c.closedAt ?? null,
			closedBy: c.closedBy ? (people.get(String(c.closedBy)) ?? '—') : null
		};
	});
	rows.sort((a, b) => Number(a.state === 'closed') - Number(b.state === 'closed'));
	await audit({
		action: 'safeguarding.listed',
		actorId: viewer.id,
		actorRole: 'coordinator',
		entity: 'safeguarding',
		ip,
		details: { count: rows.length }
	});
	return rows;
}

/** Coordinators: one concern with its confidential note. Audited. */
export async function concernDetail(viewer: SessionUser, concernId: string, ip: string) {
	requireCoordinator(viewer);
	const concern = await SafeguardingConcern.findById(objectIdOf(concernId)).lean();
	if (!concern) throw new MentoringError('notFound');
	const [identities, people] = await Promise.all([
		identitiesFor(viewer, [concern.participantId], { ip }),
		names([concern.raisedBy, concern.closedBy].filter(Boolean))
	]);
	const identity = identities.get(String(concern.participantId));
	await audit({
		action: 'safeguarding.read',
		actorId: viewer.id,
		actorRole: 'coordinator',
		entity: 'safeguarding',
		entityId: concernId,
		ip,
		details: { grantId: String(concern.grantId) }
	});
	return {
		id: String(concern._id),
		grantId: String(concern.grantId),
		code: identity?.code ?? '—',
		name: identity ? displayName(identity) : '—',
		phone: identity?.phone ?? null,
		soum: concern.soum,
		note: concern.note,
		raisedAt: concern.raisedAt,
		raisedBy: people.get(String(concern.raisedBy)) ?? '—',
		state: concern.state as 'open' | 'closed',
		actionTaken: concern.actionTaken ?? null,
		closedAt: concern.closedAt ?? null,
		closedBy: concern.closedBy ? (people.get(String(concern.closedBy)) ?? '—') : null
	};
}
export type ConcernDetail = Awaited<ReturnType<typeof concernDetail>>;

/** Coordinators: closes an open concern with what was done. Closing twice is refused. */
export async function closeConcern(
	viewer: SessionUser,
	concernId: string,
	actionTaken: string,
	ip: string
) {
	requireCoordinator(viewer);
	const id = objectIdOf(concernId);
	const result = await SafeguardingConcern.updateOne(
		{ _id: id, state: 'open' },
		{ $set: { state: 'closed', actionTaken, closedBy: viewer.id, closedAt: new Date() } }
	);
	if (result.matchedCount === 0) {
		throw new MentoringError(
			(await SafeguardingConcern.exists({ _id: id })) ? 'alreadyClosed' : 'notFound'
		);
	}
	await audit({
		action: 'safeguarding.closed',
		actorId: viewer.id,
		actorRole: 'coordinator',
		entity: 'safeguarding',
		entityId: concernId,
		ip
	});
}
