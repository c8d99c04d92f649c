"""IMS Common Cartridge 1.1 (default) or 1.3: one rooted organization whose
second-level items are the modules (Canvas makes them modules), each with its
page, a discussion topic and its knowledge check as a QTI assessment."""

from __future__ import annotations

import html
import logging

from ..model import Course, Module
from .labels import Labels, labels
from .qti import assessment_xml
from .site import HOME, Site, SitePage, module_page
from .xmlgen import Node, el, to_xml, xml_id

XSI = "http://www.w3.org/2001/XMLSchema-instance"
MOODLE_QUIZ_SIZE = 4
"""Moodle's CC 1.1 import grades every quiz out of four one-mark questions
whatever it holds: its templates write the quiz total (SUMGRADES 4 in
backup/cc/sheets/course_modules_mod_quiz.xml) and every slot's mark (GRADE 1
in course_modules_mod_quiz_question_instance.xml) as constants. Nothing in
a cartridge reaches them: ``cc_weighting`` only sets the question's default
mark in the bank (read as an integer; checked in Moodle 4.5: weighting 2 gave
questions of default mark 2 in slots still worth 1, out of 4). So only a
four-question check gets full marks for a perfect attempt there."""
log = logging.getLogger("builder")


class Profile:
    """Namespaces and type names of one CC version."""

    def __init__(self, version: str) -> None:
        v = "1p1" if version == "1.1" else "1p3"
        self.version = version
        self.cp = f"http://www.imsglobal.org/xsd/imsccv{v}/imscp_v1p1"
        self.lom_manifest = f"http://ltsc.ieee.org/xsd/imsccv{v}/LOM/manifest"
        self.lom_resource = f"http://ltsc.ieee.org/xsd/imsccv{v}/LOM/resource"
        self.dt = f"http://www.imsglobal.org/xsd/imsccv{v}/imsdt_v{v}"
        self.dt_type = f"imsdt_xmlv{v}"
        self.qti_type = f"imsqti_xmlv1p2/imscc_xmlv{v}/assessment"
        self.schemaversion = f"{version}.0"
        base = f"http://www.imsglobal.org/profile/cc/ccv{v}"
        self.locations = " ".join([
            self.cp, f"{base}/ccv{v}_imscp_v1p2_v1p0.xsd",
            self.lom_manifest, f"{base}/LOM/ccv{v}_lommanifest_v1p0.xsd",
            self.lom_resource, f"{base}/LOM/ccv{v}_lomresource_v1p0.xsd",
        ])
        self.dt_location = f"{self.dt} {base}/ccv{v}_imsdt_v{v}.xsd"


def discussion_path(module: Module) -> str:
    return f"discussions/{module.id}/topic.xml"


def check_path(module: Module) -> str:
    return f"checks/{module.id}/assessment.xml"


def cc_files(course: Course, site: Site) -> dict[str, bytes]:
    """Every file of the cartridge."""
    profile = Profile(course.config.lms.cc_version)
    if profile.version == "1.1":
        _warn_moodle_grades(course)
    words = labels(course)
    files = {rel: site.read(rel) for rel in site.shared_files()}
    files[HOME] = site.home.html
    for module in course.modules:
        files[module_page(module.id)] = site.modules[module.id].html
        if module.discussion:
            files[discussion_path(module)] = topic_xml(profile, module, words)
        if module.quiz:
            files[check_path(module)] = assessment_xml(course, module, words.check_title(module))
    files["imsmanifest.xml"] = to_xml(manifest(course, site, profile, words))
    return files


def _warn_moodle_grades(course: Course) -> None:
    """One warning naming every module whose check Moodle will grade wrong."""
    short = [m for m in course.modules if m.quiz and len(m.quiz) != MOODLE_QUIZ_SIZE]
    if not short:
        return
    listed = "; ".join(f"{m.title!r} has {len(m.quiz)} ({10 * len(m.quiz) / MOODLE_QUIZ_SIZE:g}/10)"
                       for m in short)
    log.warning(
        "%s: Moodle's Common Cartridge import grades every quiz out of %d questions, so a "
        "perfect attempt at these knowledge checks scores less (or more) than 10/10 there: %s. "
        "Give each module %d items in plan.yaml, or build the Moodle quizzes from the "
        "-moodle.xml bank (the README's LMS section says how)", short[0].location,
        MOODLE_QUIZ_SIZE, listed, MOODLE_QUIZ_SIZE)


