// Mongolian messages of the training area.
export const training = {} satisfies Record<string, string>;
