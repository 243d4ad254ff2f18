"""Coverage-guided fuzzing of decoding and extraction of single files.

    .venv/bin/python fuzz/fuzz_extract.py -max_total_time=120 -timeout=10 [CORPUS_DIR ...]

The first input byte chooses plain text or HTML; the rest is the file's bytes. Only
`BadInput` may come out; `-timeout` makes libFuzzer report an input that hangs.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))

with atheris.instrument_imports(include=["eventscope"]):
    from eventscope.errors import BadInput
    from eventscope.extract.inputs import decode
    from eventscope.records import RawInput
    from eventscope.settings import load_settings

from common import extract_or_reject

SETTINGS = load_settings()


def test_one_input(data: bytes) -> None:
    if not data:
        return
    kind = "html" if data[0] & 1 else "text"
    try:
        text = decode(data[1:], html=kind == "html")
    except BadInput:
        return
    extract_or_reject(RawInput(f"fuzz.{kind}", text, kind), SETTINGS)


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
