"""lvebm: the latent-variable energy-based model of the slides, in NumPy.

The aim is to be simple, readable and easy to check beside the slides
(NYU Deep Learning, "Energy-Based Models"). Every derivative is written by
hand, next to the forward step it undoes, and tests/ checks each one against
finite differences. Read top to bottom: the sections follow the slides.

Notation: the slides write the data's constants as (alpha, beta) = (1.5, 2);
here they are RHO_A, RHO_B, because beta is the inverse temperature of the
softmin. Arrays carry their shapes in end-of-line comments: N samples,
K = |Z| = 48 latent values, H hidden units.
"""
import io
import json
import math
import os
import tempfile
import zipfile

import numpy as np

# ---------------------------------------------------------------------------
# Toy data set:  y = [rho_1(x) cos(theta) + eps, rho_2(x) sin(theta) + eps]
#   rho(x) = [a x + b (1 - x), b x + a (1 - x)] * exp(2x),  (a, b) = (1.5, 2)
#   x ~ U(0, 1), theta ~ U(0, 2 pi), eps ~ N(0, 20^-2) per component
# ---------------------------------------------------------------------------
RHO_A, RHO_B = 1.5, 2.0
NOISE_STD = 1 / 20


def rho(x):
    """The true radii of the horn at x: (N,) -> (N, 2)."""
    x = _as_x(x)
    return np.stack([RHO_A * x + RHO_B * (1 - x),
                     RHO_B * x + RHO_A * (1 - x)], axis=1) * np.exp(2 * x)[:, None]


def sample_horn(n, rng, x=None):
    """Draw n samples of the horn: x (N,), y (N, 2).

    x=None draws x ~ U(0, 1); a number fixes x, and x=0.0 gives the
    slides' unconditional slice, the ellipse with radii (2, 1.5).
    """
    n = _check_count("n", n)
    if x is None:
        x = rng.uniform(0, 1, n)                                  # (N,)
    else:
        x = np.full(n, _check_number("x", x))                     # (N,)
    theta = rng.uniform(0, 2 * np.pi, n)                          # (N,)
    eps = rng.normal(0, NOISE_STD, (n, 2))                        # (N, 2)
    y = rho(x) * np.stack([np.cos(theta), np.sin(theta)], axis=1) + eps
    return x, y


# ---------------------------------------------------------------------------
# LV-EBM Architecture:  y_tilde = f_phi(x) (.) g(z)
#   f_phi: R -> R^2, an MLP with ReLU hidden layers and a linear output.
#   g(z) = [cos z, sin z],  Z = [0 : pi/24 : 2 pi[
# Each layer is a forward/backward pair: forward returns (out, cache),
# backward takes (dout, cache) and returns the gradients of its inputs.
# ---------------------------------------------------------------------------

def linear_forward(h, W, b):
    """out = h W + b: h (N, I), W (I, O), b (O,) -> out (N, O)."""
    # np.dot rather than @: for the first layer's (N, 1) x (1, H), matmul
    # skips BLAS and is several times slower.
    return np.dot(h, W) + b, (h, W)


def linear_backward(dout, cache):
    """Undo out = h W + b: dout (N, O) -> dh (N, I), dW (I, O), db (O,)."""
    h, W = cache
    return dout @ W.T, h.T @ dout, dout.sum(axis=0)


def relu_forward(a):
    """out = max(a, 0), elementwise."""
    out = np.maximum(a, 0)
    return out, out


def relu_backward(dout, cache):
    """Undo out = max(a, 0): the gradient passes where out > 0."""
    return dout * (cache > 0)


def init_params(rng, hidden=(128,)):
    """A fresh f_phi: 1 -> hidden... -> 2, as a dict "W1", "b1", ..., "WL", "bL".

    W_l has shape (fan_in, fan_out) and He-normal entries. With a scalar
    input, zero biases would put every first-layer ReLU kink at x = 0, at
    the edge of the data; instead the kinks are spread uniformly over [0, 1].
    """
    hidden = _check_hidden(hidden)
    sizes = (1, *hidden, 2)
    params = {}
    for l, (fan_in, fan_out) in enumerate(zip(sizes[:-1], sizes[1:]), start=1):
        params[f"W{l}"] = rng.normal(0, np.sqrt(2 / fan_in), (fan_in, fan_out))
        params[f"b{l}"] = np.zeros(fan_out)
    params["b1"] = -params["W1"][0] * rng.uniform(0, 1, sizes[1])  # kink at x = u
    return params


