/*
 * test_extract.c - the HTML extractor: main text, metadata, charsets,
 * cleanup, bad input, renderers, threads, and the fuzz regressions folder.
 */
#include "helpers.h"

#include "core/text.h"
#include "core/vec.h"

#include <dirent.h>
#include <jansson.h>
#include <pthread.h>
#include <stdlib.h>

/* ---- helpers ---- */

static brief_page *extract_len(const char *html, size_t len) {
  brief_page *page = NULL;
  brief_error err;
  brief_status st = brief_extract_html(html, len, "test.html", &page, &err);
  if (st != BRIEF_OK)
    fail_msg("extract failed: %s", err.message);
  assert_non_null(page);
  return page;
}

static brief_page *extract(const char *html) {
  return extract_len(html, strlen(html));
}

static void assert_contains(const char *hay, const char *needle) {
  if (!strstr(hay, needle))
    fail_msg("'%s' not found in:\n%s", needle, hay);
}

static void assert_lacks(const char *hay, const char *needle) {
  if (strstr(hay, needle))
    fail_msg("'%s' should not be in:\n%s", needle, hay);
}

static void assert_valid_view(const brief_page_view *v) {
  assert_int_equal(strlen(v->text), v->text_len);
  assert_int_equal(bf_utf8_invalid_at(v->text, v->text_len), v->text_len);
  const char *fields[] = {v->title,     v->byline,        v->date,
                          v->site_name, v->canonical_url, v->language,
                          v->warning};
  for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
    assert_non_null(fields[i]);
    size_t n = strlen(fields[i]);
    assert_int_equal(bf_utf8_invalid_at(fields[i], n), n);
  }
}

/* A news page written for these tests: navigation, a cookie banner, the
 * article, a share bar, related links, comments and a footer. */
static const char news_page[] =
    "<!DOCTYPE html><html lang=\"en-GB\"><head>"
    "<meta charset=\"utf-8\">"
    "<title>Harbour fire closes ferry terminal - Coastal Gazette</title>"
    "<meta property=\"og:site_name\" content=\"Coastal Gazette\">"
    "<meta property=\"article:published_time\" "
    "content=\"2021-03-04T09:15:00Z\">"
    "<meta name=\"author\" content=\"By Ann Example\">"
    "<link rel=\"canonical\" href=\"https://gazette.example/2021/03/04/fire\">"
    "<style>.x { color: red } LEAKSTYLE</style>"
    "<script>var LEAKSCRIPT = 1;</script>"
    "</head><body>"
    "<div id=\"cookie-banner\">We use cookies to improve your experience. "
    "Accept all cookies to continue reading this site.</div>"
    "<nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/news\">News</a>"
    "</li><li><a href=\"/sport\">Sport</a></li></ul></nav>"
    "<div class=\"main\"><article class=\"story\">"
    "<h1>Harbour fire closes ferry terminal</h1>"
    "<p class=\"byline\">By Ann Example</p>"
    "<div class=\"story-body\">"
    "<p>A fire broke out in a warehouse beside the ferry terminal early on "
    "Thursday, and the terminal was closed for the rest of the day.</p>"
    "<p>Fire crews from three towns fought the blaze for six hours. Nobody "
    "was hurt, the harbour master said in a statement at noon.</p>"
    "<figure><img src=\"a.jpg\"><figcaption>Smoke over the harbour on "
    "Thursday morning (Photo: Gazette)</figcaption></figure>"
    "<h2>Ferries diverted</h2>"
    "<p>Ferries were sent to the north quay instead, where passengers waited "
    "up to two hours for the crossing, the operator said.</p>"
    "<div class=\"share-tools\"><a href=\"#\">Share on Facebook</a> "
    "<a href=\"#\">Tweet</a> <a href=\"#\">Email</a></div>"
    "<p>The cause of the fire is not yet known, and an inquiry will "
    "begin next week.</p>"
    "</div></article>"
    "<div class=\"related-stories\"><h3>Related</h3><ul>"
    "<li><a href=\"/a\">Warehouse fire in the old town last year</a></li>"
    "<li><a href=\"/b\">Ferry operator announces new timetable</a></li>"
    "</ul></div>"
    "<section id=\"comments\"><h3>3 comments</h3>"
    "<div class=\"comment\"><p>COMMENTTEXT I saw the smoke from my house, it "
    "was enormous and lasted for the whole morning.</p></div></section>"
    "</div>"
    "<footer><p>Copyright 2021 Coastal Gazette. All rights reserved. "
    "FOOTERTEXT</p></footer>"
    "</body></html>";

/* ---- main text ---- */

