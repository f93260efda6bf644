// Mongolian messages of the participants area.
export const participants = {} satisfies Record<string, string>;
