"""Bad input gets a clear one-line error naming the problem, never a deep NumPy traceback."""
import numpy as np
import pytest

import lvebm

params = lvebm.init_params(np.random.default_rng(0), (8,))
x, y = lvebm.sample_horn(10, np.random.default_rng(0))


@pytest.mark.parametrize("call, match", [
    (lambda: lvebm.free_energy(params, x[:, None], y), r"x must have shape \(N,\)"),
    (lambda: lvebm.free_energy(params, x, y[:, :1]), r"y must have shape \(N, 2\)"),
    (lambda: lvebm.free_energy(params, x, y.T), r"y must have shape \(N, 2\)"),
    (lambda: lvebm.free_energy(params, x[:5], y), "same length"),
    (lambda: lvebm.loss_and_grads(params, x, y, beta=-1.0), "beta must be >= 0"),
    (lambda: lvebm.loss_and_grads(params, x, y, beta=np.nan), "beta must be >= 0"),
    (lambda: lvebm.loss_and_grads(params, x, y, beta="hot"), "beta must be a number"),
    (lambda: lvebm.free_energy(params, np.full(10, np.nan), y), "x contains NaN"),
    (lambda: lvebm.free_energy(params, x, np.full((10, 2), np.inf)), "y contains NaN or inf"),
    (lambda: lvebm.infer_y(params, x, y, lr=np.nan), "lr must be finite"),
    (lambda: lvebm.infer_y(params, x, y, lr=-0.1), "lr must be > 0"),
    (lambda: lvebm.infer_y(params, x, y, steps=0), "steps must be a whole number"),
    (lambda: lvebm.train(dict(params), x, y, np.random.default_rng(0), lr=np.nan), "lr must be finite"),
    (lambda: lvebm.train(dict(params), x, y, np.random.default_rng(0), epochs=2.5), "epochs must be"),
    (lambda: lvebm.train(dict(params), x, y, np.random.default_rng(0), optimizer="rmsprop"),
     "optimizer must be"),
    (lambda: lvebm.init_params(np.random.default_rng(0), hidden=(8, 0)), "hidden must be"),
    (lambda: lvebm.sample_horn(-3, np.random.default_rng(0)), "n must be a whole number"),
    (lambda: lvebm.sample_horn(3, np.random.default_rng(0), x=np.nan), "x must be finite"),
    (lambda: lvebm.f_phi({"W1": np.ones((1, 4)), "b1": np.ones(4)}, x), "must output 2 values"),
    (lambda: lvebm.f_phi({"W1": np.ones((2, 4)), "b1": np.ones(4),
                          "W2": np.ones((4, 2)), "b2": np.ones(2)}, x), "do not chain"),
    (lambda: lvebm.f_phi({"W1": np.ones((1, 2))}, x), "params must be a dict"),
])
def test_bad_input_raises_a_clear_value_error(call, match):
    with pytest.raises(ValueError, match=match) as err:
        call()
    assert "\n" not in str(err.value)
