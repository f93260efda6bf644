// Mongolian messages of the planReview area.
export const planReview = {} satisfies Record<string, string>;
