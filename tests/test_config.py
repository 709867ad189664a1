"""Configuration files: where they are found, what they may say, how globs match."""

from __future__ import annotations

from pathlib import Path

import pytest

from hsconform.config import Config, find_config, glob_to_regex, load_config
from hsconform.errors import ConfigError


@pytest.mark.parametrize(
    ("pattern", "path", "matches"),
    [
        ("recordings/*.json", "recordings/a.json", True),
        ("recordings/*.json", "recordings/sub/a.json", False),
        ("recordings/**/*.json", "recordings/a.json", True),
        ("recordings/**/*.json", "recordings/x/y/a.json", True),
        ("**/flags-?.json", "deep/er/flags-1.json", True),
        ("**/flags-?.json", "flags-10.json", False),
        ("a[1].json", "a[1].json", True),
    ],
)
def test_globs(pattern: str, path: str, matches: bool) -> None:
    assert bool(glob_to_regex(pattern).fullmatch(path)) is matches


def test_hsconform_toml_wins_over_pyproject_and_is_found_upwards(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.hsconform]\nprofile = "strict"\n')
    (tmp_path / "hsconform.toml").write_text(
        'profile = "published"\n[types]\n"data/*.json" = "Thing"\n"data/**" = "Other"\n'
    )
    nested = tmp_path / "data" / "deeper"
    nested.mkdir(parents=True)
    config = find_config(nested)
    assert config.source == tmp_path / "hsconform.toml"
    assert config.profile == "published"
    assert config.type_for(tmp_path / "data" / "a.json") == "Thing"  # first match wins
    assert config.type_for(nested / "b.json") == "Other"
    assert config.type_for(tmp_path / "elsewhere.json") is None


def test_pyproject_table_is_read(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n[tool.hsconform]\nschemas = "my-pack"\n'
        '[tool.hsconform.types]\n"*.json" = "Thing"\n'
    )
    config = find_config(tmp_path)
    assert config.schemas == tmp_path / "my-pack"
    assert config.type_for(tmp_path / "a.json") == "Thing"


def test_pyproject_without_the_table_does_not_count(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert find_config(tmp_path).source != tmp_path / "pyproject.toml"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('schemass = "x"\n', "unknown setting"),
        ("profile = 3\n", "'profile' must be a string"),
        ('[types]\n"*.json" = 3\n', "must map file globs"),
        ("profile = \n", "invalid TOML"),
        ('profile = "lenient"\n', "unknown profile 'lenient'; use one of: strict, published"),
        (
            'variant = "xml"\n',
            "unknown variant 'xml'; use one of: json-schema, json-structure, both",
        ),
        ('engine = "ajv"\n', "unknown engine 'ajv'; use one of: jsonschema-rs, reference"),
        ("engine = 1\n", "'engine' must be a string"),
    ],
)
def test_bad_configuration_is_a_clear_error(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "hsconform.toml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=message):
        load_config(path)


def test_invalid_toml_keeps_the_parser_error_as_its_cause(tmp_path: Path) -> None:
    path = tmp_path / "hsconform.toml"
    path.write_text("profile = \n")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert caught.value.__cause__ is not None
    assert type(caught.value.__cause__).__name__ == "TOMLDecodeError"


def test_engine_is_read_and_left_unset_when_absent(tmp_path: Path) -> None:
    path = tmp_path / "hsconform.toml"
    path.write_text('engine = "reference"\n')
    assert load_config(path).engine == "reference"
    path.write_text('profile = "strict"\n')
    assert load_config(path).engine is None


def test_empty_config_maps_nothing() -> None:
    assert Config().type_for(Path("a.json")) is None
