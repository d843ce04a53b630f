"""Write the timeline's machine-readable exports."""

from __future__ import annotations

import json

from generator.models import Event


def events_json(events: list[Event]) -> str:
    """Return ``events.json``: every entry, sorted by start."""
    ordered = sorted(events, key=lambda e: (e.start, e.end, e.id))
    return json.dumps({"events": [e.as_json() for e in ordered]}, ensure_ascii=False,
                      indent=2) + "\n"
