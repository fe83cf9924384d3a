"""How the work of a function grows with its input, counted rather than timed: the lines
of Python it executes in the named source files (``sys.settrace``).  The count does not
depend on the machine or its load, so a test can say "twice the input, at most about
twice the work" and fail on an algorithm that rescans its input, however fast the machine."""
from __future__ import annotations

import sys
from pathlib import Path


def python_steps(fn, *args, files=(), **kwargs) -> int:
    """Lines of Python executed in ``files`` (paths or module objects) while ``fn`` runs."""
    wanted = {str(Path(getattr(f, "__file__", f)).resolve()) for f in files}
    steps = 0

    def local(frame, event, arg):
        nonlocal steps
        if event == "line":
            steps += 1
        return local

    def global_(frame, event, arg):
        return local if frame.f_code.co_filename in wanted else None

    old = sys.gettrace()
    sys.settrace(global_)
    try:
        fn(*args, **kwargs)
    finally:
        sys.settrace(old)
    return steps


def growth(fn, small, large, *, files) -> float:
    """python_steps(fn(large)) / python_steps(fn(small))."""
    return python_steps(fn, large, files=files) / max(1, python_steps(fn, small, files=files))
