"""XML Schema validation of package files against the official schemas.

The schemas are never part of this repository: they are read from a folder
laid out as ``../shared/lms-schemas`` (``scorm12/``, ``scorm2004/``,
``imscc11/``, ``imscc13/``), named by ``COURSEPACK_SCHEMAS`` or given
directly. Validation needs lxml; without it, or without the folder, nothing
is validated and :func:`find_schemas` says why.

Known defects handled here (see the folder's SOURCES.md): the SCORM 1.2
``ims_xml.xsd`` binds the reserved xml namespace and ``imsmd_rootv1p2p1.xsd``
breaks Unique Particle Attribution, so SCORM 1.2 manifests are validated
against a wrapper that imports only the content packaging and ADL schemas,
in a temporary copy where ``ims_xml.xsd`` is the W3C ``xml.xsd``. The CC 1.3
schemas import their siblings by absolute URL; a resolver maps those URLs
onto the local files.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

ENV = "COURSEPACK_SCHEMAS"
_WRAPPER = """<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
  targetNamespace="urn:coursepack:schema-wrapper" elementFormDefault="qualified">
{imports}
</xs:schema>
"""
_IMPORTS = {
    "scorm12": [
        ("http://www.imsproject.org/xsd/imscp_rootv1p1p2", "imscp_rootv1p1p2.xsd"),
        ("http://www.adlnet.org/xsd/adlcp_rootv1p2", "adlcp_rootv1p2.xsd"),
    ],
    "scorm2004": [
        ("http://www.imsglobal.org/xsd/imscp_v1p1", "imscp_v1p1.xsd"),
        ("http://www.adlnet.org/xsd/adlcp_v1p3", "adlcp_v1p3.xsd"),
        ("http://www.adlnet.org/xsd/adlseq_v1p3", "adlseq_v1p3.xsd"),
        ("http://www.adlnet.org/xsd/adlnav_v1p3", "adlnav_v1p3.xsd"),
        ("http://www.imsglobal.org/xsd/imsss", "imsss_v1p0.xsd"),
    ],
}
# kind of document -> (folder, schema file or wrapper key)
DOCUMENTS = {
    "scorm12": ("scorm12", None),
    "scorm2004": ("scorm2004", None),
    "imscp": ("scorm2004", "imscp_v1p1.xsd"),
    "cc11": ("imscc11", "cc11libxml2validator.xsd"),
    "cc11-dt": ("imscc11", "ccv1p1_imsdt_v1p1.xsd"),
    "cc11-qti": ("imscc11", "ccv1p1_qtiasiv1p2p1_v1p0.xsd"),
    "cc13": ("imscc13", "ccv1p3_imscp_v1p2_v1p0.xsd"),
    "cc13-dt": ("imscc13", "ccv1p3_imsdt_v1p3.xsd"),
    # no CC 1.3 QTI profile schema is public; the namespace is the same as 1.1's
    "cc13-qti": ("imscc11", "ccv1p1_qtiasiv1p2p1_v1p0.xsd"),
}


# kind -> schema file whose embedded Schematron rules (the CC profile rules
# that XML Schema cannot express) also apply
RULES = {
    "cc11": ("imscc11", "ccv1p1_imscp_v1p2_v1p0.xsd"),
    "cc11-qti": ("imscc11", "ccv1p1_qtiasiv1p2p1_v1p0.xsd"),
    "cc13-qti": ("imscc11", "ccv1p1_qtiasiv1p2p1_v1p0.xsd"),
}
SVRL = "{http://purl.oclc.org/dsdl/svrl}"


CHECKOUT_SCHEMAS = Path(__file__).resolve().parents[3] / "shared/lms-schemas"
"""Where a clone of the repository finds them (``../shared`` beside it)."""


def find_schemas(folder: Path | None = None) -> tuple[Path | None, str]:
    """The schema folder to use and, when there is none, why: the reason
    names the folder as it was asked for (``--schemas``, ``COURSEPACK_SCHEMAS``,
    or neither: the shared folder beside a repository checkout)."""
    how = "the folder given with --schemas"
    if folder is None:
        env = os.environ.get(ENV, "")
        folder, how = (Path(env), f"the folder {ENV} names") if env else (CHECKOUT_SCHEMAS, "")
    try:
        import lxml.etree  # noqa: F401
    except ImportError:
        return None, "lxml is not installed"
    if not (folder / "imscc11" / "cc11libxml2validator.xsd").is_file():
        if not how:
            return None, f"no LMS schemas given; use --schemas DIR or set {ENV}"
        return None, f"no LMS schemas at {folder}, {how}"
    return folder, ""


def validate(folder: Path, kind: str, content: bytes) -> list[str]:
    """Schema errors of ``content`` as a ``kind`` document (a key of
    :data:`DOCUMENTS`), one message per error with its line."""
    from lxml import etree

    schema = _schema(folder.resolve(), kind)
    try:
        doc = etree.fromstring(content, parser=etree.XMLParser(resolve_entities=False))
    except etree.XMLSyntaxError as exc:
        return [f"not well-formed XML: {exc}"]
    problems = []
    if not schema.validate(doc):
        problems = [f"line {e.line}: {e.message}" for e in schema.error_log]
    if kind in RULES:
        problems += _rule_failures(folder.resolve(), kind, doc)
    return problems


def _rule_failures(folder: Path, kind: str, doc: Any) -> list[str]:
    rules = _rules(folder, kind)
    if rules.validate(doc):
        return []
    report = rules.validation_report
    return [" ".join((fail.findtext(f"{SVRL}text") or "").split())
            for fail in report.iter(f"{SVRL}failed-assert")]


@cache
def _rules(folder: Path, kind: str) -> Any:
    """The Schematron rules embedded in a CC schema. They are not strictly
    ISO Schematron (lxml's check of the rule set itself fails), so that check
    is switched off; the rules run as written."""
    from lxml import etree, isoschematron

    sub, name = RULES[kind]
    return isoschematron.Schematron(etree.parse(str(folder / sub / name)),
                                    validate_schema=False, store_report=True)


@cache
def _schema(folder: Path, kind: str) -> Any:
    from lxml import etree

    sub, name = DOCUMENTS[kind]
    if name is None:
        return _wrapped(folder / sub, kind)
    parser = etree.XMLParser()
    parser.resolvers.add(_local_resolver(folder / sub))
    return etree.XMLSchema(etree.parse(str(folder / sub / name), parser))


def _wrapped(source: Path, kind: str) -> Any:
    from lxml import etree

    work = Path(tempfile.mkdtemp(prefix="coursepack-xsd-"))
    try:
        if kind == "scorm12":
            for xsd in source.glob("*.xsd"):
                shutil.copyfile(xsd, work / xsd.name)
            shutil.copyfile(source.parent / "scorm2004" / "xml.xsd", work / "ims_xml.xsd")
            base = work
        else:
            base = source
        imports = "\n".join(
            f'  <xs:import namespace="{ns}" schemaLocation="{(base / f).as_uri()}"/>'
            for ns, f in _IMPORTS[kind])
        wrapper = work / "wrapper.xsd"
        wrapper.write_text(_WRAPPER.format(imports=imports), encoding="utf-8")
        return etree.XMLSchema(etree.parse(str(wrapper)))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _local_resolver(folder: Path) -> Any:
    """A resolver that maps a schema's absolute http(s) import onto the file
    of the same name in ``folder``."""
    from lxml import etree

    class LocalResolver(etree.Resolver):
        def resolve(self, url: str, pubid: str | None, context: Any) -> Any:
            if url.startswith(("http://", "https://")):
                local = folder / url.rsplit("/", 1)[-1]
                if local.is_file():
                    return self.resolve_filename(str(local), context)
            return None

    return LocalResolver()
