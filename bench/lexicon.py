"""The invented world the synthetic briefs are written about: names, places and phrasings.

Everything here is fictional on purpose. Country codes sit in ISO 3166's
user-assigned range (XAA-XZZ), so no real country is ever named, and the
text reads like a news brief without describing anything that happened.
Lists are tuples so that a seeded `random.Random` picks the same items in
every run.
"""

from __future__ import annotations

from typing import NamedTuple


class Country(NamedTuple):
    name: str
    code: str
    adjective: str
    capital: str


COUNTRIES = (
    Country("Veldara", "XVD", "Veldaran", "Ostrel"),
    Country("Karsk", "XKR", "Karskian", "Dorn"),
    Country("Marenne", "XMN", "Marennese", "Saint-Aube"),
    Country("Tolvia", "XTV", "Tolvian", "Brenna"),
    Country("Ishgar", "XIG", "Ishgari", "Qasrin"),
    Country("Corvany", "XCV", "Corvanian", "Lessk"),
    Country("Aldmark", "XAL", "Aldmark", "Harrow"),
    Country("Sarrat", "XSR", "Sarrati", "Bel Amun"),
    Country("Norveth", "XNV", "Norvethi", "Kessel"),
    Country("Dravia", "XDV", "Dravian", "Tarn"),
)

REGIONS = ("Haldor province", "the Sefrin valley", "the Upper Kessa plateau", "Amrun district",
           "the Velk corridor", "Lower Tarsa", "the Orin delta", "Mazhar province")

TOWNS = ("Ketterby", "Ras Malik", "Dunmere", "Kolva", "Tel Haran", "Westmoor", "Port Elin",
         "Sefrin", "Amrun", "Brisk")

ARMED_GROUPS = ("Sefrin Liberation Front", "Haldor Defence Forces", "Amrun Brigades",
                "Movement for a Free Orin", "Velk Corridor Militia", "Northern Salvation Army")

BLOCS = ("Council of Northern States", "Coastal Cooperation Organisation",
         "Union of Inland Republics", "Eastern Security Compact")

NGOS = ("Medical Relief Alliance", "Frontline Water Initiative", "Children of the Valley Trust",
        "Open Shelter Network", "Northern Food Partnership")

CIVIC = ("Haldor Civic Forum", "Association of Sefrin Families", "Kessa Traders' Guild")

INSTITUTES = ("Institute for Border Studies", "Centre for Conflict and Recovery",
              "Meridian Policy Forum", "Harrow School of Security Studies")

PUBLISHERS = ("The Meridian Courier", "Ostrel Evening Post", "Northern Wire Service",
              "Coastal Broadcasting Service", "The Inland Review")

GIVEN = ("Anneke", "Tomas", "Mirela", "Oskar", "Dariusz", "Henrik", "Pavel", "Elias", "Ines",
         "Rosa", "Viktor", "Sofia", "Greta", "Lukas", "Marta", "Jonas")
FAMILY = ("Voss", "Rell", "Sandor", "Marek", "Lindqvist", "Osei", "Brandt", "Novak", "Fenwick",
          "Adeyemi", "Ostrowski", "Ferrant", "Holm", "Castell", "Varga", "Thorne")

# Names also written in Arabic script: some briefs carry right-to-left names, as real ones do.
GIVEN_AR = (("Idris", "إدريس"), ("Leyla", "ليلى"), ("Samira", "سميرة"), ("Kamal", "كمال"),
            ("Malik", "مالك"), ("Nadia", "نادية"), ("Yasmin", "ياسمين"), ("Tariq", "طارق"))
FAMILY_AR = (("Haddad", "حداد"), ("Salem", "سالم"), ("Qadir", "قادر"), ("Mansour", "منصور"),
             ("Khatib", "خطيب"), ("Nasser", "ناصر"))

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")

ROLES = {
    "state": ("Foreign Minister of {country}", "President of {country}",
              "Defence Minister of {country}", "Spokesperson for the {adjective} government"),
    "non-state-armed-group": ("Commander, {party}", "Spokesperson for the {party}",
                              "Political officer, {party}"),
    "intergovernmental": ("Secretary-General, {party}", "Special Envoy of the {party}"),
    "alliance": ("Secretary-General, {party}", "Spokesperson for the {party}"),
    "ngo": ("Head of mission, {party}", "Country director, {party}",
            "Emergency coordinator, {party}"),
    "civil-society": ("Chair, {party}", "Spokesperson for the {party}"),
}

ANALYST_ROLES = ("Senior fellow", "Research director", "Associate fellow, conflict programme")

