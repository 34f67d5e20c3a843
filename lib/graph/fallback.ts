/** Reasons already told, so a loop of fits says each only once. */
const told = new Set<string>();

/** Says in one line that `caller` trains eagerly on tfjs-node, and why (each reason once per process). */
export function noteFallback(caller: string, reason: string): void {
  if (reason === 'REPLEARN_GRAPH=0') return;
  const line = `${caller}: graph trainer not used (${reason}); training eagerly`;
  if (told.has(line)) return;
  told.add(line);
  console.log(line);
}
