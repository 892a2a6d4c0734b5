/*
 * clean.c - the clean stage: from raw article text to text worth reading.
 *
 * Owns the decision of what is boilerplate. Works line by line (a line is a
 * paragraph): normalises invisible and control characters and whitespace,
 * drops whole lines that are page furniture (ad markers, comment and share
 * prompts, "Related Story", previous/next links, photo credits, bylines,
 * dateline-only lines, author bios at the end), and strips ad markers inside
 * lines. The result is new text; later stages point into it.
 */
#include "pipeline/pipeline.h"

#include "core/boilerplate.h"
#include "core/text.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Whole lines that are page furniture, compared case-insensitively after
 * trailing punctuation and spaces are trimmed; the phrases web pages share
 * are in core/boilerplate.c. */
static const char *const furniture_lines[] = {
    "all rights reserved",
    "bfn", /* a monitoring service's (FBIS) mark opening a transcript */
    "copyright",
    "facebook",
    "getty images",
    "image",
    "latest news",
    "leave a comment",
    "more on this story",
    "most popular",
    "most read",
    "newsletter",
    "photo",
    "recommended",
    "related content",
    "related coverage",
    "related news",
    "related story",
    "see also",
    "source link",
    "sponsored content",
    "top stories",
    "trending",
    "twitter",
    "watch",
    "whatsapp",
    "you may also like",
    "comments are closed",
    "ap photo",
    "advertisement continue reading below",
    NULL};

/* Line openings that mark furniture whatever follows, newswire advisories
 * to editors ("Eds: UPDATES with ...") among them; with those of
 * core/boilerplate.c. */
static const char *const furniture_prefixes[] = {
    "[ad",
    "previous article",
    "next article",
    "previous post",
    "next post",
    "photo credit",
    "webvtt",
    "image from ",
    "image taken by ",
    "photos:",
    "image copyright",
    "image caption",
    "media caption",
    "credit:",
    "caption:",
    "picture:",
    "pictured:",
    "file photo",
    "read more:",
    "sign up",
    "subscribe to",
    "follow us on",
    "share on ",
    "last updated",
    "about the author",
    "this story has been updated",
    "this article was originally published",
    "copyright ",
    "(c) ",
    "\xc2\xa9",
    "editing by",
    "reporting by",
    "additional reporting by",
    "compiled by",
    "written by",
    "view larger image",
    "embargoed until",
    "editors:",
    "eds:",
    "editor's note:",
    "editor\xe2\x80\x99s note:",
    NULL};

/* Fragments that make a short line furniture wherever they appear. */
static const char *const furniture_fragments[] = {
    "let us know if you're having issues with commenting",
    "having issues with commenting", "all rights reserved",
    "this material may not be published", "sign up for our", "subscribe to our",
    "enable javascript", "javascript is disabled", "we use cookies",
    "privacy policy", "terms of use", "terms of service",
    "alexa internet has been donating", "these crawls are part of an effort",
    "tweet with a location", "add a location to your tweets",
    "the interactive transcript could not be loaded", "the seed for this crawl",
    "is curated by", "rating is available when the video has been rented",
    "this feature is not available right now", "join the conversation",
    "share your thoughts", "comments have been closed",
    "you can unsubscribe at any time", "download our app",
    /* tweet embeds */
    "location information to your tweets", "delete your tweet location history",
    "when you tweet with a location", "you can switch location on/off",
    /* web archive notices kept by crawled copies */
    "the goal is to fix all broken links on the web", "no more 404",
    "after an embargo period", "archive-it", "web captures", "warc files",
    /* newsletters, players and forms */
    "newsletter sign up", "please verify you're not a robot",
    "you must select a newsletter", "delivered weekday mornings",
    "you agree to receive occasional updates", "breaking news emails",
    "breaking news alerts", "thank you for subscribing",
    "thanks for subscribing", "invalid email address", "an error has occurred",
    "please try again later", "you may opt-out at any time",
    "get push notifications", "replay more videos", "scroll down for video",
    "watch this video", "have a tip we should know",
    "as an interest to stay up to date", "contributed to this report",
    "continue reading the main story", "story continued below",
    "new york times newsletters", "the page you requested was not found",
    "sign up today", "we only request your email address",
    "reprints: this copy is for your personal", "app now!", "go to www.",
    "on twitter to engage in conversation",
    /* comment rules and reader contact */
    "keep your comments smart and civil", "attack other readers personally",
    "\"report abuse\" button", "tip her here", "tip him here", "tip us here",
    "check back for details", "check back for updates",
    /* photo captions with their credit */
    "(ap photo", "(associated press)", "(getty images)", "/getty images)",
    "/ getty images", "buy photo", "view slideshow", "file photo,",
    "is shown in this", "autoplay close skip ad", "watch the video",
    "on facebook and twitter", "enlarge image", "story highlights",
    /* follow, sign-up and subscription prompts */
    "on twitter @", "on twitter at @", "follow @", "follow him on twitter",
    "follow her on twitter", "follow me on twitter", "click here",
    "sign up for the", "sign up to get", "click below",
    "you will receive emails", "become a subscriber", "support our journalism",
    "send us your",
    /* galleries and embeds */
    "via getty images", "hide caption", "caption close", "pic.twitter.com/"};

