"""The newsroom's words: outlets, names, places, events, headline and sentence templates, and
how a template is filled from a seeded random draw, so one seed always gives the same text.
"""

from __future__ import annotations

import random

OUTLETS = (
    ("daily-courier", "The Daily Courier"),
    ("metro-herald", "Metro Herald"),
    ("world-wire", "World Wire"),
    ("valley-times", "Valley Times"),
    ("coast-gazette", "Coast Gazette"),
    ("national-ledger", "National Ledger"),
)
SECTIONS = ("world", "politics", "business", "local", "science", "health", "sport", "opinion")
FIRST_NAMES = (
    "Maria",
    "James",
    "Aisha",
    "Tomasz",
    "Chen",
    "Olga",
    "Daniel",
    "Priya",
    "Kwame",
    "Sofia",
    "Henrik",
    "Lucia",
    "Omar",
    "Grace",
    "Mateo",
    "Yuki",
    "Ines",
    "Samuel",
)
LAST_NAMES = (
    "Alvarez",
    "Okafor",
    "Lindqvist",
    "Nakamura",
    "Brennan",
    "Kowalski",
    "Haddad",
    "Moreau",
    "Petrov",
    "Achterberg",
    "Mensah",
    "Castillo",
    "Ferreira",
    "Whitfield",
)
# Places are made from syllables so that each event has its own names, as real news does.
_PLACE_HEADS = (
    "Ash",
    "Bram",
    "Cal",
    "Dun",
    "El",
    "Fen",
    "Glen",
    "Hal",
    "Kes",
    "Lin",
    "Mar",
    "Nor",
    "Ox",
    "Pen",
    "Rav",
    "Sel",
    "Tor",
    "Wick",
    "Yar",
    "Zel",
)
_PLACE_TAILS = (
    "ford",
    "mere",
    "wick",
    "ton",
    "bury",
    "dale",
    "holm",
    "stead",
    "haven",
    "field",
    "more",
    "gate",
    "by",
    "cliff",
    "port",
)
_ORGS = (
    "the Ministry of Transport",
    "the regional council",
    "the Red Cross",
    "the state utility",
    "the port authority",
    "the national weather service",
    "the teachers' union",
    "the central bank",
    "the health department",
)
# (wrong, right): the titles a correction fixes.
ROLES = (
    ("deputy mayor", "mayor"),
    ("national security adviser", "spokesman"),
    ("health minister", "deputy health minister"),
    ("police chief", "police spokeswoman"),
    ("chief executive", "chief financial officer"),
    ("fire chief", "deputy fire chief"),
)
EVENTS = (
    "flooding",
    "a landslide",
    "a building collapse",
    "a ferry accident",
    "a fire at a market",
    "a train derailment",
    "a storm surge",
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
TYPOS = (
    ("government", "goverment"),
    ("received", "recieved"),
    ("their", "thier"),
    ("separate", "seperate"),
    ("accommodate", "accomodate"),
)
_SENTENCES = (
    "Officials in {place} said on {day} that the response would continue through the week.",
    "{person}, who has lived in {place} for {n2} years, said the night was the worst she could remember.",  # noqa: E501
    "Residents described roads blocked by debris and long queues at the only open petrol station.",
    "A spokesperson for {org} said crews had been working around the clock since {day}.",
    "The cost of the damage has not yet been estimated, but local businesses fear months of disruption.",  # noqa: E501
    "Schools in {place} will remain closed until at least {day}, the education office said.",
    "{person} said the warnings had come too late for many families in low-lying streets.",
    "Volunteers handed out water, blankets and hot meals at a sports hall near the town centre.",
    "The {role} of {place} called for calm and asked people to avoid unnecessary travel.",
    "Figures released by {org} on {day} showed {n2} percent of households were without power.",
    "Opposition lawmakers demanded an inquiry into why the emergency plan was not followed.",
    "Engineers were expected to inspect {n2} bridges before they could be reopened to traffic.",
    "\u201cWe have never seen anything like this,\u201d said {person}, a shop owner in {place}.",
    "The government said it would release emergency funds to help those who lost their homes.",
    "Insurance companies said they had received {n3} claims in the first {n1} days.",
    "Forecasters warned that more rain was likely over the weekend in {place} and beyond.",
    "Hospitals in the region said they had treated {n2} people, most for minor injuries.",
    "Aid groups said the hardest-hit villages could only be reached by boat or helicopter.",
    "The prime minister is expected to visit {place} on {day}, according to her office.",
    "Local radio stations stayed on air through the night, relaying messages between families.",
    "{org} said it had deployed {n2} additional teams and would review its procedures.",
    "Some residents returned on {day} to find their homes filled with mud and their cars overturned.",  # noqa: E501
    "Analysts said the disruption could weigh on the regional economy for the rest of the year.",
    "A fundraising page set up by neighbours had raised more than {n3} dollars by {day} evening.",
)
UPDATES = (
    "Rescue teams in {place} pulled {n1} more people from the rubble overnight, officials said.",
    "{org} said on {day} evening that the search would continue for at least another day.",
    "The {role} of {place} declared a local state of emergency late on {day}.",
    "Power was restored to about {n2} percent of homes by early {day}, the utility said.",
)
HEADLINES = (
    "{event_cap} in {place}: at least {toll} dead as rescuers search for survivors",
    "At least {toll} killed after {event} hits {place}",
    "{place} counts the cost of {event} as death toll reaches {toll}",
)
REWRITES = (
    "Anger grows in {place} over response to deadly {event_short}",
    "{place} begins long recovery after deadly {event_short}",
    "Questions mount over warnings before {place} {event_short}",
)
COMMENTS = (
    "Thoughts are with everyone in {place} tonight.",
    "Why were the warnings not issued earlier? Someone has to answer for this.",
    "My cousin lives there and says the roads are still closed.",
    "Good reporting, thank you for keeping us updated.",
    "This happens every year and nothing changes.",
)

_OPENERS = (
    "",
    "",
    "",
    "On {day}, ",
    "Late on {day}, ",
    "By early afternoon, ",
    "Earlier, ",
    "Meanwhile, ",
    "In a statement, ",
    "At a briefing, ",
    "Separately, ",
    "Overnight, ",
)
_TAILS = (
    "",
    "",
    "",
    " according to local media",
    " a witness told reporters",
    " officials confirmed",
    " the agency said",
    " though details remained unclear",
    " the statement added",
    " a spokesperson said later",
)


def draw_place(rng: random.Random) -> str:
    return rng.choice(_PLACE_HEADS) + rng.choice(_PLACE_TAILS)


def draw_sentence(rng: random.Random, facts: dict[str, str]) -> str:
    """A template sentence with an opener and an attribution drawn around it."""
    core = fill(rng.choice(_SENTENCES), rng, facts)
    opener = fill(rng.choice(_OPENERS), rng, facts)
    tail = rng.choice(_TAILS)
    if core.startswith("\u201c"):
        return core
    if opener and not core.startswith(facts["place"]) and core[1:2].islower():
        core = core[0].lower() + core[1:]
    if tail and core.endswith("."):
        core = core[:-1] + "," + tail + "."
    sentence = opener + core
    return sentence[0].upper() + sentence[1:]


def fill(template: str, rng: random.Random, facts: dict[str, str]) -> str:
    values = {
        "place": draw_place(rng),
        "day": rng.choice(DAYS),
        "person": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
        "org": rng.choice(_ORGS),
        "role": rng.choice(("mayor", "governor", "police chief", "fire chief")),
        "n1": str(rng.randint(2, 9)),
        "n2": str(rng.randint(11, 95)),
        "n3": f"{rng.randint(2, 40) * 1000:,}",
        **facts,
    }
    return template.format(**values)
