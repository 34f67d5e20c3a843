/** How long lessons train: 'quick' in class and CI (the default), 'full' to reproduce the longer runs they quote. */
export type LessonBudgetName = 'quick' | 'full';

/** The environment variable that selects the budget (`npx replearn run --full` sets it to 'full'). */
export const LESSON_BUDGET_ENV = 'REPLEARN_BUDGET';

/** The budget this process runs with: REPLEARN_BUDGET=full or quick (unset or empty: quick); anything else throws. */
export function lessonBudgetName(env: NodeJS.ProcessEnv = process.env): LessonBudgetName {
  const raw = (env[LESSON_BUDGET_ENV] ?? '').trim().toLowerCase();
  if (raw === '' || raw === 'quick') return 'quick';
  if (raw === 'full') return 'full';
  // One line a student can act on: a typo must not silently run the quick lesson for hours of "full" waiting.
  throw new Error(`${LESSON_BUDGET_ENV} must be "quick" or "full", not "${env[LESSON_BUDGET_ENV]}"`);
}

/**
 * The quick or the full value of a lesson constant, by {@link lessonBudgetName}:
 * `const EPOCHS = lessonBudget({ quick: 10, full: 100 })`.
 */
export function lessonBudget<T>(choices: { quick: T; full: T }, env: NodeJS.ProcessEnv = process.env): T {
  return choices[lessonBudgetName(env)];
}
