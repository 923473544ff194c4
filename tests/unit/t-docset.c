/* SPDX-License-Identifier: MIT */
/* t-docset.c - the chunked delta-varint id sets behind tombstones (util/docset.h). */
#include "docset.h"
#include "tap.h"

#include <string.h>

static void
test_add_has(void)
{
    cn_docset_t s = CN_DOCSET_INIT;
    int added;
    static const uint32_t ids[] = { 7, 3, 4096, 5, 7, 1, 100000 };
    size_t fresh = 0;
    for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
        cn_docset_add(&s, ids[i], &added);
        fresh += (size_t)added;
    }
    is_int((long long)fresh, 6, "a repeated id is added once");
    is_int((long long)s.n, 6, "six ids");
    int sorted = 1;
    for (size_t i = 1; i < s.n; i++)
        sorted &= s.ids[i - 1] < s.ids[i];
    ok(sorted, "kept sorted");
    ok(cn_docset_has(&s, 4096) && cn_docset_has(&s, 1) && !cn_docset_has(&s, 2) &&
           !cn_docset_has(&s, 100001),
       "has finds members only");
    cn_docset_release(&s);
    ok(!cn_docset_has(&s, 1), "released set is empty");
}

static void
test_keys(void)
{
    cn_buf_t k = CN_BUF_INIT;
    cn_docset_key(&k, "x.", 0x1234);
    is_str(k.data, "x.00001234", "key: prefix + 8 hex digits");
    uint32_t c = 0;
    ok(cn_docset_parse_key(k.data, k.len, 2, &c) && c == 0x1234, "key parses back");
    ok(!cn_docset_parse_key("x.0000123", 9, 2, &c), "short key refused");
    ok(!cn_docset_parse_key("x.0000123G", 10, 2, &c), "non-hex key refused");
    cn_buf_release(&k);
}

static void
test_roundtrip(void)
{
    cn_docset_t s = CN_DOCSET_INIT;
    /* Chunk 0: 1..3 and 4095; chunk 1: 4096 (offset 0) and 8191; chunk 5. */
    static const uint32_t ids[] = { 1, 2, 3, 4095, 4096, 8191, 5 * 4096 + 200 };
    for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
        cn_docset_add(&s, ids[i], NULL);
    cn_buf_t v = CN_BUF_INIT;
    cn_docset_encode_chunk(&s, 0, &v);
    /* 1, gaps 1 1, gap 4092 (two bytes). */
    is_int((long long)v.len, 5, "chunk 0 encodes in 5 bytes");
    cn_docset_t back = CN_DOCSET_INIT;
    is_int(cn_docset_decode_chunk(v.data, v.len, 0, &back), CN_OK, "chunk 0 decodes");
    cn_buf_clear(&v);
    cn_docset_encode_chunk(&s, 1, &v);
    is_int((long long)v.len, 3, "chunk 1: offset 0, then gap 4095");
    is_int(cn_docset_decode_chunk(v.data, v.len, 1, &back), CN_OK, "chunk 1 decodes");
    cn_buf_clear(&v);
    cn_docset_encode_chunk(&s, 5, &v);
    is_int(cn_docset_decode_chunk(v.data, v.len, 5, &back), CN_OK, "chunk 5 decodes");
    cn_buf_clear(&v);
    cn_docset_encode_chunk(&s, 3, &v);
    is_int((long long)v.len, 0, "a chunk without ids encodes empty");
    is_int(cn_docset_decode_chunk(v.data, v.len, 3, &back), CN_OK, "empty decodes");
    ok(back.n == s.n && memcmp(back.ids, s.ids, s.n * sizeof(uint32_t)) == 0,
       "round trip gives the same ids");
    cn_docset_release(&back);
    cn_docset_release(&s);
    cn_buf_release(&v);
}

static void
test_corrupt(void)
{
    cn_docset_t s = CN_DOCSET_INIT;
    is_int(cn_docset_decode_chunk("\x80", 1, 0, &s), CN_E_DB_CORRUPT, "truncated varint");
    is_int(cn_docset_decode_chunk("\x05\x00", 2, 0, &s), CN_E_DB_CORRUPT, "zero gap");
    is_int(cn_docset_decode_chunk("\x00", 1, 0, &s), CN_E_DB_CORRUPT, "docid 0");
    is_int(cn_docset_decode_chunk("\x80\x20", 2, 0, &s), CN_E_DB_CORRUPT,
           "offset 4096 is outside the chunk");
    is_int(cn_docset_decode_chunk("\xff\xff\xff\xff\xff\x01", 6, 0, &s), CN_E_DB_CORRUPT,
           "overlong varint");
    cn_docset_release(&s);
}

int
main(void)
{
    test_add_has();
    test_keys();
    test_roundtrip();
    test_corrupt();
    return tap_done();
}
