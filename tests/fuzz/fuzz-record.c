/* SPDX-License-Identifier: MIT */
/* fuzz-record.c - libFuzzer target for the stored passage record: any bytes
 * as document data. A record that decodes must lie inside the data, encode
 * back to the same bytes in its own layout, and inherit its article fields
 * from a passage 0 decoded from the same bytes only when it is a later
 * passage of the shared layout. */
#include "bug.h"
#include "schema.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
inside(const char *f, size_t len, const char *data, size_t size)
{
    if (len && (f < data || f + len > data + size))
        CN_BUG("field outside the data");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *d = (const char *)data;
    cn_record_t r, again;
    if (cn_record_decode(d, size, &r) != CN_OK)
        return 0;
    inside(r.article_id, r.article_id_len, d, size);
    inside(r.title, r.title_len, d, size);
    inside(r.url, r.url_len, d, size);
    inside(r.text, r.text_len, d, size);
    cn_buf_t b = CN_BUF_INIT;
    bool shared = d[0] == CN_RECORD_VERSION_SHARED[0];
    cn_record_encode(&r, shared, &b);
    if (cn_record_decode(b.data, b.len, &again) != CN_OK)
        CN_BUG("a decoded record does not decode once encoded again");
    if (again.passage_no != r.passage_no || again.shared != r.shared ||
        again.text_len != r.text_len || memcmp(again.text, r.text, r.text_len) != 0)
        CN_BUG("a record changed through encode and decode");
    /* A later passage of the shared layout inherits from a passage 0, and
     * from nothing else (itself); any other record inherits nothing. */
    cn_status_t st = cn_record_inherit(&r, &again);
    if (again.shared ? st != CN_E_DB_CORRUPT || !r.shared : st != CN_OK)
        CN_BUG("inherit from itself: status %d", (int)st);
    if (again.shared) {
        cn_record_t z = again, first;
        cn_buf_t b0 = CN_BUF_INIT;
        z.passage_no = 0;
        cn_record_encode(&z, true, &b0);
        if (cn_record_decode(b0.data, b0.len, &first) != CN_OK || first.shared ||
            cn_record_inherit(&again, &first) != CN_OK || again.shared ||
            again.article_id != first.article_id)
            CN_BUG("a later passage does not inherit from its passage 0");
        cn_buf_release(&b0);
    }
    cn_buf_release(&b);
    return 0;
}
