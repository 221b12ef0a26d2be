"""The knowledge base: the bundled one is complete, and every kind of breakage is reported precisely."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from commands import PYFRAMEWORK

from bot import cli, knowledge

REPO = Path(__file__).resolve().parent.parent

SEED = {"django", "flask", "bottle", "cherrypy", "pyramid", "dash", "falcon", "hug", "tornado", "fastapi"}
NEWER = {"starlette", "litestar", "sanic", "quart", "aiohttp", "streamlit", "djangorestframework", "django-ninja"}
PROBLEM_FORMAT = re.compile(r"^\S+\.yaml:\d+: \S.*$")


# --- the bundled knowledge base ------------------------------------------------------------------


def test_bundled_knowledge_base_is_valid():
    kb, problems = knowledge.check(knowledge.DEFAULT_DIR)
    assert problems == []
    assert kb is not None


def test_knows_the_frameworks_of_the_seed_article_and_the_newer_ones(kb):
    assert set(kb.frameworks) >= SEED | NEWER


def test_every_framework_rates_every_feature(kb):
    vocabulary = set(kb.vocabulary.features)
    assert len(vocabulary) >= 20
    for fw in kb.frameworks.values():
        assert set(fw.features) == vocabulary, fw.id
        for fid, support in fw.features.items():
            assert support.level in knowledge.SUPPORT_LEVELS, (fw.id, fid)
            if support.level == "extension":
                assert support.via.strip(), (fw.id, fid)


def test_every_framework_has_sources_and_valid_enums(kb):
    for fw in kb.frameworks.values():
        assert fw.sources, fw.id
        assert all(re.match(r"^https?://\S+$", url) for url in fw.sources), fw.id
        assert fw.category in knowledge.CATEGORIES
        assert fw.maintenance in knowledge.MAINTENANCE
        assert fw.interface in knowledge.INTERFACES
        assert fw.async_support in knowledge.ASYNC_SUPPORT
        assert fw.summary and fw.strengths and fw.weaknesses and fw.best_for and fw.avoid_when
        assert fw.docs.startswith("http") and fw.repository.startswith("http")


def test_vocabulary_maps_common_phrasings(kb):
    features = kb.vocabulary.features
    assert "swagger" in features["openapi"].synonyms
    assert "live updates" in features["websockets"].synonyms
    assert "live updates" in features["async"].synonyms
    assert "back office" in features["admin"].synonyms
    assert "login" in features["auth"].synonyms
    assert "charts" in features["dashboards"].synonyms
    assert {"size", "experience", "priority"} <= set(kb.vocabulary.traits)


def test_aliases_are_unique_across_frameworks(kb):
    owner: dict[str, str] = {}
    for fw in kb.frameworks.values():
        for alias in {fw.id, fw.name.lower(), *fw.aliases}:
            assert owner.setdefault(alias, fw.id) == fw.id, alias


def test_kb_check_on_the_bundled_knowledge_base_exits_0(capsys):
    assert cli.main(["kb", "check", str(knowledge.DEFAULT_DIR)]) == 0
    out = capsys.readouterr().out
    assert f"ok: {len(knowledge.load().frameworks)} frameworks" in out


# --- broken knowledge bases ---------------------------------------------------------------------


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "knowledge"
    shutil.copytree(knowledge.DEFAULT_DIR, root)
    return root


def _edit(path: Path, change: Callable[[str], str]) -> None:
    before = path.read_text(encoding="utf-8")
    after = change(before)
    assert after != before, f"the test's edit did not apply to {path.name}"
    path.write_text(after, encoding="utf-8")


def _replace_line(old: str, new: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        lines = text.split("\n")
        assert lines.count(old) == 1, f"expected exactly one line {old!r}"
        lines[lines.index(old)] = new
        return "\n".join(lines)

    return change


def _drop_sources(replacement: str | None) -> Callable[[str], str]:
    """Remove the `sources:` block (and its list items); optionally put `replacement` in its place."""

    def change(text: str) -> str:
        lines = text.split("\n")
        start = lines.index("sources:")
        end = start + 1
        while end < len(lines) and lines[end].startswith("  - "):
            end += 1
        lines[start:end] = [replacement] if replacement is not None else []
        return "\n".join(lines)

    return change


def _line_of(path: Path, marker: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if marker in line:
            return number
    raise AssertionError(f"{marker!r} not in {path}")


# name -> (file to break, edit, message pattern, marker whose line the problem should point at or None)
BREAKAGES: dict[str, tuple[str, Callable[[str], str], str, str | None]] = {
    "malformed yaml": (
        "frameworks/flask.yaml", _replace_line("interface: wsgi", "interface: wsgi: asgi"),
        r"not valid YAML", "interface: wsgi: asgi"),
    "unknown field": (
        "frameworks/flask.yaml", _replace_line("name: Flask", "name: Flask\ncolour: blue"),
        r"unknown field `colour`", "colour: blue"),
    "succeeds not a list": (
        "frameworks/flask.yaml", _replace_line("name: Flask", "name: Flask\nsucceeds: Werkzeug"),
        r"`succeeds` must be a list", "succeeds: Werkzeug"),
    "wrong category": (
        "frameworks/flask.yaml", _replace_line("category: micro", "category: nano"),
        r"category `nano` is not one of", "category: nano"),
    "wrong activity status": (
        "frameworks/flask.yaml", _replace_line("  last_release: 2026-02", "  last_release: 2026-02\n  status: sleepy"),
        r"`activity.status` `sleepy` is not one of", "status: sleepy"),
    "rating without a source": (
        "frameworks/flask.yaml", _replace_line("  cms: none", "  cms: builtin"),
        r"feature `cms` is rated builtin: give the `source`", "cms: builtin"),
    "wrong support level": (
        "frameworks/flask.yaml", _replace_line("  cms: none", "  cms: sometimes"),
        r"cms.*`sometimes` is not one of builtin, partial, extension, none", "cms: sometimes"),
    "feature not in vocabulary": (
        "frameworks/flask.yaml",
        _replace_line("  cms: none", "  cms: none\n  teleportation: builtin"),
        r"feature `teleportation` is not in", "teleportation: builtin"),
    "missing sources": (
        "frameworks/flask.yaml", _drop_sources(None), r"`?sources`?", None),
    "empty sources": (
        "frameworks/flask.yaml", _drop_sources("sources: []"), r"`?sources`?", "sources: []"),
    "id does not match file name": (
        "frameworks/flask.yaml", _replace_line("id: flask", "id: flasky"),
        r"id `flasky` does not match the file name `flask.yaml`", "id: flasky"),
    "extension without via (short form)": (
        "frameworks/flask.yaml", _replace_line("  cms: none", "  cms: extension"),
        r"cms.*`via`", "cms: extension"),
    "extension without via (mapping)": (
        "frameworks/flask.yaml", _replace_line("  cms: none", "  cms: {support: extension, source: https://x.org}"),
        r"cms.*`via`", "cms: {support: extension"),
    "impossible date": (
        "frameworks/flask.yaml", lambda text: re.sub(r"(?m)^checked: .*$", "checked: 2026-13-45", text),
        r"checked|date|month", "checked: 2026-13-45"),
    "async_only not true or false": (
        "frameworks/flask.yaml",
        _replace_line("  cms: none", "  cms: {support: builtin, source: https://x.org, async_only: maybe}"),
        r"cms.*async_only must be true or false", "async_only: maybe"),
    "ruled_out_by not a list": (
        "features.yaml", lambda text: re.sub(r"ruled_out_by: \[[^\]]*\]", "ruled_out_by: raw sql", text, count=1),
        r"`ruled_out_by` must be a list", "ruled_out_by: raw sql"),
    "an LTS series without its end of support": (
        "frameworks/django.yaml",
        lambda text: text.replace("  supported_until: 2028-04\n", "  supported_until: soon\n"),
        r"`lts_release.supported_until` must be", "supported_until: soon"),
    "malformed vocabulary": (
        "features.yaml", _replace_line("features:", "features:\n\tbroken: [tab"),
        r"not valid YAML", None),
    "a measured card whose traits disagree with its footprint": (
        "frameworks/flask.yaml", lambda text: text.replace("footprint: {rss_mb: 31.6,", "footprint: {rss_mb: 21.0,"),
        r"traits.priority does not list `low_memory`, but the footprint measured \(21 MB\) earns 95%",
        "  priority: ["),
    "a footprint without its figure": (
        "frameworks/flask.yaml", lambda text: text.replace("footprint: {rss_mb: 31.6,", "footprint: {rss_mb: lots,"),
        r"`footprint.rss_mb` must be the megabytes measured", "footprint: {rss_mb: lots"),
    "a misspelt field of a trait value": (
        "features.yaml", lambda text: text.replace("graded_by_footprint:", "graded_by_footprnt:"),
        r"unknown field `graded_by_footprnt` in trait value `priority.low_memory`", "graded_by_footprnt:"),
    "unknown field in vocabulary": (
        "features.yaml", _replace_line("features:", "colours: [red]\nfeatures:"),
        r"unknown field `colours`", "colours: [red]"),
}


def _check_broken(tmp_path: Path, name: str):
    file, change, pattern, marker = BREAKAGES[name]
    root = _copy(tmp_path)
    path = root / file
    _edit(path, change)
    kb, problems = knowledge.check(root)
    assert kb is None, f"{name}: a broken knowledge base was accepted"
    mine = [p for p in problems if p.file.replace(os.sep, "/").endswith(file) and re.search(pattern, p.message)]
    assert mine, f"{name}: no problem in {file} matching {pattern!r}; got {[str(p) for p in problems]}"
    return root, path, marker, mine, problems


@pytest.mark.parametrize("name", list(BREAKAGES))
def test_check_reports_file_line_message(tmp_path, name):
    _root, path, marker, mine, problems = _check_broken(tmp_path, name)
    problem = mine[0]
    assert str(problem) == f"{problem.file}:{problem.line}: {problem.message}"
    assert PROBLEM_FORMAT.match(str(problem)), str(problem)
    total_lines = len(path.read_text(encoding="utf-8").splitlines())
    assert 1 <= problem.line <= total_lines
    if marker is not None:
        assert problem.line == _line_of(path, marker), f"{name}: {problem} should point at {marker!r}"
    for p in problems:
        assert PROBLEM_FORMAT.match(str(p)), str(p)
        assert "\n" not in str(p)


@pytest.mark.parametrize("name", list(BREAKAGES))
def test_load_raises_a_knowledge_error_in_one_line(tmp_path, name):
    file, change, _pattern, _marker = BREAKAGES[name]
    root = _copy(tmp_path)
    _edit(root / file, change)
    with pytest.raises(knowledge.KnowledgeError) as info:
        knowledge.load(root)
    assert info.value.problems
    assert "\n" not in str(info.value)
    assert file.split("/")[-1] in str(info.value)


@pytest.mark.parametrize("name", list(BREAKAGES))
def test_kb_check_command_prints_problems_and_exits_1(tmp_path, capsys, name):
    file, change, pattern, _marker = BREAKAGES[name]
    root = _copy(tmp_path)
    _edit(root / file, change)
    code = cli.main(["kb", "check", str(root)])
    out = capsys.readouterr().out
    assert code == 1
    lines = [line for line in out.splitlines() if line.strip()]
    assert lines, "kb check printed nothing"
    for line in lines:
        assert PROBLEM_FORMAT.match(line), line
    assert any(file.split("/")[-1] in line and re.search(pattern, line) for line in lines), out


def test_duplicate_alias_across_two_frameworks(tmp_path, capsys):
    root = _copy(tmp_path)
    for fid in ("django", "flask"):
        _edit(root / "frameworks" / f"{fid}.yaml",
              lambda text: re.sub(r"(?m)^aliases: \[", "aliases: [webby, ", text, count=1))
    kb, problems = knowledge.check(root)
    assert kb is None
    dup = [p for p in problems if "webby" in p.message]
    assert len(dup) == 1, [str(p) for p in problems]
    problem = dup[0]
    # the problem is reported in one file and names the other one
    mentioned = str(problem)
    assert "django.yaml" in mentioned and "flask.yaml" in mentioned
    flagged = root / problem.file.split("knowledge/", 1)[-1]
    assert problem.line == _line_of(flagged, "webby")
    assert cli.main(["kb", "check", str(root)]) == 1
    assert str(problem) in capsys.readouterr().out


def test_several_problems_are_all_reported(tmp_path):
    root = _copy(tmp_path)
    _edit(root / "frameworks" / "flask.yaml", _replace_line("category: micro", "category: nano"))
    _edit(root / "frameworks" / "bottle.yaml", lambda t: t.replace("category: micro", "category: x"))
    _kb, problems = knowledge.check(root)
    files = {p.file.split("/")[-1] for p in problems}
    assert {"flask.yaml", "bottle.yaml"} <= files


# --- the bot refuses to start on a broken knowledge base, in one line --------------------------


@pytest.mark.parametrize("name", ["malformed yaml", "wrong category", "missing sources", "impossible date"])
def test_ask_with_broken_knowledge_prints_one_line(tmp_path, name):
    file, change, _pattern, _marker = BREAKAGES[name]
    root = _copy(tmp_path)
    _edit(root / file, change)
    env = {**os.environ, "PYFRAMEWORK_KNOWLEDGE": str(root)}
    result = subprocess.run([*PYFRAMEWORK, "ask", "flask vs django"], env=env, capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 1
    assert result.stdout == ""
    err_lines = result.stderr.strip().splitlines()
    assert len(err_lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "flask.yaml" in err_lines[0]


def test_ask_with_missing_knowledge_dir_prints_one_line(tmp_path):
    env = {**os.environ, "PYFRAMEWORK_KNOWLEDGE": str(tmp_path / "nowhere")}
    result = subprocess.run([*PYFRAMEWORK, "ask", "help"], env=env, capture_output=True, text=True, timeout=60,
                            check=False)
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr


def test_async_support_must_agree_with_the_async_feature(tmp_path):
    root = tmp_path / "knowledge"
    shutil.copytree(knowledge.DEFAULT_DIR, root)
    path = root / "frameworks" / "flask.yaml"
    path.write_text(path.read_text().replace("async_support: partial", "async_support: native"))
    kb, problems = knowledge.check(root)
    assert kb is None
    assert any("flask.yaml" in p.file and "contradicts the `async` feature" in p.message for p in problems)


def test_extends_must_name_another_framework(tmp_path):
    root = tmp_path / "knowledge"
    shutil.copytree(knowledge.DEFAULT_DIR, root)
    path = root / "frameworks" / "django-ninja.yaml"
    path.write_text(path.read_text().replace("extends: django", "extends: rails"))
    _, problems = knowledge.check(root)
    assert [p for p in problems if p.file.endswith("django-ninja.yaml") and "extends `rails`" in p.message
            and p.line == 5]


def test_what_a_library_provides_must_be_a_feature(tmp_path):
    root = tmp_path / "knowledge"
    shutil.copytree(knowledge.DEFAULT_DIR, root)
    path = root / "names.yaml"
    path.write_text(path.read_text().replace("    provides: orm\n", "    provides: orms\n", 1))
    _, problems = knowledge.check(root)
    assert [p for p in problems if p.file.endswith("names.yaml") and "`orms`, which is not a feature" in p.message]



# --- dated facts ------------------------------------------------------------------------------------

from bot.knowledge.facts import maintenance_of  # noqa: E402
from bot.knowledge.model import Activity  # noqa: E402


@pytest.mark.parametrize(("activity", "label"), [
    (Activity(last_release="2026-06"), "active"),
    (Activity(last_release="2025-01", last_commit="2026-09-30"), "active"),
    (Activity(last_release="2025-01"), "maintenance-only"),
    (Activity(last_release="2023-01", last_commit="2026-02-01"), "maintenance-only"),
    (Activity(last_release="2020-02-10"), "unmaintained"),
    (Activity(last_release="2026-11", status="archived"), "unmaintained"),
    (Activity(last_release="2026-11", status="legacy"), "maintenance-only"),
])
def test_maintenance_is_worked_out_from_dated_evidence(activity, label):
    assert maintenance_of(activity, dt.date(2026, 12, 1)) == label


def test_a_stale_check_is_a_warning_that_still_loads(tmp_path, capsys):
    root = _copy(tmp_path)
    _edit(root / "frameworks" / "flask.yaml", lambda t: re.sub(r"(?m)^checked: .*$", "checked: 2025-01-15", t))
    kb, problems = knowledge.check(root)
    assert kb is not None
    assert [p.warning for p in problems] == [True]
    assert "last checked 2025-01-15" in problems[0].message and problems[0].file.endswith("flask.yaml")
    assert cli.main(["kb", "check", str(root)]) == 0
    out = capsys.readouterr().out
    assert "flask.yaml" in out and "warning: last checked 2025-01-15" in out


def test_flask_facts_carry_dates_and_sources(kb):
    flask = kb.frameworks["flask"]
    assert flask.release.version and flask.release.date and flask.release.source.startswith("https://pypi.org/")
    assert flask.adoption_facts.figure().startswith("PyPI download rank")
    assert flask.backing is not None and flask.backing.by == "Pallets"
    assert all(s.source for s in flask.features.values() if s.level != "none")


def test_everyday_words_are_never_a_frameworks_distinctive_term(kb):
    """'Its own description mentions “outside”' is no reason: only rare words and compounds point at a framework."""
    terms = kb.distinctive_terms
    for everyday in ("outside", "options", "replace", "almost", "available", "public"):
        assert everyday in kb.words["common_words"] and everyday not in terms
    assert terms["msgspec"] == {"litestar"} or "litestar" in terms["msgspec"]
    assert "cherrypy" in terms["object-oriented"]  # two everyday words, one technical term


def test_kb_check_names_a_cue_flag_that_names_no_feature(tmp_path, capsys):
    """A misspelt need in a cue's flags would add nothing, silently: the check names the file and line."""
    root = _copy(tmp_path)
    cues = root / "language" / "en" / "cues.yaml"
    _edit(cues, lambda text: text.replace("flags: {needs: sync_handlers, stresses: sync_handlers, drops: async}",
                                          "flags: {needs: sync_handler, stresses: sync_handler, drops: asynk}"))
    code = cli.main(["kb", "check", str(root)])
    out = capsys.readouterr().out
    assert code == 1
    line = next(i for i, text in enumerate(cues.read_text().splitlines(), 1) if "sync_handler," in text)
    assert f"cues.yaml:{line}: sync_wanted: flag `needs: sync_handler` names no feature" in out, out
    assert f"cues.yaml:{line}: sync_wanted: flag `drops: asynk` names no feature" in out, out


