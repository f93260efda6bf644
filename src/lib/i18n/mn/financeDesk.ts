// Mongolian messages of the financeDesk area.
export const financeDesk = {};
