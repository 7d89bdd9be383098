"""Saving and resuming a learner's progress: one owner-only TOML file per policy."""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli_w

from smtrainer.domain.os_errors import os_reason
from smtrainer.domain.progress import (
    AssessmentProgress,
    Identity,
    ModuleProgress,
    Position,
    Progress,
    Stage,
)
from smtrainer.i18n import _
from smtrainer.storage.atomic import StorageError, atomic_write
from smtrainer.storage.paths import data_dir

FORMAT = 1


def progress_path(policy_id: str) -> Path:
    return data_dir() / "progress" / f"{policy_id}.toml"


def to_data(progress: Progress) -> dict[str, Any]:
    position = progress.position
    data: dict[str, Any] = {
        "format": FORMAT,
        "policy_id": progress.policy_id,
        "kind": progress.kind,
        "started_at": progress.started_at,
        "identity": {
            "name": progress.identity.name,
            "role": progress.identity.role,
            "staff_id": progress.identity.staff_id,
        },
        "position": {
            "stage": position.stage.value,
            "module": position.module or "",
            "index": position.index,
            "step": position.step or "",
        },
        "modules": {
            module_id: {
                "confidence": module.confidence or 0,
                "choices": module.choices,
                "checks": module.checks,
                "done": module.done,
            }
            for module_id, module in progress.modules.items()
        },
        "changed": progress.changed,
        "testout_reviewed": progress.testout_reviewed,
        "self_check": progress.self_check,
    }
    if progress.plan is not None:
        data["plan"] = progress.plan
    if progress.assessment is not None:
        a = progress.assessment
        data["assessment"] = {
            "seed": a.seed,
            "questions": a.questions,
            "answers": a.answers,
            "attempts": a.attempts,
            "retry": a.retry,
            "past_answers": a.past_answers,
            "past_seeds": a.past_seeds,
            "past_questions": a.past_questions,
            "reread": a.reread,
        }
    return data


def from_data(data: dict[str, Any]) -> Progress:
    """The progress in `data`; KeyError, TypeError or ValueError if it is not well-formed."""
    if data["format"] != FORMAT:
        raise ValueError("format")
    position = data["position"]
    identity = data["identity"]
    assessment = data.get("assessment")
    return Progress(
        policy_id=str(data["policy_id"]),
        kind=str(data["kind"]),
        started_at=str(data["started_at"]),
        identity=Identity(str(identity["name"]), str(identity["role"]), str(identity["staff_id"])),
        position=Position(
            Stage(position["stage"]),
            position["module"] or None,
            int(position["index"]),
            position["step"] or None,
        ),
        modules={
            str(module_id): ModuleProgress(
                confidence=int(m["confidence"]) or None,
                choices={
                    str(s): {str(k): str(v) for k, v in steps.items()}
                    for s, steps in m["choices"].items()
                },
                checks={str(q): [str(x) for x in answer] for q, answer in m["checks"].items()},
                done=bool(m["done"]),
            )
            for module_id, m in data["modules"].items()
        },
        plan=[str(m) for m in data["plan"]] if "plan" in data else None,
        changed=[str(m) for m in data["changed"]],
        assessment=AssessmentProgress(
            seed=int(assessment["seed"]),
            questions=[str(q) for q in assessment["questions"]],
            answers={str(q): [str(x) for x in a] for q, a in assessment["answers"].items()},
            attempts=int(assessment["attempts"]),
            retry=[str(q) for q in assessment["retry"]],
            past_answers=[
                {str(q): [str(x) for x in a] for q, a in past.items()}
                for past in assessment.get("past_answers", [])
            ],
            past_seeds=[int(seed) for seed in assessment.get("past_seeds", [])],
            past_questions=[
                [str(q) for q in questions] for questions in assessment.get("past_questions", [])
            ],
            reread=[str(m) for m in assessment.get("reread", [])],
        )
        if assessment is not None
        else None,
        testout_reviewed=bool(data["testout_reviewed"]),
        self_check={str(k): bool(v) for k, v in data["self_check"].items()},
    )