def test_kb_check_names_a_word_list_nothing_reads_and_one_the_reader_needs(tmp_path, capsys):
    """A word list no code reads is dead data that looks like it works; one the reader needs and lacks would be
    a KeyError on the first message: the check names both, with the file and line."""
    root = _copy(tmp_path)
    words = root / "language" / "en" / "words.yaml"
    _edit(words, lambda text: text.replace("framework_words:", "framework_nouns:"))
    code = cli.main(["kb", "check", str(root)])
    out = capsys.readouterr().out
    assert code == 1
    line = next(i for i, text in enumerate(words.read_text().splitlines(), 1) if text.startswith("framework_nouns:"))
    assert f"words.yaml:{line}: `framework_nouns` is read by nothing" in out, out
    assert "`framework_words` is missing: the reader needs it" in out, out


def test_ruling_out_a_feature_must_ask_for_a_feature_that_exists(tmp_path):
    """`ruling_out_wants` names the need a negation states; a typo there would silently drop it."""
    from bot.knowledge.reading import read_yaml
    from bot.knowledge.vocabulary import parse_vocabulary

    path = tmp_path / "features.yaml"
    path.write_text("features:\n  async:\n    label: Async\n    description: coroutines\n    synonyms: [async]\n"
                    "    ruling_out_wants: sync_handler\n", encoding="utf-8")
    doc, _ = read_yaml(path, "features.yaml")
    vocabulary, problems = parse_vocabulary(doc)
    assert [(p.line, "`sync_handler`" in p.message) for p in problems] == [(6, True)], problems
    assert vocabulary.features["async"].ruling_out_wants == "sync_handler"


def test_an_everyday_verb_in_any_form_points_at_no_framework(kb):
    """"worth migrating?" is no hint towards the framework whose description says "migrating": a generic word's
    -ing and -ed forms are generic too; a word only a few descriptions use still counts."""
    from bot.knowledge.base import stems

    assert stems("migrating") == ("migrat", "migrate") and "rerun" in stems("rerunning")
    terms = kb.distinctive_terms
    assert "migrating" not in terms and "migrated" not in terms
    assert "rerunning" in terms and "msgspec" in terms
