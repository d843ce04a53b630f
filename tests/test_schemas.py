"""The JSON exports of a whole build validate against the schemas published in docs/schemas."""

import json
from pathlib import Path

import jsonschema
import pytest

from generator.build import generate

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "docs" / "schemas"
SITES = [ROOT / "content", ROOT / "tests" / "fixtures" / "golden" / "content"]


def _schema(name: str) -> dict:
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


@pytest.fixture(scope="module", params=SITES, ids=lambda p: p.parent.name)
def files(request) -> dict:
    return generate(request.param).files


@pytest.mark.parametrize(("export", "schema"), [("events.json", "events.schema.json"),
                                                ("timeline.json", "timeline.schema.json")])
def test_json_exports_match_their_schemas(files, export, schema):
    data = json.loads(files[export])
    assert data["events"], f"{export} has no events"
    jsonschema.validate(data, _schema(schema), cls=jsonschema.Draft202012Validator)


def test_the_schema_rejects_an_entry_without_sources(files):
    data = json.loads(files["events.json"])
    data["events"][0]["sources"] = []
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, _schema("events.schema.json"))


def test_the_schema_requires_the_background_mark_as_a_boolean(files):
    data = json.loads(files["events.json"])
    data["events"][0]["background"] = "no"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, _schema("events.schema.json"))
    del data["events"][0]["background"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, _schema("events.schema.json"))

