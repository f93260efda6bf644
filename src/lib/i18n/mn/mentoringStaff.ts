// Messages of the mentoringStaff area (filled by its pages).
export const mentoringStaff = {};
