"""Question banks, one category per module: a QTI 1.2 zip (Canvas "QTI .zip"
import), Moodle XML and GIFT (Moodle's question bank import). A fill-in item
lists every right answer at full marks (:func:`.qti.lms_answers`); Moodle
compares them without case."""

from __future__ import annotations

import html
import re

from ..model import Course, Module, QuizItem
from .qti import item_title, lms_answers, objectbank_xml
from .xmlgen import Node, el, to_xml, xml_id

_GIFT_SPECIAL = re.compile(r"([~=#{}:\\])")


def bank_path(module: Module) -> str:
    return f"{module.id}/questions.xml"


def qti_bank_files(course: Course) -> dict[str, bytes]:
    """The QTI bank zip's files: an IMS manifest and one object bank per module."""
    modules = [m for m in course.modules if m.quiz]
    files = {bank_path(m): objectbank_xml(course, m) for m in modules}
    resources = [
        el("resource", {"identifier": xml_id("RES", m.id, "bank"), "type": "imsqti_xmlv1p2",
                        "href": bank_path(m)}, el("file", {"href": bank_path(m)}))
        for m in modules
    ]
    manifest = el(
        "manifest", {"xmlns": "http://www.imsglobal.org/xsd/imscp_v1p1",
                     "identifier": xml_id("MANIFEST", course.slug, "qti")},
        el("metadata", None, el("schema", text="IMS Content"),
           el("schemaversion", text="1.1.3")),
        el("organizations"),
        el("resources", None, *resources),
    )
    files["imsmanifest.xml"] = to_xml(manifest)
    return files


def category_path(course: Course, module: Module) -> str:
    """A Moodle category path, the module's category inside the course's (one
    category when the module has the course's title, as a one-module course
    may); ``/`` inside a name is written ``//``."""
    names = [course.title] if module.title == course.title else [course.title, module.title]
    return "$course$/top/" + "/".join(n.replace("/", "//") for n in names)


def moodle_xml(course: Course) -> bytes:
    """Every knowledge check as Moodle XML, a category per module."""
    questions = []
    for module in course.modules:
        if not module.quiz:
            continue
        questions.append(el("question", {"type": "category"},
                            el("category", None, el("text", text=category_path(course, module)))))
        for n, item in enumerate(module.quiz, start=1):
            questions.append(_moodle_question(item_title(module, n), item,
                                              course.language))
    return to_xml(el("quiz", None, *questions))


def _html_text(tag: str, text: str) -> list[Node]:
    body = f"<p>{html.escape(text, quote=False)}</p>"
    return [el(tag, {"format": "html"}, el("text", text=body))]


def _moodle_question(name: str, item: QuizItem, language: str) -> Node:
    kind = {"multiple_choice": "multichoice", "true_false": "truefalse",
            "fill_blank": "shortanswer"}[item.kind]
    question = el("question", {"type": kind}, el("name", None, el("text", text=name)),
                  *_html_text("questiontext", item.stem),
                  *_html_text("generalfeedback", item.feedback),
                  el("defaultgrade", text="1"), el("penalty", text="0.3333333"),
                  el("hidden", text="0"))
    if item.kind == "fill_blank":
        question.add(el("usecase", text="0"), *(
            el("answer", {"fraction": "100", "format": "plain_text"}, el("text", text=text))
            for text in lms_answers(item, language)))
    elif item.kind == "true_false":
        truth = item.answer == 0
        for value in ("true", "false"):
            right = (value == "true") == truth
            fraction = "100" if right else "0"
            question.add(el("answer", {"fraction": fraction, "format": "moodle_auto_format"},
                            el("text", text=value)))
    else:
        question.add(el("single", text="true"), el("shuffleanswers", text="true"),
                     el("answernumbering", text="abc"))
        for i, choice in enumerate(item.choices):
            question.add(el("answer", {"fraction": "100" if i == item.answer else "0",
                                       "format": "html"},
                            el("text", text=f"<p>{html.escape(choice, quote=False)}</p>")))
    return question


def gift_escape(text: str) -> str:
    return _GIFT_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def gift(course: Course) -> bytes:
    """Every knowledge check in GIFT, a ``$CATEGORY`` per module."""
    blocks = [f"// {gift_escape(course.title)}: question banks, one category per module"]
    for module in course.modules:
        if not module.quiz:
            continue
        blocks.append(f"$CATEGORY: {category_path(course, module)}")
        for n, item in enumerate(module.quiz, start=1):
            name = gift_escape(item_title(module, n))
            answers = _gift_answers(item, course.language)
            blocks.append(f"::{name}:: {gift_escape(item.stem)} {{{answers}}}")
    return ("\n\n".join(blocks) + "\n").encode("utf-8")


def _gift_answers(item: QuizItem, language: str) -> str:
    feedback = f" ####{gift_escape(item.feedback)}" if item.feedback else ""
    if item.kind == "true_false":
        return ("T" if item.answer == 0 else "F") + feedback
    if item.kind == "fill_blank":
        return " ".join("=" + gift_escape(t) for t in lms_answers(item, language)) + feedback
    options = " ".join(("=" if i == item.answer else "~") + gift_escape(c)
                       for i, c in enumerate(item.choices))
    return options + feedback
