// Every model, registered once; `initModels` waits until their indexes exist, because the
// unique indexes carry the exactly-once rules (docs/database.md).
import mongoose from 'mongoose';
export { Attendance } from './attendance';
export { AwardDecision } from './awardDecision';
export { AuditEntry } from './auditEntry';
export { BusinessPlan } from './businessPlan';
export { CheckIn } from './checkIn';
export { Cohort } from './cohort';
export { CommitteeMember } from './committeeMember';
export { ConflictDeclaration } from './conflictDeclaration';
export { ConsentRecord } from './consentRecord';
export { Course } from './course';
export { Enrolment } from './enrolment';
export { Grant } from './grant';
export { GrantLedger } from './grantLedger';
export { GrantVerification } from './grantVerification';
export { MentorAssignment } from './mentorAssignment';
export { MentoringSchedule } from './mentoringSchedule';
export { NeedAssessment } from './needAssessment';
export { Participant } from './participant';
export { PaymentRequest } from './paymentRequest';
export { PlanComment } from './planComment';
export { PlanSectionDraft } from './planSectionDraft';
export { PlanVersion } from './planVersion';
export { Receipt } from './receipt';
export { ReportSnapshot } from './reportSnapshot';
export { Review, ReviewDraft } from './review';
export { ReviewAssignment } from './reviewAssignment';
export { ReviewSetup } from './reviewSetup';
export { SafeguardingConcern } from './safeguardingConcern';
export { Session } from './session';
export { SetupCode, SetupCodeRedemption } from './setupCode';
export { SignInAttempt } from './signInAttempt';
export { Soum } from './soum';
export { TrainingSession } from './trainingSession';
export { User } from './user';

export async function initModels(): Promise<void> {
	for (const model of Object.values(mongoose.models)) await model.init();
}
