"""Why a latent variable: the temperature study and the feed-forward baseline.

    python study.py            # 8 training runs of train.py (about 20 s), a table, a figure

Trains the LV-EBM at each beta of the slides (and at beta = 0 and with an
annealing schedule) and the feed-forward baseline, each with train.py's
defaults otherwise. Prints a Markdown table of how well each recovers
rho(x), and draws the learned manifolds at x = 0 and x = 1 for each beta.
"""
import contextlib
import io
import os
import sys
import time

import numpy as np

import lvebm
import plot
import train

BETAS = (0.0, 0.1, 0.3, 1.0, 3.2, 10.0, np.inf)
SCHEDULE = "0.1,0.3,1,3.2,10,inf"


def runs():
    """(label, beta or None, extra train.py arguments) for every run of the study."""
    for beta in BETAS:
        yield f"LV-EBM, beta = {beta:g}", beta, ["--beta", str(beta)]
    yield f"LV-EBM, annealed {SCHEDULE.replace(',', ' -> ')}", None, ["--beta-schedule", SCHEDULE]
    yield "feed-forward baseline, MSE", None, ["--model", "ff"]


def scores(params, meta):
    """The row of the table for one trained model."""
    f, _ = lvebm.f_phi(params, lvebm.X_EVAL)
    ratio = np.abs(f) / lvebm.rho(lvebm.X_EVAL)                   # (51, 2) 1 is the truth
    err = lvebm.recovery_error(params)                            # as train.py scores it
    return dict(max=100 * err.max(), mean=100 * err.mean(), ratio=ratio.mean(),
                at0=ratio[0].mean(), at1=ratio[-1].mean(),
                heldout=meta["heldout_F_model"] / meta["heldout_F_oracle"])


def main(argv=None):
    parser = train.OneLineParser(description="Train the LV-EBM at each temperature of the "
                                 "slides and the feed-forward baseline; print a table; draw "
                                 "the learned manifolds.")
    parser.add_argument("--epochs", type=lambda text: train.whole_number(text, least=6),
                        default=10, help="epochs of each run, at least one per beta of the "
                        "schedule (default 10, train.py's)")
    parser.add_argument("--n-train", type=train.whole_number, default=100_000,
                        help="training samples of each run (default 100000, train.py's)")
    parser.add_argument("--ckpt-dir", default="checkpoints/study",
                        help="folder for the runs' checkpoints (default checkpoints/study)")
    parser.add_argument("--out", default="figures",
                        help="folder for temperature_study.png (default figures)")
    args = parser.parse_args(argv)

    start = time.perf_counter()
    rows, manifolds = [], []
    for n, (label, beta, extra) in enumerate(runs()):
        path = os.path.join(args.ckpt_dir, f"run{n}.npz")
        argv_run = [*extra, "--epochs", str(args.epochs), "--n-train", str(args.n_train),
                    "--out", path]
        with contextlib.redirect_stdout(io.StringIO()):           # train.py's epoch lines
            status = train.main(argv_run)
        if status != 0:
            print(f"{parser.prog}: error: python train.py {' '.join(argv_run)} failed",
                  file=sys.stderr)
            return 1
        params, meta = lvebm.load_params(path)
        rows.append((label, scores(params, meta)))
        if beta is not None:
            manifolds.append((beta, params))
        print(f"trained {label} ({time.perf_counter() - start:.1f} s)", flush=True)

    print()
    print("| model | recovery max | recovery mean | mean \\|f\\|/rho | at x = 0 | at x = 1 "
          "| held-out F_inf / oracle |")
    print("|---|---|---|---|---|---|---|")
    for label, s in rows:
        heldout = f"{s['heldout']:.4f}" if s["heldout"] < 10 else f"{s['heldout']:.1f}"
        print(f"| {label} | {s['max']:.2f} % | {s['mean']:.2f} % | {s['ratio']:.4f} "
              f"| {s['at0']:.4f} | {s['at1']:.4f} | {heldout} |")
    print()

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, axes = plt.subplots(1, 3, figsize=(18, 5.6), layout="constrained",
                             gridspec_kw=dict(width_ratios=(1.2, 0.8, 1.1)))
    colors = plt.cm.plasma(np.linspace(0.85, 0, len(manifolds)))   # hot (yellow) to cold
    theta = np.linspace(0, 2 * np.pi, 300)
    for ax, x0 in zip(axes, (0.0, 1.0)):
        radii = lvebm.rho([x0])[0]
        ax.plot(radii[0] * np.cos(theta), radii[1] * np.sin(theta), color="gray", linewidth=5,
                alpha=0.4, label=r"truth $\rho(x)$")
        for (beta, params), color in zip(manifolds, colors):
            f, _ = lvebm.f_phi(params, [x0])
            ax.plot(np.abs(f[0, 0]) * np.cos(theta), np.abs(f[0, 1]) * np.sin(theta),
                    color=color, linewidth=1.4, label=plot.beta_label(beta))
        ax.set(aspect="equal", xlabel="$y_1$", ylabel="$y_2$",
               title=f"learned ellipse at $x = {x0:g}$")
        ax.grid(alpha=0.3)
    ax = axes[2]
    for (beta, params), color in zip(manifolds, colors):
        f, _ = lvebm.f_phi(params, lvebm.X_EVAL)
        ax.plot(lvebm.X_EVAL, (np.abs(f) / lvebm.rho(lvebm.X_EVAL)).mean(axis=1), color=color,
                linewidth=1.6, label=plot.beta_label(beta))
    ax.axhline(1, color="gray", linewidth=5, alpha=0.4)
    ax.set(xlabel="$x$", ylabel=r"mean of $|f_i(x)| / \rho_i(x)$", ylim=(-0.02, 1.08),
           title="shrinking, along the horn")
    ax.grid(alpha=0.3)
    axes[0].legend(title="trained at", loc="center", fontsize=9)
    fig.suptitle("LV-EBM - Free Energy: training warmer shrinks the ellipse toward its mean, "
                 "most where the energies are small (x = 0); beta = 0 collapses it")
    os.makedirs(args.out, exist_ok=True)
    path = os.path.join(args.out, "temperature_study.png")
    fig.savefig(path, dpi=110, bbox_inches="tight")
    print(f"wrote {path} ({time.perf_counter() - start:.1f} s in all)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