def f_phi(params, x):
    """The MLP: x (N,) -> f (N, 2), cache for f_phi_backward."""
    n_layers = _check_params(params)
    x = _as_x(x)
    h = x[:, None]                                                # (N, 1)
    cache = []
    for l in range(1, n_layers + 1):
        h, linear_cache = linear_forward(h, params[f"W{l}"], params[f"b{l}"])
        relu_cache = None
        if l < n_layers:                                          # linear output
            h, relu_cache = relu_forward(h)                       # (N, H)
        cache.append((linear_cache, relu_cache))
    return h, cache                                               # (N, 2)


def f_phi_backward(df, cache):
    """Backprop df (N, 2) through the MLP: a dict of gradients, keys as params."""
    grads = {}
    dh = df
    for l in range(len(cache), 0, -1):
        linear_cache, relu_cache = cache[l - 1]
        if relu_cache is not None:
            dh = relu_backward(dh, relu_cache)                    # undo the ReLU
        dh, grads[f"W{l}"], grads[f"b{l}"] = linear_backward(dh, linear_cache)  # undo h W + b
    return grads


def g(z):
    """The latent's map to the unit circle: z (K,) -> (2, K) = [cos z; sin z]."""
    z = np.asarray(z, dtype=float)
    return np.stack([np.cos(z), np.sin(z)])


# 48 values: 2 pi is left out, since it is the point z = 0 again and would
# count twice in the softmin's average.
Z = np.arange(48) * (np.pi / 24)                                  # (K,)
G = g(Z)                                                          # (2, K)


# ---------------------------------------------------------------------------
# LV-EBM Energy function:  E(x, y, z) = ||y - y_tilde||^2
#   = (y_1 - f_1(x) cos z)^2 + (y_2 - f_2(x) sin z)^2,  for every z in Z.
# Layout (N, 2, K): the K = 48 values of z lie contiguous in memory, so
# broadcasting runs along the long axis; (N, K, 2) is several times slower.
# ---------------------------------------------------------------------------

def energy(y, f):
    """E for every z in Z: y (N, 2), f (N, 2) -> E (N, K), cache."""
    y_tilde = f[:, :, None] * G                                   # (N, 2, K)
    diff = y[:, :, None] - y_tilde                                # (N, 2, K)
    E = np.einsum("nik,nik->nk", diff, diff)                      # (N, K) sum of squares
    return E, diff


def energy_backward(dE, cache):
    """Undo energy: dE (N, K) -> dy (N, 2), df (N, 2).

    dE/dy = 2 (y - y_tilde),  dE/df_i = -2 (y_i - f_i g_i(z)) g_i(z).
    """
    diff = cache
    ddiff = diff * (2 * dE)[:, None, :]                           # (N, 2, K) undo the square
    dy = ddiff.sum(axis=2)                                        # (N, 2) undo y's broadcast over z
    df = -np.einsum("nik,ik->ni", ddiff, G)                       # (N, 2) undo y_tilde = f (.) g
    return dy, df


# ---------------------------------------------------------------------------
# LV-EBM Free Energy: eliminate z.
#   Zero-temperature limit:  F_inf(x, y) = min_z E(x, y, z),  z_check = argmin
#   Softmin:  F_beta(x, y) = -1/beta log( 1/|Z| sum_z exp(-beta E) )
# beta -> inf gives the min; beta -> 0 gives the average over z.
# In every case dF/dE_z = p_z, the softmin weights exp(-beta E_z) / sum:
# one-hot at z_check for beta = inf, uniform 1/|Z| for beta = 0.
# ---------------------------------------------------------------------------

def min_forward(E):
    """F_inf = min_z E: E (N, K) -> F (N,), cache = z_check (N,)."""
    z_check = E.argmin(axis=1)                                    # (N,) index into Z
    return E[np.arange(len(E)), z_check], z_check                 # the energy at z_check


ONE_HOT = np.eye(len(Z))                                          # row k: one-hot at z_k


def min_backward(dF, cache):
    """Undo the min: the gradient goes to z_check alone (ties: the first)."""
    z_check = cache
    return dF[:, None] * ONE_HOT[z_check]                         # (N, K)