def topic_xml(profile: Profile, module: Module, words: Labels) -> bytes:
    """The module's discussion questions as one discussion topic."""
    questions = "".join(f"<li>{html.escape(q.text, quote=False)}</li>"
                        for q in module.discussion)
    text = f"<ol>{questions}</ol>"
    topic = el("topic", {"xmlns": profile.dt, "xmlns:xsi": XSI,
                         "xsi:schemaLocation": profile.dt_location},
               el("title", text=words.discussion_title(module)),
               el("text", {"texttype": "text/html"}, text=text))
    return to_xml(topic)


def manifest(course: Course, site: Site, profile: Profile, words: Labels) -> Node:
    resources = [_page_resource("RES-home", site.home)]
    groups = [el("item", {"identifier": "ITEM-home"}, el("title", text=course.title),
                 el("item", {"identifier": "ITEM-home-page", "identifierref": "RES-home"},
                    el("title", text=words.course_home)))]
    for module in course.modules:
        items, module_resources = _module_parts(profile, module, site, words)
        groups.append(el("item", {"identifier": xml_id("ITEM", module.id)},
                         el("title", text=module.title), *items))
        resources += module_resources
    org = el("organization", {"identifier": xml_id("ORG", course.slug),
                              "structure": "rooted-hierarchy"},
             el("item", {"identifier": "root"}, *groups))
    return el(
        "manifest",
        {"xmlns": profile.cp, "xmlns:lomimscc": profile.lom_manifest,
         "xmlns:lom": profile.lom_resource, "xmlns:xsi": XSI,
         "identifier": xml_id("MANIFEST", course.slug, "imscc"),
         "xsi:schemaLocation": profile.locations},
        el("metadata", None, el("schema", text="IMS Common Cartridge"),
           el("schemaversion", text=profile.schemaversion), _course_lom(course)),
        el("organizations", None, org),
        el("resources", None, *resources),
    )


def _module_parts(profile: Profile, module: Module, site: Site, words: Labels
                  ) -> tuple[list[Node], list[Node]]:
    page_id = xml_id("RES", module.id, "page")
    items = [el("item", {"identifier": xml_id("ITEM", module.id, "page"),
                         "identifierref": page_id}, el("title", text=module.title))]
    resources = [_page_resource(page_id, site.modules[module.id])]
    if module.discussion:
        res = xml_id("RES", module.id, "discussion")
        items.append(el("item", {"identifier": xml_id("ITEM", module.id, "discussion"),
                                 "identifierref": res},
                        el("title", text=words.discussion_title(module))))
        resources.append(el("resource", {"identifier": res, "type": profile.dt_type},
                            el("file", {"href": discussion_path(module)})))
    if module.quiz:
        res = xml_id("RES", module.id, "check")
        title = words.check_title(module)
        items.append(el("item", {"identifier": xml_id("ITEM", module.id, "check"),
                                 "identifierref": res}, el("title", text=title)))
        resources.append(el("resource", {"identifier": res, "type": profile.qti_type},
                            el("file", {"href": check_path(module)})))
    return items, resources


def _page_resource(ident: str, page: SitePage) -> Node:
    """A page and every file it uses. Learning objectives are on the page
    itself: the CC resource LOM holds only educational roles."""
    return el("resource", {"identifier": ident, "type": "webcontent", "href": page.path},
              el("file", {"href": page.path}),
              *(el("file", {"href": f}) for f in page.files))


def _course_lom(course: Course) -> Node:
    lang = {"language": course.language}
    general = el("lomimscc:general", None,
                 el("lomimscc:title", None, el("lomimscc:string", lang, text=course.title)),
                 el("lomimscc:language", text=course.language))
    summary = " ".join(m.summary for m in course.modules if m.summary)
    if summary:
        general.add(el("lomimscc:description", None,
                       el("lomimscc:string", lang, text=summary)))
    rights = None
    if course.license:
        rights = el("lomimscc:rights", None,
                    el("lomimscc:copyrightAndOtherRestrictions", None,
                       el("lomimscc:value", text="yes")),
                    el("lomimscc:description", None,
                       el("lomimscc:string", text=course.license)))
    return el("lomimscc:lom", None, general, rights)
