// Messages of the mentorDesk area (filled by its pages).
export const mentorDesk = {};
