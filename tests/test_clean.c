/*
 * test_clean.c - the clean stage: boilerplate out, article text kept.
 */
#include "helpers.h"

#include "pipeline/pipeline.h"

#include <stdlib.h>

static char *clean(const char *in) {
  bf_clean_result r;
  assert_int_equal(bf_clean_text(in, strlen(in), &r), 0);
  return r.text;
}

static void boilerplate_lines_are_recognised(void **state) {
  (void)state;
  const char *lines[] = {
      "COMMENTS",
      "Please let us know if you're having issues with commenting.",
      "Related Story",
      "[ad_1]",
      "[ad_2]",
      "Source link",
      "Previous articleLetters To The Editor",
      "Next articleAnother Earthquake Rattles Israel",
      "Photo Credit: Arab media via the Syrian Observatory for Human Rights",
      "Posted July 10, 2018",
      "By Jane Doe and John Roe",
      "Advertisement",
      "Share this article",
      "Subscribe to our newsletter for daily updates.",
      "(Photo: AP)",
      "Tuesday, July 10, 2018",
      "2018-07-10 10:32",
      "You can add location information to your Tweets, such as your city "
      "or precise location, from the web and via third-party applications.",
      "The Associated Press contributed to this report.",
      "Follow Jane Doe on Twitter @janedoe.",
      "View all New York Times newsletters.",
      "House Speaker John Boehner walks past media on Capitol Hill in "
      "Washington, Tuesday, April 5, 2011. (AP Photo/Carolyn Kaster)",
      "Flowing in every day, these data are added to the Wayback Machine "
      "after an embargo period.",
      "Story Continued Below",
      "In this Aug. 15, 2014 file photo, a man leaves a Houston courtroom.",
      "Follow Shutdown Corner on Facebook and Twitter!",
      "View Slideshow Rescuers carry a body at the crash site on Monday.",
      "Editors: Wednesday's ceremony was the reporter's 45th Academy Awards.",
      "Eds: UPDATES with four more deaths",
      "Editor's note: This story contains graphic language.",
      "[By JIANGXI RIBAO reporter Zhang Wei (1728 3555) and XINHUA reporter "
      "Wu Huaguo (0702 5478 0948)]",
      "BFN",
      "Language: English Article Type:BFN",
      "Language: Arabic Article Type:BFN",
      "Send us your images or video.",
  };
  for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
    if (!bf_clean_is_boilerplate(lines[i], strlen(lines[i])))
      fail_msg("not recognised as boilerplate: %s", lines[i]);
  }
}

static void article_sentences_are_kept(void **state) {
  (void)state;
  const char *lines[] = {
      "By midnight, the Russian air force had carried out at least 20 air "
      "strikes across the region.",
      "Related talks are expected to resume on Friday, officials said.",
      "Share prices fell sharply after the announcement.",
      "Bombs falling on Syrian town",
      "AFP reports:",
      "On July 10, 2018, the deal was signed in Amman.",
      "Victims rarely report abuse to the police, the study found.",
      "Users of the free trial version lost their files.",
      "The summit can be reached at dawn from the northern trail.",
      "He clicked on a link in the message and lost his savings.",
      "Editors at the paper said the story was accurate.",
  };
  for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
    if (bf_clean_is_boilerplate(lines[i], strlen(lines[i])))
      fail_msg("wrongly dropped: %s", lines[i]);
  }
}

/* A long paragraph loses its furniture sentences and keeps its prose. */
static void furniture_sentences_leave_long_paragraphs(void **state) {
  (void)state;
  char *out =
      clean("The mayor said the bridge would reopen in May after repairs that "
            "cost the city more than four million dollars and closed the main "
            "road for half a year. You always have the option to delete your "
            "Tweet location history. Engineers found cracks in two of the "
            "supports during a routine inspection last autumn, and traffic was "
            "sent through the old town while the work went on.\n");
  assert_non_null(strstr(out, "The mayor said the bridge"));
  assert_non_null(strstr(out, "Engineers found cracks"));
  assert_null(strstr(out, "Tweet location"));
  free(out);
}

/* Furniture inside a paragraph is cut out of it, not the paragraph. */
static void inline_furniture_is_cut(void **state) {
  (void)state;
  char *out = clean("Advertisement Continue reading the main story The "
                    "council met on Monday.\n");
  assert_string_equal(out, "The council met on Monday.\n");
  free(out);
  out = clean("CLOSE Skip in Skip x Embed x Share FBI officials say there "
              "are no further threats.\n");
  assert_string_equal(out, "FBI officials say there are no further threats.\n");
  free(out);
  out = clean("_Alabama: Seventeen people were killed in Huntsville.\n");
  assert_string_equal(out,
                      "Alabama: Seventeen people were killed in Huntsville.\n");
  free(out);
  out = clean("EMBED More News Videos A man was hurt when his car caught "
              "fire in Mountain View.\n");
  assert_string_equal(
      out, "A man was hurt when his car caught fire in Mountain View.\n");
  free(out);
}

