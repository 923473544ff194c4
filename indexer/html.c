/* SPDX-License-Identifier: MIT */
/* html.c - title, text, date and URL of an HTML page (gumbo). */
#include "html.h"

#include <gumbo.h>
#include <string.h>
#include <strings.h>

/* Deeper trees are not walked further: their text is lost, which only
 * happens to hostile input (gumbo itself has no depth limit). */
#define MAX_DEPTH 256

typedef struct walk {
    cn_buf_t *out;
    int keep_newlines;
    int space;         /* a space is pending before the next text */
    cn_buf_t *h1;      /* first h1 text goes here while empty */
    int in_h1;
} walk_t;

static int
dropped(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NAV:
    case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FORM: case GUMBO_TAG_FIGURE: case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_IFRAME: case GUMBO_TAG_SVG:
    case GUMBO_TAG_SELECT: case GUMBO_TAG_BUTTON: case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TITLE:
        return 1;
    default:
        return 0;
    }
}

/* Elements whose start and end break paragraphs. */
static int
block(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
    case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_LI:
    case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_TD: case GUMBO_TAG_TH:
    case GUMBO_TAG_TR: case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE: case GUMBO_TAG_MAIN: case GUMBO_TAG_PRE:
    case GUMBO_TAG_DD: case GUMBO_TAG_DT: case GUMBO_TAG_BR: case GUMBO_TAG_HR:
    case GUMBO_TAG_TABLE: case GUMBO_TAG_UL: case GUMBO_TAG_OL:
    case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_BODY:
        return 1;
    default:
        return 0;
    }
}

static void
line_break(walk_t *w)
{
    if (w->out->len && w->out->data[w->out->len - 1] != '\n')
        cn_buf_addch(w->out, '\n');
    w->space = 0;
}

static void
add_text(walk_t *w, const char *s)
{
    for (; *s; s++) {
        char c = *s;
        if (c == '\n' && w->keep_newlines) {
            line_break(w);
        } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
            w->space = 1;
        } else {
            if (w->space && w->out->len && w->out->data[w->out->len - 1] != '\n')
                cn_buf_addch(w->out, ' ');
            w->space = 0;
            cn_buf_addch(w->out, c);
            if (w->in_h1)
                cn_buf_addch(w->h1, c);
        }
    }
}

static void
walk(walk_t *w, const GumboNode *n, int depth)
{
    if (depth > MAX_DEPTH)
        return;
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
        n->type == GUMBO_NODE_CDATA) {
        add_text(w, n->v.text.text);
        return;
    }
    if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_DOCUMENT &&
        n->type != GUMBO_NODE_TEMPLATE)
        return;
    const GumboVector *kids = n->type == GUMBO_NODE_DOCUMENT
                                  ? &n->v.document.children
                                  : &n->v.element.children;
    GumboTag tag = n->type == GUMBO_NODE_DOCUMENT ? GUMBO_TAG_UNKNOWN : n->v.element.tag;
    if (n->type != GUMBO_NODE_DOCUMENT && dropped(tag))
        return;
    int is_block = block(tag);
    int was_h1 = w->in_h1;
    if (tag == GUMBO_TAG_H1 && w->h1 && !w->h1->len)
        w->in_h1 = 1;
    if (is_block)
        line_break(w);
    for (unsigned i = 0; i < kids->length; i++)
        walk(w, kids->data[i], depth + 1);
    if (is_block)
        line_break(w);
    w->in_h1 = was_h1;
}

static const char *
attr(const GumboNode *n, const char *name)
{
    const GumboAttribute *a = gumbo_get_attribute(&n->v.element.attributes, name);
    return a ? a->value : NULL;
}

/* Plain text of an element's subtree, whitespace collapsed. */
static void
node_text(const GumboNode *n, cn_buf_t *out)
{
    walk_t w = { out, 0, 0, NULL, 0 };
    const GumboVector *kids = &n->v.element.children;
    for (unsigned i = 0; i < kids->length; i++)
        walk(&w, kids->data[i], 1);
    while (out->len && out->data[out->len - 1] == '\n')
        cn_buf_setlen(out, out->len - 1);
}

static const char *const date_metas[] = {
    "article:published_time", "og:article:published_time", "og:published_time",
    "date", "pubdate", "publishdate", "publish-date", "dc.date", "dc.date.issued",
    "dcterms.created", "sailthru.date", "parsely-pub-date", NULL,
};

