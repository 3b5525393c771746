"""The search follows imported content as it follows edited content, on every engine."""

from django.http import QueryDict

from austausch.importer import import_jsonl
from search.engines import get_engine
from search.params import parse_search_params

from .conftest import AWO, SENIORENTANZ, changed, jsonl


def found(query: str) -> set[str]:
    return {hit.title for hit in get_engine().search(parse_search_params(QueryDict(query), strict=True)).hits}


def test_search_index_follows_imported_content(engine_name, example_lines):
    import_jsonl(example_lines)
    assert found("q=Seniorentanz") == {"Seniorentanz im Bürgerhaus"}
    assert found("zielgruppe=senioren&ort=finsterwalde") == {"Smartphone-Sprechstunde für Ältere"}
    import_jsonl(jsonl(AWO, changed(SENIORENTANZ, titel="Tanzcafé für Ältere", zielgruppen=["familien"])))
    assert found("q=Tanzcafé") == {"Tanzcafé für Ältere"}
    assert found("q=Seniorentanz") == set()
    assert "Tanzcafé für Ältere" in found("zielgruppe=familien")
    # a draft of a change does not reach the search before it is approved
    import_jsonl(jsonl(AWO, changed(SENIORENTANZ, titel="Geheimer Entwurf")), publish=False)
    assert found("q=Entwurf") == set()
