"""Draw every figure of the slides as PNG, from a checkpoint of train.py.

    python plot.py                          # figures/ from checkpoints/lvebm.npz
    python plot.py --ckpt my.npz --out figs # another checkpoint, another folder
    python plot.py --show                   # also open each figure in a window

With the default checkpoint missing, a default one is trained first.
"""
import os
import sys
import time

import numpy as np

import lvebm
import train

BETAS = (0.1, 0.3, 1.0, 3.2, 10.0, np.inf)                      # the lecture's temperatures
Y1_MESH = np.arange(-3, 3 + 1e-9, 0.25)                         # the lecture's arrow mesh at x = 0
Y2_MESH = np.arange(-2, 2 + 1e-9, 0.25)
EXTENT = (-3, 3, -2, 2)                                          # y1, y2 range of the x = 0 plots
HEAT_CMAP = "viridis"                                            # perceptually uniform
MANIFOLD = dict(color="tab:red", marker=".", markersize=5, linestyle="-", linewidth=0.8)
DATA = dict(color="white", edgecolor="black", s=22, linewidth=0.6, zorder=3)


def beta_label(beta):
    return r"$\beta = \infty$" if beta == np.inf else rf"$\beta = {beta:g}$"


class Figures:
    """What every figure draws from: the trained and untrained model and fixed samples."""

    def __init__(self, params, meta, ff_params):
        self.params = params
        self.meta = meta
        self.ff_params = ff_params                                # the feed-forward baseline
        # train.py draws init_params first from the seed: the same draw is the untrained model
        self.untrained = lvebm.init_params(np.random.default_rng(meta["seed"]), meta["hidden"])
        rng = np.random.default_rng(2024)                         # the figures' own samples
        self.x_slice, self.y_slice = lvebm.sample_horn(24, rng, x=0.0)   # the lecture's 24
        self.x_horn, self.y_horn = lvebm.sample_horn(3000, rng)

    # -- helpers -----------------------------------------------------------

    def manifold(self, params, x0):
        """The model's 48 points y_tilde(z) at x0, closed into a ring: (49, 2)."""
        f, _ = lvebm.f_phi(params, [x0])
        ring = (f[0][:, None] * lvebm.G).T                        # (K, 2)
        return np.vstack([ring, ring[:1]])

    def free_energy_grid(self, params, beta, step=0.02):
        """F_beta at x = 0 on a fine y mesh: y1 (A,), y2 (B,), F (B, A)."""
        y1 = np.arange(EXTENT[0], EXTENT[1] + 1e-9, step)
        y2 = np.arange(EXTENT[2], EXTENT[3] + 1e-9, step)
        Y1, Y2 = np.meshgrid(y1, y2)
        y = np.stack([Y1.ravel(), Y2.ravel()], axis=1)
        F = lvebm.free_energy(params, np.zeros(len(y)), y, beta)
        return y1, y2, F.reshape(Y1.shape)

    def heat_map(self, ax, params, beta, norm):
        y1, y2, F = self.free_energy_grid(params, beta)
        image = ax.imshow(F, origin="lower", extent=EXTENT, cmap=HEAT_CMAP, norm=norm,
                          aspect="equal", interpolation="bilinear")
        ring = self.manifold(params, 0.0)
        ax.plot(ring[:, 0], ring[:, 1], **MANIFOLD)
        ax.set_xlabel("$y_1$")
        ax.set_ylabel("$y_2$")
        return image

    # -- the figures, in the slides' order ---------------------------------

    def feed_forward_baseline(self, plt):
        fig, axes = plt.subplots(1, 4, figsize=(17, 4.6), layout="constrained",
                                 gridspec_kw=dict(width_ratios=(1, 1, 1, 1.25)))
        for ax, x0 in zip(axes, (0.0, 0.5, 1.0)):
            _, y = lvebm.sample_horn(150, np.random.default_rng(11), x=x0)
            ax.scatter(y[:, 0], y[:, 1], s=8, color="gray", alpha=0.6, label="data")
            ring = self.manifold(self.params, x0)
            ax.plot(ring[:, 0], ring[:, 1], label=r"LV-EBM: one $\tilde y$ per $z$", **MANIFOLD)
            ff, _ = lvebm.f_phi(self.ff_params, [x0])
            ax.plot(ff[0, 0], ff[0, 1], "X", color="tab:blue", markersize=14,
                    markeredgecolor="black", label=r"feed-forward: one $\hat y$")
            ax.set(aspect="equal", xlabel="$y_1$", ylabel="$y_2$", title=f"$x = {x0:g}$")
            ax.grid(alpha=0.3)
        fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower left", ncol=3)

        ax = axes[3]
        x = np.linspace(0, 1, 101)
        ff, _ = lvebm.f_phi(self.ff_params, x)
        ax.plot(x, np.linalg.norm(lvebm.rho(x), axis=1) / np.sqrt(2), color="gray", linewidth=4,
                alpha=0.5, label=r"data: rms $|y| = |\rho(x)| / \sqrt{2}$")
        ax.plot(x, np.linalg.norm(ff, axis=1), color="tab:blue",
                label=r"feed-forward $|\hat y(x)|$")
        ax.set(xlabel="$x$", ylabel="distance from the centre",
               title="the compromise: the prediction stays at the centre")
        ax.legend(fontsize=9)
        ax.grid(alpha=0.3)
        fig.suptitle("Feed-Forward Nets - Training: one output per $x$ is the compromise "
                     r"$E[y \mid x] = 0$, a blurry prediction; the LV-EBM's latent $z$ spans the ellipse")
        return fig

    def toy_data_set(self, plt):
        fig = plt.figure(figsize=(8, 6.5))
        ax = fig.add_subplot(projection="3d")
        points = ax.scatter(self.x_horn, self.y_horn[:, 0], self.y_horn[:, 1], c=self.x_horn,
                            cmap="plasma", s=2, alpha=0.6)
        ax.set_xlabel("$x$")
        ax.set_ylabel("$y_1$")
        ax.set_zlabel("$y_2$")
        ax.view_init(elev=18, azim=-60)
        fig.colorbar(points, ax=ax, shrink=0.6, label="$x$")
        ax.set_title("Toy data set: the horn, 3000 samples\n"
                     r"$y = [\rho_1(x)\cos\theta + \varepsilon,\ \rho_2(x)\sin\theta + \varepsilon]$")
        return fig

    def toy_data_set_x0(self, plt):
        fig, ax = plt.subplots(figsize=(7, 5))
        theta = np.linspace(0, 2 * np.pi, 400)
        radii = lvebm.rho([0.0])[0]
        ax.plot(radii[0] * np.cos(theta), radii[1] * np.sin(theta), color="tab:blue",
                label=r"truth: $\rho(0) = (2, 1.5)$")
        ax.scatter(self.y_slice[:, 0], self.y_slice[:, 1], label="24 samples", **DATA)
        ax.set(xlim=EXTENT[:2], ylim=EXTENT[2:], aspect="equal", xlabel="$y_1$", ylabel="$y_2$",
               title="Toy data set, $x = 0$: an ellipse with radii (2, 1.5)")
        ax.legend(loc="upper right")
        ax.grid(alpha=0.3)
        return fig

    def lv_ebm_untrained(self, plt):
        fig, axes = plt.subplots(1, 2, figsize=(12, 4.8), sharey=True)
        for ax, params, name in ((axes[0], self.untrained, "untrained"),
                                 (axes[1], self.params, "trained")):
            ring = self.manifold(params, 0.0)
            ax.plot(ring[:, 0], ring[:, 1], label=r"$\tilde y = f_\phi(0) \odot g(z)$, $z \in Z$",
                    **MANIFOLD)
            ax.scatter(self.y_slice[:, 0], self.y_slice[:, 1], label="24 samples", **DATA)
            ax.set(xlim=EXTENT[:2], ylim=EXTENT[2:], aspect="equal", xlabel="$y_1$",
                   title=f"{name} model at $x = 0$")
            ax.grid(alpha=0.3)
        axes[0].set_ylabel("$y_2$")
        fig.legend(*axes[0].get_legend_handles_labels(), loc="lower center", ncol=2)
        fig.suptitle("LV-EBM - Untrained: the model's 48 points over the data (right: after training)")
        return fig

    def lv_ebm_energy_function(self, plt):
        fig, ax = plt.subplots(figsize=(8, 4.8))
        f, _ = lvebm.f_phi(self.params, self.x_slice[:5])
        E, _ = lvebm.energy(self.y_slice[:5], f)                 # (5, K)
        for n, color in zip(range(5), plt.cm.tab10.colors):
            k = E[n].argmin()
            ax.plot(lvebm.Z, E[n], color=color, marker=".", markersize=4,
                    label=f"$y = ({self.y_slice[n, 0]:.2f}, {self.y_slice[n, 1]:.2f})$")
            ax.plot(lvebm.Z[k], E[n, k], "*", color=color, markersize=14, markeredgecolor="black")
        ax.plot([], [], "*", color="gray", markersize=12, markeredgecolor="black",
                label=r"$\overset{\vee}{z} = \mathrm{argmin}_z E$")
        ax.set_xticks(np.arange(5) * np.pi / 2, ["0", r"$\pi/2$", r"$\pi$", r"$3\pi/2$", r"$2\pi$"])
        ax.set(xlabel="$z$", ylabel="$E(x, y, z)$",
               title=r"LV-EBM - Energy function: $E = \|y - f_\phi(x) \odot g(z)\|^2$ at $x = 0$ "
                     "(trained)")
        ax.legend(fontsize=8, ncol=2)
        ax.grid(alpha=0.3)
        return fig

    def lv_ebm_free_energy(self, plt):
        from matplotlib.colors import PowerNorm
        fig, ax = plt.subplots(figsize=(9, 6))
        image = self.heat_map(ax, self.params, np.inf, PowerNorm(0.5, vmin=0))
        Y1, Y2 = np.meshgrid(Y1_MESH, Y2_MESH)
        y = np.stack([Y1.ravel(), Y2.ravel()], axis=1)
        _, dy = lvebm.free_energy_grad_y(self.params, np.zeros(len(y)), y)
        ax.quiver(y[:, 0], y[:, 1], -dy[:, 0], -dy[:, 1], color="white", angles="xy",
                  scale_units="xy", scale=8, width=0.0025, alpha=0.9)
        ax.scatter(self.y_slice[:, 0], self.y_slice[:, 1], **DATA)
        fig.colorbar(image, ax=ax, shrink=0.8, label=r"$F_\infty(0, y)$ (square-root scale)")
        ax.set_title(r"LV-EBM - Free Energy: $F_\infty = \min_z E$ at $x = 0$, "
                     r"arrows $-\partial F / \partial y$ (scaled 1/8)", pad=12)
        return fig

    def lv_ebm_free_energy_softmin(self, plt):
        from matplotlib.colors import PowerNorm
        fig, axes = plt.subplots(2, 3, figsize=(14, 7.2), sharex=True, sharey=True,
                                 layout="constrained")
        norm = PowerNorm(0.5, vmin=0, vmax=8)                     # one scale for all panels
        for ax, beta in zip(axes.flat, BETAS):
            image = self.heat_map(ax, self.params, beta, norm)
            ax.set_title(beta_label(beta))
            ax.label_outer()
        fig.colorbar(image, ax=axes, shrink=0.8, extend="max",
                     label=r"$F_\beta(0, y)$ (square-root scale)")
        fig.suptitle(r"LV-EBM - Free Energy: softmin $F_\beta = -\frac{1}{\beta}\log\frac{1}{|Z|}"
                     r"\sum_z e^{-\beta E}$ at $x = 0$ (trained); red: the model's 48 points")
        return fig

    def min_vs_softmin(self, plt):
        fig, axes = plt.subplots(1, 2, figsize=(12, 4.8), sharey=True, layout="constrained")
        y2 = np.linspace(-2, 2, 801)
        y = np.stack([np.zeros_like(y2), y2], axis=1)
        colors = plt.cm.plasma(np.linspace(0.85, 0, len(BETAS)))  # hot (yellow) to cold (purple)
        for ax, params, name in ((axes[0], self.untrained, "untrained"),
                                 (axes[1], self.params, "trained")):
            for beta, color in zip(BETAS, colors):
                F = lvebm.free_energy(params, np.zeros(len(y)), y, beta)
                ax.plot(y2, F, color=color, label=beta_label(beta),
                        linewidth=2 if beta == np.inf else 1.3)
            ax.set(xlabel="$y_2$", title=f"{name} model, $x = 0$, $y_1 = 0$")
            ax.grid(alpha=0.3)
        axes[0].set_ylabel(r"$F_\beta(0, (0, y_2))$")
        axes[1].legend(title="softmin", fontsize=9)
        fig.suptitle(r"Min (=ZTL) vs. Softmin: cross-sections at $y_1 = 0$; "
                     r"the warmer, the smoother and the closer to the average over $z$")
        return fig

    def evaluation_model_manifold(self, plt):
        fig = plt.figure(figsize=(14, 6))
        ax = fig.add_subplot(1, 2, 1, projection="3d")
        some = slice(0, 1500)
        ax.scatter(self.x_horn[some], self.y_horn[some, 0], self.y_horn[some, 1], s=1.5,
                   color="gray", alpha=0.4, label="data")
        f, _ = lvebm.f_phi(self.params, lvebm.X_EVAL)
        for x0, fx in zip(lvebm.X_EVAL, f):                       # one ring of 48 points per x
            ring = fx[:, None] * lvebm.G
            ax.plot(np.full(49, x0), np.append(ring[0], ring[0, 0]), np.append(ring[1], ring[1, 0]),
                    color=plt.cm.plasma(x0), linewidth=0.8)
        ax.set(xlabel="$x$", ylabel="$y_1$", zlabel="$y_2$")
        ax.view_init(elev=18, azim=-60)
        ax.set_title(r"model manifold $f_\phi(x) \odot g(z)$, $x = [0 : 1/50 : 1]$, $z \in Z$")

        ax = fig.add_subplot(1, 2, 2)
        x_fine = np.linspace(0, 1, 201)
        truth = lvebm.rho(x_fine)
        ax.plot(x_fine, truth[:, 0], color="tab:blue", linewidth=4, alpha=0.35, label=r"$\rho_1(x)$")
        ax.plot(x_fine, truth[:, 1], color="tab:orange", linewidth=4, alpha=0.35, label=r"$\rho_2(x)$")
        ax.plot(lvebm.X_EVAL, np.abs(f[:, 0]), ".", color="tab:blue", label=r"$|f_1(x)|$")
        ax.plot(lvebm.X_EVAL, np.abs(f[:, 1]), ".", color="tab:orange", label=r"$|f_2(x)|$")
        err = lvebm.recovery_error(self.params)
        ax.set(xlabel="$x$", ylabel="radius",
               title=f"recovery: max {100 * err.max():.2f} %, mean {100 * err.mean():.2f} % "
                     "relative error")
        ax.legend()
        ax.grid(alpha=0.3)
        fig.suptitle("Evaluation - Model manifold")
        return fig

    def ebm_inference(self, plt):
        from matplotlib.colors import PowerNorm
        fig, axes = plt.subplots(1, 2, figsize=(14, 5.4), sharey=True, layout="constrained")
        starts = np.random.default_rng(7).uniform([-2.8, -1.8], [2.8, 1.8], (40, 2))
        x = np.zeros(len(starts))
        for ax, beta in zip(axes, (np.inf, 1.0)):                 # beta = 1: the lecture's examples
            image = self.heat_map(ax, self.params, beta, PowerNorm(0.5))
            y, path = lvebm.infer_y(self.params, x, starts, beta=beta, steps=2000, lr=0.1,
                                    return_path=True)
            ax.plot(path[:, :, 0], path[:, :, 1], color="white", linewidth=0.9, alpha=0.85)
            ax.plot(starts[:, 0], starts[:, 1], "o", color="white", markeredgecolor="black",
                    markersize=4, label="start $y_0$")
            ax.plot(y[:, 0], y[:, 1], "*", color="gold", markeredgecolor="black", markersize=11,
                    label=r"$\overset{\vee}{y}$, where descent ends")
            found = len(np.unique(np.round(y, 2), axis=0))
            ax.set_title(f"{beta_label(beta)}: {found} different minima reached")
            fig.colorbar(image, ax=ax, shrink=0.8, label=r"$F_\beta(0, y)$ (square-root scale)")
        axes[1].set_ylabel("")
        axes[0].legend(loc="lower left", fontsize=9, framealpha=0.9)
        fig.suptitle(r"Energy-Based Model - Inference: $\overset{\vee}{y} = \mathrm{argmin}_y F(x, y)$ "
                     r"by gradient descent on $y$ from 40 starts, $x = 0$")
        return fig

    def training_curves(self, plt):
        from matplotlib.ticker import LogLocator, NullFormatter, ScalarFormatter
        fig, axes = plt.subplots(1, 2, figsize=(12, 4.5), layout="constrained")
        epochs = np.arange(1, len(self.meta["loss_history"]) + 1)
        axes[0].plot(epochs, self.meta["loss_history"], "o-", label="training loss")
        axes[0].axhline(self.meta["heldout_F_oracle"], color="gray", linestyle="--",
                        label=r"oracle $f = \rho$, held-out $F_\infty$")
        axes[0].set(xlabel="epoch", ylabel=r"mean $F_\beta$ of the training data",
                    yscale="log", title="loss")
        axes[1].plot(epochs, 100 * np.array(self.meta["score_max_history"]), "o-", label="max")
        axes[1].plot(epochs, 100 * np.array(self.meta["score_mean_history"]), "o-", label="mean")
        axes[1].axhline(1.0, color="tab:blue", linestyle="--", linewidth=1, label="target for max")
        axes[1].axhline(0.4, color="tab:orange", linestyle="--", linewidth=1, label="target for mean")
        where = "x = 0" if self.meta["slice"] else "x = [0 : 1/50 : 1]"
        axes[1].set(xlabel="epoch", ylabel=r"$||f_i(x)| - \rho_i(x)| / \rho_i(x)$ (%)",
                    yscale="log", title=f"recovery error over ${where}$")
        for ax in axes:
            ax.grid(alpha=0.3, which="both")
            ax.yaxis.set_major_locator(LogLocator(subs=(1, 2, 3, 5)))  # 0.1 0.2 0.3 0.5 1 ...
            ax.yaxis.set_major_formatter(ScalarFormatter())
            ax.yaxis.set_minor_formatter(NullFormatter())
            ax.legend(fontsize=9)
        fig.suptitle(f"Training: beta = {self.meta['beta']}, {self.meta['optimizer']}, "
                     f"f_phi {'-'.join(map(str, [1, *self.meta['hidden'], 2]))}, "
                     f"{self.meta['n_train']} samples")
        return fig


