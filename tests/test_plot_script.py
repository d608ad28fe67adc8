"""plot.py: every figure, headless, from a checkpoint; clear errors for a bad one."""
import os
import subprocess
import sys

import numpy as np
import pytest

import plot
import train

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run_py(script, *args):
    return subprocess.run([sys.executable, script, *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


@pytest.fixture(scope="module")
def small_ckpts(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ckpt")
    for model in ("lvebm", "ff"):
        run = run_py("train.py", "--model", model, "--n-train", "3000", "--epochs", "3",
                     "--hidden", "16", "--out", str(folder / f"{model}.npz"))
        assert run.returncode == 0, run.stderr
    return folder / "lvebm.npz", folder / "ff.npz"


def test_plot_writes_every_figure_as_a_png_that_is_not_blank(small_ckpts, tmp_path):
    import matplotlib.image
    out = tmp_path / "figs"
    run = run_py("plot.py", "--ckpt", str(small_ckpts[0]), "--ff-ckpt", str(small_ckpts[1]),
                 "--out", str(out))
    assert run.returncode == 0, run.stderr
    expected = {name + ".png" for name in plot.NAMES}
    assert set(os.listdir(out)) == expected
    for name in sorted(expected):
        path = out / name
        assert f"wrote {path}" in run.stdout                       # a line per file
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", name
        pixels = matplotlib.image.imread(path)[..., :3]
        assert pixels.shape[0] > 300 and pixels.shape[1] > 400, name
        assert pixels.std() > 0.05, name                         # not one flat colour
        assert (pixels < 0.5).mean() > 0.01, name                # something dark was drawn


@pytest.mark.parametrize("content", [None, b"garbage, not a zip"])
def test_a_missing_or_corrupt_ckpt_is_one_line_and_exit_status_2(tmp_path, content):
    path = tmp_path / "model.npz"
    if content is not None:
        path.write_bytes(content)
    run = run_py("plot.py", "--ckpt", str(path), "--out", str(tmp_path / "figs"))
    assert run.returncode == 2
    assert len(run.stderr.strip().splitlines()) == 1
    assert ("no checkpoint at" if content is None else "corrupt") in run.stderr
    assert not (tmp_path / "figs").exists()


def test_a_checkpoint_of_the_wrong_model_is_one_line_and_exit_status_2(small_ckpts, tmp_path):
    run = run_py("plot.py", "--ckpt", str(small_ckpts[1]), "--ff-ckpt", str(small_ckpts[1]),
                 "--out", str(tmp_path / "figs"))
    assert run.returncode == 2 and len(run.stderr.strip().splitlines()) == 1
    assert "holds a 'ff' model, not 'lvebm'" in run.stderr


def test_an_unknown_flag_is_one_line_and_exit_status_2():
    run = run_py("plot.py", "--dpi", "300")
    assert run.returncode == 2 and len(run.stderr.strip().splitlines()) == 1


def test_without_the_default_checkpoint_plot_trains_one_first_and_says_so(
        tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    real_main = train.main
    calls = []

    def quick_main(argv):                                        # the same call, made small
        calls.append(argv)
        return real_main([*argv, "--n-train", "2000", "--epochs", "1", "--hidden", "8"])

    monkeypatch.setattr(train, "main", quick_main)
    monkeypatch.setattr(plot, "NAMES", ("toy_data_set_x0",))
    assert plot.main(["--out", "figs"]) == 0
    assert calls == [["--model", "lvebm", "--out", train.DEFAULT_CKPT],
                     ["--model", "ff", "--out", train.DEFAULT_FF_CKPT]]
    said = capsys.readouterr().out
    for path in (train.DEFAULT_CKPT, train.DEFAULT_FF_CKPT):
        assert f"no checkpoint at {path}: training one" in said
        assert (tmp_path / path).exists()
    assert (tmp_path / "figs" / "toy_data_set_x0.png").exists()
