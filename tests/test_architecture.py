"""LV-EBM Architecture: the MLP f_phi (each layer and the whole), g and Z."""
import numpy as np
import pytest

import lvebm
from gradcheck import numerical_grad, rel_error

rng = np.random.default_rng(0)


def test_Z_has_48_values_from_0_in_steps_of_pi_over_24_without_2pi():
    assert lvebm.Z.shape == (48,)
    np.testing.assert_allclose(np.diff(lvebm.Z), np.pi / 24)
    assert lvebm.Z[0] == 0 and lvebm.Z[-1] < 2 * np.pi - 1e-9


def test_g_maps_z_onto_the_unit_circle():
    G = lvebm.g(lvebm.Z)
    assert G.shape == (2, 48)
    np.testing.assert_allclose(G[0], np.cos(lvebm.Z))
    np.testing.assert_allclose(G[1], np.sin(lvebm.Z))


def test_linear_backward_matches_finite_differences():
    h, W, b = rng.normal(size=(5, 4)), rng.normal(size=(4, 3)), rng.normal(size=3)
    out, cache = lvebm.linear_forward(h, W, b)
    dout = rng.normal(size=out.shape)
    dh, dW, db = lvebm.linear_backward(dout, cache)
    assert rel_error(dh, numerical_grad(lambda v: lvebm.linear_forward(v, W, b)[0], h, dout)) < 1e-7
    assert rel_error(dW, numerical_grad(lambda v: lvebm.linear_forward(h, v, b)[0], W, dout)) < 1e-7
    assert rel_error(db, numerical_grad(lambda v: lvebm.linear_forward(h, W, v)[0], b, dout)) < 1e-7


def test_relu_backward_matches_finite_differences_away_from_the_kink():
    a = rng.normal(size=(6, 5))
    a[np.abs(a) < 1e-3] = 0.5                                   # keep clear of the kink
    _, cache = lvebm.relu_forward(a)
    dout = rng.normal(size=a.shape)
    da = lvebm.relu_backward(dout, cache)
    assert rel_error(da, numerical_grad(lambda v: lvebm.relu_forward(v)[0], a, dout)) < 1e-7


@pytest.mark.parametrize("hidden", [(8, 8), (128,), (16, 16, 16)])
def test_f_phi_backward_matches_finite_differences_for_every_parameter(hidden):
    params = lvebm.init_params(np.random.default_rng(1), hidden)
    x = rng.uniform(0, 1, 7)
    f, cache = lvebm.f_phi(params, x)
    df = rng.normal(size=f.shape)
    grads = lvebm.f_phi_backward(df, cache)
    assert grads.keys() == params.keys()
    for k in params:
        num = numerical_grad(lambda v: lvebm.f_phi(params, x)[0], params[k], df)
        assert rel_error(grads[k], num) < 1e-7, k


def test_init_params_shapes_chain_from_1_to_2():
    params = lvebm.init_params(rng, hidden=(8, 8))
    assert [params[k].shape for k in ("W1", "b1", "W2", "b2", "W3", "b3")] == \
        [(1, 8), (8,), (8, 8), (8,), (8, 2), (2,)]
    f, _ = lvebm.f_phi(params, np.linspace(0, 1, 5))
    assert f.shape == (5, 2)


def test_init_params_spreads_the_first_relu_kinks_over_the_data():
    params = lvebm.init_params(np.random.default_rng(3), hidden=(128,))
    kinks = -params["b1"] / params["W1"][0]                      # where W1 x + b1 = 0
    assert np.all((kinks >= 0) & (kinks <= 1))
    assert np.histogram(kinks, bins=4, range=(0, 1))[0].min() >= 16


def test_f_phi_is_a_relu_mlp_with_a_linear_output():
    params = lvebm.init_params(rng, hidden=(8,))
    x = rng.uniform(0, 1, 4)
    expected = np.maximum(x[:, None] @ params["W1"] + params["b1"], 0) @ params["W2"] + params["b2"]
    np.testing.assert_allclose(lvebm.f_phi(params, x)[0], expected)
