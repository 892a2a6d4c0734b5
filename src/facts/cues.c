/*
 * cues.c - the vocabulary of cue words the facts extractors read (numbers,
 * units, months, events, speech verbs, titles, place and organisation
 * words...), the unit and event names, and the extraction context's token
 * tests.
 *
 * Owns the vocabulary: a static table of folded words and their classes,
 * turned per story into an array indexed by lexicon id (bf_cues_build).
 */
#include "facts/cues.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const bf_event_names[EV_COUNT] = {
    "",        "killed",  "injured",  "displaced", "evacuated", "arrested",
    "missing", "rescued", "gathered", "control",   "affected"};

/* Indexed by enum bf_unit, so a name cannot drift from its unit; the
 * assertion checks that the table ends where the enum does. */
const char *const bf_unit_names[UNIT_COUNT] = {
    [UNIT_NONE] = "",           [UNIT_PERCENT] = "percent",
    [UNIT_SQ_KM] = "sq km",     [UNIT_KM] = "km",
    [UNIT_MILE] = "mile",       [UNIT_METRE] = "metre",
    [UNIT_FOOT] = "foot",       [UNIT_DEGREE] = "degree",
    [UNIT_KG] = "kg",           [UNIT_TONNE] = "tonne",
    [UNIT_HECTARE] = "hectare", [UNIT_ACRE] = "acre",
    [UNIT_DOLLAR_SIGN] = "$",   [UNIT_POUND_SIGN] = "£",
    [UNIT_EURO_SIGN] = "€",     [UNIT_POINT] = "point",
    [UNIT_MINUTE] = "minute",   [UNIT_HOUR] = "hour",
    [UNIT_DAY] = "day",         [UNIT_WEEK] = "week",
    [UNIT_MONTH] = "month",     [UNIT_YEAR] = "year",
    [UNIT_SQ_MILE] = "sq mile", [UNIT_YEN] = "yen",
    [UNIT_BARREL] = "barrel",   [UNIT_EURO] = "euro",
    [UNIT_POUND] = "pound",     [UNIT_DOLLAR] = "dollar",
    [UNIT_MPH] = "mph",
};
_Static_assert(sizeof bf_unit_names / sizeof *bf_unit_names == UNIT_COUNT,
               "every unit of enum bf_unit has a name");

typedef struct vocab_entry {
  const char *word;
  uint32_t cls;
  uint8_t num, unit, event;
} vocab_entry;

#define N(w, v)                                                                \
  { w, W_NUMWORD, v, 0, 0 }
#define SC(w, p)                                                               \
  { w, W_SCALE, p, 0, 0 }
#define U(w, u)                                                                \
  { w, W_UNIT, 0, u, 0 }
#define TU(w, u)                                                               \
  { w, W_TIMEUNIT, 0, u, 0 }
#define EV(w, e)                                                               \
  { w, W_EVENT, 0, 0, e }
#define MO(w, m)                                                               \
  { w, W_MONTH, m, 0, 0 }
#define WD(w, d)                                                               \
  { w, W_WEEKDAY, d, 0, 0 }
#define C(w, c)                                                                \
  { w, c, 0, 0, 0 }