def softmin_forward(E, beta):
    """F_beta for 0 < beta < inf: E (N, K) -> F (N,), cache.

    In stages, so that softmin_backward_staged can undo each one. The shift
    by the row's own minimum m keeps exp from underflowing to log(0) at large
    beta; expm1 and log1p keep full precision as beta -> 0, where
    mean_z exp(-beta E) is close to 1.
    """
    m = E.min(axis=1, keepdims=True)                              # (N, 1)
    shifted = E - m                                               # (N, K) >= 0
    w_minus_1 = np.expm1(-beta * shifted)                         # (N, K) exp(-beta (E - m)) - 1
    u = w_minus_1.mean(axis=1, keepdims=True)                     # (N, 1) mean_z w - 1
    F = m - np.log1p(u) / beta                                    # (N, 1)
    return F[:, 0], (E, beta, w_minus_1, u)


def softmin_backward_staged(dF, cache):
    """Undo softmin_forward stage by stage: dF (N,) -> dE (N, K), dm (N,).

    dm is the total gradient that reaches the shift m. It vanishes (up to
    rounding): sum_z dshifted = -dF sum_z w / (K mean_z w) = -dF, so
    dm = dF - dF = 0. The shift is there for stability, not for F. What is
    left is dE = dshifted = dF w / sum_z w = dF p: free_energy_backward.
    """
    E, beta, w_minus_1, u = cache
    dF = dF[:, None]                                              # (N, 1)
    dm = dF.copy()                                                # undo F = m + ...
    du = -dF / (beta * (1 + u))                                   # undo - log1p(u) / beta
    dw_minus_1 = np.broadcast_to(du / E.shape[1], E.shape)        # undo the mean over z
    dshifted = dw_minus_1 * (w_minus_1 + 1) * -beta               # undo expm1(-beta shifted)
    dE = dshifted.copy()                                          # undo shifted = E - m ...
    dm -= dshifted.sum(axis=1, keepdims=True)                     # ... also through m
    z_min = E.argmin(axis=1)
    dE[np.arange(len(E)), z_min] += dm[:, 0]                      # undo m = min_z E
    return dE, dm[:, 0]


def free_energy_forward(E, beta):
    """F_beta of energies E (N, K) -> F (N,), cache (p, the softmin weights).

    beta = inf is the exact min, beta = 0 the exact mean over z.
    """
    if beta == np.inf:
        F, z_check = min_forward(E)
        return F, ONE_HOT[z_check]                                # (N, K) one-hot at z_check
    if beta == 0:
        return E.mean(axis=1), np.full(E.shape, 1 / E.shape[1])
    F, (_, _, w_minus_1, u) = softmin_forward(E, beta)
    p = (w_minus_1 + 1) / (E.shape[1] * (1 + u))                 # (N, K) w / sum_z w
    return F, p


def free_energy_backward(dF, cache):
    """Undo free_energy_forward in closed form: dE = dF * p."""
    p = cache
    return dF[:, None] * p                                        # (N, K)


# The hot limit, beta = 0: F_0 is the average energy over z, and for this
# model it splits into an error against the ellipse's mean plus its spread:
#   F_0 = mean_z ||y - f (.) g(z)||^2
#       = ||y||^2 - 2 y . (f (.) mean_z g(z)) + mean_z ||f (.) g(z)||^2.
# On the uniform grid Z, mean_z cos z = mean_z sin z = 0 (the ellipse's mean
# is its centre, 0) and mean_z cos^2 z = mean_z sin^2 z = 1/2, so
#   F_0 = ||y - 0||^2 + (f_1^2 + f_2^2) / 2.
# The first term does not depend on phi: training at beta = 0 can only lower
# the spread |f|^2 / 2, and drives f to 0, the same compromise as MSE.


# ---------------------------------------------------------------------------
# Training: minimise L(phi) = 1/N sum_n F(x_n, y_n), the free energy of the
# training samples. No contrastive term: y_tilde lies on an ellipse, so the
# model cannot make the energy low everywhere.
# ---------------------------------------------------------------------------

def loss_and_grads(params, x, y, beta=np.inf):
    """L = mean F_beta over the batch, and dL/dphi (a dict, keys as params)."""
    x, y = _as_xy(x, y)
    beta = _check_beta(beta)
    f, f_cache = f_phi(params, x)                                 # (N, 2)
    E, e_cache = energy(y, f)                                     # (N, K)
    F, F_cache = free_energy_forward(E, beta)                     # (N,)
    dF = np.full(len(x), 1 / len(x))                              # undo the mean over samples
    dE = free_energy_backward(dF, F_cache)                        # (N, K)
    _, df = energy_backward(dE, e_cache)                          # (N, 2)
    return float(F.mean()), f_phi_backward(df, f_cache)


