# cjknews - one GNU Makefile, non-recursive, objects out of tree.
# Targets: all check check-unit check-e2e asan demo bench bench-peers eval eval-tune fuzz clean deps
PKG_CONFIG ?= pkg-config
C_PKGS     := yaml-0.1 libutf8proc uchardet libedit jansson libarchive gumbo libzstd
CXX_PKGS   := xapian-core
GEN_PKGS   := opencc
CC         ?= cc
CXX        ?= c++
VARIANT    ?= release
B          := build/$(VARIANT)
WERROR     ?= 1
SAN        ?=

WARN_C   := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wold-style-definition -Wvla -Wwrite-strings -Wformat=2 -Wundef \
            -Wpointer-arith -fno-common
WARN_CXX := -Wall -Wextra -Wshadow -Wnon-virtual-dtor
ifeq ($(WERROR),1)
WARN_C   += -Werror
WARN_CXX += -Werror
endif
ifeq ($(VARIANT),asan)
SAN := address,undefined
endif
OPT ?= -O2 -g
ifneq ($(SAN),)
OPT := -O1 -g -fno-omit-frame-pointer
SANFLAGS := -fsanitize=$(SAN) -fno-sanitize-recover=all
endif

# The set-up targets install missing Debian packages first, before any
# pkg-config call below is evaluated, so that on a fresh machine 'make demo'
# and 'make check' are the whole set-up.
ifneq ($(filter demo check asan bench bench-peers eval eval-tune fuzz,$(MAKECMDGOALS)),)
DEPS_RC := $(shell sh scripts/deps.sh --quiet >&2; echo $$?)
ifneq ($(DEPS_RC),0)
$(error scripts/deps.sh failed: install the packages it names, then retry)
endif
endif

# pkg-config is our configure: a missing package stops here with a hint.
PKG_CHECK := $(shell $(PKG_CONFIG) --exists $(C_PKGS) $(CXX_PKGS) || echo missing)
ifeq ($(PKG_CHECK),missing)
ifeq ($(filter deps clean,$(MAKECMDGOALS)),)
$(error missing build dependencies: run 'scripts/deps.sh' (Debian 12) or install: $(C_PKGS) $(CXX_PKGS))
endif
endif

INCS      := -Ientities -Icli -Ischema -Iutil -Itokenizer -Iconfig -Ixapian-c -Iindexer -Isearcher -I$(B)/gen
CPPFLAGS  += $(INCS) -D_GNU_SOURCE -MMD -MP
CFLAGS_ALL   = -std=c11 $(WARN_C) $(OPT) $(SANFLAGS) $(CFLAGS) \
               $(shell $(PKG_CONFIG) --cflags $(C_PKGS))
CXXFLAGS_ALL = -std=c++17 $(WARN_CXX) $(OPT) $(SANFLAGS) -fvisibility=hidden \
               $(CXXFLAGS) $(shell $(PKG_CONFIG) --cflags $(CXX_PKGS))
LDLIBS_ALL   = $(shell $(PKG_CONFIG) --libs $(C_PKGS) $(CXX_PKGS)) -lm $(LDLIBS)
LDFLAGS_ALL  = $(SANFLAGS) -Wl,-O1,--as-needed,--hash-style=gnu $(LDFLAGS)

# cjksearch is started once per query: every shared library is one more
# open, mmap and relocation pass before main() (docs/performance.md,
# "One-shot cjksearch"). The small C libraries it uses are linked from
# their static archives when the system has them (Debian ships them with
# the -dev packages); libxapian and libstdc++ stay shared. STATIC_DEPS=0
# links everything shared.
STATIC_DEPS ?= 1
SRCH_STATIC := yaml utf8proc jansson edit tinfo bsd md zstd
have_static = $(shell f=$$($(CC) -print-file-name=lib$(1).a); [ -f "$$f" ] && echo y)
SRCH_STATIC_FOUND := $(foreach l,$(SRCH_STATIC),$(call have_static,$(l)))
ifeq ($(STATIC_DEPS):$(words $(SRCH_STATIC_FOUND)),1:$(words $(SRCH_STATIC)))
SRCH_LDLIBS = -Wl,-Bstatic $(addprefix -l,$(SRCH_STATIC)) -Wl,-Bdynamic \
              $(shell $(PKG_CONFIG) --libs $(CXX_PKGS)) -lm $(LDLIBS)
