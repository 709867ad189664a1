"""A type name that names no type gets the names the user most likely meant, everywhere alike."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import hsconform
from tests.helpers import run_cli, schema

TITLES = {
    "crm-contacts-api-contact": "Contact",
    "crm-contacts-api-batch-response-contact": "BatchResponseContact",
    "crm-contacts-api-collection-response-contact": "CollectionResponseContact",
    "crm-contacts-api-paging": "Paging",
    "hubspot-crm-companies-company": "Company",
}


@pytest.fixture
def contacts(make_pack: Any) -> Path:
    return make_pack(schemas={stem: schema(title, type="object") for stem, title in TITLES.items()})


def _candidates(pack: hsconform.Pack, name: str) -> tuple[str, ...]:
    with pytest.raises(hsconform.UnknownType) as caught:
        pack.type(name)
    assert not caught.value.ambiguous
    return caught.value.candidates


def test_a_name_in_another_case_is_suggested_first(vendored: hsconform.Pack) -> None:
    assert _candidates(vendored, "simplepublicobject")[0] == (
        "hubspot-crm-objects/SimplePublicObject"
    )
    assert _candidates(vendored, "HUBSPOT-CRM-OBJECTS/SIMPLEPUBLICOBJECT")[0] == (
        "hubspot-crm-objects/SimplePublicObject"
    )


def test_types_whose_title_holds_the_name_are_suggested(contacts: Path) -> None:
    pack = hsconform.load_pack(contacts)
    assert _candidates(pack, "contact") == (
        "crm-contacts-api/Contact",
        "crm-contacts-api/BatchResponseContact",
        "crm-contacts-api/CollectionResponseContact",
        "crm-contacts-api/Paging",  # its family holds the name
    )
    assert _candidates(pack, "response_contact") == (
        "crm-contacts-api/BatchResponseContact",
        "crm-contacts-api/CollectionResponseContact",
    )
    assert _candidates(pack, "companies") == ("hubspot-crm-companies/Company",)


def test_a_misspelt_name_still_gets_the_names_a_few_edits_away(contacts: Path) -> None:
    assert "crm-contacts-api/Contact" in _candidates(hsconform.load_pack(contacts), "Contcat")


def test_many_candidates_are_cut_and_counted(make_pack: Any) -> None:
    stems = {f"crm-contacts-api-contact-{n}": f"Contact{n:02d}" for n in range(15)}
    pack = hsconform.load_pack(
        make_pack(schemas={stem: schema(title) for stem, title in stems.items()})
    )
    with pytest.raises(hsconform.UnknownType) as caught:
        pack.type("contact")
    assert len(caught.value.candidates) == 10
    assert caught.value.more == 5
    assert str(caught.value).endswith(" and 5 more")


def test_check_type_lists_the_candidates_and_exits_2(
    contacts: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    payload = tmp_path / "contact.json"
    payload.write_text(json.dumps({"id": "1"}), encoding="utf-8")
    code, _, err = run_cli(
        capsys, "check", "--schemas", str(contacts), "--type", "contact", str(payload)
    )
    assert code == 2
    assert "unknown type 'contact'" in err
    assert "crm-contacts-api/Contact, crm-contacts-api/BatchResponseContact" in err
    assert "Company" not in err


def test_check_type_with_nothing_close_says_where_the_names_are(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    payload = tmp_path / "contact.json"
    payload.write_text("{}", encoding="utf-8")
    code, _, err = run_cli(capsys, "check", "--type", "contact", str(payload))
    assert code == 2
    assert "unknown type 'contact'" in err
    assert "`hsconform types` lists them" in err


def test_drift_type_suggests_as_check_does(
    contacts: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run_cli(capsys, "drift", "--schemas", str(contacts), "--type", "contact")
    assert code == 2
    assert "crm-contacts-api/Contact, crm-contacts-api/BatchResponseContact" in err


def test_assert_conforms_lists_the_same_candidates(contacts: Path) -> None:
    pack = hsconform.load_pack(contacts)
    with pytest.raises(AssertionError) as caught:
        hsconform.assert_conforms({}, "contact", pack=pack)
    assert "candidates: crm-contacts-api/Contact, crm-contacts-api/BatchResponseContact" in str(
        caught.value
    )
