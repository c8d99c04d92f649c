"""The package stage: what it writes, that it is deterministic, that the
packages are valid for the official schemas and for pyslet's Common Cartridge
test suite, and that ``check_packages`` finds what an LMS would stumble on."""

from __future__ import annotations

import dataclasses
import io
import re
import unittest
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from builder.config import Config, LmsConfig
from builder.model import Course
from builder.package import check_packages, output_names, package
from builder.package.schemas import find_schemas, validate
from builder.progress import NullProgress

from .test_package_site import render_available, write_site

ALL = frozenset({"scorm12", "scorm2004", "imscc", "qti"})
CC11 = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
SAFE = re.compile(r"^[A-Za-z0-9._-]+$")


def make_site(course: Course, out: Path) -> None:
    """The site the package stage reads: the render stage's real output when
    it is there, else pages of its shape."""
    if render_available():
        from builder.render import render

        course.root.mkdir(parents=True, exist_ok=True)
        render(course, out, frozenset({"html"}), 1, NullProgress())
    else:
        write_site(course, out)


def build(course: Course, out: Path, formats: frozenset[str] = ALL) -> tuple[Path, ...]:
    make_site(course, out)
    return package(course, out, formats, NullProgress())


@pytest.fixture
def built(course_model: Course, tmp_path: Path) -> Path:
    out = tmp_path / "out"
    build(course_model, out)
    return out


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rewrite(path: Path, change: Callable[[str, bytes], tuple[str, bytes] | None]) -> None:
    """Rewrite the zip at ``path``, passing each entry through ``change``
    (which may rename, edit or drop it)."""
    files = members(path)
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in files.items():
            result = change(name, data)
            if result is not None:
                archive.writestr(result[0], result[1])


# --- what is written -------------------------------------------------------


def test_writes_every_package_under_lms(course_model: Course, tmp_path: Path) -> None:
    paths = build(course_model, tmp_path)
    assert [p.name for p in paths] == [
        "water-on-earth-scorm12.zip", "water-on-earth-scorm2004.zip", "water-on-earth.imscc",
        "water-on-earth-qti.zip", "water-on-earth-moodle.xml", "water-on-earth-gift.txt",
    ]
    assert all(p.parent == tmp_path / "lms" and p.stat().st_size > 0 for p in paths)


def test_formats_select_packages(course_model: Course, tmp_path: Path) -> None:
    # question banks need no site at all
    paths = package(course_model, tmp_path, frozenset({"qti"}), NullProgress())
    assert [p.name for p in paths] == list(output_names("water-on-earth", "qti"))
    assert package(course_model, tmp_path, frozenset(), NullProgress()) == ()
    with pytest.raises(ValueError, match="epub"):
        package(course_model, tmp_path, frozenset({"epub"}), NullProgress())


def test_packages_are_byte_identical_across_builds(course_model: Course, tmp_path: Path) -> None:
    first = build(course_model, tmp_path / "a")
    second = build(course_model, tmp_path / "b")
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_zips_are_sorted_dated_and_rooted(built: Path) -> None:
    for path in sorted((built / "lms").glob("*.*")):
        if path.suffix not in (".zip", ".imscc"):
            continue
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
        names = [i.filename for i in infos]
        assert names == sorted(names), path.name
        assert "imsmanifest.xml" in names, path.name
        assert {i.date_time for i in infos} == {(2026, 1, 1, 0, 0, 0)}, path.name
        assert all(SAFE.match(part) for n in names for part in n.split("/")), path.name


