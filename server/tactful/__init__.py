"""Tactful: a writing coach for pushback emails.

The public API is two functions; both are pure (no network, no state) and never raise on
any `str` of text. Unknown strictness or rule ids raise ValueError.
"""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["analyze", "rewrite", "__version__"]


def analyze(text: str, strictness: str = "balanced", disabled_rules=()) -> dict:
    """The contract's analysis object for one draft."""
    from .analysis import check_options, read, to_json
    from .rules import load

    pack = load()
    disabled = check_options(strictness, disabled_rules, pack)
    if not isinstance(text, str):
        raise TypeError("text must be a str")
    return to_json(read(text, strictness, disabled, pack), strictness)


def rewrite(text: str, strictness: str = "balanced") -> dict:
    """The whole draft, cushioned: every finding's first suggestion applied and the missing
    parts of a pushback added."""
    from .cushion import cushion

    return cushion(text, strictness)