static void author_bio_at_end_is_dropped(void **state) {
  (void)state;
  char *out = clean("The talks collapsed on Wednesday.\n"
                    "Hana Levi Julian is a Middle East news analyst with a "
                    "degree in Mass Communication.\n");
  assert_string_equal(out, "The talks collapsed on Wednesday.\n");
  free(out);
  out = clean("She may use the job as a springboard.\n"
              "Lucia Peters is BettyConfidential\xe2\x80\x99s associate "
              "editor.\n");
  assert_string_equal(out, "She may use the job as a springboard.\n");
  free(out);
  out = clean("The talks collapsed.\nJane Roe is Reuters' editor in Paris.\n");
  assert_string_equal(out, "The talks collapsed.\n");
  free(out);
}

static void bio_like_sentence_mid_article_is_kept(void **state) {
  (void)state;
  char *out = clean("Jane Doe is a reporter who saw the attack.\n"
                    "The talks collapsed on Wednesday.\n");
  assert_non_null(strstr(out, "Jane Doe is a reporter"));
  free(out);
}

static void inline_ad_markers_and_whitespace(void **state) {
  (void)state;
  char *out = clean("[ad_1]\r\n  The   bombing\xc2\xa0resumed [ad_2] on "
                    "Wednesday.\u200b \r\n\r\n\r\nSource link\n");
  assert_string_equal(out, "The bombing resumed on Wednesday.\n");
  free(out);
}

static void control_characters_are_removed(void **state) {
  (void)state;
  char *out = clean("Talks\x07 resumed\xc2\x85 today.\n");
  assert_string_equal(out, "Talks resumed today.\n");
  free(out);
}

static void posted_date_is_captured(void **state) {
  (void)state;
  bf_clean_result r;
  const char *in = "Headline here\nPosted July 10, 2018\nBody text.\n";
  assert_int_equal(bf_clean_text(in, strlen(in), &r), 0);
  assert_int_equal(r.date.year, 2018);
  assert_int_equal(r.date.month, 7);
  assert_int_equal(r.date.day, 10);
  assert_string_equal(r.text, "Headline here\nBody text.\n");
  free(r.text);
}

static void datelines_are_stripped(void **state) {
  (void)state;
  char *out = clean("Raids resume\nBeirut \xe2\x80\x93 The bombing resumed.\n"
                    "LONDON (AP) _ Talks went on.\n");
  assert_string_equal(out,
                      "Raids resume\nThe bombing resumed.\nTalks went on.\n");
  free(out);
  out = clean("Jordan - which mediates - said nothing.\n");
  assert_string_equal(out, "Jordan - which mediates - said nothing.\n");
  free(out);
  /* A monitoring service's copy: body mark, place, day, agency. */
  out = clean("BFN\n[Text] Nanchang, 24 Jun (XINHUA) -- A work team arrived."
              "\n[Text] Beijing, June 20 (XINHUA) -- Floods continue.\n");
  assert_string_equal(out, "A work team arrived.\nFloods continue.\n");
  free(out);
  /* A figure opening a sentence is not a dateline. */
  out = clean("The 24 - 12 vote (on Monday) - passed.\n");
  assert_string_equal(out, "The 24 - 12 vote (on Monday) - passed.\n");
  free(out);
}

static void expect_clean(const char *in, const char *want) {
  char *out = clean(in);
  assert_string_equal(out, want);
  free(out);
}

static void agency_datelines_are_stripped(void **state) {
  (void)state;
  expect_clean("(CNN) Hundreds of drones fly.\n", "Hundreds of drones fly.\n");
  expect_clean("(Reuters) - U.S. judges ruled.\n", "U.S. judges ruled.\n");
  expect_clean("Seoul, South Korea (CNN) North Korea moved a missile.\n",
               "North Korea moved a missile.\n");
  expect_clean("THURSDAY, Jan. 6 (HealthDay News) -- A test helps.\n",
               "A test helps.\n");
  /* A bracket that names no agency is not a dateline without its dash. */
  expect_clean("Facebook (FB) Chief Executive Mark Zuckerberg spoke.\n",
               "Facebook (FB) Chief Executive Mark Zuckerberg spoke.\n");
}

static void datelines_without_dash_are_stripped(void **state) {
  (void)state;
  expect_clean("DALLAS, April 18 A gray dress sold.\n", "A gray dress sold.\n");
  expect_clean("NEW YORK, May 3, 2016 The index fell.\n", "The index fell.\n");
  expect_clean("HOUSTON A man fired a gun.\n", "A man fired a gun.\n");
  expect_clean("WOODLAND HILLS >> Detectives came.\n", "Detectives came.\n");
  /* Capitals that are a name, not a place before a sentence, stay. */
  expect_clean("NASA Scientists found water.\n",
               "NASA Scientists found water.\n");
  expect_clean("CGI Federal won the job.\n", "CGI Federal won the job.\n");
}