# Things people say, by who says them: a belligerent (a state or an armed group), a
# humanitarian voice (an NGO, a civic or population group), or an observer (an
# organisation of states, an analyst). `{other}` is always a belligerent.
QUOTES = {
    "belligerent": (
        "We did not come to these talks with new demands, and we will not leave with fewer "
        "guarantees",
        "{other} must withdraw its forces from {region} before any agreement can be signed",
        "Our forces are responding to provocations, not starting a new offensive",
        "The ceasefire in {region} exists only on paper",
        "{country} will not accept a new wave of refugees at its border",
        "We will defend our positions in {region} by every means available to us",
        "We have asked for guarantees in writing, and we have received none",
        "Our partners in {capital} have assured us that the talks will resume next month",
        "Attacks on our forces from {region} are continuing",
        "Any group that refuses to lay down its weapons cannot be part of the talks",
    ),
    "humanitarian": (
        "Families are arriving in {town} with nothing, and the camps there are already full",
        "We are running out of clean water and medicine in {region}, and the roads are closed",
        "Attacks are now reaching areas that were considered safe only a month ago",
        "We call on all parties to open the road to {town} to humanitarian convoys without delay",
        "Every week of delay costs lives in {town}",
        "Children in {town} have not been to school for two years",
        "People fleeing north are being squeezed into a territory that gets smaller every week",
        "Our teams in {town} treated more wounded people last week than in the whole of last month",
    ),
    "observer": (
        "Nobody should expect {other} to give up what it has taken by force without a political "
        "price",
        "We remain ready to mediate, but the parties must first agree on what they are mediating",
        "The agreement signed in {capital} was never fully implemented, and both sides know it",
        "There is no military solution to the crisis in {region}",
        "The economy of {country} cannot absorb another year of war, whatever the generals say",
        "Armed groups in {region} have grown stronger, not weaker, since the last agreement",
        "The international community has watched {region} burn and done almost nothing",
        "{other} may miscalculate, and a miscalculation now would be very costly for everyone",
    ),
}

# What a brief says about each party, by its type; `{party}` is the party itself.
DESCRIPTIONS = {
    "state": ("{party} has moved troops towards {region} and says it is acting in self-defence.",
              "{party} backs one side in {region} and hosted the last round of talks.",
              "{party} controls the main road through {region} and the crossing at {town}."),
    "non-state-armed-group": ("An armed group active in {region}; the article says its strength "
                              "has grown since the last agreement.",
                              "An armed group that holds positions around {town} and rejects "
                              "the {capital} Accord."),
    "ngo": ("A humanitarian organisation that runs clinics and water points in the camps around "
            "{town}.", "A relief organisation working on both sides of the front line in "
            "{region}."),
    "intergovernmental": ("A regional organisation whose members include {country}; it has "
                          "offered to monitor a ceasefire in {region}.",),
    "alliance": ("A defence alliance; it has said it will not back a military operation in "
                 "{region}.",),
    "civil-society": ("A civic group that speaks for families from {region}.",),
    "population-group": ("People who fled the fighting in {region}, many of them now in camps "
                         "around {town}.",),
}

BACKGROUND = (
    "Fighting in {region} has displaced tens of thousands of people since the start of the year.",
    "The {capital} Accord was meant to freeze the front line, but both sides accuse the other of "
    "breaking it.",
    "{party} controls most of the main road through {region}, which links {town} to the border.",
    "Diplomats say the talks stalled over the order of a withdrawal and the fate of prisoners.",
    "Aid agencies have warned for months that the camps around {town} cannot take more people.",
    "{other} has moved additional troops and armour to positions north of {town}.",
    "Prices for bread and fuel in {town} have more than doubled since the crossing closed.",
    "Local councils in {region} say they have received no supplies for three weeks.",
    "Both governments insist they remain committed to a negotiated settlement.",
    "Observers from the {bloc} were withdrawn from {region} after their convoy came under fire.",
    "The border with {country} has been closed to all but a handful of medical cases.",
    "Analysts note that neither side has an obvious way to win outright on the battlefield.",
    "{party} denies that its units were involved in the shelling of {town}.",
    "Talks are expected to resume, although no date has been announced.",
)

TOPICS = {
    "belligerent": ("A ceasefire in {region}", "Direct talks with {other}",
                    "Withdrawal of forces from {region}", "Implementing the {capital} Accord",
                    "Sanctions on {other}", "A military operation around {town}"),
    "humanitarian": ("Opening the road to {town} to aid convoys", "A ceasefire in {region}",
                     "The return of displaced people to {region}"),
    "observer": ("International monitors in {region}", "A ceasefire in {region}",
                 "Implementing the {capital} Accord"),
}

