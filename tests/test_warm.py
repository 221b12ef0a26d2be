"""The engine kept on disk between processes (bot/warm.py): it answers as a freshly built one, and any change
to what it is built from, or a file that cannot be trusted, means building it again."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from bot import warm
from bot.engine import Engine
from bot.present import present
from bot.render_slack import render_message
from bot.render_text import render_text

ROOT = Path(__file__).resolve().parent.parent


def corpus_texts() -> list[str]:
    lines = (ROOT / "corpus" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines if line.strip()]


def answers(engine: Engine, texts: list[str]) -> list[tuple[str, str]]:
    out = []
    for text in texts:
        doc = present(engine.answer(text), engine.kb)
        out.append((render_text(doc), json.dumps(render_message(doc))))
    return out


def test_a_stored_engine_answers_as_a_new_one(tmp_path: Path, engine: Engine) -> None:
    built, from_disk = warm.load_engine(tmp_path)
    assert not from_disk and list(tmp_path.glob("engine-*.pickle"))
    stored, from_disk = warm.load_engine(tmp_path)
    assert from_disk
    texts = corpus_texts()
    assert answers(stored, texts) == answers(engine, texts)


def test_a_change_to_the_knowledge_or_the_code_is_another_engine(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(warm.knowledge.DEFAULT_DIR, knowledge)
    before = warm.source_key(knowledge)
    assert warm.source_key(knowledge) == before
    flask = knowledge / "frameworks" / "flask.yaml"
    flask.write_text(flask.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert warm.source_key(knowledge) != before
    package = tmp_path / "bot"
    shutil.copytree(warm.PACKAGE_DIR, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(warm, "PACKAGE_DIR", package)
    unchanged = warm.source_key(knowledge)
    (package / "engine.py").write_text((package / "engine.py").read_text(encoding="utf-8") + "#\n", encoding="utf-8")
    assert warm.source_key(knowledge) != unchanged


def test_a_damaged_or_untrusted_file_is_never_used(tmp_path: Path) -> None:
    warm.load_engine(tmp_path)
    (path,) = tmp_path.glob("engine-*.pickle")
    path.write_bytes(b"not a pickle")
    engine, from_disk = warm.load_engine(tmp_path)
    assert not from_disk and engine.answer("flask vs django").question.intent == "compare"
    assert warm.load_engine(tmp_path)[1]  # written again, whole
    os.chmod(path, 0o666)
    assert not warm.load_engine(tmp_path)[1]  # writable by others: code to us, so not loaded


def test_the_store_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYFRAMEWORK_CACHE_DIR", "off")
    engine, from_disk = warm.load_engine()
    assert not from_disk and isinstance(engine, Engine)
    monkeypatch.setenv("PYFRAMEWORK_CACHE_DIR", str(tmp_path / "engines"))
    assert warm.cache_dir() == tmp_path / "engines"


def test_another_knowledge_folder_is_another_engine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bundled = warm.source_key()
    knowledge = tmp_path / "knowledge"
    shutil.copytree(warm.knowledge.DEFAULT_DIR, knowledge)
    monkeypatch.setenv("PYFRAMEWORK_KNOWLEDGE", str(knowledge))
    assert warm.source_key() != bundled  # the same files elsewhere: Engine() would read these, not the bundled
