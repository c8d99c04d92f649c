"""QTI 1.2 in the Common Cartridge profile: one assessment per knowledge check
(cartridges) and one object bank per module (the standalone bank zip).

Item shapes follow the CC 1.1 QTI profile rules (its embedded Schematron):
multiple choice needs at least three choices, true/false exactly two, fill in
the blank uses ``response_str``/``render_fib``; every ``itemfeedback`` has a
``displayfeedback`` that triggers it. A fill-in item is scored in one
``respcondition`` with one case-insensitive ``varequal`` per right answer, as
Moodle's own Common Cartridge export writes them (:func:`lms_answers`).
"""

from __future__ import annotations

from lemminflect import getAllLemmas, getInflection

from ..language import language as lang
from ..model import Course, Module, QuizItem
from .xmlgen import Node, el, to_xml, xml_id

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
QTI_XSD = "http://www.imsglobal.org/profile/cc/ccv1p1/ccv1p1_qtiasiv1p2p1_v1p0.xsd"

PROFILES = {
    "multiple_choice": "cc.multiple_choice.v0p1",
    "true_false": "cc.true_false.v0p1",
    "fill_blank": "cc.fib.v0p1",
}


def item_profile(item: QuizItem) -> str:
    """The CC profile of ``item``: a two-choice multiple choice is written as
    true/false, the only profile that allows exactly two choices."""
    if item.kind == "multiple_choice" and len(item.choices) < 3:
        return PROFILES["true_false"]
    return PROFILES[item.kind]


ARTICLES = ("the", "a", "an")
QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def lms_answers(item: QuizItem, language: str) -> tuple[str, ...]:
    """Every text an LMS must list as right for a fill-in item.

    The formats compare without case and around trimmed spaces, but cannot
    ignore what the site's quiz ignores; so each right answer (``answer``,
    then ``accept``) comes with and without a leading article (English), with
    straight and curly quotes, and with a final full stop."""
    found: dict[str, str] = {}
    for form in (str(item.answer), *item.accept):
        for spelled in _article_forms(" ".join(form.split()), language):
            for quoted in dict.fromkeys((spelled, spelled.translate(QUOTES),
                                         spelled.replace("'", "\u2019"))):
                for text in (quoted, quoted + "."):
                    found.setdefault(text.casefold(), text)
    return tuple(found.values())


def _article_forms(text: str, language: str) -> list[str]:
    if lang(language).code != "en":
        return list(dict.fromkeys((text, lang(language).bare(text))))
    if not (text[:1].isascii() and text[:1].isalpha()):
        return [text]  # no English article before '1835' or 'ماء'
    first, _, rest = text.partition(" ")
    bare = rest if first.lower() in ARTICLES and rest else text
    forms = [text, bare, f"the {bare}"]
    if _countable(bare.split()[-1]):
        forms.append(("an " if bare[0].lower() in "aeiou" else "a ") + bare)
    return list(dict.fromkeys(forms))


def _countable(word: str) -> bool:
    """A singular noun that takes 'a': 'contributor', not 'precipitation' or 'states'."""
    lemmas = getAllLemmas(word.lower(), "NOUN").get("NOUN", ())
    if len(lemmas) != 1 or lemmas[0] != word.lower():
        return False
    plural = getInflection(lemmas[0], "NNS")
    return len(plural) == 1 and plural[0] != lemmas[0]


def assessment_xml(course: Course, module: Module, title: str) -> bytes:
    """The module's knowledge check as a CC assessment (``cc.exam.v0p1``)."""
    assessment = el(
        "assessment",
        {"ident": xml_id(course.slug, module.id, "check"), "title": title},
        _metadata([("cc_profile", "cc.exam.v0p1"), ("qmd_assessmenttype", "Examination"),
                   ("qmd_scoretype", "Percentage"), ("qmd_feedbackpermitted", "Yes"),
                   ("qmd_solutionspermitted", "Yes"), ("cc_maxattempts", "unlimited")]),
        el("section", {"ident": xml_id(course.slug, module.id, "section")},
           *_items(course, module)),
    )
    return to_xml(_root(assessment))


