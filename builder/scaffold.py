"""``coursepack init``: a new course folder with a settings file and a
starter essay that already builds into a small course. It shows the two ways
in: the essay in Markdown, and (in its introduction and course.toml) a note
on dropping a Word document in its place."""

from __future__ import annotations

from pathlib import Path

from .errors import BuildError

COURSE_TOML = """\
# Settings for this course. Every key is optional: delete what you do not need.
title = "{title}"
author = ""
language = "en"          # BCP 47: "en", "fr", "ar", ...
license = "CC BY 4.0"

[plan]
# The readings: every .md, .docx, .odt, .html and .txt file in this folder, by name (a Word
# document can take the place of essay.md), unless you list them: readings = ["essay.docx"]
# Modules take 4 to 20 minutes to read: shorter sections are grouped into one module,
# longer ones split. This starter essay is short; 0 keeps every section a module.
min_minutes = 0

[pdf]
page_size = "A4"         # or "Letter"

[pedagogy]
backend = "rules"        # offline and deterministic
objectives = 2           # per module, counting the ones you write (2-4)
questions = 2            # discussion questions per module (2-4)
quiz_items = 3           # knowledge-check items per module (3-6)
"""

ESSAY = """\
# {title}

## Introduction

This starter essay is the source of your course: replace it with your own text. coursepack
reads the course title from the first heading, turns this introduction into the course
overview, and makes a module of every section that follows. Each module gets learning
objectives, discussion questions, a knowledge check and key terms drawn from its own text.
The blocks marked coursepack hold material you write yourself: it always comes first, and the
generated material fills the remaining places. Generated material is a draft: run coursepack
plan to review it in plan.yaml, where every item can be edited or dropped.

Your essay does not have to be Markdown. To start from a Word document, save it in this folder
as a .docx file in place of essay.md (delete essay.md) and build again: its Title style gives
the course title and its Heading 1, 2 and 3 styles give the sections. An OpenDocument text
(.odt), a web page (.html) or plain text (.txt) works the same way. Reading Word, OpenDocument
and web pages needs pandoc, from the optional import extra: pip install 'coursepack[import]'.

## Evaporation and Condensation

Evaporation is the process by which liquid water turns into water vapour. The sun heats the
surface of oceans, lakes and rivers, and the warmest molecules escape into the air. Plants add
more vapour through their leaves, a process called transpiration. Warm air can hold more
vapour than cold air, so evaporation is fastest on hot, dry and windy days.

Condensation is the reverse change. As moist air rises, it expands and cools, and the vapour
condenses into tiny droplets around particles of dust, salt and smoke. Billions of these
droplets form a cloud. Dew on grass in the early morning forms the same way, because the
ground cools during the night and the air touching it cools too.

```coursepack
objectives:
  - Describe how the sun and plants move water from the surface into the air.
  - Compare evaporation and condensation as changes of state.
discussion:
  - text: Dew forms on grass on a clear night but not on a cloudy one. How would you explain the
      difference with what the reading says about condensation?
    bloom: analyze
    note: A strong answer says that the ground cools more under a clear sky, so the air touching
      it cools enough for its vapour to condense.
    assesses: [2]
  - text: On which kind of day would a puddle disappear fastest, and what in the reading tells
      you so?
    bloom: analyze
    note: A strong answer names a hot, dry and windy day and connects each condition to the
      reading's explanation of evaporation.
    assesses: [1]
quiz:
  - stem: What is transpiration?
    choices:
      - Clouds forming around particles of dust and salt
      - Plants giving off water vapour through their leaves
      - Rivers carrying rain back to the sea
      - Ice crystals growing inside cold clouds
    answer: Plants giving off water vapour through their leaves
    feedback: 'The reading says: “Plants add more vapour through their leaves, a process called
      transpiration.”'
    assesses: [1]
  - stem: Condensation is the change from liquid water into water vapour.
    kind: true_false
    answer: false
    feedback: 'False: that change is evaporation. The reading says: “Condensation is the reverse
      change.”'
    assesses: [2]
  - stem: Warm air can hold _____ vapour than cold air.
    kind: fill_blank
    answer: more
    accept: [much more]
    feedback: 'The reading says: “Warm air can hold more vapour than cold air.”'
    assesses: [1, 2]
```

## Precipitation and Runoff

Precipitation is water that falls from clouds as rain, snow, sleet or hail. Droplets in a
cloud collide and merge until they are too heavy for the rising air to hold, and then they
fall. In cold clouds, ice crystals grow at the expense of the droplets around them and fall as
snow, which melts into rain if the air below is warm.

Water that reaches the ground either soaks into the soil or flows over it as runoff. Runoff
fills streams and rivers that carry water back to the sea. Soil that is already wet, frozen or
covered by roads and roofs absorbs little water, so heavy rain on a city causes more runoff
and more floods than the same rain on a forest.

```coursepack
objectives:
  - Explain how droplets in a cloud become rain or snow.
  - Contrast the runoff from a city and from a forest after the same heavy rain.
discussion:
  - text: Why can the same storm fall as snow on a mountain and as rain in the valley below?
    bloom: analyze
    note: A strong answer explains that snow melts into rain when the air below the cloud is
      warm, and that the air is colder higher up.
    assesses: [1]
  - text: A town plans to pave a meadow for a car park. What would the reading say about the
      runoff after heavy rain, and what would you warn the town about?
    bloom: evaluate
    note: A strong answer uses the reading's point that paved ground absorbs little water, so
      heavy rain causes more runoff and floods downstream.
    assesses: [2]
quiz:
  - stem: Droplets in a cloud collide and _____ until the rising air can no longer hold them.
    kind: fill_blank
    answer: merge
    feedback: 'The reading says: “Droplets in a cloud collide and merge until they are too heavy
      for the rising air to hold.”'
    assesses: [1]
  - stem: Why does heavy rain on a city cause more runoff than the same rain on a forest?
    choices:
      - Cities receive colder rain
      - Forests grow on frozen ground
      - Roads and roofs absorb little water
      - Rivers flow faster in cities
    answer: Roads and roofs absorb little water
    feedback: 'The reading says that soil “covered by roads and roofs absorbs little water”.'
    assesses: [2]
  - stem: Snow that falls through warm air can reach the ground as rain.
    kind: true_false
    answer: true
    feedback: 'True. The reading says snow “melts into rain if the air below is warm”.'
    assesses: [1]
terms:
  - term: runoff
    definition: Rain or meltwater that flows over the ground instead of soaking into it.
```

## Why the Cycle Matters

The water cycle links the oceans, the air and the land into one system. It delivers fresh
water to farms and cities, because evaporation leaves the salt of the sea behind. It also moves
heat around the planet: water absorbs heat when it evaporates and releases it when it condenses,
which warms the air high in storms. When people change one part of the cycle, for example by
paving land or cutting forests, the other parts change too.

```coursepack
summary: The water cycle ties oceans, air and land into one system that brings fresh water to
  the land and carries heat around the planet.
objectives:
  - Summarize how the water cycle delivers fresh water to the land.
  - Evaluate the claim that changing one part of the water cycle changes the others.
discussion:
  - text: The reading says that paving land or cutting forests changes the whole water cycle.
      Using the earlier modules, what would change when a forest becomes a city?
    bloom: evaluate
    note: A strong answer follows the water through the cycle (less transpiration, more runoff
      and floods, less water soaking into the soil) and asks what evidence would show each change.
    assesses: [2]
  - text: Which part of the water cycle matters most where you live, and why?
    bloom: evaluate
    note: A strong answer names a local source of water or a local risk (drought, floods) and
      traces it to evaporation, precipitation or runoff.
    assesses: [1, 2]
quiz:
  - stem: Evaporation leaves the salt of the sea behind.
    kind: true_false
    answer: true
    feedback: 'The reading says the cycle delivers fresh water “because evaporation leaves the salt
      of the sea behind”.'
    assesses: [1]
  - stem: When does water release heat into the air?
    choices: [When it condenses, When it evaporates, When it soaks into soil, When it freezes]
    answer: When it condenses
    feedback: 'The reading says water “releases it when it condenses, which warms the air high in
      storms”.'
    assesses: [2]
  - stem: Cutting forests changes only the part of the water cycle that happens on land.
    kind: true_false
    answer: false
    feedback: 'False: the reading says that when people change one part of the cycle, “the other
      parts change too”.'
    assesses: [2]
terms:
  - term: water cycle
    definition: The movement of water between the oceans, the air and the land, by evaporation,
      condensation, precipitation and runoff.
```
"""


