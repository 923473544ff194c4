/* SPDX-License-Identifier: MIT */
/* encoding.h - detect the charset of a raw document and convert it to UTF-8. */
#ifndef IDX_ENCODING_H
#define IDX_ENCODING_H
#include <stddef.h>

#include "buf.h"
#include "status.h"

/* How idx_decode_to_utf8() chose the charset (idx_decoded_t.detected_by). */
typedef enum idx_enc_method {
    IDX_ENC_FORCED = 1,  /* the caller named it ('forced') */
    IDX_ENC_BOM,         /* a UTF-8, UTF-16 or UTF-32 byte order mark */
    IDX_ENC_META,        /* <meta charset> or <?xml encoding?> in the head */
    IDX_ENC_UTF8_VALID,  /* the bytes are valid UTF-8 (this includes ASCII
                          * and the empty document) */
    IDX_ENC_DETECTOR,    /* uchardet, or the NUL pattern of BOM-less UTF-16 */
    IDX_ENC_FALLBACK     /* nothing fitted: UTF-8 with replacements */
} idx_enc_method_t;

/* What idx_decode_to_utf8() did. A plain value: no release needed. */
typedef struct idx_decoded {
    /* Name of the charset the bytes were decoded with, e.g. "UTF-8",
     * "GB18030", "BIG5-HKSCS", "CP932". Static, except in one case: a
     * 'forced' name this module does not know but iconv accepts is
     * reported as that 'forced' pointer, borrowed from the caller. */
    const char *encoding;
    /* Number of U+FFFD written for invalid or truncated sequences. */
    size_t replaced;
    /* An idx_enc_method_t value. */
    int detected_by;
} idx_decoded_t;

/**
 * Converts data[0..len) to UTF-8 and appends it to 'out'.
 *
 * Charset choice, first match wins:
 *   1. 'forced', if not NULL: an iconv charset name or a common label
 *      ("gbk", "Shift_JIS", "x-sjis", "euc-kr", ...).
 *   2. A byte order mark: UTF-8, UTF-32LE/BE, UTF-16LE/BE.
 *   3. An XML declaration encoding or an HTML <meta> charset (both the
 *      charset= and the http-equiv forms) in the first 4 KiB. Labels for
 *      UTF-16/32 are ignored there, as browsers do: if the label could be
 *      read as ASCII, the document is not UTF-16.
 *   4. BOM-less UTF-16, recognised by NUL bytes in one half of the code
 *      units (reported as IDX_ENC_DETECTOR).
 *   5. Valid UTF-8 as it stands (ASCII and empty input included), unless
 *      it holds ESC bytes and uchardet names an ISO-2022 charset: those
 *      7-bit encodings are valid UTF-8 too.
 *   6. uchardet, on the first 256 KiB.
 *   7. Fallback: UTF-8 with every invalid byte replaced.
 * Legacy labels and detector results are widened to the superset iconv
 * charset: GB2312/GBK -> GB18030, Big5 -> BIG5-HKSCS (characters it lacks
 * are retried with CP950), Shift_JIS -> CP932 (retried with
 * SHIFT_JISX0213), EUC-KR/UHC -> CP949, EUC-JP stays (retried with
 * EUC-JP-MS), ISO-2022-JP/KR stay. A forced label is widened the same way.
 *
 * Never fails on bad bytes: an invalid sequence becomes U+FFFD and
 * decoding resumes one code unit later (one byte; two for UTF-16; four for
 * UTF-32); a sequence truncated by the end of the input becomes a single
 * U+FFFD. UTF-8 input follows cn_utf8_sanitize() instead: one U+FFFD per
 * invalid byte. Each U+FFFD written this way is counted in info->replaced.
 * A leading U+FEFF (a byte order mark) is dropped, and NUL characters
 * become spaces, as cn_utf8_sanitize() does. What is appended is valid
 * UTF-8.
 *
 * 'data' is borrowed; it may be NULL when 'len' is 0. 'forced' is
 * borrowed (see idx_decoded_t.encoding). 'out' must be initialised; text
 * is appended after its current contents, which are left as they are on
 * failure. 'info' is always filled in (on failure it describes nothing
 * useful). 'errmsg' may be NULL; otherwise *errmsg is set to NULL on
 * success and, on failure, to a message to free() with free() (NULL if
 * even that allocation failed).
 *
 * Returns:
 *   CN_OK                  'out' holds the decoded text.
 *   CN_E_INVALID_ARGUMENT  'forced' is not a charset iconv knows (the
 *                          message names it), or 'out' or 'info' is NULL,
 *                          or 'data' is NULL with a non-zero 'len'.
 *   CN_E_NOMEM             iconv or uchardet could not allocate.
 *   CN_E_INTERNAL          iconv failed in a way it documents no reason
 *                          for (a bug here or in the C library).
 */
cn_status_t idx_decode_to_utf8(const char *data, size_t len,
                               const char *forced, cn_buf_t *out,
                               idx_decoded_t *info, char **errmsg);

/**
 * Returns a static, never-NULL lowercase name for an idx_enc_method_t
 * value ("forced", "bom", "meta", "utf8-valid", "detector", "fallback"),
 * or "unknown", for logs and the rejects file.
 */
const char *idx_enc_method_to_string(int method);

#endif