/* Furniture that sits inside a paragraph of prose and is cut out of it.
 * "[Text]" is the mark monitoring services (FBIS) put before a body. */
static const char *const inline_furniture[] = {
    "Advertisement Continue reading the main story",
    "Continue reading the main story",
    "Story Continued Below",
    "Photo Advertisement",
    "EMBED More News Videos",
    "CLOSE Skip in Skip x Embed x Share",
    "Skip in Skip x Embed x Share CLOSE",
    "Skip in Skip x Embed x Share",
    "Media playback is unsupported on your device Media caption",
    "Media playback is unsupported on your device",
    "Tweet View Comments",
    "[Text]",
};

#define COUNT(a) (sizeof(a) / sizeof *(a))

static int has_prefix_ci(const char *s, size_t len, const char *p) {
  size_t n = strlen(p);
  return len >= n && strncasecmp(s, p, n) == 0;
}

static int contains_ci(const char *s, size_t len, const char *needle) {
  size_t n = strlen(needle);
  if (n > len)
    return 0;
  int first = tolower((unsigned char)needle[0]);
  for (size_t i = 0; i + n <= len; i++)
    if (tolower((unsigned char)s[i]) == first &&
        strncasecmp(s + i, needle, n) == 0)
      return 1;
  return 0;
}

static size_t trim_trailing_punct(const char *s, size_t len) {
  while (len && (s[len - 1] == ' ' || s[len - 1] == '.' || s[len - 1] == ':' ||
                 s[len - 1] == '!' || s[len - 1] == '|' || s[len - 1] == '>'))
    len--;
  return len;
}

static int is_upper_ascii_word(const char *s, size_t len) {
  return len > 0 && isupper((unsigned char)s[0]);
}

/* "By Jane Doe", "By JANE DOE and John Roe, Reuters": a short line of
 * capitalised names after "By". A sentence such as "By midnight, the air
 * force had..." has lower-case words and is kept. */
static int is_byline(const char *s, size_t len) {
  if (!has_prefix_ci(s, len, "by ") || len > 80)
    return 0;
  if (s[len - 1] == '.' && !isupper((unsigned char)s[len - 2]))
    return 0;
  size_t i = 3, words = 0;
  while (i < len) {
    while (i < len && (s[i] == ' ' || s[i] == ','))
      i++;
    size_t w = i;
    while (i < len && s[i] != ' ' && s[i] != ',')
      i++;
    if (i == w)
      break;
    words++;
    int ok = is_upper_ascii_word(s + w, i - w) ||
             (i - w == 3 && strncmp(s + w, "and", 3) == 0) ||
             (i - w == 2 &&
              (strncmp(s + w, "in", 2) == 0 || strncmp(s + w, "of", 2) == 0)) ||
             (i - w == 3 && strncmp(s + w, "for", 3) == 0) ||
             (i - w == 3 && strncmp(s + w, "the", 3) == 0) || s[w] == '|' ||
             s[w] == '-' || (unsigned char)s[w] >= 0x80;
    if (!ok)
      return 0;
  }
  return words >= 1 && words <= 8;
}

/* A line that only gives a date (and maybe a time), with an optional
 * "Posted"/"Published"/"Updated" label: "Posted July 10, 2018". */
