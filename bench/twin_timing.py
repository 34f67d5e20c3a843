"""Timing loop shared by the Python twins: the same protocol as bench/tfjs-run.ts, one JSON line per workload."""
import json
import time


def time_workloads(workloads, names, stepper, steps, warmup, engine):
    """Runs `warmup` untimed then `steps` timed steps of each named workload; prints wall and process-CPU ms per step."""
    for name in names:
        run = stepper(workloads[name])
        for _ in range(warmup):
            run()
        c0, t0 = time.process_time(), time.perf_counter()
        for _ in range(steps):
            run()
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        print(json.dumps({"engine": engine, "workload": name, "msPerStep": 1000 * wall / steps,
                          "cpuMsPerStep": 1000 * cpu / steps, "steps": steps}), flush=True)


def thread_label(threads):
    return f"{threads} thread{'s' if int(threads) > 1 else ''}"