def init_course(new_dir: Path) -> list[Path]:
    """Write a starter course into ``new_dir`` (which must be new or empty)."""
    if new_dir.exists() and (not new_dir.is_dir() or any(_entries(new_dir))):
        raise BuildError(
            f"{new_dir} already exists and is not empty",
            None,
            "Choose a new folder name, e.g. coursepack init my-course",
        )
    title = new_dir.name.replace("-", " ").replace("_", " ").strip().title() or "My Course"
    title = title.replace("\\", "").replace('"', "")  # it goes into a TOML string
    files = {
        new_dir / "course.toml": COURSE_TOML.format(title=title),
        new_dir / "essay.md": ESSAY.format(title=title),
    }
    try:
        new_dir.mkdir(parents=True, exist_ok=True)
        for path, text in files.items():
            path.write_text(text, encoding="utf-8")
    except (OSError, UnicodeEncodeError) as exc:
        reason = getattr(exc, "strerror", None) or type(exc).__name__
        if isinstance(exc, FileExistsError | NotADirectoryError):
            reason = "a file stands where a folder is needed"
        raise BuildError(f"cannot create the course folder {new_dir} ({reason})", None,
                         "Choose a folder you can write to, e.g. coursepack init my-course"
                         ) from None
    return list(files)


def _entries(folder: Path) -> list[Path]:
    try:
        return list(folder.iterdir())
    except OSError:
        return [folder]  # unreadable: not an empty folder we may fill
