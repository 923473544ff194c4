// SPDX-License-Identifier: MIT
// baseline.cc - what a Xapian user gets out of the box for CJK text, run on
// the same passages and queries as cjknews, for `make bench`.
//
//   baseline index DB PASSAGES.jsonl
//       One Xapian document per passage line {"id","article_id","title","text"}:
//       TermGenerator with FLAG_CJK_NGRAM, no stemmer, index_text(text) (wdf
//       increment 1; the title is not indexed), article_id stored as the
//       document data. Explicit commit() every 1000 documents, so Xapian's
//       default auto-flush (XAPIAN_FLUSH_THRESHOLD, 10000 changes) never
//       triggers. Summary on stderr.
//
//   baseline search DB QUERIES.tsv LATENCY_OUT RUN_OUT
//       QueryParser with FLAG_DEFAULT | FLAG_CJK_NGRAM and its default
//       operator (OR, as Xapian users get it), BM25Weight defaults, top 100.
//       One untimed warm-up query, then per query: parse + get_mset + reading
//       docid and data of the top 10, timed with std::chrono::steady_clock.
//       LATENCY_OUT: one latency in ms per line. RUN_OUT: TREC run
//       "qid Q0 article_id rank score baseline", first passage of each
//       article only, ranks renumbered per article.
//
//   baseline metadata DB PREFIX
//       Not part of the baseline: prints the metadata entries of DB (any
//       Xapian database; the bench gives it cjknews's) whose key starts with
//       PREFIX, one a line, "key<TAB>value", NUL bytes of the value printed
//       as U+001F. The bench reads cjkindex's duplicate records
//       (cjknews.copies.*) with it, for the scoring (bench/results.py).
//
// Built by bench/run.sh (g++ -O2 $(pkg-config --cflags --libs xapian-core)),
// not by the Makefile.
#include <xapian.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace {

const unsigned COMMIT_EVERY = 1000;
const unsigned TOP_K = 100;
const unsigned READ_TOP = 10;
volatile size_t g_sink;

// ---- a minimal JSON object reader ------------------------------------------
// Reads one flat JSON object per line and keeps its string-valued members.
// Other values (numbers, literals, nested arrays/objects) are skipped. Strings
// are decoded fully (\uXXXX with surrogate pairs -> UTF-8).
struct JsonReader {
    const std::string &s;
    size_t i = 0;
    std::string err;
    explicit JsonReader(const std::string &src) : s(src) {}