static const vocab_entry vocab[] = {N("one", 1),
                                    N("two", 2),
                                    N("three", 3),
                                    N("four", 4),
                                    N("five", 5),
                                    N("six", 6),
                                    N("seven", 7),
                                    N("eight", 8),
                                    N("nine", 9),
                                    N("ten", 10),
                                    N("eleven", 11),
                                    N("twelve", 12),
                                    N("thirteen", 13),
                                    N("fourteen", 14),
                                    N("fifteen", 15),
                                    N("sixteen", 16),
                                    N("seventeen", 17),
                                    N("eighteen", 18),
                                    N("nineteen", 19),
                                    N("twenty", 20),
                                    N("thirty", 30),
                                    N("forty", 40),
                                    N("fifty", 50),
                                    N("sixty", 60),
                                    N("seventy", 70),
                                    N("eighty", 80),
                                    N("ninety", 90),
                                    N("dozen", 12),
                                    SC("hundred", 2),
                                    SC("thousand", 3),
                                    SC("million", 6),
                                    SC("billion", 9),
                                    SC("trillion", 12),
                                    SC("mln", 6),
                                    SC("bln", 9),
                                    U("percent", UNIT_PERCENT),
                                    U("per", UNIT_PERCENT),
                                    U("pct", UNIT_PERCENT),
                                    U("km", UNIT_KM),
                                    U("kilometres", UNIT_KM),
                                    U("kilometers", UNIT_KM),
                                    U("kilometre", UNIT_KM),
                                    U("kilometer", UNIT_KM),
                                    U("miles", UNIT_MILE),
                                    U("mile", UNIT_MILE),
                                    U("metres", UNIT_METRE),
                                    U("meters", UNIT_METRE),
                                    U("metre", UNIT_METRE),
                                    U("meter", UNIT_METRE),
                                    U("feet", UNIT_FOOT),
                                    U("foot", UNIT_FOOT),
                                    U("degrees", UNIT_DEGREE),
                                    U("degree", UNIT_DEGREE),
                                    U("kg", UNIT_KG),
                                    U("kilograms", UNIT_KG),
                                    U("tonnes", UNIT_TONNE),
                                    U("tons", UNIT_TONNE),
                                    U("tonne", UNIT_TONNE),
                                    U("ton", UNIT_TONNE),
                                    U("hectares", UNIT_HECTARE),
                                    U("hectare", UNIT_HECTARE),
                                    U("acres", UNIT_ACRE),
                                    U("acre", UNIT_ACRE),
                                    U("points", UNIT_POINT),
                                    U("barrels", UNIT_BARREL),
                                    U("dollars", UNIT_DOLLAR),
                                    U("euros", UNIT_EURO),
                                    U("pounds", UNIT_POUND),
                                    U("yen", UNIT_YEN),
                                    U("mph", UNIT_MPH),
                                    TU("minutes", UNIT_MINUTE),
                                    TU("minute", UNIT_MINUTE),
                                    TU("hours", UNIT_HOUR),
                                    TU("hour", UNIT_HOUR),
                                    TU("days", UNIT_DAY),
                                    TU("day", UNIT_DAY),
                                    TU("weeks", UNIT_WEEK),
                                    TU("week", UNIT_WEEK),
                                    TU("months", UNIT_MONTH),
                                    TU("month", UNIT_MONTH),
                                    TU("years", UNIT_YEAR),
                                    TU("year", UNIT_YEAR),
                                    EV("killed", EV_KILLED),
                                    EV("kill", EV_KILLED),
                                    EV("died", EV_KILLED),
                                    EV("dead", EV_KILLED),
                                    EV("deaths", EV_KILLED),
                                    EV("death", EV_KILLED),
                                    EV("fatalities", EV_KILLED),
                                    EV("lives", EV_KILLED),
                                    EV("slain", EV_KILLED),
                                    EV("perished", EV_KILLED),
                                    EV("murdered", EV_KILLED),
                                    EV("toll", EV_KILLED),
                                    EV("injured", EV_INJURED),
                                    EV("wounded", EV_INJURED),
                                    EV("hurt", EV_INJURED),
                                    EV("injuries", EV_INJURED),
                                    EV("treated", EV_INJURED),
                                    EV("hospitalized", EV_INJURED),
                                    EV("hospitalised", EV_INJURED),
                                    EV("displaced", EV_DISPLACED),
                                    EV("fled", EV_DISPLACED),
                                    EV("uprooted", EV_DISPLACED),
                                    EV("refugees", EV_DISPLACED),
                                    EV("homeless", EV_DISPLACED),
                                    EV("evacuated", EV_EVACUATED),
                                    EV("evacuation", EV_EVACUATED),
                                    EV("arrested", EV_ARRESTED),
                                    EV("detained", EV_ARRESTED),
                                    EV("jailed", EV_ARRESTED),
                                    EV("missing", EV_MISSING),
                                    EV("rescued", EV_RESCUED),
                                    EV("gathered", EV_GATHERED),
                                    EV("stranded", EV_GATHERED),
                                    EV("massed", EV_GATHERED),
                                    EV("trapped", EV_GATHERED),
                                    EV("control", EV_CONTROL),
                                    EV("controls", EV_CONTROL),
                                    EV("controlled", EV_CONTROL),
                                    EV("recaptured", EV_CONTROL),
                                    EV("retaken", EV_CONTROL),
                                    EV("retook", EV_CONTROL),
                                    EV("captured", EV_CONTROL),
                                    EV("seized", EV_CONTROL),
                                    EV("affected", EV_AFFECTED),
                                    MO("january", 1),
                                    MO("jan", 1),
                                    MO("february", 2),
                                    MO("feb", 2),
                                    MO("march", 3),
                                    MO("mar", 3),
                                    MO("april", 4),
                                    MO("apr", 4),
                                    MO("may", 5),
                                    MO("june", 6),
                                    MO("jun", 6),
                                    MO("july", 7),
                                    MO("jul", 7),
                                    MO("august", 8),
                                    MO("aug", 8),
                                    MO("september", 9),
                                    MO("sept", 9),
                                    MO("sep", 9),
                                    MO("october", 10),
                                    MO("oct", 10),
                                    MO("november", 11),
                                    MO("nov", 11),
                                    MO("december", 12),
                                    MO("dec", 12),
                                    WD("monday", 0),
                                    WD("tuesday", 1),
                                    WD("wednesday", 2),
                                    WD("thursday", 3),
                                    WD("friday", 4),
                                    WD("saturday", 5),
                                    WD("sunday", 6),
                                    C("said", W_SPEECH),
                                    C("says", W_SPEECH),
                                    C("say", W_SPEECH),
                                    C("told", W_SPEECH),
                                    C("tells", W_SPEECH),
                                    C("added", W_SPEECH),
                                    C("adds", W_SPEECH),
                                    C("warned", W_SPEECH),
                                    C("warns", W_SPEECH),
                                    C("stated", W_SPEECH),
                                    C("declared", W_SPEECH),
                                    C("insisted", W_SPEECH),
                                    C("explained", W_SPEECH),
                                    C("noted", W_SPEECH),
                                    C("acknowledged", W_SPEECH),
                                    C("announced", W_SPEECH),
                                    C("accused", W_SPEECH),
                                    C("urged", W_SPEECH),
                                    C("asked", W_SPEECH),
                                    C("claimed", W_SPEECH),
                                    C("wrote", W_SPEECH),
                                    C("tweeted", W_SPEECH),
                                    C("described", W_SPEECH),
                                    C("called", W_SPEECH),
                                    C("stressed", W_SPEECH),
                                    C("argued", W_SPEECH),
                                    C("replied", W_SPEECH),
                                    C("commented", W_SPEECH),
                                    C("remarked", W_SPEECH),
                                    C("conceded", W_SPEECH),
                                    C("admitted", W_SPEECH),
                                    C("confirmed", W_SPEECH),
                                    C("denied", W_SPEECH),
                                    C("reported", W_SPEECH),
                                    C("estimated", W_SPEECH),
                                    C("quoted", W_SPEECH),
                                    C("recalled", W_SPEECH),
                                    C("saying", W_SPEECH),
                                    C("continued", W_SPEECH),
                                    C("vowed", W_SPEECH),
                                    C("spokesman", W_ROLE | W_TITLE),
                                    C("spokeswoman", W_ROLE | W_TITLE),
                                    C("spokesperson", W_ROLE | W_TITLE),
                                    C("minister", W_ROLE | W_TITLE),
                                    C("president", W_ROLE | W_TITLE),
                                    C("chief", W_ROLE | W_TITLE),
                                    C("commander", W_ROLE | W_TITLE),
                                    C("doctor", W_ROLE),
                                    C("official", W_ROLE),
                                    C("officer", W_ROLE),
                                    C("leader", W_ROLE | W_TITLE),
                                    C("director", W_ROLE | W_TITLE),
                                    C("secretary", W_ROLE | W_TITLE),
                                    C("journalist", W_ROLE),
                                    C("correspondent", W_ROLE),
                                    C("analyst", W_ROLE),
                                    C("member", W_ROLE),
                                    C("head", W_ROLE),
                                    C("chairman", W_ROLE | W_TITLE),
                                    C("chairwoman", W_ROLE | W_TITLE),
                                    C("ambassador", W_ROLE | W_TITLE),
                                    C("envoy", W_ROLE | W_TITLE),
                                    C("governor", W_ROLE | W_TITLE),
                                    C("mayor", W_ROLE | W_TITLE),
                                    C("senator", W_ROLE | W_TITLE),
                                    C("king", W_ROLE | W_TITLE),
                                    C("queen", W_ROLE | W_TITLE),
                                    C("prince", W_ROLE | W_TITLE),
                                    C("princess", W_TITLE),
                                    C("general", W_ROLE | W_TITLE),
                                    C("colonel", W_ROLE | W_TITLE),
                                    C("captain", W_ROLE | W_TITLE),
                                    C("dictator", W_ROLE),
                                    C("counterpart", W_ROLE),
                                    C("operator", W_ROLE),
                                    C("driver", W_ROLE),
                                    C("pilot", W_ROLE),
                                    C("resident", W_ROLE),
                                    C("witness", W_ROLE),
                                    C("farmer", W_ROLE),
                                    C("teacher", W_ROLE),
                                    C("nurse", W_ROLE),
                                    C("owner", W_ROLE),
                                    C("engineer", W_ROLE),
                                    C("economist", W_ROLE),
                                    C("scientist", W_ROLE),
                                    C("businessman", W_ROLE),
                                    C("candidate", W_ROLE),
                                    C("diplomat", W_ROLE),
                                    C("negotiator", W_ROLE),
                                    C("activist", W_ROLE),
                                    C("lawyer", W_ROLE),
                                    C("judge", W_ROLE | W_TITLE),
                                    C("professor", W_ROLE | W_TITLE),
                                    C("expert", W_ROLE),
                                    C("researcher", W_ROLE),
                                    C("reporter", W_ROLE),
                                    C("editor", W_ROLE),
                                    C("founder", W_ROLE),
                                    C("executive", W_ROLE),
                                    C("manager", W_ROLE),
                                    C("representative", W_ROLE),
                                    C("coordinator", W_ROLE),
                                    C("adviser", W_ROLE),
                                    C("advisor", W_ROLE),
                                    C("aide", W_ROLE),
                                    C("deputy", W_ROLE | W_TITLEMOD),
                                    C("commissioner", W_ROLE | W_TITLE),
                                    C("chancellor", W_ROLE | W_TITLE),
                                    C("premier", W_ROLE | W_TITLE),
                                    C("mr", W_TITLE),
                                    C("mrs", W_TITLE),
                                    C("ms", W_TITLE),
                                    C("miss", W_TITLE),
                                    C("dr", W_TITLE),
                                    C("sen", W_TITLE),
                                    C("rep", W_TITLE),
                                    C("gov", W_TITLE),
                                    C("gen", W_TITLE),
                                    C("col", W_TITLE),
                                    C("lt", W_TITLE),
                                    C("capt", W_TITLE),
                                    C("sgt", W_TITLE),
                                    C("adm", W_TITLE),
                                    C("prof", W_TITLE),
                                    C("rev", W_TITLE),
                                    C("sheikh", W_TITLE),
                                    C("pope", W_TITLE),
                                    C("emir", W_TITLE),
                                    C("ayatollah", W_TITLE),
                                    C("imam", W_TITLE),
                                    C("rabbi", W_TITLE),
                                    C("bishop", W_TITLE),
                                    C("cardinal", W_TITLE),
                                    C("archbishop", W_TITLE),
                                    C("lord", W_TITLE),
                                    C("lady", W_TITLE),
                                    C("sir", W_TITLE),
                                    C("justice", W_TITLE),
                                    C("admiral", W_TITLE),
                                    C("marshal", W_TITLE),
                                    C("foreign", W_TITLEMOD),
                                    C("prime", W_TITLEMOD),
                                    C("vice", W_TITLEMOD),
                                    C("high", W_TITLEMOD),
                                    C("interior", W_TITLEMOD),
                                    C("defense", W_TITLEMOD),
                                    C("defence", W_TITLEMOD),
                                    C("finance", W_TITLEMOD),
                                    C("supreme", W_TITLEMOD),
                                    C("senior", W_TITLEMOD),
                                    C("former", W_TITLEMOD),
                                    C("acting", W_TITLEMOD),
                                    C("attorney", W_TITLEMOD),
                                    C("assistant", W_TITLEMOD),
                                    C("grand", W_TITLEMOD),
                                    C("observatory", W_ORGWORD),
                                    C("committee", W_ORGWORD),
                                    C("council", W_ORGWORD),
                                    C("army", W_ORGWORD),
                                    C("nations", W_ORGWORD),
                                    C("watch", W_ORGWORD),
                                    C("party", W_ORGWORD),
                                    C("ministry", W_ORGWORD),
                                    C("agency", W_ORGWORD),
                                    C("news", W_ORGWORD),
                                    C("press", W_ORGWORD),
                                    C("organisation", W_ORGWORD),
                                    C("organization", W_ORGWORD),
                                    C("union", W_ORGWORD),
                                    C("association", W_ORGWORD),
                                    C("front", W_ORGWORD),
                                    C("forces", W_ORGWORD),
                                    C("force", W_ORGWORD),
                                    C("group", W_ORGWORD),
                                    C("corporation", W_ORGWORD),
                                    C("company", W_ORGWORD),
                                    C("inc", W_ORGWORD),
                                    C("corp", W_ORGWORD),
                                    C("ltd", W_ORGWORD),
                                    C("bank", W_ORGWORD),
                                    C("university", W_ORGWORD),
                                    C("institute", W_ORGWORD),
                                    C("commission", W_ORGWORD),
                                    C("court", W_ORGWORD),
                                    C("parliament", W_ORGWORD),
                                    C("congress", W_ORGWORD),
                                    C("senate", W_ORGWORD),
                                    C("police", W_ORGWORD),
                                    C("department", W_ORGWORD),
                                    C("office", W_ORGWORD),
                                    C("service", W_ORGWORD),
                                    C("services", W_ORGWORD),
                                    C("times", W_ORGWORD),
                                    C("post", W_ORGWORD),
                                    C("journal", W_ORGWORD),
                                    C("brigade", W_ORGWORD),
                                    C("brigades", W_ORGWORD),
                                    C("battalion", W_ORGWORD),
                                    C("command", W_ORGWORD),
                                    C("movement", W_ORGWORD),
                                    C("foundation", W_ORGWORD),
                                    C("fund", W_ORGWORD),
                                    C("programme", W_ORGWORD),
                                    C("program", W_ORGWORD),
                                    C("network", W_ORGWORD),
                                    C("society", W_ORGWORD),
                                    C("church", W_ORGWORD),
                                    C("assembly", W_ORGWORD),
                                    C("authority", W_ORGWORD),
                                    C("board", W_ORGWORD),
                                    C("centre", W_ORGWORD),
                                    C("center", W_ORGWORD),
                                    C("hospital", W_ORGWORD),
                                    C("college", W_ORGWORD),
                                    C("guard", W_ORGWORD),
                                    C("navy", W_ORGWORD),
                                    C("airlines", W_ORGWORD),
                                    C("airways", W_ORGWORD),
                                    C("radio", W_ORGWORD),
                                    C("television", W_ORGWORD),
                                    C("tribune", W_ORGWORD),
                                    C("herald", W_ORGWORD),
                                    C("telegraph", W_ORGWORD),
                                    C("committee", W_ORGWORD),
                                    C("coalition", W_ORGWORD),
                                    C("alliance", W_ORGWORD),
                                    C("afp", W_AGENCY),
                                    C("reuters", W_AGENCY),
                                    C("ap", W_AGENCY),
                                    C("upi", W_AGENCY),
                                    C("xinhua", W_AGENCY),
                                    C("tass", W_AGENCY),
                                    C("dpa", W_AGENCY),
                                    C("kyodo", W_AGENCY),
                                    C("bloomberg", W_AGENCY),
                                    C("efe", W_AGENCY),
                                    C("ansa", W_AGENCY),
                                    C("town", W_PLACECUE),
                                    C("towns", W_PLACECUE),
                                    C("city", W_PLACECUE),
                                    C("cities", W_PLACECUE),
                                    C("village", W_PLACECUE),
                                    C("villages", W_PLACECUE),
                                    C("province", W_PLACECUE | W_PLACESUFFIX),
                                    C("provinces", W_PLACECUE),
                                    C("region", W_PLACECUE),
                                    C("district", W_PLACECUE),
                                    C("border", W_PLACECUE),
                                    C("crossing", W_PLACECUE),
                                    C("countryside", W_PLACECUE),
                                    C("capital", W_PLACECUE),
                                    C("county", W_PLACECUE | W_PLACESUFFIX),
                                    C("island", W_PLACECUE | W_PLACESUFFIX),
                                    C("river", W_PLACECUE | W_PLACESUFFIX),
                                    C("valley", W_PLACECUE | W_PLACESUFFIX),
                                    C("port", W_PLACECUE),
                                    C("suburb", W_PLACECUE),
                                    C("neighborhood", W_PLACECUE),
                                    C("neighbourhood", W_PLACECUE),
                                    C("governorate", W_PLACECUE),
                                    C("airport", W_PLACECUE),
                                    C("heights", W_PLACESUFFIX),
                                    C("mountains", W_PLACESUFFIX),
                                    C("mountain", W_PLACESUFFIX),
                                    C("sea", W_PLACESUFFIX),
                                    C("gulf", W_PLACESUFFIX),
                                    C("islands", W_PLACESUFFIX),
                                    C("street", W_PLACESUFFIX),
                                    C("square", W_PLACESUFFIX),
                                    C("desert", W_PLACESUFFIX),
                                    C("lake", W_PLACESUFFIX),
                                    C("bay", W_PLACESUFFIX),
                                    C("peninsula", W_PLACESUFFIX),
                                    C("strait", W_PLACESUFFIX),
                                    C("coast", W_PLACESUFFIX),
                                    C("hills", W_PLACESUFFIX),
                                    C("ocean", W_PLACESUFFIX),
                                    C("republic", W_PLACESUFFIX),
                                    C("kingdom", W_PLACESUFFIX),
                                    C("isle", W_PLACESUFFIX),
                                    C("cape", W_PLACESUFFIX),
                                    C("museum", W_ORGWORD),
                                    C("duke", W_TITLE),
                                    C("duchess", W_TITLE),
                                    C("earl", W_TITLE),
                                    C("in", W_PLACEPREP | W_SPANPREP),
                                    C("at", W_PLACEPREP),
                                    C("near", W_PLACEPREP),
                                    C("from", W_PLACEPREP),
                                    C("into", W_PLACEPREP),
                                    C("across", W_PLACEPREP),
                                    C("towards", W_PLACEPREP),
                                    C("toward", W_PLACEPREP),
                                    C("outside", W_PLACEPREP),
                                    C("inside", W_PLACEPREP),
                                    C("within", W_SPANPREP),
                                    C("over", W_SPANPREP),
                                    C("since", W_SPANPREP),
                                    C("during", W_SPANPREP),
                                    C("by", W_SPANPREP),
                                    C("for", W_CONNECT | W_SPANPREP),
                                    C("people", W_GENERIC),
                                    C("persons", W_GENERIC),
                                    C("person", W_GENERIC),
                                    C("individuals", W_GENERIC),
                                    C("others", W_GENERIC),
                                    C("have", W_AUX),
                                    C("has", W_AUX),
                                    C("had", W_AUX),
                                    C("been", W_AUX),
                                    C("be", W_AUX),
                                    C("being", W_AUX),
                                    C("was", W_AUX),
                                    C("were", W_AUX),
                                    C("is", W_AUX),
                                    C("are", W_AUX),
                                    C("also", W_AUX),
                                    C("already", W_AUX),
                                    C("reportedly", W_AUX),
                                    C("now", W_AUX),
                                    C("all", W_AUX),
                                    C("reported", W_AUX | W_SPEECH),
                                    C("believed", W_AUX),
                                    C("feared", W_AUX),
                                    C("thought", W_AUX),
                                    C("estimated", W_AUX | W_SPEECH),
                                    C("of", W_CONNECT),
                                    C("de", W_CONNECT),
                                    C("du", W_CONNECT),
                                    C("van", W_CONNECT),
                                    C("von", W_CONNECT),
                                    C("der", W_CONNECT),
                                    C("bin", W_CONNECT),
                                    C("ibn", W_CONNECT),
                                    C("al", W_CONNECT),
                                    C("el", W_CONNECT),
                                    C("del", W_CONNECT),
                                    C("da", W_CONNECT),
                                    C("he", W_PRONOUN),
                                    C("she", W_PRONOUN),
                                    C("yesterday", W_TIMEREL),
                                    C("today", W_TIMEREL),
                                    C("tonight", W_TIMEREL),
                                    C("tomorrow", W_TIMEREL),
                                    C("and", W_CLAUSE),
                                    C("or", W_CLAUSE),
                                    C("but", W_CLAUSE),
                                    C("which", W_CLAUSE),
                                    C("who", W_CLAUSE),
                                    C("whom", W_CLAUSE),
                                    C("whose", W_CLAUSE),
                                    C("while", W_CLAUSE),
                                    C("whereas", W_CLAUSE),
                                    C("although", W_CLAUSE),
                                    C("though", W_CLAUSE),
                                    C("because", W_CLAUSE),
                                    C("where", W_CLAUSE),
                                    C("when", W_CLAUSE),
                                    C("that", W_CLAUSE),
                                    C("if", W_CLAUSE)};

