// SPDX-License-Identifier: MIT
// baseline-eval.cc - the `make bench` baseline (bench/baseline.cc, included
// unchanged) with a search mode for `make eval` that survives questions the
// QueryParser rejects.
//
//   baseline-eval index DB PASSAGES.jsonl
//       exactly bench/baseline.cc's index mode (TermGenerator FLAG_CJK_NGRAM,
//       passage text only, article_id as document data).
//
//   baseline-eval search DB QUERIES.tsv RUN_OUT
//       QueryParser, FLAG_DEFAULT | FLAG_CJK_NGRAM, default operator (OR),
//       BM25Weight defaults, top 100 passages, as bench/baseline.cc. When a
//       question does not parse (QueryParserError: natural-language questions
//       hold quotes, brackets, '-', ...), it is parsed again with
//       FLAG_CJK_NGRAM alone (no query syntax), which is what Xapian's own
//       Omega does and what a careful Xapian user would do; if that fails
//       too, once more with ASCII punctuation turned into spaces; a question
//       that still fails gets no result (named on stderr). RUN_OUT: TREC
//       run "qid Q0 article_id rank score baseline", first passage of each
//       article, ranks renumbered. Counts on stderr.
//
// Built by eval/run.sh (g++ -O2 $(pkg-config --cflags --libs xapian-core)).
#define main bench_baseline_main
#include "../bench/baseline.cc"
#undef main

#include <cctype>

namespace {

int do_search_eval(const char *dbpath, const char *qfile, const char *runfile) {
    std::ifstream in(qfile, std::ios::binary);
    if (!in) {
        std::cerr << "baseline-eval: cannot open " << qfile << "\n";
        return 2;
    }
    FILE *run = std::fopen(runfile, "w");
    if (!run) {
        std::cerr << "baseline-eval: cannot write " << runfile << "\n";
        return 2;
    }
    Xapian::Database db(dbpath);
    Xapian::Enquire enq(db);
    enq.set_weighting_scheme(Xapian::BM25Weight());
    Xapian::QueryParser qp;
    qp.set_database(db);
    const unsigned flags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_CJK_NGRAM;
    const unsigned plain = Xapian::QueryParser::FLAG_CJK_NGRAM;
    unsigned long nq = 0, retried = 0, failed = 0, empty = 0;
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        size_t tab = line.find('\t');
        if (tab == std::string::npos) continue;
        std::string qid = line.substr(0, tab), text = line.substr(tab + 1);
        ++nq;
        Xapian::Query query;
        try {
            query = qp.parse_query(text, flags);
        } catch (const Xapian::QueryParserError &) {
            ++retried;
            try {
                query = qp.parse_query(text, plain);
            } catch (const Xapian::QueryParserError &) {
                // last resort: ASCII punctuation (quotes, brackets) as spaces.
                // Xapian 1.4.22 still rejects some mixed Latin + Hangul
                // questions ("1970년 FIFA 월드컵에 ..."): they count as no result.
                std::string t2 = text;
                for (char &c : t2)
                    if (std::ispunct(static_cast<unsigned char>(c))) c = ' ';
                try {
                    query = qp.parse_query(t2, plain);
                } catch (const Xapian::QueryParserError &e) {
                    if (++failed <= 5)
                        std::fprintf(stderr, "baseline-eval: %s: %s\n", qid.c_str(),
                                     e.get_msg().c_str());
                    continue;
                }
            }
        }
        enq.set_query(query);
        Xapian::MSet ms = enq.get_mset(0, TOP_K);
        if (ms.empty()) ++empty;
        std::set<std::string> seen;
        unsigned rank = 0;
        for (auto it = ms.begin(); it != ms.end(); ++it) {
            std::string aid = it.get_document().get_data();
            if (!seen.insert(aid).second) continue;
            std::fprintf(run, "%s Q0 %s %u %.6f baseline\n", qid.c_str(), aid.c_str(), ++rank,
                         it.get_weight());
        }
    }
    std::fclose(run);
    std::fprintf(stderr,
                 "baseline-eval: %lu queries, %lu parsed again without query syntax, "
                 "%lu unparsable even so, %lu without result\n",
                 nq, retried, failed, empty);
    return 0;
}

}  // namespace

int main(int argc, char **argv) {
    try {
        if (argc == 4 && std::strcmp(argv[1], "index") == 0) return do_index(argv[2], argv[3]);
        if (argc == 5 && std::strcmp(argv[1], "search") == 0)
            return do_search_eval(argv[2], argv[3], argv[4]);
    } catch (const Xapian::Error &e) {
        std::cerr << "baseline-eval: " << e.get_description() << "\n";
        return 1;
    } catch (const std::exception &e) {
        std::cerr << "baseline-eval: " << e.what() << "\n";
        return 1;
    }
    std::cerr << "usage: baseline-eval index DB PASSAGES.jsonl\n"
                 "       baseline-eval search DB QUERIES.tsv RUN_OUT\n";
    return 2;
}