def test_scos_carry_the_runtime_and_nothing_else_does(built: Path) -> None:
    lms = built / "lms"
    for fmt, version in (("scorm12", "1.2"), ("scorm2004", "2004")):
        files = members(lms / f"water-on-earth-{fmt}.zip")
        page = files["modules/m01-water-cycle.html"].decode()
        assert page.count('src="../scorm/runtime.js"') == 1
        assert f'data-scorm="{version}"' in page and 'data-module="m01-water-cycle"' in page
        assert page.index("scorm/runtime.js") < page.rindex("</body>")
        assert "runtime.js" not in files["index.html"].decode()
        assert files["scorm/runtime.js"].startswith(b"/* coursepack SCORM run-time")
    cartridge = members(lms / "water-on-earth.imscc")
    assert not any("runtime" in name for name in cartridge)
    assert b"runtime.js" not in cartridge["modules/m01-water-cycle.html"]


def test_packages_carry_only_what_pages_use(built: Path) -> None:
    site = {str(p.relative_to(built / "site")) for p in (built / "site").rglob("*") if p.is_file()}
    files = set(members(built / "lms" / "water-on-earth-scorm12.zip"))
    assert files - site == {"imsmanifest.xml", "scorm/runtime.js"}
    cartridge = set(members(built / "lms" / "water-on-earth.imscc"))
    assert cartridge - site == {
        "imsmanifest.xml",
        "checks/m01-water-cycle/assessment.xml", "checks/m02-conclusion/assessment.xml",
        "discussions/m01-water-cycle/topic.xml", "discussions/m02-conclusion/topic.xml",
    }


def test_cartridge_structure(built: Path) -> None:
    from lxml import etree

    raw = members(built / "lms" / "water-on-earth.imscc")["imsmanifest.xml"]
    assert CC11.encode() in raw[:500]
    doc = etree.fromstring(raw)
    ns = {"cp": CC11}
    root_items = doc.findall("cp:organizations/cp:organization/cp:item", ns)
    assert len(root_items) == 1
    modules = root_items[0].findall("cp:item", ns)
    assert [m.findtext("cp:title", namespaces=ns) for m in modules] == [
        "Water on Earth", "The Water Cycle", "Conclusion"]
    kinds = [doc.find(f"cp:resources/cp:resource[@identifier='{i.get('identifierref')}']", ns)
             .get("type") for i in modules[1].findall("cp:item", ns)]
    assert kinds == ["webcontent", "imsdt_xmlv1p1", "imsqti_xmlv1p2/imscc_xmlv1p1/assessment"]
    assert b"canvas_export.txt" not in raw


# --- validity ----------------------------------------------------------------


def test_every_xml_file_is_schema_valid(built: Path, schemas: Path) -> None:
    lms = built / "lms"
    documents = {
        ("water-on-earth-scorm12.zip", "imsmanifest.xml"): "scorm12",
        ("water-on-earth-scorm2004.zip", "imsmanifest.xml"): "scorm2004",
        ("water-on-earth.imscc", "imsmanifest.xml"): "cc11",
        ("water-on-earth-qti.zip", "imsmanifest.xml"): "imscp",
    }
    for name in ("m01-water-cycle", "m02-conclusion"):
        documents[("water-on-earth.imscc", f"discussions/{name}/topic.xml")] = "cc11-dt"
        documents[("water-on-earth.imscc", f"checks/{name}/assessment.xml")] = "cc11-qti"
        documents[("water-on-earth-qti.zip", f"{name}/questions.xml")] = "cc11-qti"
    for (package_name, member), kind in documents.items():
        content = members(lms / package_name)[member]
        assert validate(schemas, kind, content) == [], (package_name, member)
    assert check_packages(built, schemas) == []


def test_common_cartridge_1_3_option(course_model: Course, tmp_path: Path,
                                     schemas: Path) -> None:
    config = dataclasses.replace(course_model.config, lms=LmsConfig(cc_version="1.3"))
    course = dataclasses.replace(course_model, config=config)
    (path,) = build(course, tmp_path, frozenset({"imscc"}))
    files = members(path)
    assert b"http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1" in files["imsmanifest.xml"][:500]
    assert b'type="imsdt_xmlv1p3"' in files["imsmanifest.xml"]
    assert validate(schemas, "cc13", files["imsmanifest.xml"]) == []
    assert validate(schemas, "cc13-dt", files["discussions/m01-water-cycle/topic.xml"]) == []
    assert check_packages(tmp_path, schemas) == []


