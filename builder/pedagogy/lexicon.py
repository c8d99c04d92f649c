"""Small hand-made word lists the rules backend needs (English only).

Kept here, apart from the code, so a reviewer can read them at a glance.
"""

from __future__ import annotations

import re

from ..model import Bloom

# PEDAGOGY.md's measurable verbs per level (revised Bloom, Anderson & Krathwohl 2001).
BLOOM_VERBS: dict[Bloom, tuple[str, ...]] = {
    "remember": ("define", "identify", "list", "name", "recall", "recognize", "state"),
    "understand": ("describe", "explain", "summarize", "classify", "interpret", "paraphrase"),
    "apply": ("apply", "demonstrate", "use", "solve", "implement", "illustrate"),
    "analyze": ("analyze", "compare", "contrast", "distinguish", "examine", "differentiate"),
    "evaluate": ("evaluate", "assess", "justify", "critique", "judge", "argue", "defend"),
    "create": ("propose", "design", "formulate", "develop", "construct", "plan"),
}
# Verbs of a hands-on task that PEDAGOGY.md's list lacks ('Redirect a command's output
# to a file', 'Combine sequences of commands'): doing it is applying (Bloom: apply).
TASK_VERBS = frozenset(
    """redirect combine run write execute pipe chain sort filter count calculate compute
    convert load install configure plot select navigate edit open save export import
    reproject transform build perform record create read copy move rename delete search
    query join merge split extract replace add remove""".split()
)
VAGUE_VERBS = frozenset(
    {"understand", "know", "learn", "appreciate", "realize", "realise", "be", "see", "grasp"}
)

STOPWORDS = frozenset(
    """a about above after again against all almost also although always am among an and any
    are aren't as at be because been before being below between both but by can cannot could
    did do does doing done down during each either else even ever every few for from further
    had has have having he her here hers herself him himself his how however i if in into is
    isn't it it's its itself just least less let like many may me might more most much must my
    myself neither no nor not now of off often on once one only or other others otherwise our
    ours ourselves out over own per perhaps quite rather same several shall she should since so
    some such than that the their theirs them themselves then there therefore these they this
    those though through thus to too under until up upon us very via was wasn't we well were
    what whatever when where whereas whether which while who whom whose why will with within
    without would yet you your yours yourself yourselves etc e.g i.e still already back
    first second third new whereby towards toward across along around
    beyond despite among amongst onto behind alongside unto via vs versus""".split()
)

# Words that carry little meaning on their own: never a key term or a blank.
GENERIC = frozenset(
    """example examples way ways part parts time times thing things lot lots kind kinds case
    cases number numbers people person year years today day days fact facts matter means
    result results question questions point points order aspect aspects area areas type types
    sort sorts level levels form forms use uses place places instance instances step steps
    beginning end side sides reason reasons word words chapter section post book essay
    reading text idea ideas something anything everything nothing someone anyone course
    practice practices issue issues approach approaches term terms process processes
    example lesson lessons addition general words others work works variety range set sets
    group groups
    other various certain different important notable major main key further similar""".split()
)

# Verbs (and verb-like words) that end a noun-phrase candidate.
VERBS = frozenset(
    """is are was were be been being am has have had do does did can could may might must shall
    should will would make makes made help helps helped show shows showed shown use used uses
    using get gets got give gives gave take takes took go goes went come comes came become
    becomes became include includes included seem seems seemed provide provides provided allow
    allows allowed create creates created bring brings brought drive drives find finds found
    say says said think thinks thought know knows knew want wants wanted need needs needed
    require requires required lead leads led call called consider considers considered
    contain contains contained reflect reflects reflected pave paves paved mean means meant
    serve serves served receive receives received keep keeps kept remain remains remained
    exist exists existed appear appears appeared tend tends""".split()
)

# Common verbs that are rarely nouns; their -s/-ed/-ing forms are added below.
_VERB_BASES = """promote underline underlines abide share shares strengthen weaken enable reveal
    suggest
    argue explain describe discuss depend involve develop produce encourage represent
    contribute bind binds infect encode determine identify indicate affect continue occur
    emerge happen begin began begun extend express receive obtain recognize recognise reduce
    ensure involve publish allow discover visualize visualise compare combine remain refuse
    succeed pursue investigate exemplify exemplifies signify signifies shape shapes drive
    attributing operate declare believe believed clarify vouch advocate achieve assess
    recommend commit consist comprise translate synthesize facilitate evaluate implement
    establish maintain enter interact cluster infect evolve separate restrict prevent
    fuse cleave bind enhance mediate""".split()


