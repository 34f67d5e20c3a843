/** Example indices grouped by label, in label order of first appearance: the basis of every balanced sampler. */
export function indicesByClass(labels: ArrayLike<number>): Map<number, number[]> {
  const groups = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const list = groups.get(labels[i]);
    if (list) list.push(i);
    else groups.set(labels[i], [i]);
  }
  return groups;
}