static void test_article_kept(void **state) {
  (void)state;
  brief_page *page = extract(news_page);
  brief_page_view v;
  brief_page_view_get(page, &v);
  assert_valid_view(&v);
  assert_contains(v.text, "A fire broke out in a warehouse");
  assert_contains(v.text, "Fire crews from three towns");
  assert_contains(v.text, "Ferries diverted\n");
  assert_contains(v.text, "Ferries were sent to the north quay");
  assert_contains(v.text, "The cause of the fire is not yet known");
  /* Paragraphs in order, one per line. */
  assert_true(strstr(v.text, "A fire broke out") <
              strstr(v.text, "The cause of the fire"));
  assert_contains(v.text, "closed for the rest of the day.\nFire crews");
  assert_string_equal(v.warning, "");
  brief_page_free(page);
}

static void test_boilerplate_dropped(void **state) {
  (void)state;
  brief_page *page = extract(news_page);
  brief_page_view v;
  brief_page_view_get(page, &v);
  const char *gone[] = {"cookies",
                        "Home",
                        "Share on Facebook",
                        "Tweet",
                        "Warehouse fire in the old town",
                        "COMMENTTEXT",
                        "FOOTERTEXT",
                        "Photo: Gazette",
                        "LEAKSTYLE",
                        "LEAKSCRIPT",
                        "color: red"};
  for (size_t i = 0; i < sizeof gone / sizeof *gone; i++)
    assert_lacks(v.text, gone[i]);
  brief_page_free(page);
}

static void test_title_not_repeated(void **state) {
  (void)state;
  brief_page *page = extract(news_page);
  brief_page_view v;
  brief_page_view_get(page, &v);
  assert_string_equal(v.title, "Harbour fire closes ferry terminal");
  assert_lacks(v.text, "Harbour fire closes ferry terminal");
  brief_page_free(page);
}

static void test_metadata(void **state) {
  (void)state;
  brief_page *page = extract(news_page);
  brief_page_view v;
  brief_page_view_get(page, &v);
  assert_string_equal(v.date, "2021-03-04");
  assert_string_equal(v.site_name, "Coastal Gazette");
  assert_string_equal(v.canonical_url,
                      "https://gazette.example/2021/03/04/fire");
  assert_string_equal(v.language, "en-GB");
  assert_string_equal(v.byline, "Ann Example");
  brief_page_free(page);
}

static const char *const body_paras =
    "<p>The council voted on Monday to rebuild the old bridge over the "
    "river, which has been closed since the floods of last winter.</p>"
    "<p>Work will start in the spring and should take two years, the "
    "council's engineer told the meeting, at a cost of four million.</p>";

static void test_json_ld(void **state) {
  (void)state;
  char html[4096];
  snprintf(html, sizeof html,
           "<html><head><title>Bridge | Valley News</title>"
           "<script type=\"application/ld+json\">"
           "{\"@context\":\"https://schema.org\",\"@graph\":[{\"@type\":"
           "\"WebSite\",\"name\":\"x\"},{\"@type\":[\"NewsArticle\"],"
           "\"headline\":\"Council to rebuild the old bridge\","
           "\"datePublished\":\"2019-11-05T08:00:00+01:00\","
           "\"author\":[{\"@type\":\"Person\",\"name\":\"Bo Writer\"},"
           "{\"name\":\"Cy Writer\"}],\"publisher\":{\"name\":\"Valley "
           "News\"},\"mainEntityOfPage\":{\"@id\":\"https://valley.example/"
           "bridge\"},\"inLanguage\":\"en_US\"}]}</script>"
           "</head><body><div>%s</div></body></html>",
           body_paras);
  brief_page *page = extract(html);
  brief_page_view v;
  brief_page_view_get(page, &v);
  assert_string_equal(v.title, "Council to rebuild the old bridge");
  assert_string_equal(v.date, "2019-11-05");
  assert_string_equal(v.byline, "Bo Writer, Cy Writer");
  assert_string_equal(v.site_name, "Valley News");
  assert_string_equal(v.canonical_url, "https://valley.example/bridge");
  assert_string_equal(v.language, "en-US");
  assert_contains(v.text, "rebuild the old bridge over the river");
  brief_page_free(page);
}

/* A page that renders its story with script: articleBody is the text. */
static void test_json_ld_body_fallback(void **state) {
  (void)state;
  const char *html =
      "<html><head><script type=\"application/ld+json\">"
      "{\"@type\":\"NewsArticle\",\"headline\":\"Dam opens\",\"articleBody\":"
      "\"The new dam on the upper river opened on Friday after eight years of "
      "work and three changes of contractor.\\nIt will supply water to forty "
      "thousand homes and generate power for the region, the minister said "
      "at the opening.\"}</script></head>"
      "<body><div id=\"app\">Loading</div></body></html>";
  brief_page *page = extract(html);
  brief_page_view v;
  brief_page_view_get(page, &v);
  assert_contains(v.text, "The new dam on the upper river opened");
  assert_contains(v.text, "contractor.\nIt will supply water");
  assert_contains(v.warning, "JSON-LD articleBody");
  brief_page_free(page);
}

