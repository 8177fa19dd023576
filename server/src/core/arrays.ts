/** Array helpers that hold for any length: spreading an array into a call throws RangeError past ~125,000 items. */

/** Appends every item of `items` to `target`, in order; returns `target`. */
export function append<T>(target: T[], items: Iterable<T>): T[] {
  for (const x of items) target.push(x);
  return target;
}