def free_energy_grad_y(params, x, y, beta=np.inf):
    """F_beta (N,) and dF/dy (N, 2) = sum_z p_z 2 (y - y_tilde_z)."""
    x, y = _as_xy(x, y)
    f, _ = f_phi(params, x)
    return _free_energy_grad_y_given_f(f, y, _check_beta(beta))


def _free_energy_grad_y_given_f(f, y, beta):
    E, e_cache = energy(y, f)                                     # (N, K)
    F, F_cache = free_energy_forward(E, beta)                     # (N,)
    dE = free_energy_backward(np.ones(len(y)), F_cache)           # (N, K) = p
    dy, _ = energy_backward(dE, e_cache)                          # (N, 2)
    return F, dy


# ---------------------------------------------------------------------------
# Energy-Based Model - Inference:  y_check = argmin_y F(x, y)
# By gradient descent on y. There are many low-energy y for one x (the whole
# ellipse at beta = inf): different starts land on different points.
# ---------------------------------------------------------------------------

def infer_y(params, x, y0, beta=np.inf, steps=100, lr=0.1, return_path=False):
    """Descend F(x, .) from y0 (N, 2): the inferred y (N, 2).

    With return_path, also the whole path (steps + 1, N, 2).
    """
    x, y = _as_xy(x, y0)
    beta = _check_beta(beta)
    steps = _check_count("steps", steps)
    lr = _check_positive("lr", lr)
    f, _ = f_phi(params, x)                                       # x is fixed: f once
    y = y.copy()
    path = [y.copy()]
    for _ in range(steps):
        _, dy = _free_energy_grad_y_given_f(f, y, beta)
        y -= lr * dy
        if return_path:
            path.append(y.copy())
    return (y, np.stack(path)) if return_path else y


# ---------------------------------------------------------------------------
# Evaluation: free energy of many points, streamed in chunks so that memory
# is bounded by the chunk, not by N.
# ---------------------------------------------------------------------------
CHUNK = 8192


def free_energy_of_f(f, y, beta=np.inf):
    """F_beta (N,) for a given f (N, 2), e.g. the oracle f = rho(x)."""
    f, y = np.asarray(f, dtype=float), _as_y(y)
    if f.shape != y.shape:
        raise ValueError(f"f must have shape {y.shape} like y, got {f.shape}")
    beta = _check_beta(beta)
    F = np.empty(len(y))                                          # (N,)
    for s in range(0, len(y), CHUNK):
        E, _ = energy(y[s:s + CHUNK], f[s:s + CHUNK])             # (chunk, K)
        F[s:s + CHUNK], _ = free_energy_forward(E, beta)
    return F


def free_energy(params, x, y, beta=np.inf):
    """F_beta(x, y) for each sample: x (N,), y (N, 2) -> F (N,)."""
    x, y = _as_xy(x, y)
    beta = _check_beta(beta)
    F = np.empty(len(x))                                          # (N,)
    for s in range(0, len(x), CHUNK):
        f, _ = f_phi(params, x[s:s + CHUNK])                      # (chunk, 2)
        F[s:s + CHUNK] = free_energy_of_f(f, y[s:s + CHUNK], beta)
    return F


X_EVAL = np.linspace(0, 1, 51)                                    # x = [0 : 1/50 : 1]


def recovery_error(params, x=X_EVAL):
    """| |f_i(x)| - rho_i(x) | / rho_i(x), (N, 2). The signs of f are not
    identifiable (cos and sin are symmetric), so only |f| is scored."""
    f, _ = f_phi(params, x)
    return np.abs(np.abs(f) - rho(x)) / rho(x)


# ---------------------------------------------------------------------------
# Feed-Forward Nets - Training: the baseline the slides open with.
#   The same MLP predicts y directly: y_hat = f_phi(x), trained on the MSE
#   L = 1/N sum_n ||y_n - f_phi(x_n)||^2. With one output per x and a target
#   spread round an ellipse, the best single answer is the "compromise"
#   E[y | x] = 0 (slides' appendix: "a deterministic model produces blurry
#   predictions"). Taken as a one-point manifold, its F_inf is that same
#   squared error.
# ---------------------------------------------------------------------------

def mse_forward(f, y):
    """L = mean_n ||y_n - f_n||^2: f (N, 2), y (N, 2) -> L (float), cache."""
    diff = y - f                                                  # (N, 2)
    return float(np.einsum("ni,ni->", diff, diff)) / len(y), diff