static int is_dateline(const char *s, size_t len, bf_date *date) {
  static const char *const labels[] = {
      "posted on ", "posted ", "published on ", "published ", "updated on ",
      "updated ",   "on "};
  size_t i = 0;
  for (size_t k = 0; k < COUNT(labels); k++)
    if (has_prefix_ci(s, len, labels[k])) {
      i = strlen(labels[k]);
      break;
    }
  /* An optional weekday: "Tuesday, July 10, 2018". */
  size_t w = i;
  while (w < len && isalpha((unsigned char)s[w]))
    w++;
  if (w > i && w - i >= 6 && w + 1 < len && s[w] == ',' &&
      (contains_ci(s + i, w - i, "day")))
    i = w + 2;
  bf_date d;
  size_t n = bf_date_parse(s + i, len - i, &d);
  if (!n)
    return 0;
  /* Whatever follows the date must be a time or a time zone, not prose. */
  for (size_t k = i + n; k < len; k++) {
    unsigned char c = (unsigned char)s[k];
    if (!(isdigit(c) || c == ' ' || c == ':' || c == ',' || c == '.' ||
          c == '|' || c == '-' || strchr("apmAPMETUCGSD", c)))
      return 0;
  }
  *date = d;
  return 1;
}

/* A caption or credit in brackets: "(Photo: AP)", "[Getty Images]". */
static int is_bracketed_credit(const char *s, size_t len) {
  if (len < 2 || len > 120)
    return 0;
  char open = s[0], close = s[len - 1];
  return ((open == '(' && close == ')') || (open == '[' && close == ']')) &&
         bf_count_words(s, len) <= 12;
}

/* A byline in brackets, as monitoring services print it: "[By XINHUA
 * reporter Wu Huaguo (0702 5478 0948)]". Too long for a credit, but a
 * bracket that opens with "By" and closes the line holds no sentence. */
static int is_bracketed_byline(const char *s, size_t len) {
  return len > 5 && len <= 240 &&
         ((s[0] == '[' && s[len - 1] == ']') ||
          (s[0] == '(' && s[len - 1] == ')')) &&
         has_prefix_ci(s + 1, len - 1, "by ");
}

/* A monitoring service's header line: "Language: Arabic Article
 * Type:BFN", whatever the language. */
static int is_service_header(const char *s, size_t len) {
  if (!has_prefix_ci(s, len, "language: "))
    return 0;
  size_t i = 10;
  while (i < len && isalpha((unsigned char)s[i]))
    i++;
  return i > 10 && has_prefix_ci(s + i, len - i, " article type:");
}

/* Whether the text holds one of the furniture fragments. The text is
 * folded to lower case once and walked once: at each byte only the
 * fragments that start with it are compared, which keeps the long fragment
 * list cheap on every line of every article. */
static int has_furniture_fragment(const char *s, size_t len) {
  enum { FRAGMENTS = COUNT(furniture_fragments) };
  _Static_assert(FRAGMENTS < 255, "fragments are chained by a byte");
  char low[1024];
  if (len >= sizeof low) {
    for (size_t i = 0; i < FRAGMENTS; i++)
      if (contains_ci(s, len, furniture_fragments[i]))
        return 1;
    return 0;
  }
  /* first byte -> first fragment starting with it + 1, chained by next */
  uint8_t head[256] = {0}, next[FRAGMENTS];
  size_t flen[FRAGMENTS];
  for (size_t k = FRAGMENTS; k-- > 0;) {
    unsigned char first = (unsigned char)furniture_fragments[k][0];
    next[k] = head[first];
    head[first] = (uint8_t)(k + 1);
    flen[k] = strlen(furniture_fragments[k]);
  }
  for (size_t i = 0; i < len; i++)
    low[i] = (char)tolower((unsigned char)s[i]);
  /* the second byte is compared before the call: most candidates end
   * there (every fragment is at least two bytes long) */
  for (size_t i = 0; i + 1 < len; i++)
    for (uint8_t k = head[(unsigned char)low[i]]; k; k = next[k - 1])
      if (flen[k - 1] <= len - i &&
          low[i + 1] == furniture_fragments[k - 1][1] &&
          memcmp(low + i, furniture_fragments[k - 1], flen[k - 1]) == 0)
        return 1;
  return 0;
}

/* Whether the line, trimmed to `core` bytes, is one of the phrases of the
 * NULL-terminated `list`. */
static int is_furniture_line(const char *s, size_t core,
                             const char *const *list) {
  for (size_t i = 0; list[i]; i++)
    if (core == strlen(list[i]) && strncasecmp(s, list[i], core) == 0)
      return 1;
  return 0;
}

/* Whether the line opens with one of the phrases of the NULL-terminated
 * `list`. */
