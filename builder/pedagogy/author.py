"""The name a quiz item or objective may use for the author of the reading."""

from __future__ import annotations

from ..model import Course

PLACEHOLDERS = frozenset({"", "unknown", "anonymous", "the author", "author", "n/a"})


def author_name(course: Course) -> str:
    """The author's surname as a reader would use it ('Hazlitt' for 'William
    Hazlitt'), or '' when the course names none (or several)."""
    name = " ".join(course.author.split())
    if name.lower() in PLACEHOLDERS or any(sep in name for sep in (",", "&", " and ", ";")):
        return ""
    words = [w for w in name.split() if not w.endswith(".") or len(w) > 3]
    return words[-1] if words else ""
