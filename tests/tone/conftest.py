from pathlib import Path

import pytest

from tactful import match
from tactful.segment import segment
from tactful.text import Text

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data" / "politeness" / "wikipedia.annotated.csv"


def _read(text: str) -> tuple[Text, object, str]:
    """A draft as the engine hands it to the tone model: (text, segments, writer view)."""
    t = Text.of(text)
    seg = segment(t.norm)
    return t, seg, match.writer_view(t.norm, seg)


@pytest.fixture(scope="session")
def read():
    return _read


@pytest.fixture
def needs_data():
    if not DATA.exists():
        pytest.skip(f"politeness corpus not present at {DATA} (../shared is absent)")
    return DATA
