"""Speed and scale of lvebm, in NumPy only: prints a table of medians.

    python benchmarks/bench.py              # about 40 s
    python benchmarks/bench.py --quick      # fewer repeats, no 10^6 points, no train.py run

Times are medians over repeats, because a shared machine is noisy. Peak
memory is measured with tracemalloc (NumPy reports its buffers to it) in a
separate pass, so that tracing does not slow the timed runs.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
import tracemalloc

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
import lvebm  # noqa: E402

BATCH = 100


def median_us(fns, repeats, number):
    """{name: median over repeats of the mean time of one call of fns[name], in us}.

    The functions take turns within each repeat, so that a slow spell of the
    machine falls on all of them alike; one untimed round warms them up.
    """
    times = {name: [] for name in fns}
    for r in range(repeats + 1):
        for name, fn in fns.items():
            start = time.perf_counter()
            for _ in range(number):
                fn()
            if r:
                times[name].append((time.perf_counter() - start) / number)
    return {name: 1e6 * float(np.median(t)) for name, t in times.items()}


def training_step_us(hidden, repeats, number):
    """loss_and_grads at beta = inf and 1, and a whole Adam step, as train.py runs them:
    batches drawn from a training set of 100,000 samples."""
    rng = np.random.default_rng(0)
    params = lvebm.init_params(rng, hidden)
    x, y = lvebm.sample_horn(100_000, rng)
    batches = [rng.choice(len(x), BATCH, replace=False) for _ in range(64)]
    xb = [x[b] for b in batches]
    yb = [y[b] for b in batches]
    i = [0]

    def grads(beta):
        def call():
            i[0] = (i[0] + 1) % 64
            lvebm.loss_and_grads(params, xb[i[0]], yb[i[0]], beta)
        return call

    state = {}

    def step():
        i[0] = (i[0] + 1) % 64
        _, g = lvebm.loss_and_grads(params, xb[i[0]], yb[i[0]])
        lvebm.adam_step(params, g, state, 1e-6)

    return median_us({"inf": grads(np.inf), "1": grads(1.0), "step": step}, repeats, number)


def free_energy_scale(sizes, repeats):
    """Seconds and peak MB above the inputs for free_energy on N points, for each N."""
    params = lvebm.init_params(np.random.default_rng(0))
    rows = []
    for n in sizes:
        x, y = lvebm.sample_horn(n, np.random.default_rng(1))
        seconds = []
        for _ in range(repeats):
            start = time.perf_counter()
            lvebm.free_energy(params, x, y)
            seconds.append(time.perf_counter() - start)
        tracemalloc.start()
        tracemalloc.reset_peak()
        base = tracemalloc.get_traced_memory()[0]
        lvebm.free_energy(params, x, y)
        peak = tracemalloc.get_traced_memory()[1] - base
        tracemalloc.stop()
        rows.append((n, float(np.median(seconds)), peak / 1e6))
    return rows


def train_py_run():
    """Wall time of `python train.py` with its defaults, and the scores it prints."""
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        run = subprocess.run([sys.executable, "train.py", "--out", os.path.join(folder, "c.npz")],
                             cwd=ROOT, capture_output=True, text=True, check=True)
        wall = time.perf_counter() - start
    worst, mean = re.search(r"max ([\d.]+) %, mean ([\d.]+) %", run.stdout).groups()
    return wall, worst, mean


def main():
    p = argparse.ArgumentParser(description="Time lvebm: a training step, free energy at "
                                "scale, and python train.py.")
    p.add_argument("--quick", action="store_true",
                   help="fewer repeats, no 10^6 points, no train.py run")
    args = p.parse_args()
    repeats, number = (11, 100) if args.quick else (41, 100)

    print(f"lvebm benchmark: numpy {np.__version__}, Python {sys.version.split()[0]}, "
          f"{os.cpu_count()} cores; medians of {repeats} repeats")
    print()
    print(f"gradient step, batch {BATCH}, float64        width 32 (1-32-32-2)   "
          f"default (1-128-2)   target")
    narrow = training_step_us((32, 32), repeats, number)
    default = training_step_us((128,), repeats, number)
    targets = {"inf": 170, "1": 200, "step": 230}
    labels = {"inf": "loss_and_grads, beta = inf", "1": "loss_and_grads, beta = 1",
              "step": "training step (grads + Adam)"}
    for key in ("inf", "1", "step"):
        print(f"  {labels[key]:37s} {narrow[key]:8.0f} us {default[key]:17.0f} us "
              f"{'<= ':>9s}{targets[key]} us")
    print()

    sizes = (10_000, 100_000) if args.quick else (10_000, 100_000, 1_000_000)
    print("free_energy (beta = inf, default width)       time      per point   peak memory")
    rows = free_energy_scale(sizes, 3 if args.quick else 5)
    for n, seconds, megabytes in rows:
        print(f"  N = {n:>9,d}                            {seconds:7.3f} s   {1e6 * seconds / n:6.2f} us"
              f"   {megabytes:7.1f} MB")
    if len(rows) == 3:
        print(f"  time for 10^6 / time for 10^5: {rows[2][1] / rows[1][1]:.1f} (target <= 12); "
              f"peak for 10^6: {rows[2][2]:.0f} MB (target <= 100)")
    print()

    if not args.quick:
        wall, worst, mean = train_py_run()
        print(f"python train.py (defaults): {wall:.2f} s wall (target <= 5), "
              f"recovery max {worst} %, mean {mean} %")


if __name__ == "__main__":
    main()
