"""Train the LV-EBM on the horn, score it against the truth, save a checkpoint.

    python train.py                    # the defaults: about 3 s on a laptop
    python train.py --beta 1 --seed 3  # a warmer softmin, another seed
    python train.py --slice            # the x = 0 slice only (the lecture's ellipse)
"""
import argparse
import math
import sys
import time

import numpy as np

import lvebm

DEFAULT_CKPT = "checkpoints/lvebm.npz"
DEFAULT_FF_CKPT = "checkpoints/ff.npz"
N_HELDOUT = 10_000


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a bad argument gets one line (not the usage block) and exit 2."""

    def error(self, message):
        sys.stderr.write(f"{self.prog}: error: {message} (see --help)\n")
        sys.exit(2)


def _number(text):
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number, got {text!r}") from None


def beta_value(text):
    beta = _number(text)
    if not beta >= 0:                                             # also catches NaN
        raise argparse.ArgumentTypeError(f"must be >= 0 (or inf), got {text!r}")
    return beta


def positive_float(text):
    value = _number(text)
    if not 0 < value < math.inf:
        raise argparse.ArgumentTypeError(f"must be a finite number > 0, got {text!r}")
    return value


def whole_number(text, least=1):
    try:
        value = int(text)
    except ValueError:
        value = least - 1
    if value < least:
        raise argparse.ArgumentTypeError(f"must be a whole number >= {least}, got {text!r}")
    return value


def seed_value(text):
    return whole_number(text, least=0)


def layer_widths(text):
    try:
        return tuple(whole_number(w) for w in text.split(","))
    except argparse.ArgumentTypeError:
        raise argparse.ArgumentTypeError(
            f"must be widths >= 1 separated by commas, like 128 or 8,8; got {text!r}") from None


def beta_list(text):
    betas = [beta_value(b) for b in text.split(",")]
    if len(betas) < 2:
        raise argparse.ArgumentTypeError(f"must be two or more betas, warm to cold, like "
                                         f"0.1,1,10,inf; got {text!r}")
    return betas


def build_parser():
    p = OneLineParser(description="Train the latent-variable EBM of the slides on the horn "
                      "data set, print its scores against the true rho(x), save a checkpoint.")
    p.add_argument("--model", choices=("lvebm", "ff"), default="lvebm",
                   help="lvebm (default): the latent-variable EBM on the free energy; ff: the "
                   "feed-forward baseline, the same MLP predicting y on the MSE")
    temperature = p.add_mutually_exclusive_group()
    temperature.add_argument("--beta", type=beta_value, default=math.inf,
                             help="inverse temperature of the free energy: inf (default) is "
                             "the zero-temperature min over z, 0 the average over z")
    temperature.add_argument("--beta-schedule", type=beta_list, default=None,
                             metavar="B1,B2,...",
                             help="anneal instead: the epochs split into equal runs, trained "
                             "at B1, then B2, ... (warm to cold, e.g. 0.1,0.3,1,3.2,10,inf)")
    p.add_argument("--epochs", type=whole_number, default=10,
                   help="passes over the training set (default 10)")
    p.add_argument("--batch-size", type=whole_number, default=100,
                   help="samples per gradient step (default 100)")
    p.add_argument("--lr", type=positive_float, default=0.01,
                   help="peak step size, decayed to 0 along a cosine (default 0.01)")
    p.add_argument("--optimizer", choices=("adam", "sgd"), default="adam",
                   help="update rule (default adam)")
    p.add_argument("--hidden", type=layer_widths, default=(128,),
                   help="hidden layer widths of f_phi, comma-separated; the lecture "
                   "used 8,8 (default 128)")
    p.add_argument("--n-train", type=whole_number, default=100_000,
                   help="training samples (default 100000)")
    p.add_argument("--seed", type=seed_value, default=0,
                   help="seed of every random draw: the same seed, the same checkpoint (default 0)")
    p.add_argument("--slice", action="store_true",
                   help="train on the x = 0 slice only: the unconditional ellipse of the lecture")
    p.add_argument("--out", default=None,
                   help=f"checkpoint path, written atomically (default {DEFAULT_CKPT}, "
                   f"or {DEFAULT_FF_CKPT} with --model ff)")
    return p


def epoch_betas(args):
    """One beta per epoch: the fixed --beta, or --beta-schedule split into equal runs."""
    if args.beta_schedule is None:
        return [args.beta] * args.epochs
    if len(args.beta_schedule) > args.epochs:
        raise ValueError(f"--beta-schedule has {len(args.beta_schedule)} betas for "
                         f"{args.epochs} epochs; give at least one epoch to each")
    runs = np.array_split(np.arange(args.epochs), len(args.beta_schedule))
    return [beta for beta, run in zip(args.beta_schedule, runs) for _ in run]


def score(params, model, x_score):
    """The per-epoch score: the recovery error of rho for the LV-EBM; for the
    baseline, its prediction's norm over the norm of rho (0 is the compromise)."""
    if model == "lvebm":
        return lvebm.recovery_error(params, x_score)
    f, _ = lvebm.f_phi(params, x_score)
    return np.linalg.norm(f, axis=1) / np.linalg.norm(lvebm.rho(x_score), axis=1)


