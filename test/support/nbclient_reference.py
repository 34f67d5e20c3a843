"""Reference runs for test/notebooks.test.ts, in Python's nbclient (the Jupyter project's own executor).

  python nbclient_reference.py run NOTEBOOK OUT TIMEOUT   execute NOTEBOOK on its kernelspec (JUPYTER_PATH), write OUT,
                                                print {"cells": {index: reply status}, "failed_cell", "error"}
  python nbclient_reference.py validate FILE...           nbformat-validate executed notebooks; print problems, exit 1 if any
"""
import json
import os
import sys

import nbformat


def run(src, out, timeout):
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.read(src, as_version=4)
    statuses = {}

    def on_cell_executed(cell, cell_index, execute_reply):
        statuses[cell_index] = execute_reply["content"].get("status")

    client = NotebookClient(
        nb,
        timeout=timeout,
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(src))}},
        on_cell_executed=on_cell_executed,
    )
    failed_cell, error = None, None
    try:
        client.execute()
    except CellExecutionError as e:
        failed_cell = max(statuses) if statuses else None
        error = str(e).splitlines()[-1] if str(e) else type(e).__name__
    nbformat.write(nb, out)
    print(json.dumps({"cells": statuses, "failed_cell": failed_cell, "error": error}))


def validate(files):
    bad = 0
    for f in files:
        try:
            nbformat.validate(nbformat.read(f, as_version=4))
        except Exception as e:  # noqa: BLE001 - report every kind of invalid file
            bad += 1
            print(f"{f}: {str(e).splitlines()[0]}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    if sys.argv[1] == "run":
        run(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif sys.argv[1] == "validate":
        validate(sys.argv[2:])
    else:
        sys.exit(f"unknown mode {sys.argv[1]}")