RISKS = (("{party} launches a military operation in {region}",
          "Troops have massed near {town} and public threats have grown sharper."),
         ("Fighting spreads to {town}", "The front line is within a few kilometres of the town."),
         ("The ceasefire in {region} collapses", "Violations have risen week on week."),
         ("A new wave of displacement towards the {country} border",
          "Camps near the border are already full and the crossing is closed."),
         ("Talks between {party} and {other} break down",
          "Neither side has shown movement on the core issues."),
         ("Aid access to {region} is cut off", "Convoys have been turned back twice this month."),
         ("Armed groups in {region} split into rival factions",
          "Commanders have publicly disagreed over the talks."),
         ("A disease outbreak in the camps around {town}",
          "Water and sanitation in the camps are far below minimum standards."),
         ("Foreign backers cut their support to {party}",
          "Officials in {capital} have drafted a list of conditions."),
         ("Shelling of the crossing at {town} halts cross-border trade",
          "Traders report the crossing open only a few hours a day."))

INDICATORS = ("Further troop movements near {town}", "New public deadlines from {party}",
              "Reports of shelling in areas previously considered safe",
              "Convoys turned back at checkpoints on the road to {town}",
              "Statements from {capital} about the state of the talks",
              "Rising numbers of new arrivals in the camps", "Closure of the border with {country}",
              "Another round of talks cancelled or postponed")

EVENTS = (("agreement",
           "{party} and {other} sign the {capital} Accord on a ceasefire in {region}.",
           "{party} and {other} signed the {capital} Accord, which set a ceasefire in {region}"),
          ("event", "{party} launches an offensive towards {town}.",
           "{party} launched an offensive towards {town}"),
          ("statement", "{party} says talks with {other} ended without agreement.",
           "{party} said that its talks with {other} had ended without agreement"),
          ("deadline", "{party} sets {other} a deadline to withdraw from {region}.",
           "{party} gave {other} until the end of the month to withdraw from {region}"),
          ("event", "The crossing at {town} is closed to traffic.",
           "the crossing at {town} was closed to all traffic"),
          ("event", "Shelling damages the main hospital in {town}.",
           "shelling damaged the main hospital in {town}"),
          ("statement", "The {bloc} calls for an immediate halt to the fighting in {region}.",
           "the {bloc} called for an immediate halt to the fighting in {region}"),
          ("agreement", "{party} and {other} agree a prisoner exchange.",
           "{party} and {other} agreed to exchange prisoners"))

FIGURES = (("People displaced from {region} this year", "about {n},000", "people",
            "#affected+idps+ind", "about {n},000 people have been displaced from {region}"),
           ("{adjective} refugees hosted abroad", "{m} million", "people",
            "#affected+refugees+ind", "{m} million {adjective} refugees now live abroad"),
           ("Civilians killed in {region} last month", "at least {k}", "people",
            "#affected+killed+ind", "at least {k} civilians were killed in {region} last month"),
           ("People in need of humanitarian assistance", "{m} million", "people",
            "#inneed+ind", "{m} million people need humanitarian assistance"),
           ("Aid convoys blocked on the road to {town}", "{k}", "convoys", None,
            "{k} aid convoys were blocked on the road to {town}"),
           ("Health facilities out of service in {region}", "{k} of {h}", "facilities", None,
            "{k} of {h} health facilities in {region} are out of service"))

SECTORS = ("Shelter and camp management", "Health", "Water, sanitation and hygiene",
           "Food security", "Protection", "Education")

RECOMMENDATIONS = (("Track the deadline set by {party} as the main near-term trigger for "
                    "escalation around {town}.", "Ministers and officials following the file"),
                   ("Press both sides to restore the monitoring mission in {region}.",
                    "Officials preparing engagement with {capital}"),
                   ("Prepare for a further rise in humanitarian needs in {region}.",
                    "Humanitarian donors"),
                   ("Seek {party}'s own account of the talks before drawing firm conclusions.",
                    "Analysts covering the region"),
                   ("Support a negotiated arrangement on {region} over a military operation.",
                    "Ministers and officials following the file"),
                   ("Fund water and sanitation in the camps around {town} now, before the "
                    "summer heat.", "Humanitarian donors"))

QUESTIONS = ("What will {party} do if its deadline passes with no withdrawal from {region}?",
             "Which agreement does each side mean when it speaks of the {capital} Accord?",
             "Who took part in the talks, and at what level?",
             "How many people remain in {town}, and can they leave?",
             "Would the {bloc} send monitors back to {region}?",
             "How long can the camps around {town} cope without new supplies?")
