// Mongolian messages of the plan area.
export const plan = {} satisfies Record<string, string>;
