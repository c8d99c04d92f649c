"""QTI 1.2 in the Common Cartridge profile: one assessment per knowledge check
(cartridges) and one object bank per module (the standalone bank zip).

Item shapes follow the CC 1.1 QTI profile rules (its embedded Schematron):
multiple choice needs at least three choices, true/false exactly two, fill in
the blank uses ``response_str``/``render_fib``; every ``itemfeedback`` has a
``displayfeedback`` that triggers it. A true/false item's two choices are
identified ``true`` and ``false`` (Moodle's importer accepts nothing else)
and its response is named ``TF_response1``: Canvas's QTI import
(``choice_interaction.rb``) ignores the CC profile and marks a question
true/false only when its response variable starts with ``TF``. A multiple
choice with two choices is written as a multiple response
whose one right choice must be ticked alone (the profile has no two-choice
single answer other than true/false). A fill-in item is scored in one
``respcondition`` with one case-insensitive ``varequal`` per right answer, as
Moodle's own Common Cartridge export writes them (:func:`lms_answers`).
"""

from __future__ import annotations

from lemminflect import getAllLemmas, getInflection

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


MULTIPLE_RESPONSE = "cc.multiple_response.v0p1"
TRUE_FALSE_IDENTS = ("true", "false")


def item_profile(item: QuizItem) -> str:
    """The CC profile of ``item``."""
    if item.kind == "multiple_choice" and len(item.choices) < 3:
        return MULTIPLE_RESPONSE
    return PROFILES[item.kind]


def item_title(module: Module, number: int) -> str:
    """A question's name in an LMS bank: the module title and its number,
    as the Moodle XML and GIFT banks name it."""
    return f"{module.title} {number:02d}"


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
    if language.split("-")[0].lower() != "en" or not (text[:1].isascii() and text[:1].isalpha()):
        return [text]  # no English article before '1835', 'ماء' or in another language
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
        _metadata(_assessment_fields(course)),
        el("section", {"ident": xml_id(course.slug, module.id, "section")},
           *_items(course, module)),
    )
    return to_xml(_root(assessment))


def _assessment_fields(course: Course) -> list[tuple[str, str]]:
    """A graded check is an ``Examination`` (Canvas: a graded quiz); a
    practice check has no assessment type, which Canvas imports as a
    practice quiz (the CC 1.1 profile allows no other type)."""
    kind = [("qmd_assessmenttype", "Examination")]
    if course.config.lms.knowledge_checks == "practice":
        kind = []
    return [("cc_profile", "cc.exam.v0p1"), *kind, ("qmd_scoretype", "Percentage"),
            ("qmd_feedbackpermitted", "Yes"), ("qmd_solutionspermitted", "Yes"),
            ("cc_maxattempts", "unlimited")]


def objectbank_xml(course: Course, module: Module) -> bytes:
    """The module's questions as a QTI object bank (a question bank)."""
    bank = el("objectbank", {"ident": xml_id(course.slug, module.id, "bank")},
              _metadata([("cc_profile", "cc.exam.v0p1"), ("bank_title", module.title)]),
              *_items(course, module))
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
    return [_item(xml_id(course.slug, module.id, f"q{n:02d}"), item_title(module, n), item,
                  course.language)
            for n, item in enumerate(module.quiz, start=1)]


def _item(ident: str, title: str, item: QuizItem, language: str) -> Node:
    meta = el("itemmetadata", None, _metadata([("cc_profile", item_profile(item)),
                                                ("cc_weighting", "1")]))
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


def choice_idents(item: QuizItem) -> list[str]:
    """The response identifiers of a choice item's choices, in order."""
    if item.kind == "true_false":
        return list(TRUE_FALSE_IDENTS)
    return [f"c{i}" for i in range(len(item.choices))]


def response_ident(item: QuizItem) -> str:
    return "TF_response1" if item.kind == "true_false" else "response1"


def _choice(item: QuizItem) -> tuple[Node, list[Node]]:
    idents = choice_idents(item)
    response = response_ident(item)
    labels = [el("response_label", {"ident": ident}, _material(choice))
              for ident, choice in zip(idents, item.choices, strict=True)]
    multiple = item_profile(item) == MULTIPLE_RESPONSE
    presentation = el("presentation", None, _material(item.stem),
                      el("response_lid", {"ident": response,
                                          "rcardinality": "Multiple" if multiple else "Single"},
                         el("render_choice", None, *labels)))
    assert isinstance(item.answer, int)
    right = idents[item.answer]
    if not multiple:
        return presentation, _conditions(item, [el("varequal", {"respident": response},
                                                   text=right)])
    others = [el("not", None, el("varequal", {"respident": "response1", "case": "Yes"},
                                 text=ident)) for ident in idents if ident != right]
    key = el("and", None, el("varequal", {"respident": "response1", "case": "Yes"}, text=right),
             *others)
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