/* A page that renders its story from page-state JSON: a body in HTML and
 * teasers of other stories around it. */
static void test_page_state_fallback(void **state) {
  (void)state;
  const char *html =
      "<html><head><title>Dam opens</title></head><body>"
      "<div id=\"__next\"><p>Loading</p></div>"
      "<script id=\"__NEXT_DATA__\" type=\"application/json\">"
      "{\"props\":{\"pageProps\":{\"teasers\":[{\"title\":\"Mayor "
      "opens a new library in the old station\",\"url\":"
      "\"https://n.example/library\"}],\"article\":{\"headline\":\"Dam "
      "opens\",\"body\":\"<p>The new dam on the upper river opened on "
      "Friday after eight years of work and three changes of "
      "contractor.</p><h2>Water for the valley</h2><p>It will supply water to "
      "forty thousand homes and generate power for the region, the minister "
      "said at the opening.</p>\"}}}}</script></body></html>";
  brief_page *page = extract(html);
  brief_page_view v;
  brief_page_view_get(page, &v);
  assert_string_equal(v.text,
                      "The new dam on the upper river opened on Friday after "
                      "eight years of work and three changes of contractor.\n"
                      "Water for the valley\n"
                      "It will supply water to forty thousand homes and "
                      "generate power for the region, the minister said at "
                      "the opening.\n");
  assert_contains(v.warning, "script data");
  brief_page_free(page);
  /* window.__STATE__ = {...}; with the body as a list of paragraphs. */
  html = "<html><body><div id=\"app\"></div><script>"
         "window.__INITIAL_STATE__ = {\"story\":{\"blocks\":["
         "{\"type\":\"p\",\"text\":\"The new dam on the upper river opened "
         "on Friday after eight years of work and three changes of "
         "contractor.\"},{\"type\":\"p\",\"text\":\"It will supply water to "
         "forty thousand homes and generate power for the region.\"}]}};"
         "</script></body></html>";
  page = extract(html);
  brief_page_view_get(page, &v);
  assert_contains(v.text, "contractor.\nIt will supply water");
  assert_contains(v.warning, "script data");
  brief_page_free(page);
}

/* No prose at all: a table of results is the densest text region. */
static void test_densest_fallback(void **state) {
  (void)state;
  const char *html =
      "<html><body><ul class=\"menu\"><li><a href=\"/\">Home</a></li>"
      "<li><a href=\"/r\">Results</a></li></ul><div class=\"results\">"
      "<h2>Relay, under 16</h2><table>"
      "<tr><td>1.</td><td>Valley Harriers</td><td>53,09</td></tr>"
      "<tr><td>2.</td><td>Coast Athletics</td><td>53,84</td></tr>"
      "<tr><td>3.</td><td>Hill Runners</td><td>55,75</td></tr>"
      "</table></div></body></html>";
  brief_page *page = extract(html);
  brief_page_view v;
  brief_page_view_get(page, &v);
  assert_contains(v.text, "Valley Harriers\n53,09");
  assert_contains(v.text, "Hill Runners");
  assert_lacks(v.text, "Home");
  assert_contains(v.warning, "densest text region");
  brief_page_free(page);
}

static void test_dates(void **state) {
  (void)state;
  char html[2048];
  /* <time datetime>. */
  snprintf(html, sizeof html,
           "<html><body><article><time datetime=\"2017-06-30\">June 30"
           "</time>%s</article></body></html>",
           body_paras);
  brief_page *page = extract(html);
  brief_page_view v;
  brief_page_view_get(page, &v);
  assert_string_equal(v.date, "2017-06-30");
  brief_page_free(page);
  /* The URL: /2016/02/29/. */
  snprintf(html, sizeof html,
           "<html><head><meta property=\"og:url\" content=\"http://n.example"
           "/news/2016/02/29/leap\"></head><body>%s</body></html>",
           body_paras);
  page = extract(html);
  brief_page_view_get(page, &v);
  assert_string_equal(v.date, "2016-02-29");
  assert_string_equal(v.canonical_url, "http://n.example/news/2016/02/29/leap");
  brief_page_free(page);
  /* A dateline in a date element. */
  snprintf(html, sizeof html,
           "<html><body><div class=\"post-date\">Friday, January 18, 2008"
           "</div><div>%s</div></body></html>",
           body_paras);
  page = extract(html);
  brief_page_view_get(page, &v);
  assert_string_equal(v.date, "2008-01-18");
  brief_page_free(page);
}