def _swap(old: bytes, new: bytes, only: str = "") -> Callable[[str, bytes], tuple[str, bytes]]:
    def change(name: str, data: bytes) -> tuple[str, bytes]:
        return name, data.replace(old, new) if not only or name == only else data
    return change


BROKEN = [
    ("scorm12", _swap(b"adlcp:scormtype", b"adlcp:scormType"),
     "scormType is the spelling of the other SCORM version"),
    ("scorm2004", _swap(b"adlcp:scormType", b"adlcp:scormtype"),
     "scormtype is the spelling of the other SCORM version"),
    ("scorm12", lambda n, d: None if n == "assets/style.css" else (n, d),
     "href 'assets/style.css' is not in the package"),
    ("scorm12", lambda n, d: ("assets/quiz js.js" if n == "assets/quiz.js" else n,
                              d.replace(b'"assets/quiz.js"', b'"assets/quiz js.js"')),
     "has a space"),
    ("scorm2004", _swap(b'identifier="RES-runtime"', b'identifier="RES-files"'),
     "identifier 'RES-files' is used twice"),
    ("imscc", _swap(b'<?xml version="1.0" encoding="UTF-8"?>',
                    b'<?xml version="1.0" encoding="UTF-8"?>\n<!--' + b"x" * 500 + b"-->",
                    "imsmanifest.xml"),
     "not within the first 500 bytes"),
    ("imscc", _swap(b"cc.fib.v0p1", b"cc.pattern_match.v0p1"),
     "question type 'cc.pattern_match.v0p1' is not one that Moodle and Canvas import"),
    ("imscc", lambda n, d: (f"course/{n}", d), "found course/imsmanifest.xml"),
    ("scorm12", lambda n, d: ("scorm/extra.js" if n == "scorm/runtime.js" else n, d),
     "scorm/extra.js: in the package but listed by no resource"),
]


@pytest.mark.parametrize(
    ("fmt", "change", "expected"), BROKEN,
    ids=["12-spelling", "2004-spelling", "missing-file", "space", "duplicate-id",
         "cc-namespace-late", "question-type", "nested-manifest", "unlisted-file"])
def test_check_finds_broken_packages(course_model: Course, tmp_path: Path, fmt: str,
                                     change: Callable, expected: str) -> None:
    (path,) = build(course_model, tmp_path, frozenset({fmt}))
    assert check_packages(tmp_path, Path("/nonexistent")) == []
    rewrite(path, change)
    problems = check_packages(tmp_path, Path("/nonexistent"))
    assert any(expected in p for p in problems), problems
    assert all(p.startswith(f"lms/{path.name}: ") for p in problems)


def test_schemas_reject_what_they_should(course_model: Course, tmp_path: Path,
                                         schemas: Path) -> None:
    paths = build(course_model, tmp_path, frozenset({"scorm12", "imscc"}))
    manifest = members(paths[0])["imsmanifest.xml"]
    broken = manifest.replace(b"<schemaversion>1.2</schemaversion>", b"<version>1.2</version>")
    assert any("version" in p for p in validate(schemas, "scorm12", broken))
    # the CC QTI profile's own rules: a multiple choice needs three choices
    qti = members(paths[1])["checks/m01-water-cycle/assessment.xml"]
    two_choice = qti.replace(b"cc.true_false.v0p1", b"cc.multiple_choice.v0p1")
    assert any("three" in p.lower() or "response label" in p.lower()
               for p in validate(schemas, "cc11-qti", two_choice))
    rewrite(paths[1], _swap(b'type="webcontent"', b'type="web content"', "imsmanifest.xml"))
    assert any("imsmanifest.xml: line" in p for p in check_packages(tmp_path, schemas))