def encode(progress: Progress) -> bytes:
    return tomli_w.dumps(to_data(progress)).encode("utf-8")


def save_progress(progress: Progress, path: Path | None = None) -> None:
    """Write the progress (owner-only: it holds private self-check answers)."""
    target = path or progress_path(progress.policy_id)
    atomic_write(target, encode(progress), mode=0o600)


class ProgressWriter:
    """Saves progress on a thread of its own, in order, so a save never holds up the screen.

    Each save is encoded at once on the caller's thread (the progress may change right after),
    then written atomically by the writer thread, oldest first; a save still waiting is dropped
    when a newer one of the same file arrives (the newer one holds everything). The thread is
    not a daemon: the interpreter waits for it before exiting, so queued saves reach the disk
    even when nobody calls `flush`. A failed write goes to `on_error`, on the writer thread;
    `failed` says whether the last write made failed.
    """

    def __init__(self, on_error: Callable[[StorageError], None]) -> None:
        self.on_error = on_error
        self.failed = False
        self._pending: dict[Path, bytes] = {}
        self._lock = threading.Condition()
        self._thread: threading.Thread | None = None

    def save(self, progress: Progress, path: Path | None = None) -> None:
        target = path or progress_path(progress.policy_id)
        data = encode(progress)
        with self._lock:
            self._pending.pop(target, None)
            self._pending[target] = data
            if self._thread is None:
                self._thread = threading.Thread(target=self._write_all, name="progress-writer")
                self._thread.start()

    def flush(self) -> None:
        """Return once every save made so far is on disk (or has failed and been reported)."""
        with self._lock:
            while self._thread is not None and self._thread is not threading.current_thread():
                self._lock.wait()

    def _write_all(self) -> None:
        try:
            while (job := self._next()) is not None:
                try:
                    atomic_write(job[0], job[1], mode=0o600)
                except StorageError as error:
                    self.failed = True
                    self.on_error(error)
                else:
                    self.failed = False
        finally:
            with self._lock:  # Only reached early if a write raised something unexpected.
                if self._thread is threading.current_thread():
                    self._thread = None
                    self._lock.notify_all()

    def _next(self) -> tuple[Path, bytes] | None:
        """The oldest waiting save; None, with the thread marked finished, when there is none
        (in one step, so a save arriving meanwhile starts a new thread)."""
        with self._lock:
            if not self._pending:
                self._thread = None
                self._lock.notify_all()
                return None
            target = next(iter(self._pending))
            return target, self._pending.pop(target)


@dataclass(frozen=True)
class Loaded:
    progress: Progress | None
    problem: str | None = None


def load_progress(policy_id: str, path: Path | None = None) -> Loaded:
    """Saved progress, if any. A damaged file is set aside (never deleted) and reported."""
    target = path or progress_path(policy_id)
    if not target.exists():
        return Loaded(None)
    try:
        return Loaded(from_data(tomllib.loads(target.read_text(encoding="utf-8"))))
    except (
        OSError,
        UnicodeDecodeError,
        tomllib.TOMLDecodeError,
        KeyError,
        TypeError,
        ValueError,
        AttributeError,
    ) as error:
        kept = target.with_name(
            f"{target.stem}.damaged-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S}{target.suffix}"
        )
        with contextlib.suppress(OSError):
            target.rename(kept)
        return Loaded(
            None,
            _(
                "Saved progress in {path} could not be read ({reason}); it was kept as {kept}."
            ).format(path=target, reason=type(error).__name__, kept=kept.name),
        )


def clear_progress(policy_id: str, path: Path | None = None) -> None:
    """Forget the progress once its record is written."""
    target = path or progress_path(policy_id)
    try:
        target.unlink(missing_ok=True)
    except OSError as error:
        raise StorageError(target, os_reason(error)) from error
