/** Largest document we lint or take facts from; larger ones get one diagnostic instead of a long wait. */
export const MAX_LINT_CHARS = 8 * 1024 * 1024;