def test_check_without_schemas_says_why(built: Path, caplog: pytest.LogCaptureFixture) -> None:
    assert check_packages(built, built / "no-schemas") == []
    assert "not validated against their schemas" in caplog.text
    assert check_packages(built / "nowhere") == []


# --- pyslet's Common Cartridge profile test suite ---------------------------


def _pyslet_results(path: Path) -> unittest.TestResult:
    imscp = pytest.importorskip("pyslet.imscpv1p2", reason="pyslet is not installed")
    from pyslet.imscc_profilev1p0 import CCTestSuite, CommonCartridge

    class Manifest(imscp.ManifestDocument):  # type: ignore[misc,name-defined]
        """pyslet knows the CC 1.0 manifest, which is in the IMS CP 1.1
        namespace; CC 1.1 has a namespace of its own for the same elements."""

        def get_element_class(self, name: tuple[str, str]) -> type:
            if name[0] == CC11:
                name = (imscp.IMSCP_NAMESPACE, name[1])
            return super().get_element_class(name)

    class Package(imscp.ContentPackage):  # type: ignore[misc,name-defined]
        ManifestDocumentClass = Manifest

    cartridge = CommonCartridge(Package(str(path)))
    try:
        assert cartridge.cwcList
        result = unittest.TestResult()
        suite = CCTestSuite(cartridge)
        suite.run(result)
        assert result.testsRun == suite.countTestCases() >= 8
        return result
    finally:
        cartridge.close()


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_pyslet_cc_test_suite_passes(built: Path) -> None:
    result = _pyslet_results(built / "lms" / "water-on-earth.imscc")
    assert result.wasSuccessful(), result.failures + result.errors


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_pyslet_cc_test_suite_catches_a_stray_file(built: Path) -> None:
    path = built / "lms" / "water-on-earth.imscc"
    files = members(path)
    # a page that lists a file inside a discussion topic's folder breaks rule 1.4
    files["discussions/m01-water-cycle/note.txt"] = b"stray"
    files["imsmanifest.xml"] = files["imsmanifest.xml"].replace(
        b'<file href="index.html"/>',
        b'<file href="index.html"/>\n<file href="discussions/m01-water-cycle/note.txt"/>')
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    result = _pyslet_results(path)
    failed = {test.id().rsplit(".", 1)[-1] for test, _ in result.failures}
    assert "test_1_4_web_content_1" in failed


# --- determinism of identifiers ----------------------------------------------


def test_identifiers_come_from_slug_and_module_ids(built: Path, tmp_path: Path) -> None:
    raw = members(built / "lms" / "water-on-earth-scorm2004.zip")["imsmanifest.xml"].decode()
    ids = re.findall(r'identifier="([^"]+)"', raw)
    assert ids[:3] == ["MANIFEST-water-on-earth-scorm2004", "ORG-water-on-earth", "ITEM-home"]
    assert "ITEM-m01-water-cycle" in ids and "RES-m02-conclusion" in ids
    assert len(ids) == len(set(ids))


def test_numeric_slug_still_gives_valid_ids(course_model: Course, tmp_path: Path) -> None:
    course = dataclasses.replace(course_model, slug="2026-water", config=Config())
    build(course, tmp_path, frozenset({"scorm12", "imscc"}))
    assert check_packages(tmp_path, Path("/nonexistent")) == []
    manifest = members(tmp_path / "lms" / "2026-water-scorm12.zip")["imsmanifest.xml"]
    assert b'identifier="MANIFEST-2026-water-scorm12"' in manifest


def test_progress_is_reported(course_model: Course, tmp_path: Path, recorder) -> None:
    make_site(course_model, tmp_path)
    package(course_model, tmp_path, frozenset({"scorm12", "qti"}), recorder)
    assert recorder.calls == [("package", 2), ("package", -1), ("package", -1)]


