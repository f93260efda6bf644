// The audit log: who did what, in which role, to what, when, from where, on whose behalf.
import { AuditEntry } from '$lib/server/db/models/auditEntry';

export type AuditAction =
	| 'auth.signin'
	| 'auth.signin_failed'
	| 'auth.signin_throttled'
	| 'auth.signout'
	| 'auth.signout_everywhere'
	| 'auth.password_changed'
	| 'auth.setup_completed'
	| 'auth.setup_failed'
	| 'account.created'
	| 'account.disabled'
	| 'account.enabled'
	| 'account.code_issued'
	| 'account.permission_changed'
	| 'audit.viewed'
	| 'participant.registered'
	| 'participant.updated'
	| 'participant.protected_set'
	| 'participant.protected_viewed'
	| 'participant.consent_recorded'
	| 'participant.exported'
	| 'plan.saved_on_behalf'
	| 'plan.submitted'
	| 'plan.returned'
	| 'plan.commented'
	| 'review.rubric_updated'
	| 'review.committee_changed'
	| 'review.assigned'
	| 'review.unassigned'
	| 'review.conflict_declared'
	| 'review.plan_opened'
	| 'review.submitted'
	| 'review.need_scored'
	| 'review.decided'
	| 'review.outcomes_published'
	| 'review.pack_exported'
	| 'training.course_created'
	| 'training.session_created'
	| 'training.enrolled'
	| 'training.attendance_saved'
	| 'training.trainer_marked'
	| 'training.unenrolled'
	| 'grant.created'
	| 'grant.rules_changed'
	| 'grant.schedule_changed'
	| 'grant.signed'
	| 'grant.verified'
	| 'grant.viewed'
	| 'grant.agreement_printed'
	| 'payment.requested'
	| 'payment.refused'
	| 'payment.approved'
	| 'payment.rejected'
	| 'payment.paid'
	| 'payment.own_refused'
	| 'payment.viewed'
	| 'receipt.uploaded'
	| 'receipt.viewed'
	| 'mentoring.assigned'
	| 'mentoring.rule_changed'
	| 'mentoring.viewed'
	| 'checkin.recorded'
	| 'checkin.self_reported'
	| 'checkin.photo_viewed'
	| 'safeguarding.raised'
	| 'safeguarding.listed'
	| 'safeguarding.read'
	| 'safeguarding.closed'
	| 'demo.seeded';

export interface AuditEvent {
	action: AuditAction;
	actorId?: string | null;
	actorRole?: string | null;
	entity?: string;
	entityId?: string;
	onBehalfOf?: string | null;
	ip?: string | null;
	details?: Record<string, unknown>;
}

export async function audit(event: AuditEvent): Promise<void> {
	await AuditEntry.create({
		at: new Date(),
		action: event.action,
		actorId: event.actorId ?? undefined,
		actorRole: event.actorRole ?? undefined,
		entity: event.entity,
		entityId: event.entityId,
		onBehalfOf: event.onBehalfOf ?? undefined,
		ip: event.ip ?? undefined,
		details: event.details
	});
}

export interface AuditQuery {
	action?: string;
	actorId?: string;
	page?: number;
	pageSize?: number;
}

export async function listAudit({ action, actorId, page = 1, pageSize = 50 }: AuditQuery) {
	const filter: Record<string, unknown> = {};
	if (action) filter.action = action;
	if (actorId) filter.actorId = actorId;
	const [rows, total] = await Promise.all([
		AuditEntry.find(filter)
			.sort({ at: -1, _id: -1 })
			.skip((page - 1) * pageSize)
			.limit(pageSize)
			.populate<{ actorId: { _id: unknown; name: string; phone: string } | null }>(
				'actorId',
				'name phone'
			)
			.lean(),
		AuditEntry.countDocuments(filter)
	]);
	return {
		total,
		page,
		pageSize,
		rows: rows.map((row) => ({
			id: String(row._id),
			at: row.at,
			action: row.action,
			actorName: row.actorId?.name ?? null,
			actorPhone: row.actorId?.phone ?? null,
			actorRole: row.actorRole ?? null,
			entity: row.entity ?? null,
			entityId: row.entityId ?? null,
			onBehalfOf: row.onBehalfOf ? String(row.onBehalfOf) : null,
			ip: row.ip ?? null,
			details: row.details ? JSON.stringify(row.details) : null
		}))
	};
}