def mse_backward(dL, cache):
    """Undo mse_forward: dL (float) -> df (N, 2) = -2 (y - f) dL / N."""
    diff = cache
    return -2 * dL / len(diff) * diff


def mse_loss_and_grads(params, x, y):
    """The baseline's L = MSE of f_phi(x) against y, and dL/dphi."""
    x, y = _as_xy(x, y)
    f, f_cache = f_phi(params, x)                                 # (N, 2)
    L, cache = mse_forward(f, y)
    return L, f_phi_backward(mse_backward(1.0, cache), f_cache)


# ---------------------------------------------------------------------------
# Optimisers, kept apart from backprop: they only read gradients.
# ---------------------------------------------------------------------------

def sgd_step(params, grads, lr):
    """phi <- phi - lr dL/dphi, in place."""
    for k in params:
        params[k] -= lr * grads[k]


def adam_step(params, grads, state, lr, decay1=0.9, decay2=0.999, eps=1e-8):
    """One Adam update, in place. state is a dict, empty before the first step.

    decay1 and decay2 are Adam's beta_1 and beta_2, renamed so as not to
    clash with the inverse temperature.
    """
    if not state:
        state.update(t=0, m={k: np.zeros_like(v) for k, v in params.items()},
                     v={k: np.zeros_like(v) for k, v in params.items()})
    state["t"] += 1
    t = state["t"]
    step = lr * np.sqrt(1 - decay2 ** t) / (1 - decay1 ** t)      # bias corrections
    for k in params:
        m, v, grad = state["m"][k], state["v"][k], grads[k]
        m += (1 - decay1) * (grad - m)                            # running mean of grad
        v += (1 - decay2) * (grad * grad - v)                     # running mean of grad^2
        params[k] -= step * m / (np.sqrt(v) + eps)


# ---------------------------------------------------------------------------
# The training loop: minibatches, Adam or SGD, a cosine-decayed step size.
# ---------------------------------------------------------------------------

def train(params, x, y, rng, beta=np.inf, epochs=10, batch_size=100, lr=0.01,
          optimizer="adam", model="lvebm", on_epoch=None):
    """Train params in place on (x, y); return the mean loss of each epoch.

    model "lvebm" minimises the free energy F_beta; beta is a number or one
    beta per epoch (an annealing schedule). model "ff" is the feed-forward
    baseline on the MSE, for which beta plays no part. on_epoch(epoch, loss)
    is called after each epoch. A NaN or infinite loss stops training with
    FloatingPointError before the bad step is applied.
    """
    x, y = _as_xy(x, y)
    _check_params(params)
    epochs = _check_count("epochs", epochs)
    if np.ndim(beta) == 0:
        betas = [_check_beta(beta)] * epochs
    else:
        betas = [_check_beta(b) for b in beta]
        if len(betas) != epochs:
            raise ValueError(f"beta must be a number or one value per epoch ({epochs}), "
                             f"got {len(betas)} values")
    batch_size = _check_count("batch_size", batch_size)
    lr = _check_positive("lr", lr)
    if optimizer not in ("adam", "sgd"):
        raise ValueError(f"optimizer must be 'adam' or 'sgd', got {optimizer!r}")
    if model not in ("lvebm", "ff"):
        raise ValueError(f"model must be 'lvebm' or 'ff', got {model!r}")
    n_batches = -(-len(x) // batch_size)
    total_steps = epochs * n_batches
    state = {}
    history = []
    with np.errstate(over="ignore", invalid="ignore"):            # divergence is caught by the loss
        for epoch in range(1, epochs + 1):
            order = rng.permutation(len(x))
            losses = []
            for i in range(n_batches):
                batch = order[i * batch_size:(i + 1) * batch_size]
                if model == "lvebm":
                    loss, grads = loss_and_grads(params, x[batch], y[batch], betas[epoch - 1])
                else:
                    loss, grads = mse_loss_and_grads(params, x[batch], y[batch])
                if not np.isfinite(loss):
                    raise FloatingPointError(
                        f"training diverged at epoch {epoch}, batch {i + 1}: loss is {loss}")
                done = ((epoch - 1) * n_batches + i) / total_steps
                lr_now = lr * 0.5 * (1 + np.cos(np.pi * done))    # cosine decay to 0
                if optimizer == "adam":
                    adam_step(params, grads, state, lr_now)
                else:
                    sgd_step(params, grads, lr_now)
                losses.append(loss)
            history.append(float(np.mean(losses)))
            if on_epoch is not None:
                on_epoch(epoch, history[-1])
    return history


# ---------------------------------------------------------------------------
# Checkpoints: .npz, written atomically, the same bytes for the same params.
# ---------------------------------------------------------------------------

def save_params(path, params, **meta):
    """Write params and JSON-able meta to path (.npz), atomically.

    A fixed time stamp in the zip makes the same params give the same bytes.
    """
    _check_params(params)
    path = os.fspath(path)
    arrays = dict(params, __meta__=np.array(json.dumps(meta, sort_keys=True)))
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".npz")
    try:
        with os.fdopen(fd, "wb") as fh, zipfile.ZipFile(fh, "w") as zf:
            for name, value in arrays.items():
                buf = io.BytesIO()
                np.save(buf, np.asarray(value), allow_pickle=False)
                zf.writestr(zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0)),
                            buf.getvalue())
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def load_params(path):
    """Read a checkpoint written by save_params: params, meta."""
    path = os.fspath(path)
    if not os.path.isfile(path):
        raise FileNotFoundError(f"no checkpoint at {path}")
    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {k: data[k] for k in data.files}
        meta = json.loads(str(arrays.pop("__meta__")))
        params = {k: v.astype(float) for k, v in arrays.items()}
        _check_params(params)
    except Exception as err:
        raise ValueError(f"checkpoint {path} is corrupt or not an lvebm checkpoint "
                         f"({type(err).__name__}: {err})") from None
    return params, meta