def test_output_zip_written_whole(built: Path) -> None:
    assert not list((built / "lms").glob("*.part"))
    for path in (built / "lms").glob("*.zip"):
        assert zipfile.ZipFile(io.BytesIO(path.read_bytes())).testzip() is None


# --- golden files ---------------------------------------------------------------

GOLDEN = Path(__file__).resolve().parent / "golden" / "package"
GOLDEN_FILES = {
    "scorm12-imsmanifest.xml": ("water-on-earth-scorm12.zip", "imsmanifest.xml"),
    "scorm2004-imsmanifest.xml": ("water-on-earth-scorm2004.zip", "imsmanifest.xml"),
    "imscc-imsmanifest.xml": ("water-on-earth.imscc", "imsmanifest.xml"),
    "imscc-topic.xml": ("water-on-earth.imscc", "discussions/m01-water-cycle/topic.xml"),
    "imscc-assessment.xml": ("water-on-earth.imscc", "checks/m01-water-cycle/assessment.xml"),
    "qti-imsmanifest.xml": ("water-on-earth-qti.zip", "imsmanifest.xml"),
}


def _golden_outputs(lms: Path) -> dict[str, bytes]:
    outputs = {name: members(lms / pkg)[member] for name, (pkg, member) in GOLDEN_FILES.items()}
    listing = []
    for path in sorted(lms.iterdir()):
        if path.suffix in (".zip", ".imscc"):
            with zipfile.ZipFile(path) as archive:
                listing += [f"{path.name}: {n}" for n in archive.namelist()]
    outputs["entries.txt"] = ("\n".join(listing) + "\n").encode()
    outputs["moodle.xml"] = (lms / "water-on-earth-moodle.xml").read_bytes()
    outputs["gift.txt"] = (lms / "water-on-earth-gift.txt").read_bytes()
    return outputs


def test_golden_files(built: Path) -> None:
    """The sample course's manifests, entry lists and banks must not drift.
    Regenerate on purpose with ``UPDATE_GOLDEN=1 pytest tests/test_package.py``."""
    import os

    outputs = _golden_outputs(built / "lms")
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.mkdir(parents=True, exist_ok=True)
        for name, content in outputs.items():
            (GOLDEN / name).write_bytes(content)
    for name, content in outputs.items():
        golden = GOLDEN / name
        assert golden.is_file(), f"{golden} is missing: run with UPDATE_GOLDEN=1"
        assert content.decode() == golden.read_text("utf-8"), name


def test_lms_titles_use_the_course_language_and_overrides(tmp_path: Path) -> None:
    import tomllib

    from builder.config import SiteConfig

    from .conftest import sample_course

    course = sample_course(tmp_path / "course", language="fr")
    french = tomllib.loads((Path(__file__).parents[1] / "templates/strings/fr.toml").read_text())
    config = dataclasses.replace(course.config,
                                 site=SiteConfig(strings={"course_home": "Start here"}))
    course = dataclasses.replace(course, config=config)
    build(course, tmp_path / "out", frozenset({"imscc", "scorm2004"}))
    cartridge = members(tmp_path / "out/lms/water-on-earth.imscc")
    manifest = cartridge["imsmanifest.xml"].decode()
    assert f"<title>{french['knowledge_check']}: The Water Cycle</title>" in manifest
    assert f"<title>{french['discussion']}: Conclusion</title>" in manifest
    assert "<title>Start here</title>" in manifest
    scorm = members(tmp_path / "out/lms/water-on-earth-scorm2004.zip")["imsmanifest.xml"]
    assert b"<title>Start here</title>" in scorm


def test_schema_folder_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("COURSEPACK_SCHEMAS", str(tmp_path / "missing"))
    folder, why = find_schemas()
    assert folder is None and "missing" in why and "COURSEPACK_SCHEMAS" in why
    monkeypatch.delenv("COURSEPACK_SCHEMAS")
    default, _ = find_schemas()
    if default is None:
        pytest.skip("no schemas at ../shared/lms-schemas")
    monkeypatch.setenv("COURSEPACK_SCHEMAS", str(default))
    assert find_schemas() == (default, "")


