"""Why a latent variable: the feed-forward baseline (MSE) and the hot limit beta = 0."""
import numpy as np
import pytest

import lvebm
from gradcheck import numerical_grad, rel_error

rng = np.random.default_rng(0)


def test_mse_backward_matches_finite_differences():
    f, y = rng.normal(size=(6, 2)), rng.normal(size=(6, 2))
    L, cache = lvebm.mse_forward(f, y)
    assert L == pytest.approx(((y - f) ** 2).sum(axis=1).mean())
    df = lvebm.mse_backward(1.0, cache)
    assert rel_error(df, numerical_grad(lambda v: lvebm.mse_forward(v, y)[0], f, 1.0)) < 1e-7


def test_mse_loss_and_grads_match_finite_differences():
    params = lvebm.init_params(np.random.default_rng(1), (16, 16))
    x, y = lvebm.sample_horn(12, np.random.default_rng(2))
    _, grads = lvebm.mse_loss_and_grads(params, x, y)
    for k in params:
        num = numerical_grad(lambda _: lvebm.mse_loss_and_grads(params, x, y)[0], params[k], 1.0)
        assert rel_error(grads[k], num) < 1e-7, k


def test_the_feed_forward_baseline_collapses_to_the_compromise():
    r = np.random.default_rng(3)
    params = lvebm.init_params(r)
    x, y = lvebm.sample_horn(50_000, r)
    lvebm.train(params, x, y, r, model="ff", epochs=3)
    f, _ = lvebm.f_phi(params, lvebm.X_EVAL)
    ratio = np.linalg.norm(f, axis=1) / np.linalg.norm(lvebm.rho(lvebm.X_EVAL), axis=1)
    assert ratio.max() <= 0.1                                    # one output: about E[y | x] = 0
    x_held, y_held = lvebm.sample_horn(5000, np.random.default_rng(4))
    F_ff = lvebm.mse_forward(lvebm.f_phi(params, x_held)[0], y_held)[0]
    F_oracle = lvebm.free_energy_of_f(lvebm.rho(x_held), y_held).mean()
    assert F_ff > 100 * F_oracle                                 # a one-point manifold fits badly


def test_at_beta_0_the_free_energy_is_the_error_to_the_centre_plus_the_spread():
    # F_0 = ||y - 0||^2 + |f|^2 / 2: the derivation beside free_energy_forward
    params = lvebm.init_params(np.random.default_rng(5), (16,))
    x, y = lvebm.sample_horn(20, np.random.default_rng(6))
    f, _ = lvebm.f_phi(params, x)
    F0 = lvebm.free_energy(params, x, y, beta=0.0)
    np.testing.assert_allclose(F0, (y ** 2).sum(axis=1) + (f ** 2).sum(axis=1) / 2, rtol=1e-12)
    np.testing.assert_allclose(lvebm.G.mean(axis=1), 0, atol=1e-15)   # the ellipse's mean is 0
    np.testing.assert_allclose((lvebm.G ** 2).mean(axis=1), 0.5, rtol=1e-15)


def test_training_at_beta_0_collapses_f_like_the_mse_baseline():
    r = np.random.default_rng(7)
    params = lvebm.init_params(r)
    x, y = lvebm.sample_horn(20_000, r)
    lvebm.train(params, x, y, r, beta=0.0, epochs=3)
    f, _ = lvebm.f_phi(params, lvebm.X_EVAL)
    ratio = np.linalg.norm(f, axis=1) / np.linalg.norm(lvebm.rho(lvebm.X_EVAL), axis=1)
    assert ratio.max() <= 0.1


def test_a_warm_beta_shrinks_the_ellipse_most_where_energies_are_small():
    # At beta = 0.3 the softmin is hot beside the energies of the small x = 0
    # end of the horn but cold beside those of the large x = 1 end.
    r = np.random.default_rng(8)
    params = lvebm.init_params(r)
    x, y = lvebm.sample_horn(50_000, r)
    lvebm.train(params, x, y, r, beta=0.3, epochs=4)
    f, _ = lvebm.f_phi(params, np.array([0.0, 1.0]))
    shrink = np.abs(f) / lvebm.rho(np.array([0.0, 1.0]))
    assert shrink[0].max() < 0.8 and shrink[1].min() > 0.95


def test_an_annealing_schedule_gives_one_beta_per_epoch_and_ends_cold():
    r = np.random.default_rng(9)
    params = lvebm.init_params(r)
    x, y = lvebm.sample_horn(50_000, r)
    losses = lvebm.train(params, x, y, r, beta=[0.1, 1.0, 10.0, np.inf], epochs=4)
    assert losses[0] > losses[1] > losses[2] > losses[3]        # colder: a lower free energy
    assert lvebm.recovery_error(params).max() < 0.05
    with pytest.raises(ValueError, match="one value per epoch"):
        lvebm.train(params, x, y, r, beta=[1.0, np.inf], epochs=3)