/* ---- today's layouts ---- */

/* A page laid out as today's news sites do: a lead above the body's
 * container, the body split in two by an advert and a related-links box,
 * sub-headings, a list, a quote, a table, text in a <div> without <p>, and
 * a "Read also:" label over a list of links. */
static const char modern_page[] =
    "<html><head><title>Tram line opens | City Post</title></head><body>"
    "<nav><a href=\"/\">Home</a> <a href=\"/city\">City</a></nav>"
    "<main><header><h1>Tram line opens</h1>"
    "<div class=\"standfirst\"><p>LEADTEXT The city's first tram line in "
    "sixty years carried its first passengers on Saturday morning.</p></div>"
    "<div class=\"byline\">By Dee Reporter</div></header>"
    "<div class=\"article-body\">"
    "<p>Thousands of people queued at the terminus before dawn, and the "
    "first tram left two minutes late to loud cheers.</p>"
    "<p>The line runs eleven kilometres from the station to the hospital, "
    "with stops at the market, the university and the stadium.</p>"
    "<h2>Twelve stops</h2>"
    "<ul><li>Station</li><li>Market square</li><li>University</li></ul>"
    "<blockquote>QUOTETEXT We waited a long time for this day, said the "
    "mayor, who rode in the first car.</blockquote>"
    "</div>"
    "<div class=\"ad-slot\"><p>Advertisement</p></div>"
    "<aside class=\"related\"><a href=\"/x\">Bus fares go up again</a>"
    "</aside>"
    "<div class=\"article-body\">"
    "<p>SECONDPART Tickets cost the same as a bus fare, and children under "
    "twelve travel free until the end of the year.</p>"
    "<table><tr><th>Line</th><th>Every</th></tr>"
    "<tr><td>T1</td><td>6 minutes</td></tr></table>"
    "<div>DIVTEXT A second line to the airport is planned for 2031, "
    "although the money for it has not yet been found.</div>"
    "<p>Read also:</p><ul><li><a href=\"/a\">How the trams were built</a>"
    "</li><li><a href=\"/b\">The last tram of 1962</a></li></ul>"
    "</div></main>"
    "<footer><p>City Post, all rights reserved.</p></footer>"
    "</body></html>";

static void test_modern_layout(void **state) {
  (void)state;
  brief_page *page = extract(modern_page);
  brief_page_view v;
  brief_page_view_get(page, &v);
  assert_valid_view(&v);
  const char *kept[] = {"LEADTEXT",     "Thousands of people queued",
                        "Twelve stops", "Market square",
                        "QUOTETEXT",    "SECONDPART",
                        "6 minutes",    "DIVTEXT"};
  for (size_t i = 0; i < sizeof kept / sizeof *kept; i++)
    assert_contains(v.text, kept[i]);
  assert_true(strstr(v.text, "LEADTEXT") < strstr(v.text, "Thousands"));
  assert_true(strstr(v.text, "QUOTETEXT") < strstr(v.text, "SECONDPART"));
  const char *gone[] = {"Home",        "Advertisement", "Bus fares",
                        "Read also",   "trams were",    "rights reserved",
                        "Dee Reporter"};
  for (size_t i = 0; i < sizeof gone / sizeof *gone; i++)
    assert_lacks(v.text, gone[i]);
  assert_string_equal(v.title, "Tram line opens");
  brief_page_free(page);
}

/* Chinese and Japanese put no spaces between words: their paragraphs must
 * still read as prose. */
static void test_cjk_prose(void **state) {
  (void)state;
  const char *html =
      "<html><body><div class=\"nav\"><a href=\"/\">首页</a><a href=\"/n\">"
      "新闻</a></div><div class=\"text\">"
      "<p>"
      "市政府星期六宣布，城市第一条有轨电车线路正式开通，数千名市民在清晨排队"
      "等候乘坐首班车。</p>"
      "<p>这条线路全长十一公里，从火车站通往医院，沿途经过市场、大学和体育场。"
      "</p></div></body></html>";
  brief_page *page = extract(html);
  brief_page_view v;
  brief_page_view_get(page, &v);
  assert_contains(v.text, "城市第一条有轨电车线路正式开通");
  assert_contains(v.text, "从火车站通往医院");
  assert_lacks(v.text, "首页");
  assert_string_equal(v.warning, "");
  brief_page_free(page);
}

/* A stray tag in a <noscript> makes libxml2 put the rest of the page
 * inside it. */
static void test_noscript_swallows_page(void **state) {
  (void)state;
  char html[2048];
  snprintf(html, sizeof html,
           "<html><body><noscript><div id=\"nojs\"></noscript>"
           "<div id=\"main\">%s</div></body></html>",
           body_paras);
  brief_page *page = extract(html);
  brief_page_view v;
  brief_page_view_get(page, &v);
  assert_contains(v.text, "rebuild the old bridge");
  brief_page_free(page);
}