# ---------------------------------------------------------------------------
# Input checks: a clear one-line error instead of a traceback from NumPy.
# ---------------------------------------------------------------------------

def _as_x(x):
    x = np.asarray(x, dtype=float)
    if x.ndim != 1:
        raise ValueError(f"x must have shape (N,), got {x.shape}")
    if not math.isfinite(x.sum()):                                # NaN or inf anywhere
        raise ValueError("x contains NaN or inf")
    return x


def _as_y(y):
    y = np.asarray(y, dtype=float)
    if y.ndim != 2 or y.shape[1] != 2:
        raise ValueError(f"y must have shape (N, 2), got {y.shape}")
    if not math.isfinite(y.sum()):
        raise ValueError("y contains NaN or inf")
    return y


def _as_xy(x, y):
    x, y = _as_x(x), _as_y(y)
    if len(x) != len(y):
        raise ValueError(f"x and y must have the same length, got {len(x)} and {len(y)}")
    return x, y


def _check_number(name, value):
    try:
        value = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number, got {value!r}") from None
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    return value


def _check_positive(name, value):
    value = _check_number(name, value)
    if value <= 0:
        raise ValueError(f"{name} must be > 0, got {value}")
    return value


def _check_count(name, value):
    if isinstance(value, bool) or int(value) != value or value < 1:
        raise ValueError(f"{name} must be a whole number >= 1, got {value!r}")
    return int(value)


def _check_beta(beta):
    try:
        beta = float(beta)
    except (TypeError, ValueError):
        raise ValueError(f"beta must be a number, got {beta!r}") from None
    if not beta >= 0:                                             # also catches NaN
        raise ValueError(f"beta must be >= 0 (inf allowed), got {beta}")
    return beta


def _check_hidden(hidden):
    hidden = tuple(hidden)
    if not hidden or any(isinstance(h, bool) or int(h) != h or h < 1 for h in hidden):
        raise ValueError(f"hidden must be one or more layer widths >= 1, got {hidden}")
    return tuple(int(h) for h in hidden)


def _check_params(params):
    """The number of layers L, after checking that the shapes chain 1 -> ... -> 2."""
    if not isinstance(params, dict) or len(params) % 2 or not params:
        raise ValueError("params must be a dict W1, b1, ..., WL, bL")
    n_layers = len(params) // 2
    fan_in = 1
    for l in range(1, n_layers + 1):
        W, b = params.get(f"W{l}"), params.get(f"b{l}")
        if W is None or b is None:
            raise ValueError(f"params lack W{l} or b{l}")
        if W.ndim != 2 or W.shape[0] != fan_in or b.shape != (W.shape[1],):
            raise ValueError(f"params W{l} {W.shape} and b{l} {b.shape} do not chain "
                             f"from a layer of width {fan_in}")
        fan_in = W.shape[1]
    if fan_in != 2:
        raise ValueError(f"f_phi must output 2 values, got {fan_in}")
    return n_layers