    void ws() {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
            ++i;
    }
    bool fail(const char *m) {
        if (err.empty()) err = std::string(m) + " at byte " + std::to_string(i);
        return false;
    }
    static void put_utf8(std::string &o, unsigned long cp) {
        if (cp < 0x80) {
            o += char(cp);
        } else if (cp < 0x800) {
            o += char(0xC0 | (cp >> 6));
            o += char(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            o += char(0xE0 | (cp >> 12));
            o += char(0x80 | ((cp >> 6) & 0x3F));
            o += char(0x80 | (cp & 0x3F));
        } else {
            o += char(0xF0 | (cp >> 18));
            o += char(0x80 | ((cp >> 12) & 0x3F));
            o += char(0x80 | ((cp >> 6) & 0x3F));
            o += char(0x80 | (cp & 0x3F));
        }
    }
    bool hex4(unsigned long &v) {
        if (i + 4 > s.size()) return fail("short \\u escape");
        v = 0;
        for (int k = 0; k < 4; ++k) {
            char c = s[i++];
            v <<= 4;
            if (c >= '0' && c <= '9') v |= unsigned(c - '0');
            else if (c >= 'a' && c <= 'f') v |= unsigned(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') v |= unsigned(c - 'A' + 10);
            else return fail("bad \\u escape");
        }
        return true;
    }
    bool str(std::string &o) {
        o.clear();
        if (i >= s.size() || s[i] != '"') return fail("expected string");
        ++i;
        while (i < s.size()) {
            char c = s[i++];
            if (c == '"') return true;
            if (c != '\\') {
                o += c;
                continue;
            }
            if (i >= s.size()) break;
            char e = s[i++];
            switch (e) {
            case '"': o += '"'; break;
            case '\\': o += '\\'; break;
            case '/': o += '/'; break;
            case 'b': o += '\b'; break;
            case 'f': o += '\f'; break;
            case 'n': o += '\n'; break;
            case 'r': o += '\r'; break;
            case 't': o += '\t'; break;
            case 'u': {
                unsigned long cp = 0;
                if (!hex4(cp)) return false;
                if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < s.size() && s[i] == '\\' &&
                    s[i + 1] == 'u') {
                    size_t save = i;
                    i += 2;
                    unsigned long lo = 0;
                    if (!hex4(lo)) return false;
                    if (lo >= 0xDC00 && lo <= 0xDFFF)
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    else
                        i = save;  // lone high surrogate: keep as U+FFFD below
                }
                if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;
                put_utf8(o, cp);
                break;
            }
            default: return fail("bad escape");
            }
        }
        return fail("unterminated string");
    }
    bool skip_value() {
        ws();
        if (i >= s.size()) return fail("expected value");
        char c = s[i];
        if (c == '"') {
            std::string tmp;
            return str(tmp);
        }
        if (c == '{' || c == '[') {
            char close = c == '{' ? '}' : ']';
            ++i;
            ws();
            if (i < s.size() && s[i] == close) { ++i; return true; }
            for (;;) {
                if (c == '{') {
                    std::string k;
                    ws();
                    if (!str(k)) return false;
                    ws();
                    if (i >= s.size() || s[i] != ':') return fail("expected ':'");
                    ++i;
                }
                if (!skip_value()) return false;
                ws();
                if (i < s.size() && s[i] == ',') { ++i; continue; }
                if (i < s.size() && s[i] == close) { ++i; return true; }
                return fail("expected ',' or close bracket");
            }
        }
        // number, true, false, null
        size_t st = i;
        while (i < s.size() && std::strchr(",}] \t\r\n", s[i]) == nullptr) ++i;
        return i > st ? true : fail("bad value");
    }
    // Fills 'out' with the string members of the object on this line.
    bool object(std::map<std::string, std::string> &out) {
        out.clear();
        ws();
        if (i >= s.size() || s[i] != '{') return fail("expected '{'");
        ++i;
        ws();
        if (i < s.size() && s[i] == '}') return true;
        std::string k, v;
        for (;;) {
            ws();
            if (!str(k)) return false;
            ws();
            if (i >= s.size() || s[i] != ':') return fail("expected ':'");
            ++i;
            ws();
            if (i < s.size() && s[i] == '"') {
                if (!str(v)) return false;
                out[k] = v;
            } else if (!skip_value()) {
                return false;
            }
            ws();
            if (i < s.size() && s[i] == ',') { ++i; continue; }
            if (i < s.size() && s[i] == '}') return true;
            return fail("expected ',' or '}'");
        }
    }
};

double now_s() {
    using namespace std::chrono;
    return duration<double>(steady_clock::now().time_since_epoch()).count();
}

int do_index(const char *dbpath, const char *passages) {
    std::ifstream in(passages, std::ios::binary);
    if (!in) {
        std::cerr << "baseline: cannot open " << passages << "\n";
        return 2;
    }
    double t0 = now_s();
    Xapian::WritableDatabase db(dbpath, Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator tg;
    tg.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);  // no stemmer, no stopper
    std::string line;
    std::map<std::string, std::string> obj;
    std::set<std::string> articles;
    unsigned long ndocs = 0, lineno = 0, bytes = 0, commits = 0;
    while (std::getline(in, line)) {
        ++lineno;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        JsonReader jr(line);
        if (!jr.object(obj)) {
            std::cerr << "baseline: " << passages << ":" << lineno << ": " << jr.err << "\n";
            return 1;
        }
        const std::string &text = obj["text"];
        const std::string &aid = obj["article_id"];
        Xapian::Document doc;
        tg.set_document(doc);
        tg.index_text(text);
        doc.set_data(aid);
        db.add_document(doc);
        articles.insert(aid);
        bytes += text.size();
        if (++ndocs % COMMIT_EVERY == 0) {
            db.commit();
            ++commits;
        }
    }
    db.commit();
    ++commits;
    db.close();
    double t = now_s() - t0;
    std::fprintf(stderr,
                 "baseline: indexed %lu passages of %zu articles, %.1f MB of passage text, "
                 "in %.2f s (%.2f MB/s); %lu explicit commits, one every %u documents "
                 "(Xapian's default auto-flush at 10000 changes is never reached); "
                 "TermGenerator FLAG_CJK_NGRAM, no stemmer, text only, no positions "
                 "for CJK n-grams\n",
                 ndocs, articles.size(), bytes / 1e6, t, t > 0 ? bytes / 1e6 / t : 0.0, commits,
                 COMMIT_EVERY);
    return 0;
}

struct Query {
    std::string qid, text;
};

int do_search(const char *dbpath, const char *qfile, const char *latfile, const char *runfile) {
    std::ifstream in(qfile, std::ios::binary);
    if (!in) {
        std::cerr << "baseline: cannot open " << qfile << "\n";
        return 2;
    }
    std::vector<Query> qs;
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        size_t tab = line.find('\t');
        if (tab == std::string::npos) continue;
        qs.push_back({line.substr(0, tab), line.substr(tab + 1)});
    }
    FILE *lat = std::fopen(latfile, "w");
    FILE *run = std::fopen(runfile, "w");
    if (!lat || !run) {
        std::cerr << "baseline: cannot write " << latfile << " or " << runfile << "\n";
        return 2;
    }
    Xapian::Database db(dbpath);
    Xapian::Enquire enq(db);
    enq.set_weighting_scheme(Xapian::BM25Weight());  // the defaults: k1 1, k2 0, k3 1, b .5
    Xapian::QueryParser qp;
    qp.set_database(db);
    // default operator left as is: OP_OR
    const unsigned flags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_CJK_NGRAM;