/* "Posted on" above a post is its date line, not a reader's comment. */
static void test_posted_on_above_article(void **state) {
  (void)state;
  char html[2048];
  snprintf(html, sizeof html,
           "<html><body><div class=\"post\"><p>Posted on April 22, 2022</p>"
           "<h1>Bridge to be rebuilt</h1><p>Posted on April 22, 2022</p>%s"
           "</div></body></html>",
           body_paras);
  brief_page *page = extract(html);
  brief_page_view v;
  brief_page_view_get(page, &v);
  assert_contains(v.text, "rebuild the old bridge");
  assert_contains(v.text, "four million");
  brief_page_free(page);
}

/* ---- text cleanup ---- */

static void test_entities_and_invisibles(void **state) {
  (void)state;
  const char *html =
      "<html><body><div><p>Smith &amp; Jones said it&#8217;s done, the "
      "price&nbsp;rose to &pound;5 and then&#x2014;quietly&#146;s fell back "
      "again today.</p><p>Zero\xE2\x80\x8Bwidth and soft\xC2\xADhyphen and "
      "bi\xE2\x80\x8E"
      "diland bom\xEF\xBB\xBFmark vanish from this "
      "sentence.</p><p>Control \x01\x02"
      "characters\x7F"
      " are dropped from "
      "this sentence too, as they should be.</p></div></body></html>";
  brief_page *page = extract(html);
  brief_page_view v;
  brief_page_view_get(page, &v);
  assert_valid_view(&v);
  assert_contains(v.text, "Smith & Jones said it\xE2\x80\x99s done");
  assert_contains(v.text, "price rose to \xC2\xA3"
                          "5 and then\xE2\x80\x94quietly\xE2\x80\x99s");
  assert_contains(v.text, "Zerowidth and softhyphen and bidiland bommark");
  assert_contains(v.text, "Control characters are dropped");
  assert_lacks(v.text, "\xC2\xA0");
  brief_page_free(page);
}

static void test_whitespace_collapsed(void **state) {
  (void)state;
  const char *html = "<html><body><div><p>  Spaces\n\n and\ttabs   are "
                     "<b>collapsed</b> <i>across</i>\n inline tags in this "
                     "long enough sentence.  </p></div></body></html>";
  brief_page *page = extract(html);
  brief_page_view v;
  brief_page_view_get(page, &v);
  assert_string_equal(v.text, "Spaces and tabs are collapsed across inline "
                              "tags in this long enough sentence.\n");
  brief_page_free(page);
}

/* ---- charsets ---- */

static void test_latin1_declared(void **state) {
  (void)state;
  const char *html =
      "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; "
      "charset=iso-8859-1\"></head><body><p>Le caf\xE9 de la gare a "
      "ferm\xE9 ses portes apr\xE8s quarante ans, a dit le maire "
      "\x93hier\x94.</p></body></html>";
  brief_page *page = extract(html);
  brief_page_view v;
  brief_page_view_get(page, &v);
  assert_valid_view(&v);
  assert_contains(v.text, "Le caf\xC3\xA9 de la gare a ferm\xC3\xA9");
  assert_contains(v.text, "\xE2\x80\x9Chier\xE2\x80\x9D");
  brief_page_free(page);
}

static void test_undeclared_cp1252(void **state) {
  (void)state;
  const char *html = "<html><body><p>It\x92s a fine day in the city, the "
                     "forecaster said \x96 and she was right about it."
                     "</p></body></html>";
  brief_page *page = extract(html);
  brief_page_view v;
  brief_page_view_get(page, &v);
  assert_valid_view(&v);
  assert_contains(v.text, "It\xE2\x80\x99s a fine day");
  assert_contains(v.text, "said \xE2\x80\x93 and");
  brief_page_free(page);
}

/* A page re-encoded to UTF-8 that kept its Latin-1 declaration. */
static void test_utf8_despite_latin1_label(void **state) {
  (void)state;
  const char *html = "<html><head><meta charset=\"windows-1252\"></head>"
                     "<body><p>Der B\xC3\xBCrgermeister er\xC3\xB6"
                     "ffnete "
                     "am Montag die neue Br\xC3\xBC"
                     "cke \xC3\xBC"
                     "ber den "
                     "Fluss.</p></body></html>";
  brief_page *page = extract(html);
  brief_page_view v;
  brief_page_view_get(page, &v);
  assert_contains(v.text, "Der B\xC3\xBCrgermeister er\xC3\xB6"
                          "ffnete");
  brief_page_free(page);
}

