"""The JSON-LD contexts our credentials use, served from files bundled with smtrainer.

Nothing is ever fetched: a document that names any other context cannot be canonicalised, so it
is refused rather than looked up on the network.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

CONTEXTS = Path(__file__).with_name("contexts")

VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3P0 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"

BUNDLED = {
    VC_V2: "credentials-v2.jsonld",
    OB_V3P0: "ob-v3p0-context-3.0.3.json",
}


class UnknownContext(ValueError):
    """A document names a JSON-LD context that is not bundled."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.url = url


@cache
def _bundled(url: str) -> Any:
    return json.loads((CONTEXTS / BUNDLED[url]).read_text(encoding="utf-8"))


Loader = Callable[[str, Any], dict[str, Any]]


def document_loader(extra: Mapping[str, Any] | None = None) -> Loader:
    """A pyld document loader serving the bundled contexts (and `extra`, for tests)."""
    extra = dict(extra or {})

    def load(url: str, _options: Any = None) -> dict[str, Any]:
        if url in extra:
            document = extra[url]
        elif url in BUNDLED:
            document = _bundled(url)
        else:
            raise UnknownContext(url)
        return {"contextUrl": None, "documentUrl": url, "document": document}

    return load
