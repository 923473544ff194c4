/* SPDX-License-Identifier: MIT */
/* datewords.h - dates typed as bare query words (2023年11月19日, 11月19日,
 * November 19, 2023): recognised with the date extractor and turned into
 * the weighted DM terms of the passages that mention them
 * (docs/searching.md, "Dates and names in the ranking"). */
#ifndef SRCH_DATEWORDS_H
#define SRCH_DATEWORDS_H
#include <stdbool.h>
#include <stddef.h>
#include "status.h"
#include "xapc.h"

/* The key of a date word: "YYYY-MM-DD", "YYYY-MM", "YYYY", or "--MM-DD"
 * (ISO 8601's form for a day of any year) for a day without a year. */
#define SRCH_DATE_KEY_MAX 11

/** If text[0..len) as a whole is one date (not a range, not relative),
 * writes its key into 'key' and returns true. A day without a year
 * (11月19日) gives "--11-19"; a day without a month (19日) and a month
 * without a year (11月) are not dates here: too vague to weigh. */
bool srch_date_word_key(const char *text, size_t len, char key[SRCH_DATE_KEY_MAX]);

/** True when 'key' names a whole year: its evidence is only a boost (a
 * year is too wide a net to match passages by). */
bool srch_date_word_is_year(const char *key);

/** How many mentioned dates the date word 'key' stands for: one, or for
 * "--MM-DD" one per year of years[0..nyears). */
size_t srch_date_word_count(const char *key, size_t nyears);

/** The i-th of them (i < srch_date_word_count()), as the date part of a
 * DM term (YYYY, YYYY-MM or YYYY-MM-DD), in 'out'. */
void srch_date_word_date(const char *key, const int *years, size_t i, char out[16]);

/** The query "the passage mentions the date 'key'": its DM term (for
 * "--MM-DD": the DM terms of that day in each of years[0..nyears)),
 * each match weighing 'weight' (xapc_query_const_weight), tagged "date".
 * *out is NULL when there is no term (a yearless day, no year given).
 * Returns XAPC_OK or the status of a failed xapc call (*errmsg then
 * malloc'd, may stay NULL). */
xapc_status_t srch_date_word_query(const char *key, double weight, const int *years,
                                   size_t nyears, xapc_query_t **out, char **errmsg);

/** Reads the years for which the index has DM terms (its "DMYYYY" terms)
 * into *years (malloc'd, ascending, caller frees; *n may be 0).
 * Returns CN_OK, CN_E_DB (*errmsg malloc'd) or CN_E_NOMEM. */
cn_status_t srch_dm_years_read(xapc_reader_t *r, int **years, size_t *n, char **errmsg);

#endif