static void test_bom_and_utf16(void **state) {
  (void)state;
  const char *ascii = "<html><body><p>A page saved with a byte order mark "
                      "still reads as text, caf\xC3\xA9 and all.</p></body>"
                      "</html>";
  char buf[1024];
  size_t n = strlen(ascii);
  memcpy(buf, "\xEF\xBB\xBF", 3);
  memcpy(buf + 3, ascii, n);
  brief_page *page = extract_len(buf, n + 3);
  brief_page_view v;
  brief_page_view_get(page, &v);
  assert_contains(v.text, "A page saved with a byte order mark");
  assert_contains(v.text, "caf\xC3\xA9");
  brief_page_free(page);
  /* UTF-16LE with a BOM: the ASCII page, é as E9 00. */
  const char *u16 = "<html><body><p>Sixteen bit pages are read too, said "
                    "the caf\xE9 owner.</p></body></html>";
  size_t m = strlen(u16);
  char wide[1024];
  wide[0] = (char)0xFF;
  wide[1] = (char)0xFE;
  for (size_t i = 0; i < m; i++) {
    wide[2 + 2 * i] = u16[i];
    wide[3 + 2 * i] = 0;
  }
  page = extract_len(wide, 2 + 2 * m);
  brief_page_view_get(page, &v);
  assert_valid_view(&v);
  assert_contains(v.text, "Sixteen bit pages are read too, said the "
                          "caf\xC3\xA9 owner.");
  brief_page_free(page);
}

/* ---- bad input ---- */

static void test_no_article(void **state) {
  (void)state;
  const char *html = "<html><head><title>Index</title></head><body><ul>"
                     "<li><a href=\"/a\">One</a></li><li><a href=\"/b\">Two"
                     "</a></li></ul></body></html>";
  brief_page *page = extract(html);
  brief_page_view v;
  brief_page_view_get(page, &v);
  assert_string_equal(v.text, "");
  assert_int_equal(v.text_len, 0);
  assert_true(strlen(v.warning) > 0);
  brief_page_free(page);
  /* Empty and whitespace-only input too. */
  page = extract_len("", 0);
  brief_page_view_get(page, &v);
  assert_string_equal(v.text, "");
  assert_true(strlen(v.warning) > 0);
  brief_page_free(page);
  page = extract("   \n\t ");
  brief_page_view_get(page, &v);
  assert_string_equal(v.text, "");
  brief_page_free(page);
}

static void test_truncated_and_broken(void **state) {
  (void)state;
  char html[4096];
  int n = snprintf(html, sizeof html,
                   "<html><body><div><p>%s<p>Unclosed paragraphs and a "
                   "<b><i>misnested</b></i> tag do not stop the reader from "
                   "getting the text.<p>Then the page stops in the middle "
                   "of a tag <a hr",
                   body_paras);
  brief_page *page = extract_len(html, (size_t)n);
  brief_page_view v;
  brief_page_view_get(page, &v);
  assert_contains(v.text, "rebuild the old bridge");
  assert_contains(v.text, "misnested tag do not stop");
  brief_page_free(page);
  /* Every prefix of a page extracts without error. */
  size_t len = strlen(news_page);
  for (size_t cut = 0; cut < len; cut += 37) {
    page = extract_len(news_page, cut);
    brief_page_view_get(page, &v);
    assert_valid_view(&v);
    brief_page_free(page);
  }
}

/* An unclosed <title> swallows the rest of the page in libxml2's tree. */
static void test_unclosed_title(void **state) {
  (void)state;
  char html[2048];
  snprintf(html, sizeof html,
           "<html><head><title>Bridge news<body><div>%s</div></body></html>",
           body_paras);
  brief_page *page = extract(html);
  brief_page_view v;
  brief_page_view_get(page, &v);
  assert_contains(v.text, "rebuild the old bridge");
  assert_string_equal(v.title, "Bridge news");
  brief_page_free(page);
}

/* Nests the body paragraphs `depth` elements deep. */
static void nested_page(bf_buf *b, size_t depth) {
  bf_buf_init(b);
  bf_buf_puts(b, "<html><body>");
  for (size_t i = 2; i < depth; i++)
    bf_buf_puts(b, "<div>");
  bf_buf_puts(b, body_paras);
  for (size_t i = 2; i < depth; i++)
    bf_buf_puts(b, "</div>");
  bf_buf_puts(b, "</body></html>");
  assert_false(b->oom);
}

/* libxml2 alone stops at 256 levels; the extractor reads deeper, up to
 * BRIEF_MAX_HTML_DEPTH, and refuses deeper pages with a clear error. */
