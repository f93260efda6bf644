// Messages of the offline area (filled by its pages).
export const offline = {};
