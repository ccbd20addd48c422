"""Read the profile and question files into one validated `Content` bundle.

Every problem is collected, not just the first: an admin who edits the YAML by
hand gets the whole list at once, each entry naming the file, the item, the
field and the line.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from bot.content.models import (
    LANGUAGES_CONTEXT,
    Content,
    Language,
    Languages,
    Profile,
    QuestionFile,
)
from bot.content.problems import Location, Problem, closest_line
from bot.content.salvage import Salvaged, held_back, salvage
from bot.content.validation import check_content

M = TypeVar("M", bound=BaseModel)
_LANGUAGES: TypeAdapter[list[Language]] = TypeAdapter(Languages)


class ContentError(Exception):
    """The files do not validate; `problems` lists every one of them.

    `notes` says which checks could not run yet (they wait for a file that does not load).
    """

    def __init__(self, problems: list[Problem], notes: Sequence[str] = ()) -> None:
        super().__init__("\n".join([*(str(p) for p in problems), *notes]))
        self.problems = problems
        self.notes = tuple(notes)


def load_content(questions_dir: Path, profiles_dir: Path, profile_id: str | None = None) -> Content:
    """The content of one profile: `profile_id`, or the only one in `profiles_dir`.

    Every profile is checked; raise `ContentError` listing all problems.
    """
    contents = load_profiles(
        questions_dir, profiles_dir, () if profile_id is None else (profile_id,)
    )
    if len(contents) > 1:
        names = ", ".join(content.profile.id for content in contents)
        problem = Problem(str(profiles_dir), f"expected one profile, found {names}")
        raise ContentError([problem])
    return contents[0]


def load_profiles(
    questions_dir: Path, profiles_dir: Path, served: Sequence[str] = ()
) -> tuple[Content, ...]:
    """The content of each profile in `served` (every profile when empty), in that order.

    A profile `profiles/<id>.yaml` asks the questions of `questions/<id>/` when that
    folder exists, else those at the top of `questions/`. Only the profiles named are
    loaded (a draft beside them does not stop the bot); raise `ContentError` listing
    every problem of every profile loaded.
    """
    problems: list[Problem] = []
    notes: list[str] = []
    found = {path.stem: path for path in sorted(profiles_dir.glob("*.yaml"))}
    if not found:
        problems.append(Problem(str(profiles_dir), "no profile file (*.yaml) found"))
    for name in served:
        if name not in found:
            known = ", ".join(found) or "none"
            problems.append(Problem(str(profiles_dir), f"no profile {name!r} (found: {known})"))
    paths = [found[name] for name in served if name in found] if served else list(found.values())
    shared = [path.name for path in paths if not (questions_dir / path.stem).is_dir()]
    if len(shared) > 1:
        message = (
            f"profiles {', '.join(shared)} would share the question files at the top of "
            f"{questions_dir.name}/: give each its own folder {questions_dir.name}/<profile id>/"
        )
        problems.append(Problem(str(questions_dir), message))
    contents = [_load_profile(path, questions_dir, problems, notes) for path in paths]
    if problems:
        raise ContentError(problems, notes)
    return tuple(content for content in contents if content is not None)


def _load_profile(
    profile_path: Path, questions_dir: Path, problems: list[Problem], notes: list[str]
) -> Content | None:
    """One profile and its question set; its problems and notes are added to the lists."""
    own = questions_dir / profile_path.stem
    folder = own if own.is_dir() else questions_dir
    prefix = f"{own.name}/" if own.is_dir() else ""
    question_paths = sorted(folder.glob("*.yaml"))
    count = len(problems)
    if not question_paths:
        problems.append(Problem(str(folder), "no question file (*.yaml) found"))
    digest = hashlib.sha256()
    # Every text must be written in the languages the profile declares: read them first.
    declared = _declared_languages(profile_path)
    context = {LANGUAGES_CONTEXT: declared} if declared is not None else None
    profile = _parse(profile_path, profile_path.name, Profile, problems, digest, context)
    question_files = [
        (prefix + path.name, parsed)
        for path in question_paths
        if (parsed := _parse(path, prefix + path.name, QuestionFile, problems, digest, context))
        is not None
    ]
    if profile is None:
        notes.append(f"note: the checks across files wait until {profile_path.name} loads.")
        return None
    if profile.model.id != profile_path.stem:
        problems.append(
            Problem(
                profile_path.name,
                f"the profile id {profile.model.id!r} must be its file name "
                f"({profile.model.id}.yaml)",
                field="id",
                line=profile.lines.get(("id",)),
            )
        )
    names = [prefix + path.name for path in question_paths]
    notes += _check_across((profile_path.name, profile), question_files, names, problems)
    if len(problems) > count:
        return None
    return Content(
        profile=profile.model,
        files=tuple((name, parsed.model) for name, parsed in question_files),
        version=digest.hexdigest()[:12],
    )


def _check_across(
    profile: tuple[str, Salvaged[Profile]],
    question_files: list[tuple[str, Salvaged[QuestionFile]]],
    question_names: list[str],
    problems: list[Problem],
) -> list[str]:
    """Add the cross-file problems to `problems`; return notes on the checks left for later.

    They run on whatever loaded (a file that fails its schema, without the items that
    failed), so that one run lists every problem; those that need every question file
    wait until all of them load.
    """
    loaded = {name for name, _ in question_files}
    waiting = [name for name in question_names if name not in loaded]
    found = check_content(
        _triple(*profile),
        [_triple(name, parsed) for name, parsed in question_files],
        complete=not waiting and bool(question_names),
    )
    doubtful = profile[1].doubtful.union(*(parsed.doubtful for _, parsed in question_files))
    restore = {profile[0]: profile[1].restore}
    restore.update((name, parsed.restore) for name, parsed in question_files)
    problems.extend(restore[p.file](p) for p in held_back(found, doubtful))
    if not waiting:
        return []
    return [
        "note: the checks that need every question file (the evidence for each dimension, "
        f"the levels of each answer value) wait until {', '.join(waiting)} loads."
    ]


def _triple(name: str, parsed: Salvaged[M]) -> tuple[str, M, dict[Location, int]]:
    return name, parsed.model, parsed.lines


def _declared_languages(path: Path) -> list[Language] | None:
    """The profile's `languages`, if they validate (else the profile's own check says why)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return _LANGUAGES.validate_python(data["languages"])
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ValidationError, KeyError, TypeError):
        return None