/* Below a headline, captions and player furniture: a dateline in capitals
 * or naming its agency is still found; a weak one only in the first
 * lines. */
static void strong_datelines_are_found_lower(void **state) {
  (void)state;
  expect_clean("Socks banned\nA caption.\nA second caption.\nA third.\n"
               "ISLAMABAD (Reuters) - Pakistan acted.\n",
               "Socks banned\nA caption.\nA second caption.\nA third.\n"
               "Pakistan acted.\n");
  expect_clean("Raids\nA caption.\nA second caption.\nA third.\n"
               "Beirut \xe2\x80\x93 The bombing resumed.\n",
               "Raids\nA caption.\nA second caption.\nA third.\n"
               "Beirut \xe2\x80\x93 The bombing resumed.\n");
}

static void photo_credits_and_marks_are_cut(void **state) {
  (void)state;
  expect_clean("Barry Brecheisen/Getty Images There is no question.\n",
               "There is no question.\n");
  expect_clean("Jacques DeMarthon/AFP/Getty Images Socialism is a label.\n",
               "Socialism is a label.\n");
  expect_clean("He met Smith/AP staff.\n", "He met Smith/AP staff.\n");
  expect_clean("CLOSE Actor Tom Sizemore is accused.\n",
               "Actor Tom Sizemore is accused.\n");
  expect_clean("UPDATE: Fox News signed him.\nImage The spokeswoman spoke.\n"
               "View Images An artist's view of the dinosaur.\n",
               "Fox News signed him.\nThe spokeswoman spoke.\n"
               "An artist's view of the dinosaur.\n");
  expect_clean("Image quality improved.\nImage Comics said no.\n",
               "Image quality improved.\nImage Comics said no.\n");
  expect_clean("UPDATE: September 6, 2011 1:45 p.m.: A director wrote to us.\n",
               "A director wrote to us.\n");
  expect_clean("Skip in Skip x Embed x Share The children were found.\n",
               "The children were found.\n");
  expect_clean("WEBVTT MAX: WE'RE AT THE CREEK.\nImage from the campaign.\n"
               "The creek rose.\n",
               "The creek rose.\n");
  expect_clean("[Updated at 10:49 a.m., Aug. 18: In a statement later the "
               "host said he took the cut to save jobs.]\n",
               "In a statement later the host said he took the cut to save "
               "jobs.\n");
  expect_clean("Right: Jo Roe/ABC Via Getty Images Photo: Left: Office.\n"
               "The show went on.\n",
               "The show went on.\n");
}

static void empty_after_cleaning_is_empty(void **state) {
  (void)state;
  char *out = clean("COMMENTS\nSource link\n\n");
  assert_string_equal(out, "");
  free(out);
}

static void seeds_boilerplate_never_reaches_story(void **state) {
  (void)state;
  if (!shared_available())
    skip();
  brief_story *s = brief_story_new();
  brief_error err;
  assert_int_equal(
      brief_story_add_path(s, BRIEF_SHARED_DIR "/seeds", NULL, &err), BRIEF_OK);
  const char *gold[] = {
      "COMMENTS",
      "Please let us know if you're having issues with commenting.",
      "Related Story",
      "[ad_1]",
      "[ad_2]",
      "Source link",
      "Previous articleLetters To The Editor",
      "Next articleAnother Earthquake Rattles Israel",
      "Photo Credit: Arab media via the Syrian Observatory for Human Rights",
      "Hana Levi Julian is a Middle East news analyst",
      "Posted July 10, 2018"};
  for (size_t i = 0; i < brief_story_article_count(s); i++) {
    brief_article_view v;
    brief_story_article(s, i, &v);
    for (size_t g = 0; g < sizeof gold / sizeof *gold; g++)
      if (strstr(v.text, gold[g]))
        fail_msg("%s still holds '%s'", v.id, gold[g]);
  }
  brief_story_free(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(boilerplate_lines_are_recognised),
      cmocka_unit_test(article_sentences_are_kept),
      cmocka_unit_test(furniture_sentences_leave_long_paragraphs),
      cmocka_unit_test(inline_furniture_is_cut),
      cmocka_unit_test(author_bio_at_end_is_dropped),
      cmocka_unit_test(bio_like_sentence_mid_article_is_kept),
      cmocka_unit_test(inline_ad_markers_and_whitespace),
      cmocka_unit_test(control_characters_are_removed),
      cmocka_unit_test(posted_date_is_captured),
      cmocka_unit_test(datelines_are_stripped),
      cmocka_unit_test(agency_datelines_are_stripped),
      cmocka_unit_test(datelines_without_dash_are_stripped),
      cmocka_unit_test(strong_datelines_are_found_lower),
      cmocka_unit_test(photo_credits_and_marks_are_cut),
      cmocka_unit_test(empty_after_cleaning_is_empty),
      cmocka_unit_test(seeds_boilerplate_never_reaches_story),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
