"""SCORM 1.2 and SCORM 2004 4th edition packages: the course home as the first
item (an asset), then one SCO per module (its page with the run-time script)."""

from __future__ import annotations

from .. import theme_dir
from ..model import Course, Module
from .labels import labels
from .site import HOME, Site, module_page
from .xmlgen import Node, el, to_xml, xml_id

RUNTIME = "scorm/runtime.js"
RUNTIME_SOURCE = "lms/scorm-runtime.js"
PASSING = 0.7
"""Share of the knowledge check a student needs for ``passed``."""

NS12 = {
    "xmlns": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
    "xmlns:adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
}
NS2004 = {
    "xmlns": "http://www.imsglobal.org/xsd/imscp_v1p1",
    "xmlns:adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
    "xmlns:adlseq": "http://www.adlnet.org/xsd/adlseq_v1p3",
    "xmlns:adlnav": "http://www.adlnet.org/xsd/adlnav_v1p3",
    "xmlns:imsss": "http://www.imsglobal.org/xsd/imsss",
}
VERSIONS = {"scorm12": "1.2", "scorm2004": "2004"}


def item_id(course: Course, module: Module | None) -> str:
    return xml_id("ITEM", module.id if module else "home")


def scorm_files(course: Course, site: Site, fmt: str) -> dict[str, bytes]:
    """Every file of the ``fmt`` ("scorm12" or "scorm2004") package."""
    version = VERSIONS[fmt]
    files = {rel: site.read(rel) for rel in site.shared_files()}
    files[HOME] = site.home.html
    for module in course.modules:
        page = module_page(module.id)
        files[page] = sco_page(site.modules[module.id].html, course, module, version)
    files[RUNTIME] = (theme_dir() / RUNTIME_SOURCE).read_bytes()
    manifest = manifest12 if version == "1.2" else manifest2004
    files["imsmanifest.xml"] = to_xml(manifest(course, site, labels(course).course_home))
    return files


def sco_page(html: bytes, course: Course, module: Module, version: str) -> bytes:
    """The module page with the run-time script added before ``</body>``."""
    depth = module_page(module.id).count("/")
    tag = (
        f'<script src="{"../" * depth}{RUNTIME}" data-scorm="{version}"'
        f' data-module="{module.id}" data-quiz="{len(module.quiz)}"'
        f' data-completion-seconds="{course.config.lms.completion_seconds}"'
        f' data-passing="{PASSING}"></script>\n'
    ).encode()
    at = html.lower().rfind(b"</body>")
    if at < 0:
        return html + tag
    return html[:at] + tag + html[at:]


def _resources(course: Course, site: Site, type_attr: str) -> Node:
    common = [el("dependency", {"identifierref": "RES-files"})]
    home = el("resource", {"identifier": "RES-home", "type": "webcontent",
                           type_attr: "asset", "href": HOME},
              el("file", {"href": HOME}), *common)
    resources = [home]
    for module in course.modules:
        page = module_page(module.id)
        resources.append(el(
            "resource", {"identifier": xml_id("RES", module.id), "type": "webcontent",
                         type_attr: "sco", "href": page},
            el("file", {"href": page}), *common,
            el("dependency", {"identifierref": "RES-runtime"})))
    resources.append(el("resource", {"identifier": "RES-runtime", "type": "webcontent",
                                     type_attr: "asset"}, el("file", {"href": RUNTIME})))
    resources.append(el("resource", {"identifier": "RES-files", "type": "webcontent",
                                     type_attr: "asset"},
                        *(el("file", {"href": f}) for f in site.shared_files())))
    return el("resources", None, *resources)


def manifest12(course: Course, site: Site, home: str) -> Node:
    org = xml_id("ORG", course.slug)
    items = [el("item", {"identifier": item_id(course, None), "identifierref": "RES-home"},
                el("title", text=home))]
    items += [el("item", {"identifier": item_id(course, m), "identifierref": xml_id("RES", m.id)},
                 el("title", text=m.title)) for m in course.modules]
    return el(
        "manifest", {"identifier": xml_id("MANIFEST", course.slug, "scorm12"),
                     "version": "1.0", **NS12},
        el("metadata", None, el("schema", text="ADL SCORM"), el("schemaversion", text="1.2")),
        el("organizations", {"default": org},
           el("organization", {"identifier": org}, el("title", text=course.title), *items)),
        _resources(course, site, "adlcp:scormtype"),
    )


def manifest2004(course: Course, site: Site, home: str) -> Node:
    org = xml_id("ORG", course.slug)
    items = [el("item", {"identifier": item_id(course, None), "identifierref": "RES-home"},
                el("title", text=home), _not_rolled_up())]
    for module in course.modules:
        rollup = None if module.quiz else _not_rolled_up(keep_completion=True)
        items.append(el(
            "item", {"identifier": item_id(course, module),
                     "identifierref": xml_id("RES", module.id)},
            el("title", text=module.title), rollup))
    sequencing = el("imsss:sequencing", None,
                    el("imsss:controlMode", {"choice": "true", "flow": "true"}))
    return el(
        "manifest", {"identifier": xml_id("MANIFEST", course.slug, "scorm2004"),
                     "version": "1", **NS2004},
        el("metadata", None, el("schema", text="ADL SCORM"),
           el("schemaversion", text="2004 4th Edition")),
        el("organizations", {"default": org},
           el("organization", {"identifier": org, "adlseq:objectivesGlobalToSystem": "false"},
              el("title", text=course.title), *items, sequencing)),
        _resources(course, site, "adlcp:scormType"),
    )


def _not_rolled_up(keep_completion: bool = False) -> Node:
    """Sequencing that keeps an item out of the course's pass/fail and score
    (and, for the home page, out of its completion)."""
    attrs = {"rollupObjectiveSatisfied": "false", "objectiveMeasureWeight": "0"}
    if not keep_completion:
        attrs["rollupProgressCompletion"] = "false"
    return el("imsss:sequencing", None, el("imsss:rollupRules", attrs))