static int opens_with(const char *s, size_t len, const char *const *list) {
  for (size_t i = 0; list[i]; i++)
    if (has_prefix_ci(s, len, list[i]))
      return 1;
  return 0;
}

int bf_clean_is_boilerplate(const char *s, size_t len) {
  if (len == 0)
    return 1;
  size_t core = trim_trailing_punct(s, len);
  if (is_furniture_line(s, core, bf_boilerplate_phrases) ||
      is_furniture_line(s, core, furniture_lines) ||
      opens_with(s, len, bf_boilerplate_openings) ||
      opens_with(s, len, furniture_prefixes))
    return 1;
  if (bf_count_words(s, len) <= 60 && has_furniture_fragment(s, len))
    return 1;
  bf_date d;
  return is_byline(s, len) || is_dateline(s, len, &d) ||
         is_service_header(s, len) || is_bracketed_credit(s, len) ||
         is_bracketed_byline(s, len);
}

/* "is BettyConfidential's", "is Reuters'", "is Reuters’": the outlet a
 * bio names, a capitalised word in the possessive. */
static int is_outlet_possessive(const char *s, size_t len) {
  if (!has_prefix_ci(s, len, "is ") || len < 6 || !isupper((unsigned char)s[3]))
    return 0;
  size_t e = 3;
  while (e < len && s[e] != ' ')
    e++;
  if (s[e - 1] == 's')
    e--;
  return s[e - 1] == '\'' ||
         (e >= 6 && memcmp(s + e - 3, "\xe2\x80\x99", 3) == 0);
}

/* An author bio closing the article: "Jane Doe is a Middle East news
 * analyst with a degree in ...". */
static int is_author_bio(const char *s, size_t len) {
  static const char *const roles[] = {
      "journalist", "analyst",   "correspondent", "reporter",
      "writer",     "editor",    "columnist",     "contributor",
      "freelance",  "author of", "degree in",     "covers "};
  size_t i = 0, caps = 0;
  while (i < len && caps < 5) {
    size_t w = i;
    while (i < len && s[i] != ' ')
      i++;
    if (!is_upper_ascii_word(s + w, i - w)) {
      i = w;
      break;
    }
    caps++;
    while (i < len && s[i] == ' ')
      i++;
  }
  if (caps < 2 || caps > 4)
    return 0;
  if (!(has_prefix_ci(s + i, len - i, "is a") ||
        has_prefix_ci(s + i, len - i, "is an") ||
        has_prefix_ci(s + i, len - i, "is the") ||
        is_outlet_possessive(s + i, len - i) ||
        has_prefix_ci(s + i, len - i, "has been") ||
        has_prefix_ci(s + i, len - i, "writes") ||
        has_prefix_ci(s + i, len - i, "covers")))
    return 0;
  for (size_t k = 0; k < COUNT(roles); k++)
    if (contains_ci(s, len, roles[k]))
      return 1;
  return 0;
}

/* Normalises one code point for the cleaned text: returns the replacement
 * (0 to drop it). */
