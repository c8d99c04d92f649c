"""The command line: parses options and calls the pipeline, nothing more."""

from __future__ import annotations

import contextlib
import os
import shlex
import signal
import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

import click

from . import __version__
from .errors import BuildError
from .formats import FORMATS
from .progress import NullProgress, Progress
from .wording import count, sentence

if TYPE_CHECKING:
    from . import pipeline


def _formats(ctx: click.Context, param: click.Parameter, value: str | None) -> frozenset[str]:
    from . import pipeline  # imported when needed: --help and --version stay fast

    try:
        return pipeline.parse_formats(value)
    except BuildError as exc:
        raise click.BadParameter(exc.message) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="coursepack")
def cli() -> None:
    """coursepack: turn essays in Markdown into a complete course pack."""


@cli.command()
@click.argument("course_dir", default="course", type=click.Path(path_type=Path))
@click.option(
    "--out", "out", default="build", type=click.Path(path_type=Path), show_default=True,
    help="Output folder (a relative one is relative to the current folder); replaced only "
         "when the whole build succeeds.",
)
@click.option(
    "--jobs", "-j", type=click.IntRange(min=1), default=None,
    help="PDF handouts laid out in parallel. [default: number of cores]",
)
@click.option(
    "--format", "formats", default=None, callback=_formats, metavar="LIST",
    help="Comma-separated outputs: " + ",".join(FORMATS) + " or all. [default: all]",
)
@click.option("--strict", is_flag=True, help="Fail the build on any warning.")
@click.option("--quiet", "-q", is_flag=True, help="No progress display or summary.")
@click.option("--verbose", "-v", is_flag=True,
              help="Tell what each stage did and how long it took, and which optional "
                   "models the teaching material used.")
def build(
    course_dir: Path,
    out: Path,
    jobs: int | None,
    formats: frozenset[str],
    strict: bool,
    quiet: bool,
    verbose: bool,
) -> None:
    """Build the course in COURSE_DIR (default: course) into --out."""
    from . import pipeline
    from .display import LiveProgress, interactive

    setup_logging(verbose)
    live = interactive(quiet)
    display: contextlib.AbstractContextManager[Progress] = (
        LiveProgress() if live else contextlib.nullcontext(NullProgress())
    )
    with display as progress:
        result = pipeline.build(
            course_dir, out, formats, jobs, progress, strict, display_dir=str(course_dir)
        )
    if not quiet:
        click.echo(_summary(result))


@cli.command("plan")
@click.argument("course_dir", default="course", type=click.Path(path_type=Path))
@click.option("--update", is_flag=True,
              help="Add drafts for new and changed modules to an existing plan.yaml.")
def plan_command(course_dir: Path, update: bool) -> None:
    """Write COURSE_DIR/plan.yaml: the generated material, for you to review and edit."""
    from .commands.plan import write_plan

    setup_logging(False)
    click.echo(write_plan(course_dir, str(course_dir), update))


@cli.command()
@click.argument("course_dir", default="course", type=click.Path(path_type=Path))
@click.option(
    "--out", "out", default=None, type=click.Path(path_type=Path),
    help="Also check the outputs of an earlier build in this folder.",
)
@click.option(
    "--schemas", type=click.Path(path_type=Path, file_okay=False), default=None,
    help="Folder of the official LMS schemas. [default: $COURSEPACK_SCHEMAS]",
)
@click.option("--strict", is_flag=True, help="Fail on flaws in the teaching material too.")
def check(course_dir: Path, out: Path | None, schemas: Path | None, strict: bool) -> None:
    """Validate the sources in COURSE_DIR and, with --out, the built outputs."""
    from .check import check as run

    setup_logging(False)
    report = run(course_dir, str(course_dir), out, schemas)
    for flaw in report.flaws:
        click.echo(f"Flaw: {sentence(flaw)}")
    for problem in report.problems:
        click.echo(f"Problem: {sentence(problem)}")
    summary = (
        f"Checked {', '.join(report.checked)}: {count(report.modules, 'module')}, "
        f"{count(len(report.problems), 'problem')}, "
        f"{count(len(report.flaws), 'flaw')} in the teaching material."
    )
    if report.problems:
        raise BuildError(summary, None, "Fix the problems listed above")
    if report.flaws and strict:
        raise BuildError(summary, None,
                         "Fix the flaws listed above, or check without --strict")
    click.echo(summary)


@cli.command()
@click.argument("new_dir", type=click.Path(path_type=Path))
def init(new_dir: Path) -> None:
    """Make NEW_DIR a new course: course.toml and a starter essay."""
    from .scaffold import init_course

    for path in init_course(new_dir):
        click.echo(f"Wrote {path}")
    command = f"coursepack build {shlex.quote(str(new_dir))}"
    click.echo(f"Edit {new_dir / 'essay.md'} (or replace it with a Word document, .docx), "
               f"then run: {command}")


@cli.command()
@click.argument("course_dir", default="course", type=click.Path(path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on; 0 picks a free one.")
def serve(course_dir: Path, host: str, port: int) -> None:
    """Preview COURSE_DIR's site on localhost, rebuilding on save; review its
    teaching material at /_review/ (changes go to plan.yaml)."""
    from .serve import serve as run

    setup_logging(False)
    run(course_dir, str(course_dir), host, port)


def setup_logging(verbose: bool) -> None:
    from .display import setup_logging as setup  # rich is slow to import: only when needed

    setup(verbose)


def _summary(result: pipeline.BuildResult) -> str:
    course = result.course
    wp = result.stage_seconds.get("weasyprint", 0.0)
    pdf = f", {count(result.pdf_pages, 'PDF page')}" if result.pdf_pages else ""
    share = f" ({wp:.1f} s in WeasyPrint)" if wp else ""
    warn = f", {count(result.warnings, 'warning')}" if result.warnings else ""
    return (
        f"Built '{course.title}': {count(len(course.modules), 'module')}{pdf}, "
        f"{count(len(result.files), 'file')} in {result.out} in {result.seconds:.1f} s"
        f"{share}{warn}."
    )


class Stopped(BaseException):
    """Ctrl-C or SIGTERM: unwind (temporary folders are removed on the way)
    and exit 128 + the signal number."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.code = 128 + signum


def _on_signal(signum: int, frame: object) -> None:
    if os.getpid() != _MAIN_PID[0]:
        os._exit(128 + signum)  # a worker process: the parent cleans up
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, signal.SIG_IGN)  # once: let the clean-up finish
    import multiprocessing

    for child in multiprocessing.active_children():
        child.terminate()
    raise Stopped(signum)


_MAIN_PID = [0]


def main() -> None:
    """Entry point: a bug exits 1 with a short message (the traceback with
    COURSEPACK_TRACEBACK=1); bad input exits 2 (click prints BuildError);
    Ctrl-C and SIGTERM stop at once, clean up and exit 130 and 143."""
    _MAIN_PID[0] = os.getpid()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, _on_signal)
    try:
        cli.main(prog_name="coursepack", standalone_mode=True)
    except Stopped as stop:
        click.echo(f"Stopped ({signal.Signals(stop.code - 128).name}).", err=True)
        sys.exit(stop.code)
    except Exception as exc:  # anything click did not handle is a bug
        if os.environ.get("COURSEPACK_TRACEBACK"):
            traceback.print_exc()
        click.echo(
            f"Error: unexpected failure ({type(exc).__name__}: {exc}). This is a bug in "
            "coursepack; please report it with the output of the same command run with "
            "COURSEPACK_TRACEBACK=1.",
            err=True,
        )
        sys.exit(1)