    size_t sink = 0;  // keeps the reads of the top 10 from being optimised away
    auto one = [&](const std::string &q, Xapian::MSet &ms) {
        Xapian::Query query = qp.parse_query(q, flags);
        enq.set_query(query);
        ms = enq.get_mset(0, TOP_K);
        unsigned k = 0;
        for (auto it = ms.begin(); it != ms.end() && k < READ_TOP; ++it, ++k) {
            Xapian::docid did = *it;
            sink += it.get_document().get_data().size() + did;
        }
    };

    Xapian::MSet ms;
    if (!qs.empty()) one(qs[0].text, ms);  // warm-up, untimed

    double total = 0;
    for (const Query &q : qs) {
        auto t0 = std::chrono::steady_clock::now();
        one(q.text, ms);
        auto t1 = std::chrono::steady_clock::now();
        double ms_ = std::chrono::duration<double, std::milli>(t1 - t0).count();
        total += ms_;
        std::fprintf(lat, "%.4f\n", ms_);
        // run file, outside the timed region
        std::set<std::string> seen;
        unsigned rank = 0;
        for (auto it = ms.begin(); it != ms.end(); ++it) {
            std::string aid = it.get_document().get_data();
            if (!seen.insert(aid).second) continue;
            std::fprintf(run, "%s Q0 %s %u %.6f baseline\n", q.qid.c_str(), aid.c_str(), ++rank,
                         it.get_weight());
        }
    }
    std::fclose(lat);
    std::fclose(run);
    g_sink = sink;
    std::fprintf(stderr, "baseline: %zu queries, %.1f ms in total\n", qs.size(), total);
    return 0;
}

int do_metadata(const char *db_path, const std::string &prefix) {
    Xapian::Database db(db_path);
    for (auto k = db.metadata_keys_begin(prefix); k != db.metadata_keys_end(prefix); ++k) {
        std::string v = db.get_metadata(*k);
        for (char &c : v)
            if (c == '\0' || c == '\n') c = '\x1f';
        std::cout << *k << '\t' << v << '\n';
    }
    return std::cout.flush() ? 0 : 1;
}

}  // namespace

int main(int argc, char **argv) {
    try {
        if (argc == 4 && std::strcmp(argv[1], "index") == 0) return do_index(argv[2], argv[3]);
        if (argc == 6 && std::strcmp(argv[1], "search") == 0)
            return do_search(argv[2], argv[3], argv[4], argv[5]);
        if (argc == 4 && std::strcmp(argv[1], "metadata") == 0) return do_metadata(argv[2], argv[3]);
    } catch (const Xapian::Error &e) {
        std::cerr << "baseline: " << e.get_description() << "\n";
        return 1;
    } catch (const std::exception &e) {
        std::cerr << "baseline: " << e.what() << "\n";
        return 1;
    }
    std::cerr << "usage: baseline index DB PASSAGES.jsonl\n"
                 "       baseline search DB QUERIES.tsv LATENCY_OUT RUN_OUT\n"
                 "       baseline metadata DB PREFIX\n";
    return 2;
}