static int32_t normalise_cp(int32_t cp) {
  if (cp == '\t' || cp == 0xA0 || cp == 0x1680 ||
      (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F ||
      cp == 0x3000)
    return ' ';
  if (cp == 0x2028 || cp == 0x2029 || cp == '\r' || cp == '\f' || cp == '\v')
    return '\n';
  if ((cp < 0x20 && cp != '\n') || (cp >= 0x7F && cp <= 0x9F))
    return 0;
  if ((cp >= 0x200B && cp <= 0x200F) || cp == 0xFEFF || cp == 0x2060 ||
      cp == 0xAD || (cp >= 0x202A && cp <= 0x202E) || cp == 0xFFFD)
    return 0;
  return cp;
}

/* Normalises characters and whitespace: single spaces, no blank lines, lines
 * trimmed. "\r\n" counts as one break. */
static int normalise(const char *in, size_t len, bf_buf *out) {
  int pending_space = 0, line_empty = 1;
  for (size_t i = 0; i < len;) {
    int32_t cp;
    size_t n = bf_utf8_decode(in, len, i, &cp);
    if (cp == '\r' && i + 1 < len && in[i + 1] == '\n') {
      i++;
      continue;
    }
    i += n;
    cp = normalise_cp(cp);
    if (cp == 0)
      continue;
    if (cp == ' ') {
      pending_space = !line_empty;
      continue;
    }
    if (cp == '\n') {
      if (!line_empty)
        bf_buf_putc(out, '\n');
      line_empty = 1;
      pending_space = 0;
      continue;
    }
    if (pending_space)
      bf_buf_putc(out, ' ');
    pending_space = 0;
    char enc[4];
    bf_buf_append(out, enc, bf_utf8_encode(cp, enc));
    line_empty = 0;
  }
  return out->oom ? -1 : 0;
}

/* Length of the inline furniture starting at s with its trailing space,
 * or 0. The phrase must match with its case and end at a word end. */
static size_t inline_furniture_at(const char *s, size_t len) {
  for (size_t k = 0; k < COUNT(inline_furniture); k++) {
    size_t n = strlen(inline_furniture[k]);
    if (len >= n && memcmp(s, inline_furniture[k], n) == 0 &&
        (len == n || s[n] == ' '))
      return len == n ? n : n + 1;
  }
  return 0;
}

/* Removes "[ad_1]"-style markers inside a line, in place; returns the new
 * length. */
static size_t strip_inline_markers(char *s, size_t len) {
  size_t o = 0;
  for (size_t i = 0; i < len;) {
    size_t cut =
        (o == 0 || s[o - 1] == ' ') ? inline_furniture_at(s + i, len - i) : 0;
    if (cut) {
      i += cut;
      continue;
    }
    if (s[i] == '[' && i + 4 < len && strncasecmp(s + i + 1, "ad_", 3) == 0) {
      size_t j = i + 4;
      while (j < len && isdigit((unsigned char)s[j]))
        j++;
      if (j < len && s[j] == ']') {
        i = j + 1;
        while (i < len && s[i] == ' ' && (o == 0 || s[o - 1] == ' '))
          i++;
        continue;
      }
    }
    s[o++] = s[i++];
  }
  while (o && s[o - 1] == ' ')
    o--;
  return o;
}

/* News services whose name in brackets ends a dateline even without a
 * dash after it: "Seoul (CNN) North Korea is ...". */
static const char *const agencies[] = {"AP",      "AFP",       "ANSA",
                                       "BBC",     "Bloomberg", "CNN",
                                       "dpa",     "EFE",       "HealthDay News",
                                       "IANS",    "Kyodo",     "PTI",
                                       "Reuters", "TASS",      "UPI",
                                       "Xinhua",  "Yonhap"};

static int is_agency(const char *s, size_t len) {
  for (size_t k = 0; k < COUNT(agencies); k++)
    if (len == strlen(agencies[k]) && strncasecmp(s, agencies[k], len) == 0)
      return 1;
  return 0;
}

static int has_lower(const char *s, size_t len) {
  for (size_t i = 0; i < len; i++)
    if (islower((unsigned char)s[i]))
      return 1;
  return 0;
}

/* Whether s starts a sentence: a capital or an opening quote. */
static int opens_sentence(const char *s, size_t len) {
  return len > 0 && (isupper((unsigned char)s[0]) || s[0] == '"' ||
                     (len >= 3 && memcmp(s, "\xe2\x80\x9c", 3) == 0));
}

/* A place in capitals, a comma and a day, with the dash lost: "DALLAS,
 * April 18 A gray dress ..." or "NEW YORK, May 3, 2016 The ...". Returns
 * the length up to the sentence, or 0. */
static size_t undashed_dateline(const char *s, size_t len) {
  size_t i = 0;
  while (i < len && (isupper((unsigned char)s[i]) || s[i] == ' ' ||
                     s[i] == '/' || s[i] == '.'))
    i++;
  if (i < 2 || i >= len || s[i] != ',' || !isupper((unsigned char)s[1]))
    return 0;
  i++;
  while (i < len && s[i] == ' ')
    i++;
  size_t m = i;
  while (m < len && (isalpha((unsigned char)s[m]) || s[m] == '.'))
    m++;
  if (!bf_month_from_name(s + i, m - i) || m >= len || s[m] != ' ')
    return 0;
  size_t d = ++m;
  while (d < len && isdigit((unsigned char)s[d]))
    d++;
  if (d == m || d - m > 2)
    return 0;
  if (d + 6 < len && s[d] == ',' && s[d + 1] == ' ' &&
      isdigit((unsigned char)s[d + 2]))
    d += 6; /* ", 2016" */
  if (d >= len || s[d] != ' ' || !opens_sentence(s + d + 1, len - d - 1))
    return 0;
  return d + 1;
}

/* A place in capitals before an article's sentence, the dash lost:
 * "HOUSTON A man who ...", "NEW YORK The ...". Only "The", "A" and "An"
 * count as the sentence's start: "NASA Scientists ..." and "CGI Federal"
 * stay. Returns the length up to the sentence, or 0. */
static size_t bare_dateline(const char *s, size_t len) {
  static const char *const openers[] = {"The ", "A ", "An "};
  size_t letters = 0;
  for (size_t i = 0; i < len && i < 40; i++) {
    if (s[i] != ' ') {
      if (!isupper((unsigned char)s[i]) && s[i] != '.')
        return 0;
      letters++;
      continue;
    }
    for (size_t k = 0; letters >= 4 && k < COUNT(openers); k++) {
      size_t n = strlen(openers[k]), e = i + 1 + n;
      if (e < len && memcmp(s + i + 1, openers[k], n) == 0 &&
          islower((unsigned char)s[e]))
        return i + 1;
    }
  }
  return 0;
}

/* Length of a dateline opening an article's first lines: "BEIRUT – ",
 * "LONDON (AP) _ ", "WASHINGTON, D.C. (Reuters) - ", "Beijing, 24 Jun
 * (XINHUA) -- ", "(CNN) ", "Seoul, South Korea (CNN) ". 0 when there is
 * none. A capitalised place, then capitalised words or day numbers, an
 * optional agency in brackets, then a dash; a known agency needs no
 * dash, or no place. *strong is set when the place is in capitals or an
 * agency is named: evidence enough further down the article's first
 * lines, below a headline and captions. */
static size_t dateline_prefix(const char *s, size_t len, int *strong) {
  size_t i = 0, words = 0;
  int capitals = 0;
  *strong = 0;
  while (i < len && words < 4) {
    unsigned char c = (unsigned char)s[i];
    if (!isupper(c) && !(words > 0 && isdigit(c)))
      break;
    size_t w = i;
    while (i < len &&
           (isalnum((unsigned char)s[i]) || s[i] == '.' || s[i] == '\''))
      i++;
    if (words == 0)
      capitals = i - w >= 2 && !has_lower(s + w, i - w);
    words++;
    if (i < len && s[i] == ',')
      i++;
    if (i < len && s[i] == ' ')
      i++;
  }
  *strong = capitals;
  if (i >= len)
    return 0;
  int agency = 0;
  if (s[i] == '(') {
    size_t close = i + 1;
    while (close < len && close < i + 24 && s[close] != ')')
      close++;
    if (close >= len || s[close] != ')')
      return 0;
    agency = is_agency(s + i + 1, close - i - 1);
    i = close + 1;
    if (i < len && s[i] == ' ')
      i++;
  }
  if (!words && !agency)
    return 0;
  *strong |= agency;
  static const char *const dashes[] = {
      "_ ", "- ", "-- ", ">> ", "\xe2\x80\x93 ", "\xe2\x80\x94 "};
  for (size_t k = 0; k < COUNT(dashes); k++) {
    size_t n = strlen(dashes[k]);
    if (len - i > n && memcmp(s + i, dashes[k], n) == 0 &&
        isupper((unsigned char)s[i + n]))
      return i + n;
  }
  if (agency && opens_sentence(s + i, len - i))
    return i;
  if (!*strong)
    return 0;
  size_t undashed = undashed_dateline(s, len);
  return undashed ? undashed : bare_dateline(s, len);
}

/* Picture agencies a photo credit names after a slash. */
static const char *const picture_agencies[] = {
    "Getty Images", "Getty",     "AP",        "AFP",          "Reuters", "EPA",
    "Bloomberg",    "WireImage", "FilmMagic", "Shutterstock", "Corbis"};

/* Length of a photo credit glued before a paragraph's first sentence:
 * "Barry Brecheisen/Getty Images There is ...", "Jacques
 * DeMarthon/AFP/Getty Images Socialism ...". Capitalised words, the last
 * joined by a slash to a picture agency, then the sentence. 0 if none. */
static size_t photo_credit_prefix(const char *s, size_t len) {
  size_t limit = len < 80 ? len : 80;
  for (size_t i = 0; i < limit; i++) {
    if (s[i] == ' ' && i + 1 < len && !isupper((unsigned char)s[i + 1]) &&
        s[i + 1] != '/')
      return 0; /* a word in lower case: prose, not a credit */
    if (s[i] != '/' || i == 0 || s[i - 1] == ' ')
      continue;
    for (size_t k = 0; k < COUNT(picture_agencies); k++) {
      size_t n = strlen(picture_agencies[k]), e = i + 1 + n;
      if (e < len && memcmp(s + i + 1, picture_agencies[k], n) == 0 &&
          s[e] == ' ' && opens_sentence(s + e + 1, len - e - 1))
        return e + 1;
    }
  }
  return 0;
}

/* Labels that furniture leaves before a paragraph's first sentence: a
 * video player's "CLOSE", an editor's "UPDATE:", an image placeholder.
 * Where next is given the sentence must open with it: "Image The ..." is
 * a placeholder, "Image Comics said ..." names a publisher. */
typedef struct paragraph_label {
  const char *text, *next;
} paragraph_label;

static const paragraph_label paragraph_labels[] = {
    {"CLOSE ", NULL},          {"UPDATE: ", NULL},    {"UPDATED: ", NULL},
    {"ORIGINAL POST: ", NULL}, {"EXCLUSIVE: ", NULL}, {"View Images ", NULL},
    {"Image ", "The "},        {"Image ", "A "},      {"Image ", "An "}};

/* Whether the word is part of a time stamp: a month, "a.m.", a zone. */
static int is_stamp_word(const char *s, size_t len) {
  return bf_month_from_name(s, len) || !has_lower(s, len) ||
         (len == 4 && (memcmp(s, "a.m.", 4) == 0 || memcmp(s, "p.m.", 4) == 0));
}

/* Length of a time stamp and its colon after an update label:
 * "September 6, 2011 1:45 p.m.: ". 0 unless every word is part of a
 * date or time and a digit is among them. */
static size_t stamp_prefix(const char *s, size_t len) {
  int digit = 0;
  for (size_t i = 0; i < len && i < 40;) {
    if (s[i] == ':' && i + 2 < len && s[i + 1] == ' ')
      return digit && opens_sentence(s + i + 2, len - i - 2) ? i + 2 : 0;
    if (isdigit((unsigned char)s[i]) || s[i] == ' ' || s[i] == ',' ||
        s[i] == ':') {
      digit |= isdigit((unsigned char)s[i]);
      i++;
      continue;
    }
    size_t w = i;
    while (i < len && s[i] != ' ' && s[i] != ',' && s[i] != ':')
      i++;
    if (!is_stamp_word(s + w, i - w))
      return 0;
  }
  return 0;
}

/* Length of such a label before its sentence (a capitalised word, or
 * the label's own opener), with the time stamp an update label may carry;
 * 0 if none. */
static size_t paragraph_label_prefix(const char *s, size_t len) {
  for (size_t k = 0; k < COUNT(paragraph_labels); k++) {
    const paragraph_label *pl = &paragraph_labels[k];
    size_t n = strlen(pl->text);
    if (len <= n + 1 || memcmp(s, pl->text, n) != 0)
      continue;
    size_t m = pl->next ? strlen(pl->next) : 0;
    int opens = pl->next ? len - n >= m && memcmp(s + n, pl->next, m) == 0
                         : isupper((unsigned char)s[n]) &&
                               islower((unsigned char)s[n + 1]);
    if (opens)
      return n +
             (has_prefix_ci(s, n, "update") ? stamp_prefix(s + n, len - n) : 0);
  }
  return 0;
}

/* Length of an editor's update mark opening a paragraph: "[Updated at
 * 10:49 a.m., Aug. 18: " before the news it adds. 0 if none. */
static size_t update_mark_prefix(const char *s, size_t len) {
  if (!has_prefix_ci(s, len, "[update"))
    return 0;
  for (size_t i = 7; i + 2 < len && i < 60; i++)
    if (s[i] == ':' && s[i + 1] == ' ' &&
        opens_sentence(s + i + 2, len - i - 2))
      return i + 2;
  return 0;
}

/* End of the sentence starting at s: after its final punctuation (and a
 * closing quote) where a space and a capital or a quote follow, else len. */
static size_t sentence_end(const char *s, size_t len) {
  for (size_t i = 1; i + 2 < len; i++) {
    if (s[i] != '.' && s[i] != '!' && s[i] != '?')
      continue;
    size_t e = i + 1;
    if (s[e] == '"' || s[e] == '\'')
      e++;
    if (e + 1 < len && s[e] == ' ' &&
        (isupper((unsigned char)s[e + 1]) || s[e + 1] == '"'))
      return e + 1;
  }
  return len;
}

/* A long paragraph can carry furniture sentences among prose (a tweet
 * embed's notice, a newsletter prompt): cuts those, in place, and returns
 * the new length. Short lines are judged whole by bf_clean_is_boilerplate. */
static size_t strip_furniture_sentences(char *s, size_t len) {
  if (bf_count_words(s, len) <= 60)
    return len;
  size_t o = 0;
  for (size_t i = 0; i < len;) {
    size_t n = sentence_end(s + i, len - i);
    if (!has_furniture_fragment(s + i, n)) {
      memmove(s + o, s + i, n);
      o += n;
    }
    i += n;
  }
  while (o && s[o - 1] == ' ')
    o--;
  return o;
}

/* Length of a list marker opening a paragraph: newswire writes a dash
 * as "_" ("_Alabama: Seventeen people were killed..."). */
static size_t list_marker(const char *s, size_t len) {
  size_t i = 0;
  if (len > 2 && s[0] == '_')
    i = 1;
  while (i && i < len && s[i] == ' ')
    i++;
  return i < len && isupper((unsigned char)s[i]) ? i : 0;
}

/* Of an article's kept lines, the first DATELINE_LINES may open with a
 * dateline; a strong one (a place in capitals, a named agency) may sit
 * lower, under a headline, captions and video furniture, up to
 * STRONG_DATELINE_LINES. */
#define DATELINE_LINES 3
#define STRONG_DATELINE_LINES 10

typedef struct line_ref {
  size_t start, len;
} line_ref;

/* The prose of a kept line, the line_no-th kept of its article: what
 * follows its dateline, a furniture label, a photo credit, an editor's
 * update mark (whose closing bracket goes too) and a list marker. */
static line_ref prose_of_line(const char *s, size_t len, size_t line_no) {
  int strong = 0;
  size_t skip =
      line_no < STRONG_DATELINE_LINES ? dateline_prefix(s, len, &strong) : 0;
  if (line_no >= DATELINE_LINES && !strong)
    skip = 0;
  skip += paragraph_label_prefix(s + skip, len - skip);
  skip += photo_credit_prefix(s + skip, len - skip);
  size_t mark = update_mark_prefix(s + skip, len - skip);
  if (mark && s[len - 1] == ']' && !memchr(s + skip + 1, '[', len - skip - 1))
    len--;
  skip += mark;
  skip += list_marker(s + skip, len - skip);
  return (line_ref){skip, len - skip};
}

int bf_clean_text(const char *in, size_t len, bf_clean_result *out) {
  memset(out, 0, sizeof *out);
  bf_buf norm, res;
  bf_buf_init(&norm);
  bf_buf_init(&res);
  BF_VEC(line_ref) kept = {0};
  if (normalise(in, len, &norm)) {
    bf_buf_free(&norm);
    return -1;
  }
  char *s = norm.s ? norm.s : "";
  size_t n = norm.len;
  for (size_t i = 0; i < n;) {
    size_t e = i;
    while (e < n && s[e] != '\n')
      e++;
    size_t l =
        strip_furniture_sentences(s + i, strip_inline_markers(s + i, e - i));
    bf_date d;
    if (l && is_dateline(s + i, l, &d) && !out->date.year)
      out->date = d;
    if (l && !bf_clean_is_boilerplate(s + i, l)) {
      line_ref r = prose_of_line(s + i, l, kept.n);
      r.start += i;
      if (BF_VEC_PUSH(kept, r))
        goto oom;
    } else {
      out->dropped_lines++;
    }
    i = e + 1;
  }
  /* Author bios sit at the very end. */
  while (kept.n &&
         is_author_bio(s + kept.v[kept.n - 1].start, kept.v[kept.n - 1].len)) {
    kept.n--;
    out->dropped_lines++;
  }
  for (size_t k = 0; k < kept.n; k++) {
    bf_buf_append(&res, s + kept.v[k].start, kept.v[k].len);
    bf_buf_putc(&res, '\n');
  }
  if (res.oom)
    goto oom;
  bf_buf_free(&norm);
  BF_VEC_FREE(kept);
  out->len = res.len;
  out->text = bf_buf_take(&res);
  return out->text ? 0 : -1;
oom:
  bf_buf_free(&norm);
  bf_buf_free(&res);
  BF_VEC_FREE(kept);
  return -1;
}