int bf_cues_build(bf_fx *x) {
  x->nwi = x->st->lex.n;
  x->wi = calloc(x->nwi ? x->nwi : 1, sizeof *x->wi);
  if (!x->wi)
    return -1;
  for (size_t i = 0; i < sizeof vocab / sizeof *vocab; i++) {
    const vocab_entry *e = &vocab[i];
    /* the possessive shares the word's classes: "Friday's", "town's" */
    char form[40];
    int n = snprintf(form, sizeof form, "%s's", e->word);
    for (int pass = 0; pass < 2; pass++) {
      size_t len = pass ? (size_t)n : strlen(e->word);
      uint32_t id = bf_lexicon_find(&x->st->lex, form, len);
      if (!id || id >= x->nwi)
        continue;
      bf_wordinfo *w = &x->wi[id];
      w->cls |= e->cls;
      if (e->num)
        w->num = e->num;
      if (e->unit)
        w->unit = e->unit;
      if (e->event)
        w->event = e->event;
    }
  }
  return 0;
}

int bf_fx_clause_break(const bf_fx *x, uint32_t art, const bf_token *t) {
  if (t->flags & (BF_TOK_TERM | BF_TOK_OPENQ | BF_TOK_CLOSEQ))
    return 1;
  if (!(t->flags & BF_TOK_PUNCT))
    return 0;
  const char *s = bf_fx_text(x, art) + t->start;
  if (t->len == 1) {
    switch (s[0]) {
    case ',':
    case ';':
    case ':':
    case '(':
    case ')':
    case '[':
    case ']':
    case '_':
      return 1;
    case '-': /* a dash between spaces, not a hyphen inside a word */
      return t->start > 0 && s[-1] == ' ';
    default:
      return 0;
    }
  }
  /* en and em dashes */
  return t->len == 3 && (unsigned char)s[0] == 0xE2 &&
         (unsigned char)s[1] == 0x80 &&
         ((unsigned char)s[2] == 0x93 || (unsigned char)s[2] == 0x94);
}