def _forms(base: str) -> set[str]:
    stem = base[:-1] if base.endswith("e") else base
    out = {base, base + "s", stem + "ed", stem + "ing"}
    if base.endswith("y"):
        out |= {base[:-1] + "ies", base[:-1] + "ied"}
    return out


VERBS = VERBS | frozenset(w for b in _VERB_BASES for w in _forms(b))

QUANTIFIERS = frozenset(
    """numerous many several various diverse multiple other certain some few countless
    most all each every particular one two three four five six seven eight nine ten
    best least worst last additional further extra similar same respective aforementioned
    latter former following""".split()
)

# Adjectives ending in -ed that are not verbs.
ED_ADJECTIVES = frozenset(
    """advanced detailed limited related based skilled informed united organized structured
    enveloped conserved diversified experienced sophisticated""".split()
)

# Modifiers that say nothing about which thing is meant ('a given projection' is
# 'a specific projection'): a phrase starting with one is no blank, option or swap.
VAGUE_MODIFIERS = frozenset(
    """given specific particular certain good great common new different various whole full
    single other next last first recent main major key important useful interesting wide real
    general typical usual overall entire additional further same own such few many several
    more most best better little big nice bad fine right wrong proper simple basic broad
    unique little quick""".split()
)
# Head nouns too general to blank: 'an open-source answer', 'a good discussion'.
VAGUE_HEADS = frozenset(
    "answer answers discussion discussions solution solutions option options analogy "
    "overview summary introduction idea ideas".split()
)

DISCOURSE_MARKERS = (
    "for example",
    "for instance",
    "however",
    "additionally",
    "moreover",
    "furthermore",
    "in fact",
    "indeed",
    "of course",
    "instead",
    "thus",
    "therefore",
    "in other words",
    "in addition",
    "similarly",
    "consequently",
    "as a result",
    "in retrospect",
    "crucially",
    "unfortunately",
    "most importantly",
    "as discussed above",
    "as mentioned",
    "also",
    "yet",
    "but",
    "so",
    "and",
    "first",
    "then",
    "firstly",
    "secondly",
    "finally",
    "nonetheless",
    "nevertheless",
    "meanwhile",
    "after all",
    "in the end",
    "by contrast",
    "in contrast",
    "on the contrary",
    "in turn",
    "in short",
    "in sum",
    "at the same time",
    "in particular",
    "now",
    "on the other hand",
    # a pointer to the reader, not part of the claim ('Note that wc *.pdb also shows ...')
    "note that",
    "notice that",
    "remember that",
    "recall that",
    "keep in mind that",
    "bear in mind that",
    "it is worth noting that",
    "it is important to note that",
    "it should be noted that",
    "in short",
    "likewise",
    "accordingly",
    "hence",
    "notably",
    "importantly",
    "again",
)
ANAPHORA = frozenset("such this these those either same aforementioned latter former".split())
PERSON_VERBS = frozenset(
    """said says argued argues wrote writes noted notes declared explained believed claimed
    thought feared called asked added observed warned insisted admitted remarked replied
    suggested concluded was""".split()
)

PRONOUN_STARTS = frozenset(
    """it its they their them this these those he she his her him such both that there here
    we our us you your i my me one another others which who""".split()
)
FIRST_SECOND_PERSON = frozenset("we our ours us ourselves we're we've".split())
NEGATIONS = frozenset("not no never nor n't cannot none neither nothing nobody".split())

# One meaningful substitution for a false true/false statement. Each pair goes both ways.
ANTONYM_PAIRS = (
    ("increase", "decrease"),
    ("increases", "decreases"),
    ("increased", "decreased"),
    ("strengthen", "weaken"),
    ("strengthens", "weakens"),
    ("strengthened", "weakened"),
    ("high", "low"),
    ("higher", "lower"),
    ("highest", "lowest"),
    ("large", "small"),
    ("larger", "smaller"),
    ("largest", "smallest"),
    ("early", "late"),
    ("earlier", "later"),
    ("rare", "common"),
    ("easy", "difficult"),
    ("positive", "negative"),
    ("conserved", "variable"),
    ("before", "after"),
    ("refused", "agreed"),
    ("succeeded", "failed"),
    ("strong", "weak"),
    ("stronger", "weaker"),
    ("majority", "minority"),
    ("poorest", "richest"),
    ("visible", "invisible"),
    ("internal", "external"),
    ("improve", "worsen"),
    ("improves", "worsens"),
    ("improved", "worsened"),
    ("accepted", "rejected"),
    ("greater", "lesser"),
    ("better", "worse"),
    ("powerful", "weak"),
    ("reduces", "increases"),
    ("reduce", "increase"),
    ("reduced", "increased"),
    ("public", "private"),
    ("valuable", "worthless"),
    ("mammalian", "avian"),
    ("long-term", "short-term"),
)
ANTONYMS: dict[str, str] = {}
for _a, _b in ANTONYM_PAIRS:
    ANTONYMS.setdefault(_a, _b)
    ANTONYMS.setdefault(_b, _a)

