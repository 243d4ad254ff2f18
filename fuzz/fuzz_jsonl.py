"""Coverage-guided fuzzing of the JSON Lines reader and of extraction of what it reads.

    .venv/bin/python fuzz/fuzz_jsonl.py -max_total_time=120 -timeout=10 [CORPUS_DIR ...]

Each input is written to a `.jsonl` file and read with `read_inputs`, as `eventscope run`
would; every article it yields is extracted. Only `BadInput` may come out.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))

with atheris.instrument_imports(include=["eventscope"]):
    from eventscope.errors import BadInput
    from eventscope.extract import read_inputs
    from eventscope.records import RawInput
    from eventscope.settings import load_settings

from common import extract_or_reject

SETTINGS = load_settings()
FOLDER = Path(tempfile.mkdtemp(prefix="eventscope-fuzz-"))


def test_one_input(data: bytes) -> None:
    path = FOLDER / "input.jsonl"
    path.write_bytes(data)
    for item in read_inputs([path], SETTINGS):
        if isinstance(item, RawInput):
            extract_or_reject(item, SETTINGS)
        elif not isinstance(item, BadInput):
            raise TypeError(f"read_inputs yielded {type(item).__name__}")


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