char *bf_fx_strndup(bf_fx *x, const char *s, size_t len) {
  return bf_arena_strndup(&x->f->arena, s, len);
}

size_t *bf_fx_sources(bf_fx *x, const uint32_t *arts, size_t n, size_t *nout) {
  size_t *out = bf_arena_alloc(&x->f->arena, (n ? n : 1) * sizeof *out);
  *nout = 0;
  if (!out)
    return NULL;
  /* Insertion into a sorted set: the lists are short (articles of one
   * group), and callers pass them in text order, nearly sorted. */
  for (size_t i = 0; i < n; i++) {
    size_t a = arts[i], j = *nout;
    int dup = 0;
    while (j > 0 && out[j - 1] >= a) {
      if (out[j - 1] == a) {
        dup = 1;
        break;
      }
      j--;
    }
    if (dup)
      continue;
    memmove(out + j + 1, out + j, (*nout - j) * sizeof *out);
    out[j] = a;
    (*nout)++;
  }
  return out;
}

static uint32_t sent_of(const void *base, size_t i, size_t size,
                        size_t sent_at) {
  uint32_t s;
  memcpy(&s, (const char *)base + i * size + sent_at, sizeof s);
  return s;
}

size_t bf_fx_sent_range(const void *base, size_t n, size_t size, size_t sent_at,
                        uint32_t sent, size_t *first) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (sent_of(base, mid, size, sent_at) < sent)
      lo = mid + 1;
    else
      hi = mid;
  }
  size_t e = lo;
  while (e < n && sent_of(base, e, size, sent_at) == sent)
    e++;
  *first = lo;
  return e - lo;
}