def objectbank_xml(course: Course, module: Module) -> bytes:
    """The module's questions as a QTI object bank (a question bank)."""
    bank = el("objectbank", {"ident": xml_id(course.slug, module.id, "bank")},
              _metadata([("cc_profile", "cc.exam.v0p1")]), *_items(course, module))
    return to_xml(_root(bank))


def _root(child: Node) -> Node:
    return el("questestinterop", {
        "xmlns": QTI_NS, "xmlns:xsi": XSI_NS, "xsi:schemaLocation": f"{QTI_NS} {QTI_XSD}",
    }, child)


def _metadata(fields: list[tuple[str, str]]) -> Node:
    return el("qtimetadata", None, *(
        el("qtimetadatafield", None, el("fieldlabel", text=k), el("fieldentry", text=v))
        for k, v in fields
    ))


def _items(course: Course, module: Module) -> list[Node]:
    return [_item(xml_id(course.slug, module.id, f"q{n:02d}"), item, course.language)
            for n, item in enumerate(module.quiz, start=1)]


def _item(ident: str, item: QuizItem, language: str) -> Node:
    meta = el("itemmetadata", None, _metadata([("cc_profile", item_profile(item)),
                                                ("cc_weighting", "1")]))
    title = item.stem if len(item.stem) <= 80 else item.stem[:77].rstrip() + "..."
    if item.kind == "fill_blank":
        presentation, conditions = _fib(item, language)
    else:
        presentation, conditions = _choice(item)
    feedback = el("itemfeedback", {"ident": "general_fb"},
                  el("flow_mat", None, _material(item.feedback)))
    return el("item", {"ident": ident, "title": title}, meta, presentation,
              el("resprocessing", None,
                 el("outcomes", None, el("decvar", {"varname": "SCORE", "vartype": "Decimal",
                                                    "minvalue": "0", "maxvalue": "100"})),
                 *conditions),
              feedback if item.feedback else None)


def _material(text: str) -> Node:
    return el("material", None, el("mattext", {"texttype": "text/plain"}, text=text))


def _choice(item: QuizItem) -> tuple[Node, list[Node]]:
    labels = [el("response_label", {"ident": f"c{i}"}, _material(choice))
              for i, choice in enumerate(item.choices)]
    presentation = el("presentation", None, _material(item.stem),
                      el("response_lid", {"ident": "response1", "rcardinality": "Single"},
                         el("render_choice", None, *labels)))
    key = el("varequal", {"respident": "response1"}, text=f"c{item.answer}")
    return presentation, _conditions(item, [key])


def _fib(item: QuizItem, language: str) -> tuple[Node, list[Node]]:
    presentation = el("presentation", None, _material(item.stem),
                      el("response_str", {"ident": "response1", "rcardinality": "Single"},
                         el("render_fib", None, el("response_label", {"ident": "answer1"}))))
    keys = [el("varequal", {"respident": "response1", "case": "No"}, text=text)
            for text in lms_answers(item, language)]
    return presentation, _conditions(item, keys)


def _conditions(item: QuizItem, keys: list[Node]) -> list[Node]:
    """Full marks when any of ``keys`` holds (several ``varequal`` in one
    ``conditionvar``), else nothing; feedback either way."""
    show = [el("displayfeedback", {"feedbacktype": "Response", "linkrefid": "general_fb"})]
    if not item.feedback:
        show = []
    right = el("respcondition", {"continue": "No"}, el("conditionvar", None, *keys),
               el("setvar", {"action": "Set", "varname": "SCORE"}, text="100"), *show)
    wrong = el("respcondition", {"continue": "Yes"}, el("conditionvar", None, el("other")),
               *show)
    return [right, wrong]
