"""One error catalogue for the whole library.

Every error a user can cause (a bad file, a malformed YAML entry, an unknown id)
is a :class:`SnsCompareError` whose message says what was wrong and what is
allowed.  The CLI prints ``str(err)`` to stderr and exits non-zero; the dashboard
shows it with ``st.error``.  Neither ever shows a traceback for these.

Messages are Japanese first (the users are Japanese municipal staff), with a short
English gloss so that logs stay readable for everyone.
"""
from __future__ import annotations

from .i18n import t


def bilingual(msg_id: str, **fmt) -> str:
    """A catalogue message as the library's errors read: Japanese, then `` / `` and English."""
    return f"{t(msg_id, 'ja', **fmt)} / {t(msg_id, 'en', **fmt)}"


class SnsCompareError(Exception):
    """Base class: a problem the user can fix, with a message that says how."""

    exit_code = 2

    def __init__(self, message: str, *, hint: str | None = None):
        self.message = message
        self.hint = hint
        super().__init__(message if not hint else f"{message}\n{hint}")


class InputError(SnsCompareError):
    """An uploaded or added document cannot be read (empty, binary, too large,
    unsupported type, corrupted, scanned without text, …)."""


class NotAPolicyError(InputError):
    """The text was read, but nothing in it matches any topic of the taxonomy."""


class ConfigError(SnsCompareError):
    """A data file (taxonomy.yaml, cities.yaml, overrides.yaml, gold) is malformed
    or inconsistent.  The message names the file and line."""

    def __init__(self, path, line: int | None, message: str, *, allowed=None):
        where = f"{path}" + (f":{line}" if line else "")
        text = f"{where}: {message}"
        if allowed:
            allowed = sorted(allowed) if not isinstance(allowed, (list, tuple)) else list(allowed)
            text += f"\n  使用できる値 / allowed: {', '.join(map(str, allowed))}"
        self.path = str(path)
        self.line = line
        super().__init__(text)


class UnknownIdError(SnsCompareError):
    """A document, topic or category id that does not exist."""

    def __init__(self, kind: str, value: str, allowed):
        super().__init__(
            f"{kind} '{value}' はありません / no {kind} '{value}'.",
            hint=f"  使用できる値 / available: {', '.join(sorted(allowed))}",
        )
