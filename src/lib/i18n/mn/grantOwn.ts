// Mongolian messages of the grantOwn area.
export const grantOwn = {};
