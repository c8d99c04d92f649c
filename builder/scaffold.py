"""``coursepack init``: a new course folder with a settings file and a
starter essay that already builds into a small course."""

from __future__ import annotations

from pathlib import Path

from .errors import BuildError

COURSE_TOML = """\
# Settings for this course. Every key is optional: delete what you do not need.
title = "{title}"
author = ""
language = "en"          # BCP 47: "en", "fr", "ar", ...
license = "CC BY 4.0"

[pdf]
page_size = "A4"         # or "Letter"

[pedagogy]
backend = "rules"        # offline and deterministic
"""

ESSAY = """\
# {title}

## Introduction

This essay is the source of the course. Replace it with your own text: coursepack reads the
title from the first heading, turns this introduction into the course overview, and makes a
module of every section that follows. Each module gets learning objectives, discussion
questions and a knowledge check drawn from its own text.

## Writing Sections That Teach

A good section develops one idea with its evidence. Readers learn more from a claim that is
explained, illustrated with an example and connected to what came before than from a list of
facts. Teachers often open a section with a question the section then answers, because a
question gives readers a reason to keep reading.

Concrete examples make abstract ideas memorable. A section about climate, for example, is
easier to follow when it names a real river, a real drought or a real measurement.

## Checking What Was Generated

Generated material is a draft for the instructor to review before students see it. Running
coursepack plan writes it into plan.yaml, where every objective, question and answer key can be
edited or dropped; edited items are never overwritten by a later build. The instructor guide
lists every answer key with the sentence it comes from, so each item can be checked against the
reading in a few minutes.

## Conclusion

A course built from an essay is a draft. The instructor reviews it, keeps what works and
rewrites the rest. Students then meet the same ideas three times: in the reading, in the
discussion with their peers, and in the knowledge check that closes each module, which is
why every objective should be assessed by at least one question.
"""


def init_course(new_dir: Path) -> list[Path]:
    """Write a starter course into ``new_dir`` (which must be new or empty)."""
    if new_dir.exists() and (not new_dir.is_dir() or any(_entries(new_dir))):
        raise BuildError(
            f"{new_dir} already exists and is not empty",
            None,
            "Choose a new folder name, e.g. coursepack init my-course",
        )
    title = new_dir.name.replace("-", " ").replace("_", " ").strip().title() or "My Course"
    title = title.replace("\\", "").replace('"', "")  # it goes into a TOML string
    files = {
        new_dir / "course.toml": COURSE_TOML.format(title=title),
        new_dir / "essay.md": ESSAY.format(title=title),
    }
    try:
        new_dir.mkdir(parents=True, exist_ok=True)
        for path, text in files.items():
            path.write_text(text, encoding="utf-8")
    except (OSError, UnicodeEncodeError) as exc:
        reason = getattr(exc, "strerror", None) or type(exc).__name__
        if isinstance(exc, FileExistsError | NotADirectoryError):
            reason = "a file stands where a folder is needed"
        raise BuildError(f"cannot create the course folder {new_dir} ({reason})", None,
                         "Choose a folder you can write to, e.g. coursepack init my-course"
                         ) from None
    return list(files)


def _entries(folder: Path) -> list[Path]:
    try:
        return list(folder.iterdir())
    except OSError:
        return [folder]  # unreadable: not an empty folder we may fill
