"""Centred finite differences in float64, and the relative error to judge them by."""
import numpy as np


def numerical_grad(fun, x, dout, h=1e-6):
    """d sum(fun(x) * dout) / dx by centred differences; x is changed and restored in place."""
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        plus = np.sum(fun(x) * dout)
        x[i] = old - h
        minus = np.sum(fun(x) * dout)
        x[i] = old
        grad[i] = (plus - minus) / (2 * h)
    return grad


def rel_error(a, b):
    """||a - b|| / (||a|| + ||b||), with a floor so that two zeros compare as equal."""
    return np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), 1e-12)