static void test_deep_nesting(void **state) {
  (void)state;
  bf_buf b;
  nested_page(&b, 260);
  brief_page *page = extract_len(b.s, b.len);
  brief_page_view v;
  brief_page_view_get(page, &v);
  assert_valid_view(&v);
  assert_contains(v.text, "rebuild the old bridge");
  assert_string_equal(v.warning, "");
  brief_page_free(page);
  bf_buf_free(&b);

  nested_page(&b, BRIEF_MAX_HTML_DEPTH + 10);
  brief_error err;
  page = (brief_page *)1;
  assert_int_equal(brief_extract_html(b.s, b.len, "deep.html", &page, &err),
                   BRIEF_ERR_TOO_LARGE);
  assert_null(page);
  assert_contains(err.message, "deep.html");
  assert_contains(err.message, "nested more than 1024 deep");
  bf_buf_free(&b);
}

static void test_too_large(void **state) {
  (void)state;
  size_t n = BRIEF_MAX_ARTICLE_BYTES + 1;
  char *big = malloc(n);
  assert_non_null(big);
  memset(big, 'a', n);
  brief_page *page = (brief_page *)1;
  brief_error err;
  assert_int_equal(brief_extract_html(big, n, "big.html", &page, &err),
                   BRIEF_ERR_TOO_LARGE);
  assert_int_equal(err.status, BRIEF_ERR_TOO_LARGE);
  assert_null(page);
  assert_contains(err.message, "big.html");
  free(big);
}

static void test_binary_and_args(void **state) {
  (void)state;
  char bin[512];
  for (size_t i = 0; i < sizeof bin; i++)
    bin[i] = (char)(i % 7 == 0 ? 0 : i % 5 == 0 ? 3 : 'x');
  brief_page *page;
  brief_error err;
  assert_int_equal(brief_extract_html(bin, sizeof bin, "img.png", &page, &err),
                   BRIEF_ERR_BINARY);
  assert_contains(err.message, "img.png");
  assert_int_equal(brief_extract_html("x", 1, "p", NULL, &err), BRIEF_ERR_ARG);
  assert_int_equal(brief_extract_html(NULL, 5, "p", &page, &err),
                   BRIEF_ERR_ARG);
  /* NULL is accepted where the API says so. */
  brief_page_free(NULL);
  brief_page_view v;
  brief_page_view_get(NULL, &v);
  assert_string_equal(v.text, "");
}

/* Readers' comments with no markup of their own: "Posted by" lines. */
static void test_flat_comments(void **state) {
  (void)state;
  char html[4096];
  snprintf(html, sizeof html,
           "<html><body><div id=\"x\">%s"
           "<p>Posted by: Reader One on 5:19pm Tue 1 Jan 08</p>"
           "<p>COMMENT ONE this is a long comment about the bridge and the "
           "council and what they should have done.</p>"
           "<p>Posted by: Reader Two on 6:19pm Tue 1 Jan 08</p>"
           "<p>COMMENT TWO another long comment about the bridge, the river "
           "and the council's engineer.</p></div></body></html>",
           body_paras);
  brief_page *page = extract(html);
  brief_page_view v;
  brief_page_view_get(page, &v);
  assert_contains(v.text, "rebuild the old bridge");
  assert_lacks(v.text, "COMMENT");
  assert_lacks(v.text, "Posted by");
  brief_page_free(page);
}

/* ---- renderers ---- */

static void test_render(void **state) {
  (void)state;
  brief_page *page = extract(news_page);
  char *out;
  brief_error err;
  /* Text: the article alone, first line first. */
  assert_int_equal(
      brief_render_page(page, BRIEF_FORMAT_TEXT, BRIEF_PAGE_TEXT, &out, &err),
      BRIEF_OK);
  assert_true(strncmp(out, "A fire broke out", 16) == 0);
  assert_lacks(out, "title:");
  assert_lacks(out, "Coastal Gazette");
  brief_free(out);
  /* With the metadata: "key: value" lines, a blank line, the article. */
  assert_int_equal(brief_render_page(page, BRIEF_FORMAT_TEXT,
                                     BRIEF_PAGE_METADATA, &out, &err),
                   BRIEF_OK);
  assert_true(strncmp(out, "title: Harbour fire closes ferry terminal\n", 42) ==
              0);
  assert_contains(out, "date: 2021-03-04\n");
  assert_contains(out, "site: Coastal Gazette\n");
  assert_contains(out, "\n\nA fire broke out");
  brief_free(out);

  assert_int_equal(brief_render_page(page, BRIEF_FORMAT_JSON, 0, &out, &err),
                   BRIEF_OK);
  json_error_t jerr;
  json_t *o = json_loads(out, 0, &jerr);
  assert_non_null(o);
  assert_string_equal(json_string_value(json_object_get(o, "title")),
                      "Harbour fire closes ferry terminal");
  assert_string_equal(json_string_value(json_object_get(o, "site_name")),
                      "Coastal Gazette");
  assert_true(json_integer_value(json_object_get(o, "words")) > 50);
  assert_non_null(strstr(json_string_value(json_object_get(o, "text")),
                         "A fire broke out"));
  json_decref(o);
  /* One object on one line: pages make JSON Lines. */
  assert_ptr_equal(strchr(out, '\n'), out + strlen(out) - 1);
  brief_free(out);

  assert_int_equal(
      brief_render_page(page, BRIEF_FORMAT_MARKDOWN, 0, &out, &err), BRIEF_OK);
  assert_contains(out, "# Harbour fire closes ferry terminal\n\n");
  assert_contains(out, "closed for the rest of the day.\n\nFire crews");
  brief_free(out);
  assert_int_equal(brief_render_page(NULL, BRIEF_FORMAT_TEXT, 0, &out, &err),
                   BRIEF_ERR_ARG);
  brief_page_free(page);
}