NAMES = ("feed_forward_baseline", "toy_data_set", "toy_data_set_x0", "lv_ebm_untrained", "lv_ebm_energy_function",
         "lv_ebm_free_energy", "lv_ebm_free_energy_softmin", "min_vs_softmin",
         "evaluation_model_manifold", "ebm_inference", "training_curves")


def build_parser():
    p = train.OneLineParser(description="Write every figure of the slides as PNG, "
                            "from checkpoints of train.py.")
    p.add_argument("--ckpt", default=None,
                   help=f"LV-EBM checkpoint to draw (default {train.DEFAULT_CKPT}, trained "
                   "first with train.py's defaults if it does not exist)")
    p.add_argument("--ff-ckpt", default=None,
                   help=f"feed-forward baseline checkpoint (default {train.DEFAULT_FF_CKPT}, "
                   "trained first with train.py --model ff if it does not exist)")
    p.add_argument("--out", default="figures", help="folder for the PNG files (default figures)")
    p.add_argument("--show", action="store_true", help="also show each figure in a window")
    return p


def load(parser, flag, path, default, model):
    """The checkpoint at path; the default one is trained first if it is missing."""
    if path is None:
        path = default
        if not os.path.exists(path):
            print(f"no checkpoint at {path}: training one with train.py's defaults first")
            if train.main(["--model", model, "--out", path]) != 0:
                sys.exit(1)
    try:
        params, meta = lvebm.load_params(path)
    except (FileNotFoundError, ValueError) as err:
        parser.error(f"{flag}: {err}")
    if meta.get("model") != model:
        parser.error(f"{flag}: {path} holds a {meta.get('model')!r} model, not {model!r}; "
                     "train a new one with train.py")
    return params, meta


def main(argv=None):
    parser = build_parser()
    args = parser.parse_args(argv)
    start = time.perf_counter()
    params, meta = load(parser, "--ckpt", args.ckpt, train.DEFAULT_CKPT, "lvebm")
    ff_params, _ = load(parser, "--ff-ckpt", args.ff_ckpt, train.DEFAULT_FF_CKPT, "ff")

    import matplotlib
    if not args.show:
        matplotlib.use("Agg")                                     # headless
    import matplotlib.pyplot as plt

    os.makedirs(args.out, exist_ok=True)
    figures = Figures(params, meta, ff_params)
    for name in NAMES:
        fig = getattr(figures, name)(plt)
        path = os.path.join(args.out, name + ".png")
        fig.savefig(path, dpi=110, bbox_inches="tight")
        print(f"wrote {path}")
        if args.show:
            plt.show()
        plt.close(fig)
    print(f"{len(NAMES)} figures in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
