// Mongolian messages of the grantStaff area.
export const grantStaff = {};
