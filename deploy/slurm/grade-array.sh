#!/usr/bin/env bash
# Grading spread over a Slurm cluster: one array task per shard. Task K grades slice K of the
# array's task count into $GRADES/shard-K. Submit from the course folder (shared file system):
#   sbatch --array=1-8 deploy/slurm/grade-array.sh release/autograder submissions grades
# then, once all tasks are done (or chain it: sbatch --dependency=afterok:<jobid> ...):
#   npx replearn gradebook merge grades/shard-* --out grades/all
#SBATCH --job-name=replearn-grade
#SBATCH --array=1-8
#SBATCH --cpus-per-task=2
#SBATCH --mem=6G
#SBATCH --time=04:00:00
#SBATCH --output=replearn-grade-%A_%a.log
set -euo pipefail

if [ "$#" -ne 3 ]; then
  echo "usage: sbatch --array=1-N $0 AUTOGRADER_DIR SUBMISSIONS_DIR GRADES_DIR" >&2
  exit 2
fi
: "${SLURM_ARRAY_TASK_ID:?run this script with sbatch --array=1-N}"
: "${SLURM_ARRAY_TASK_COUNT:?run this script with sbatch --array=1-N}"
if [ "${SLURM_ARRAY_TASK_MIN:-1}" != 1 ] || [ "${SLURM_ARRAY_TASK_MAX:-$SLURM_ARRAY_TASK_COUNT}" != "$SLURM_ARRAY_TASK_COUNT" ]; then
  echo "replearn-grade: the array must be 1-N with no gaps (got ${SLURM_ARRAY_TASK_MIN:-?}-${SLURM_ARRAY_TASK_MAX:-?})" >&2
  exit 2
fi

# REPLEARN: how to call the kit (default: the replearn on PATH, else npx in the submit folder).
if [ -z "${REPLEARN:-}" ]; then
  if command -v replearn >/dev/null 2>&1; then REPLEARN=replearn; else REPLEARN="npx --no-install replearn"; fi
fi
K="$SLURM_ARRAY_TASK_ID"
N="$SLURM_ARRAY_TASK_COUNT"
# shellcheck disable=SC2086 # REPLEARN may be a command with arguments
exec $REPLEARN grade "$1" "$2" --out "$3/shard-$K" --shard "$K/$N" --jobs "${SLURM_CPUS_PER_TASK:-1}"