else
SRCH_LDLIBS = $(LDLIBS_ALL)
endif

LIB_C    := $(wildcard util/*.c tokenizer/*.c config/*.c schema/*.c cli/*.c entities/*.c)
LIB_CXX  := $(wildcard xapian-c/*.cc)
FOLD_C   := $(B)/gen/fold-table.c
IDX_C    := $(filter-out indexer/main.c,$(wildcard indexer/*.c))
SRCH_C   := $(filter-out searcher/main.c,$(wildcard searcher/*.c))
UNIT_C   := $(wildcard tests/unit/t-*.c)
FUZZ_C   := $(wildcard tests/fuzz/fuzz-*.c)

obj = $(patsubst %.c,$(B)/%.o,$(patsubst %.cc,$(B)/%.o,$(1)))
LIB_O    := $(call obj,$(LIB_C) $(LIB_CXX)) $(B)/gen/fold-table.o
IDX_O    := $(call obj,$(IDX_C))
SRCH_O   := $(call obj,$(SRCH_C))
TAP_O    := $(B)/tests/unit/tap.o
LIB_A    := $(B)/libcjknews.a
UNIT_BIN := $(patsubst tests/unit/%.c,$(B)/tests/%,$(UNIT_C))
REPLAY_BIN := $(patsubst tests/fuzz/%.c,$(B)/fuzz-replay/%,$(FUZZ_C))

all: cjkindex cjksearch

# The two programs are built per variant and linked to the top level for
# the release variant only, so 'make asan' never clobbers them.
cjkindex: $(B)/cjkindex
	@[ "$(VARIANT)" = release ] && ln -sf $< $@ || true
cjksearch: $(B)/cjksearch
	@[ "$(VARIANT)" = release ] && ln -sf $< $@ || true

$(B)/cjkindex: $(B)/indexer/main.o $(IDX_O) $(LIB_A)
	$(CXX) $(LDFLAGS_ALL) -o $@ $^ $(LDLIBS_ALL)
$(B)/cjksearch: $(B)/searcher/main.o $(SRCH_O) $(LIB_A)
	$(CXX) $(LDFLAGS_ALL) -o $@ $^ $(SRCH_LDLIBS)

$(LIB_A): $(LIB_O)
	@rm -f $@
	ar rcs $@ $^

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS_ALL) -c -o $@ $<
$(B)/%.o: %.cc
	@mkdir -p $(dir $@)
	$(CXX) $(CPPFLAGS) $(CXXFLAGS_ALL) -c -o $@ $<

# Traditional->simplified fold table, generated from OpenCC's own data at
# build time (nothing of OpenCC is copied into the repository).
$(B)/gen-fold: tools/gen-fold.c tokenizer/fold.h
	@mkdir -p $(dir $@)
	$(CC) -std=c11 $(WARN_C) -O2 -Iutil -Itokenizer $(shell $(PKG_CONFIG) --cflags $(GEN_PKGS)) \
	    -o $@ $< util/utf8.c util/buf.c util/bug.c $(shell $(PKG_CONFIG) --libs $(GEN_PKGS) libutf8proc)
$(FOLD_C): $(B)/gen-fold tools/fold.json
	@mkdir -p $(dir $@)
	$(B)/gen-fold tools/fold.json > $@.tmp && mv $@.tmp $@
$(B)/gen/fold-table.o: $(FOLD_C)
	$(CC) $(CPPFLAGS) $(CFLAGS_ALL) -c -o $@ $<
$(LIB_O) $(IDX_O) $(SRCH_O): | $(FOLD_C)

# ---- tests ---------------------------------------------------------
$(B)/tests/t-%: tests/unit/t-%.c $(TAP_O) $(IDX_O) $(SRCH_O) $(LIB_A)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Itests/unit $(CFLAGS_ALL) -c -o $@.o $<
	$(CXX) $(LDFLAGS_ALL) -o $@ $@.o $(TAP_O) $(IDX_O) $(SRCH_O) $(LIB_A) $(LDLIBS_ALL)

# Fuzz targets linked with a plain main() that replays their seeds and
# past crash inputs: part of every 'make check'.
$(B)/fuzz-replay/fuzz-%: tests/fuzz/fuzz-%.c tests/fuzz/replay.c $(IDX_O) $(SRCH_O) $(LIB_A)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS_ALL) -c -o $@.o $<
	$(CC) $(CPPFLAGS) $(CFLAGS_ALL) -c -o $@.main.o tests/fuzz/replay.c
	$(CXX) $(LDFLAGS_ALL) -o $@ $@.o $@.main.o $(IDX_O) $(SRCH_O) $(LIB_A) $(LDLIBS_ALL)

# How tokenizer/hot.c's built-in set was chosen: build/release/hot-chars DB.
$(B)/hot-chars: tools/hot-chars.c $(LIB_A)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS_ALL) -c -o $@.o $<
	$(CXX) $(LDFLAGS_ALL) -o $@ $@.o $(LIB_A) $(LDLIBS_ALL)

unit: $(UNIT_BIN) $(REPLAY_BIN) $(B)/hot-chars

check: all unit
	@BUILD=$(B) sh tests/run.sh

check-unit: unit
	@BUILD=$(B) ONLY=unit sh tests/run.sh
check-e2e: all
	@BUILD=$(B) ONLY=e2e sh tests/run.sh

asan:
	$(MAKE) VARIANT=asan check

# libFuzzer builds (clang): make fuzz [FUZZ_SECONDS=60] runs each target
# for FUZZ_SECONDS from its seeds; new inputs go to build/fuzz/work/.
FUZZ_SECONDS ?= 60
fuzz:
	$(MAKE) VARIANT=fuzz CC=clang CXX=clang++ SAN=address,undefined \
	    SANFLAGS='-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all' \
	    fuzz-build
	FUZZ_SECONDS=$(FUZZ_SECONDS) sh tests/fuzz/run.sh build/fuzz

FUZZ_BIN := $(patsubst tests/fuzz/%.c,$(B)/fuzz-bin/%,$(FUZZ_C))
fuzz-build: $(FUZZ_BIN)
$(B)/fuzz-bin/fuzz-%: tests/fuzz/fuzz-%.c $(IDX_O) $(SRCH_O) $(LIB_A)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS_ALL) -c -o $@.o $<
	$(CXX) -fsanitize=fuzzer,address,undefined -o $@ $@.o $(IDX_O) $(SRCH_O) $(LIB_A) $(LDLIBS_ALL)

# ---- set-up, demo, bench -------------------------------------------
deps:
	sh scripts/deps.sh
deps-quiet:
	@sh scripts/deps.sh --quiet

demo: all
	sh scripts/demo.sh

bench: all
	sh bench/run.sh

# The same, plus the engines of ../shared/peers on the same corpus (their
# Debian packages are installed by its install.sh when missing; make bench
# never installs anything).
bench-peers: all
	BENCH_PEERS=1 sh bench/run.sh

eval: all
	sh eval/run.sh

eval-tune: all
	sh eval/tune.sh

clean:
	rm -rf build cjkindex cjksearch

.PHONY: fuzz fuzz-build all unit check check-unit check-e2e asan deps deps-quiet demo bench bench-peers eval eval-tune clean cjkindex cjksearch

# Keep intermediate objects (tap.o) so a second 'make check' relinks nothing.
.SECONDARY:

-include $(shell find build -name '*.d' 2>/dev/null)
