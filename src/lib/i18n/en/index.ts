import type { MessageKey } from '../mn';
import { core } from './core';
import { participants } from './participants';
import { plan } from './plan';
import { planReview } from './planReview';
import { committee } from './committee';
import { review } from './review';
import { reviewSetup } from './reviewSetup';
import { reviewer } from './reviewer';
import { training } from './training';
import { grants } from './grants';
import { grantStaff } from './grantStaff';
import { financeDesk } from './financeDesk';
import { grantOwn } from './grantOwn';
import { mentoring } from './mentoring';
import { mentorDesk } from './mentorDesk';
import { offline } from './offline';
import { mentoringStaff } from './mentoringStaff';
import { selfReport } from './selfReport';
import { dashboards } from './dashboards';
import { indicators } from './indicators';
import { dataExports } from './dataExports';
import { auditLog } from './auditLog';
import { erasure } from './erasure';

export const en: Record<MessageKey, string> = {
	...core,
	...participants,
	...plan,
	...planReview,
	...training,
	...review,
	...reviewer,
	...reviewSetup,
	...committee,
	...grants,
	...grantStaff,
	...financeDesk,
	...grantOwn,
	...mentoring,
	...mentorDesk,
	...offline,
	...mentoringStaff,
	...selfReport,
	...dashboards,
	...indicators,
	...dataExports,
	...auditLog,
	...erasure
};
