"""Titles the packages show in an LMS, in the course language: the theme's
interface strings (``templates/strings/<lang>.toml``) with the course's
``[site.strings]`` overrides, the same words the site uses."""

from __future__ import annotations

from dataclasses import dataclass

from .. import theme_dir
from ..model import Course, Module
from ..strings import course_strings


@dataclass(frozen=True)
class Labels:
    course_home: str
    discussion: str
    knowledge_check: str

    def check_title(self, module: Module) -> str:
        return f"{self.knowledge_check}: {module.title}"

    def discussion_title(self, module: Module) -> str:
        return f"{self.discussion}: {module.title}"


def labels(course: Course) -> Labels:
    strings = course_strings(course, theme_dir())
    return Labels(strings["course_home"], strings["discussion"], strings["knowledge_check"])