static int
date_meta(const char *key)
{
    for (const char *const *k = date_metas; *k; k++)
        if (strcasecmp(key, *k) == 0)
            return 1;
    return 0;
}

typedef struct head_info {
    cn_buf_t og_title, title;
} head_info_t;

/* Metadata anywhere in the tree: meta, link, title, time. */
static void
scan_meta(const GumboNode *n, idx_html_t *h, head_info_t *hi, int depth)
{
    if (n->type != GUMBO_NODE_ELEMENT || depth > MAX_DEPTH)
        return;
    GumboTag tag = n->v.element.tag;
    if (tag == GUMBO_TAG_META) {
        const char *key = attr(n, "property");
        if (!key)
            key = attr(n, "name");
        if (!key)
            key = attr(n, "itemprop");
        const char *val = attr(n, "content");
        if (key && val && *val) {
            if (strcasecmp(key, "og:title") == 0 && !hi->og_title.len)
                cn_buf_addstr(&hi->og_title, val);
            else if (strcasecmp(key, "og:url") == 0 && !h->url.len)
                cn_buf_addstr(&h->url, val);
            else if ((date_meta(key) || strcasecmp(key, "datePublished") == 0) &&
                     !h->date.len)
                cn_buf_addstr(&h->date, val);
        }
    } else if (tag == GUMBO_TAG_LINK) {
        const char *rel = attr(n, "rel"), *href = attr(n, "href");
        if (rel && href && *href && strcasecmp(rel, "canonical") == 0) {
            cn_buf_clear(&h->url); /* canonical wins over og:url */
            cn_buf_addstr(&h->url, href);
        }
    } else if (tag == GUMBO_TAG_TITLE && !hi->title.len) {
        node_text(n, &hi->title);
    } else if (tag == GUMBO_TAG_TIME && !h->date.len) {
        const char *dt = attr(n, "datetime");
        if (dt && *dt)
            cn_buf_addstr(&h->date, dt);
    }
    const GumboVector *kids = &n->v.element.children;
    for (unsigned i = 0; i < kids->length; i++)
        scan_meta(kids->data[i], h, hi, depth + 1);
}

void
idx_html_init(idx_html_t *h)
{
    cn_buf_init(&h->title);
    cn_buf_init(&h->text);
    cn_buf_init(&h->date);
    cn_buf_init(&h->url);
}

void
idx_html_release(idx_html_t *h)
{
    cn_buf_release(&h->title);
    cn_buf_release(&h->text);
    cn_buf_release(&h->date);
    cn_buf_release(&h->url);
}

static void
trim_end(cn_buf_t *b)
{
    while (b->len && (b->data[b->len - 1] == '\n' || b->data[b->len - 1] == ' '))
        cn_buf_setlen(b, b->len - 1);
}

cn_status_t
idx_html_extract(const char *html, size_t len, idx_html_t *out)
{
    GumboOutput *g = gumbo_parse_with_options(&kGumboDefaultOptions, html, len);
    if (!g)
        return CN_E_NOMEM;
    head_info_t hi = { CN_BUF_INIT, CN_BUF_INIT };
    scan_meta(g->root, out, &hi, 0);
    cn_buf_t h1 = CN_BUF_INIT;
    walk_t w = { &out->text, 0, 0, &h1, 0 };
    walk(&w, g->document, 0);
    trim_end(&out->text);
    cn_buf_t *t = hi.og_title.len ? &hi.og_title : hi.title.len ? &hi.title : &h1;
    cn_buf_add(&out->title, t->data ? t->data : "", t->len);
    cn_buf_release(&hi.og_title);
    cn_buf_release(&hi.title);
    cn_buf_release(&h1);
    gumbo_destroy_output(&kGumboDefaultOptions, g);
    return CN_OK;
}

cn_status_t
idx_html_to_text(const char *html, size_t len, int keep_newlines, cn_buf_t *out)
{
    GumboOutput *g = gumbo_parse_with_options(&kGumboDefaultOptions, html, len);
    if (!g)
        return CN_E_NOMEM;
    walk_t w = { out, keep_newlines, 0, NULL, 0 };
    walk(&w, g->document, 0);
    trim_end(out);
    gumbo_destroy_output(&kGumboDefaultOptions, g);
    return CN_OK;
}