def run(args):
    """Train, score and save as args says. Returns the exit status."""
    start = time.perf_counter()
    out = args.out or (DEFAULT_FF_CKPT if args.model == "ff" else DEFAULT_CKPT)
    betas = epoch_betas(args)
    rng = np.random.default_rng(args.seed)
    params = lvebm.init_params(rng, args.hidden)
    x_fixed = 0.0 if args.slice else None
    x, y = lvebm.sample_horn(args.n_train, rng, x=x_fixed)
    x_score = np.zeros(1) if args.slice else lvebm.X_EVAL      # where rho is scored
    x_where = "x = 0" if args.slice else "x = [0:1/50:1]"

    widths = "-".join(str(w) for w in (1, *args.hidden, 2))
    data = "the x = 0 slice" if args.slice else "the horn"
    n_batches = -(-args.n_train // args.batch_size)
    if args.model == "ff":
        what = "the feed-forward baseline on the MSE"
    elif args.beta_schedule:
        what = f"beta annealed {' -> '.join(f'{b:g}' for b in args.beta_schedule)}"
    else:
        what = f"beta = {args.beta}"
    print(f"training f_phi {widths} on {args.n_train} samples of {data}: {what}, "
          f"{args.optimizer} lr {args.lr}, {args.epochs} epochs of {n_batches} batches "
          f"of {args.batch_size}, seed {args.seed}")

    label = "recovery" if args.model == "lvebm" else "|f| / |rho|"
    history = {"max": [], "mean": []}

    def on_epoch(epoch, loss):
        s = score(params, args.model, x_score)
        history["max"].append(float(s.max()))
        history["mean"].append(float(s.mean()))
        warmth = f"  beta {betas[epoch - 1]:<4g}" if args.beta_schedule else ""
        print(f"epoch {epoch:3d}/{args.epochs}{warmth}  loss {loss:<9.5g}  {label} max "
              f"{100 * s.max():6.2f} %  mean {100 * s.mean():5.2f} %  "
              f"{time.perf_counter() - start:6.2f} s", flush=True)

    try:
        losses = lvebm.train(params, x, y, rng, beta=betas, epochs=args.epochs,
                             batch_size=args.batch_size, lr=args.lr,
                             optimizer=args.optimizer, model=args.model, on_epoch=on_epoch)
    except FloatingPointError as err:
        print(f"{sys.argv[0]}: error: {err}; try a smaller --lr. "
              f"No checkpoint written ({out} is untouched).", file=sys.stderr)
        return 1

    held_rng = np.random.default_rng([args.seed, 1])            # apart from the training draws
    x_held, y_held = lvebm.sample_horn(N_HELDOUT, held_rng, x=x_fixed)
    F_oracle = lvebm.free_energy_of_f(lvebm.rho(x_held), y_held).mean()
    err = lvebm.recovery_error(params, x_score)
    if args.model == "lvebm":
        F_model = lvebm.free_energy(params, x_held, y_held).mean()
    else:                                                        # a one-point manifold: F = MSE
        F_model = lvebm.mse_forward(lvebm.f_phi(params, x_held)[0], y_held)[0]
        ratio = score(params, "ff", x_score)
        print(f"prediction norm / norm of rho(x) on {x_where}: max {ratio.max():.4f}, "
              f"mean {ratio.mean():.4f} (0 is the compromise E[y | x])")
    print(f"recovery error | |f_i(x)| - rho_i(x) | / rho_i(x) on {x_where}: "
          f"max {100 * err.max():.2f} %, mean {100 * err.mean():.2f} %")
    print(f"held-out F_inf ({N_HELDOUT} samples): model {F_model:.5g}, oracle f = rho "
          f"{F_oracle:.5g}, ratio {F_model / F_oracle:.4f}")
    meta = dict(model=args.model, hidden=list(args.hidden), beta=betas[-1],
                beta_schedule=args.beta_schedule, epochs=args.epochs,
                batch_size=args.batch_size, lr=args.lr, optimizer=args.optimizer,
                n_train=args.n_train, seed=args.seed, slice=args.slice,
                loss_history=losses, score_max_history=history["max"],
                score_mean_history=history["mean"],
                heldout_F_model=float(F_model), heldout_F_oracle=float(F_oracle))
    try:
        lvebm.save_params(out, params, **meta)
    except OSError as err:
        print(f"{sys.argv[0]}: error: cannot write {out}: {err.strerror}", file=sys.stderr)
        return 1
    print(f"wall time {time.perf_counter() - start:.2f} s")
    print(f"checkpoint {out}")
    return 0


def main(argv=None):
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return run(args)
    except ValueError as err:                                    # a bad combination of flags
        parser.error(str(err))


if __name__ == "__main__":
    sys.exit(main())