CAUSAL_MARKERS = (
    "because",
    "therefore",
    "as a result",
    "leads to",
    "led to",
    "paves the way",
    "helped",
    "helps",
    "strengthened",
    "enables",
    "allows",
    "driving",
    "which means",
    "so that",
    "thus",
    "resulted in",
    "results in",
    "depends on",
    "shapes",
)

# Plural nouns for people, peoples and states: a capitalized adjective in front of one
# makes a group whose treatment as a single bloc is worth examining.
GROUP_NOUNS = frozenset(
    """nations countries states peoples people societies cultures communities women men
    muslims christians jews arabs africans asians europeans americans immigrants
    governments armies societies religions tribes races""".split()
)
SWEEPING = frozenset("all every always never many most whole entire deep-rooted".split())

ORG_WORDS = frozenset(
    """commission agency union nations organization organisation party society university
    ombudsman court parliament council ministry department institute foundation bank
    association committee office school press journal""".split()
)
PLACE_PREPOSITIONS = frozenset("in from across throughout to into near".split())

TRUE_FALSE: dict[str, tuple[str, str]] = {
    "en": ("True", "False"),
    "fr": ("Vrai", "Faux"),
    "es": ("Verdadero", "Falso"),
    "de": ("Wahr", "Falsch"),
    "it": ("Vero", "Falso"),
    "pt": ("Verdadeiro", "Falso"),
    "nl": ("Waar", "Onwaar"),
    "ar": ("صحيح", "خطأ"),
}

# Head nouns for people, bodies and groups that act: an option for an agent must be one too.
AGENT_NOUNS = frozenset(
    """forces armies troops personnel nations countries states governments organizations
    organisations agencies officials researchers scientists journalists people members
    leaders citizens voters authorities institutions companies firms users readers
    reviewers editors authors experts staff team teams police soldiers officers""".split()
)
# Noun endings that mark a kind of thing, for options of the same kind as the key.
NOUN_CLASSES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("agent", ("er", "ers", "or", "ors", "ist", "ists", "ian", "ians", "ant", "ants")),
    ("process", ("tion", "tions", "sion", "sions", "ment", "ments", "ance", "ence", "ing",
                 "ure", "sis", "ysis")),
    ("quality", ("ity", "ities", "ness", "cy", "ship", "ism", "dom")),
)

# Words in -ly that modify nouns as adjectives ('early career researchers'):
# not adverbs, so they may start a noun phrase.
LY_ADJECTIVES = frozenset(
    """early elderly friendly daily weekly monthly yearly quarterly hourly costly lively
    lonely deadly orderly timely scholarly manly womanly worldly unlikely""".split()
)


FURTHER_READING = re.compile(
    r"\b(?:resources|books and tutorials|tutorials|further reading|more detail|greater detail|"
    r"see (?:also |the )?(?:chapter|section|page|figure|below|above)|(?:is|are) available|"
    r"you can find|can be found|links? to)\b"
    r"|\b(?:has|have|gives|offers|provides|contains) (?:a |an )?(?:good|great|excellent|useful|"
    r"nice|detailed|thorough|helpful) (?:discussion|overview|introduction|explanation|"
    r"description|resources?|tutorial|summary)\b"
    r"|\bthere are (?:lots of|many|several|plenty of) (?:great |good |useful |other )?"
    r"(?:resources|books|tutorials|articles|links)\b", re.I)
"""A sentence that points to further reading ('there are lots of great resources that
describe ...', 'a wide range of books and tutorials is available', '... has a good
discussion of these aspects'): neither a passage a facilitation note cites nor one an
instructor note calls uncovered."""