def _parse(
    path: Path,
    name: str,
    model: type[M],
    problems: list[Problem],
    digest: Any,
    context: dict[str, Any] | None = None,
) -> Salvaged[M] | None:
    """The file's model, or what it holds without the items that fail (see `salvage`)."""
    try:
        raw = path.read_bytes()
        digest.update(name.encode() + b"\0" + raw + b"\0")
        text = raw.decode("utf-8")
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except UnicodeDecodeError as error:
        problems.append(Problem(name, f"not valid UTF-8 ({error.reason})"))
        return None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(error, "problem", None) or str(error)
        problems.append(Problem(name, f"YAML syntax error: {reason}", line=line))
        return None
    except OSError as error:
        problems.append(Problem(name, f"cannot read: {error.strerror}"))
        return None

    lines = _line_numbers(node)
    try:
        return Salvaged(model.model_validate(data, context=context), lines)
    except ValidationError as error:
        for item in error.errors():
            loc = tuple(item["loc"])
            problems.append(
                Problem(
                    name,
                    item["msg"],
                    item=_item_id(data, loc),
                    field=".".join(str(part) for part in loc),
                    line=closest_line(lines, loc),
                )
            )
        return salvage(model, data, error.errors(), lines, context)


def _line_numbers(node: yaml.Node | None, loc: Location = ()) -> dict[Location, int]:
    """Map every path in the YAML document to its 1-based line."""
    if node is None:
        return {}
    lines: dict[Location, int] = {loc: node.start_mark.line + 1}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            lines[(*loc, key.value)] = key.start_mark.line + 1
            for sub, line in _line_numbers(value, (*loc, key.value)).items():
                lines.setdefault(sub, line)
    elif isinstance(node, yaml.SequenceNode):
        for index, value in enumerate(node.value):
            lines.update(_line_numbers(value, (*loc, index)))
    return lines


def _item_id(data: Any, loc: Location) -> str | None:
    """The ids of the list items on the error's path, e.g. `q_teamwork/b` for an option."""
    ids: list[str] = []
    node = data
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(part, int) and isinstance(node, dict) and isinstance(node.get("id"), str):
            ids.append(node["id"])
    return "/".join(ids) or None