/* ---- threads ---- */

static void *extract_many(void *arg) {
  (void)arg;
  for (int i = 0; i < 20; i++) {
    brief_page *page;
    if (brief_extract_html(news_page, strlen(news_page), "t", &page, NULL))
      return (void *)1;
    brief_page_view v;
    brief_page_view_get(page, &v);
    int ok = strstr(v.text, "A fire broke out") != NULL;
    brief_page_free(page);
    if (!ok)
      return (void *)1;
  }
  return NULL;
}

static void test_threads(void **state) {
  (void)state;
  pthread_t t[4];
  for (int i = 0; i < 4; i++)
    assert_int_equal(pthread_create(&t[i], NULL, extract_many, NULL), 0);
  for (int i = 0; i < 4; i++) {
    void *rc;
    pthread_join(t[i], &rc);
    assert_null(rc);
  }
}

/* ---- fuzz regressions ---- */

/* Every input the fuzzer once crashed on, and the seed corpus, must extract
 * (or be refused) cleanly, with valid UTF-8 out. */
static void replay_dir(const char *dir) {
  DIR *d = opendir(dir);
  if (!d)
    fail_msg("%s: the fixture folder is missing", dir);
  struct dirent *e;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.')
      continue;
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    FILE *f = fopen(path, "rb");
    if (!f)
      continue;
    bf_buf b;
    bf_buf_init(&b);
    char chunk[8192];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
      bf_buf_append(&b, chunk, got);
    fclose(f);
    assert_false(b.oom);
    brief_page *page;
    brief_error err;
    if (brief_extract_html(b.s ? b.s : "", b.len, path, &page, &err) ==
        BRIEF_OK) {
      brief_page_view v;
      brief_page_view_get(page, &v);
      assert_valid_view(&v);
      char *out;
      assert_int_equal(
          brief_render_page(page, BRIEF_FORMAT_JSON, 0, &out, &err), BRIEF_OK);
      brief_free(out);
      brief_page_free(page);
    }
    bf_buf_free(&b);
  }
  closedir(d);
}

static void test_fuzz_regressions(void **state) {
  (void)state;
  replay_dir(BRIEF_SOURCE_DIR "/tests/fuzz/regressions");
  replay_dir(BRIEF_SOURCE_DIR "/tests/fuzz/corpus");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_article_kept),
      cmocka_unit_test(test_boilerplate_dropped),
      cmocka_unit_test(test_title_not_repeated),
      cmocka_unit_test(test_metadata),
      cmocka_unit_test(test_json_ld),
      cmocka_unit_test(test_json_ld_body_fallback),
      cmocka_unit_test(test_page_state_fallback),
      cmocka_unit_test(test_densest_fallback),
      cmocka_unit_test(test_dates),
      cmocka_unit_test(test_modern_layout),
      cmocka_unit_test(test_cjk_prose),
      cmocka_unit_test(test_noscript_swallows_page),
      cmocka_unit_test(test_posted_on_above_article),
      cmocka_unit_test(test_entities_and_invisibles),
      cmocka_unit_test(test_whitespace_collapsed),
      cmocka_unit_test(test_latin1_declared),
      cmocka_unit_test(test_undeclared_cp1252),
      cmocka_unit_test(test_utf8_despite_latin1_label),
      cmocka_unit_test(test_bom_and_utf16),
      cmocka_unit_test(test_no_article),
      cmocka_unit_test(test_truncated_and_broken),
      cmocka_unit_test(test_unclosed_title),
      cmocka_unit_test(test_deep_nesting),
      cmocka_unit_test(test_too_large),
      cmocka_unit_test(test_binary_and_args),
      cmocka_unit_test(test_flat_comments),
      cmocka_unit_test(test_render),
      cmocka_unit_test(test_threads),
      cmocka_unit_test(test_fuzz_regressions),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
