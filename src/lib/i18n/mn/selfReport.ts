// Messages of the selfReport area (filled by its pages).
export const selfReport = {};
