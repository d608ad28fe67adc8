"""Checkpoints: .npz round trip, atomic writes, the same bytes for the same params."""
import os

import numpy as np
import pytest

import lvebm


@pytest.fixture
def params():
    return lvebm.init_params(np.random.default_rng(0), (8, 8))


def test_save_then_load_gives_back_params_and_meta(tmp_path, params):
    path = tmp_path / "model.npz"
    lvebm.save_params(path, params, beta=np.inf, hidden=[8, 8], loss_history=[1.0, 0.5])
    loaded, meta = lvebm.load_params(path)
    assert loaded.keys() == params.keys()
    for k in params:
        np.testing.assert_array_equal(loaded[k], params[k])
    assert meta == {"beta": np.inf, "hidden": [8, 8], "loss_history": [1.0, 0.5]}


def test_the_same_params_give_the_same_bytes(tmp_path, params):
    lvebm.save_params(tmp_path / "a.npz", params, seed=1)
    lvebm.save_params(tmp_path / "b.npz", params, seed=1)
    assert (tmp_path / "a.npz").read_bytes() == (tmp_path / "b.npz").read_bytes()


def test_save_leaves_no_temporary_file_and_replaces_the_old_checkpoint(tmp_path, params):
    path = tmp_path / "model.npz"
    path.write_bytes(b"old")
    lvebm.save_params(path, params)
    assert os.listdir(tmp_path) == ["model.npz"]
    lvebm.load_params(path)


def test_a_failed_save_keeps_the_old_checkpoint(tmp_path, params):
    path = tmp_path / "model.npz"
    lvebm.save_params(path, params)
    good = path.read_bytes()
    with pytest.raises(TypeError):
        lvebm.save_params(path, params, bad=object())            # meta that JSON cannot hold
    assert path.read_bytes() == good and os.listdir(tmp_path) == ["model.npz"]


def test_a_missing_checkpoint_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="no checkpoint at"):
        lvebm.load_params(tmp_path / "nope.npz")


@pytest.mark.parametrize("content", [b"", b"not a zip file at all", b"PK\x03\x04broken"])
def test_a_corrupt_checkpoint_is_a_clear_error(tmp_path, content):
    path = tmp_path / "bad.npz"
    path.write_bytes(content)
    with pytest.raises(ValueError, match="corrupt"):
        lvebm.load_params(path)


def test_an_npz_of_other_arrays_is_not_a_checkpoint(tmp_path):
    path = tmp_path / "other.npz"
    np.savez(path, W1=np.ones((3, 3)), b1=np.ones(3), __meta__=np.array("{}"))
    with pytest.raises(ValueError, match="not an lvebm checkpoint"):
        lvebm.load_params(path)