# --- fill-in items with several right answers ----------------------------------


def test_fill_in_variants_are_schema_valid_and_all_scored(course_model: Course, tmp_path: Path,
                                                           schemas: Path) -> None:
    from lxml import etree

    from builder.model import QuizItem

    qti = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
    item = QuizItem("fill_blank", "Operations need _____ & trust.", (), "long-term peace",
                    "The reading says “long-term peace” <needs> trust.",
                    accept=("long term peace", "peace’s “long term”"))
    first = dataclasses.replace(course_model.modules[0], quiz=(item,))
    course = dataclasses.replace(course_model, modules=(first, course_model.modules[1]))
    (path,) = build(course, tmp_path, frozenset({"imscc"}))
    assessment = members(path)["checks/m01-water-cycle/assessment.xml"]
    assert validate(schemas, "cc11-qti", assessment) == []
    assert check_packages(tmp_path, schemas) == []
    conditions = etree.fromstring(assessment).findall(f".//{qti}respcondition")
    assert len(conditions) == 2  # one for every right answer, one for the rest
    keys = [k.text for k in conditions[0].findall(f"{qti}conditionvar/{qti}varequal")]
    assert keys[:4] == ["long-term peace", "long-term peace.", "the long-term peace",
                        "the long-term peace."]
    assert {"long term peace", "peace’s “long term”", "peace's \"long term\"",
            "the peace's \"long term\"."} <= set(keys)
    assert len(keys) == len({k.casefold() for k in keys})  # case="No": no duplicates
    # the profile's rule 6c (the varequals name the response_str) is checked
    broken = assessment.replace(b'<varequal respident="response1"', b'<varequal respident="x"')
    assert broken != assessment
    assert any("6c" in p for p in validate(schemas, "cc11-qti", broken))


def test_no_schemas_reason_names_how_they_were_asked_for(tmp_path: Path, monkeypatch) -> None:
    from builder.package import schemas

    monkeypatch.setattr(schemas, "CHECKOUT_SCHEMAS", tmp_path / "none")
    monkeypatch.delenv("COURSEPACK_SCHEMAS", raising=False)
    assert find_schemas()[1] == ("no LMS schemas given; use --schemas DIR or set "
                                 "COURSEPACK_SCHEMAS")
    assert find_schemas(tmp_path / "given")[1] == (
        f"no LMS schemas at {tmp_path / 'given'}, the folder given with --schemas")
    monkeypatch.setenv("COURSEPACK_SCHEMAS", str(tmp_path / "env"))
    assert find_schemas()[1] == (
        f"no LMS schemas at {tmp_path / 'env'}, the folder COURSEPACK_SCHEMAS names")


def test_moodle_quiz_size_warning(course_model: Course, tmp_path: Path,
                                  caplog: pytest.LogCaptureFixture) -> None:
    first = course_model.modules[0]
    four = dataclasses.replace(first, quiz=(first.quiz * 4)[:4])
    two = dataclasses.replace(course_model.modules[1], quiz=(first.quiz * 2)[:2])
    course = dataclasses.replace(course_model, modules=(four, two))
    with caplog.at_level("WARNING", logger="builder"):
        build(course, tmp_path / "a", frozenset({"imscc"}))
    assert "out of 4 questions" in caplog.text and "'Conclusion' has 2 (5/10)" in caplog.text
    assert "Water Cycle" not in caplog.text.split("out of 4")[1]
    caplog.clear()
    cc13 = dataclasses.replace(course, config=dataclasses.replace(
        course.config, lms=LmsConfig(cc_version="1.3")))
    with caplog.at_level("WARNING", logger="builder"):
        build(cc13, tmp_path / "b", frozenset({"imscc"}))
    assert "out of 4 questions" not in caplog.text  # Moodle does not import CC 1.3
