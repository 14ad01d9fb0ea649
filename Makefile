# SPDX-License-Identifier: Apache-2.0
# ktk -- one non-recursive Makefile.
#
#   make            build lib/ and every binary into build/bin/
#   make demo       the quick start: mock cluster, produce, consume, describe, dump
#   make check      every test (unit, offline CLI, against a real Kafka)
#   make check-matrix  the same again against Debian 13's librdkafka 2.8.0,
#                   built into build/deps (packaging/build-librdkafka), with ktk
#                   in a second build tree, build/rdk28
#   make docs       regenerate man/ OPTIONS sections and completions/ from the tables
#   make install    PREFIX, DESTDIR, BINDIR, MANDIR honoured
#   make bench | fuzz | deb | rpm | clean | uninstall

PREFIX      ?= /usr/local
BINDIR      ?= $(PREFIX)/bin
DATADIR     ?= $(PREFIX)/share
MANDIR      ?= $(DATADIR)/man
BASHCOMPDIR ?= $(DATADIR)/bash-completion/completions
ZSHCOMPDIR  ?= $(DATADIR)/zsh/vendor-completions
FISHCOMPDIR ?= $(DATADIR)/fish/vendor_completions.d
DESTDIR     ?=

CC       ?= cc
PKG_CONFIG ?= pkg-config
OPT      ?= -O2
CFLAGS   ?= $(OPT) -g
KTK_CFLAGS = -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow \
             -Wstrict-prototypes -Wmissing-prototypes -I. \
             -Wno-format-truncation  # messages are cut to fit on purpose
SAN_FLAGS  = -fsanitize=address,undefined -fno-omit-frame-pointer \
             -fno-sanitize-recover=all

# librdkafka from pkg-config, or from a prefix: make LIBRDKAFKA=build/deps
# (its headers first on the include path -- as system headers, like the
# distro's, so their own warnings are not ours -- the library found at run time
# through the binaries' RUNPATH)
ifdef LIBRDKAFKA
RDK_CFLAGS = -isystem $(abspath $(LIBRDKAFKA))/include
RDK_LIBS   = -L$(abspath $(LIBRDKAFKA))/lib -Wl,-rpath,$(abspath $(LIBRDKAFKA))/lib -lrdkafka
else
RDK_CFLAGS = $(shell $(PKG_CONFIG) --cflags rdkafka 2>/dev/null)
RDK_LIBS   = $(shell $(PKG_CONFIG) --libs rdkafka 2>/dev/null || echo -lrdkafka)
endif
CORE_LIBS = -ljansson -lz -lsnappy -llz4 -lzstd
# the schema registry client (lib/registry/, in the upper library)
CURL_LIBS = $(shell $(PKG_CONFIG) --libs libcurl 2>/dev/null || echo -lcurl)

# The build tree; tests/run tests the one named by KTK_BUILD_DIR (make
# check passes $(B)).
B ?= build

# The second librdkafka (make check-matrix): its prefix and ktk's tree for it.
RDK_MATRIX   ?= build/deps
MATRIX_B     ?= build/rdk28

# Everything in $(B) follows the librdkafka it was built against: a tree
# switched to another LIBRDKAFKA is rebuilt, never half old, half new.
RDK_STAMP := $(B)/rdkafka.flags
RDK_SIG   := $(strip $(RDK_CFLAGS) $(RDK_LIBS))
$(shell mkdir -p $(B) && { test "$$(cat $(RDK_STAMP) 2>/dev/null)" = '$(RDK_SIG)' || \
	echo '$(RDK_SIG)' >$(RDK_STAMP); })

# the lower layer: every lib/ folder but kafka/ and registry/ (no
# librdkafka, no libcurl there); the upper one: kafka/ and registry/
CORE_SRC  := $(sort $(filter-out lib/kafka/% lib/registry/%,$(wildcard lib/*/*.c)))
KAFKA_SRC := $(sort $(wildcard lib/kafka/*.c lib/registry/*.c))
CMD_SRC   := $(sort $(wildcard cmd/*.c))
BINS      := $(patsubst cmd/%.c,$(B)/bin/ktk-%,$(CMD_SRC))
NAMES     := $(patsubst cmd/%.c,ktk-%,$(CMD_SRC))
TOOL_SRC  := $(sort $(wildcard tests/tools/*.c))
TOOL_BINS := $(patsubst tests/tools/%.c,$(B)/test-bin/%,$(TOOL_SRC))
UNIT_SRC  := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(patsubst tests/unit/%.c,$(B)/unit/%,$(UNIT_SRC))

CORE_OBJ      := $(patsubst %.c,$(B)/obj/%.o,$(CORE_SRC))
# objects of the binaries, tools and unit tests: keep them (make would delete
# them as intermediates, so every later make, make install included, relinked)
.SECONDARY: $(patsubst %.c,$(B)/obj/%.o,$(CMD_SRC) $(TOOL_SRC)) \
            $(patsubst %.c,$(B)/san/%.o,$(UNIT_SRC))
KAFKA_OBJ     := $(patsubst %.c,$(B)/obj/%.o,$(KAFKA_SRC))
CORE_SAN_OBJ  := $(patsubst %.c,$(B)/san/%.o,$(CORE_SRC))
KAFKA_SAN_OBJ := $(patsubst %.c,$(B)/san/%.o,$(KAFKA_SRC))

.PHONY: all deps deps-build deps-matrix demo check check-matrix check-unit check-offline check-kafka \
        docs install uninstall bench fuzz deb rpm clean
.SUFFIXES:

all: $(BINS)

$(B)/obj/%.o: %.c $(RDK_STAMP)
	@mkdir -p $(@D)
	$(CC) $(KTK_CFLAGS) $(RDK_CFLAGS) $(CFLAGS) $(CPPFLAGS) -MMD -MP -c -o $@ $<

$(B)/san/%.o: %.c $(RDK_STAMP)
	@mkdir -p $(@D)
	$(CC) $(KTK_CFLAGS) $(RDK_CFLAGS) $(SAN_FLAGS) -O1 -g -MMD -MP -c -o $@ $<

$(B)/libktk-core.a: $(CORE_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(B)/libktk-kafka.a: $(KAFKA_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(B)/libktk-san.a: $(KAFKA_SAN_OBJ) $(CORE_SAN_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(B)/bin/ktk-%: $(B)/obj/cmd/%.o $(B)/libktk-kafka.a $(B)/libktk-core.a $(RDK_STAMP)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -Wl,--as-needed -o $@ $< \
	    $(B)/libktk-kafka.a $(B)/libktk-core.a $(RDK_LIBS) $(CURL_LIBS) $(CORE_LIBS) -lpthread

# Test-only tools (not installed), built like the binaries.
$(B)/test-bin/%: $(B)/obj/tests/tools/%.o $(B)/libktk-kafka.a $(B)/libktk-core.a $(RDK_STAMP)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -Wl,--as-needed -o $@ $< \
	    $(B)/libktk-kafka.a $(B)/libktk-core.a $(RDK_LIBS) $(CORE_LIBS) -lpthread

# Unit tests link the sanitizer build of lib/.
$(B)/unit/%: $(B)/san/tests/unit/%.o $(B)/libktk-san.a $(RDK_STAMP)
	@mkdir -p $(@D)
	$(CC) $(SAN_FLAGS) -o $@ $< $(B)/libktk-san.a $(RDK_LIBS) $(CURL_LIBS) $(CORE_LIBS) -lpthread

-include $(shell find $(B)/obj $(B)/san -name '*.d' 2>/dev/null)

# ---- the two quick-start commands -------------------------------------

# packaging/deps installs what is missing, by group: the demo only builds
# (compiler, make, pkg-config, the -dev libraries); the tests want the rest.
deps-build:
	@packaging/deps build --check >/dev/null 2>&1 || packaging/deps build

deps:
	@packaging/deps build test --check >/dev/null 2>&1 || packaging/deps build test

deps-matrix:
	@packaging/deps build test matrix --check >/dev/null 2>&1 || packaging/deps build test matrix

demo: deps-build
	@$(MAKE) --no-print-directory all
	@tests/demo

check: deps
	@$(MAKE) --no-print-directory all units
	@KTK_BUILD_DIR=$(B) tests/run

# The whole suite again, against librdkafka 2.8.0 (Debian 13's source
# package, built once into $(RDK_MATRIX) and cached), ktk built in $(MATRIX_B).
# Every stage but fuzz: the fuzz targets are lib/ without librdkafka, built
# by tests/fuzz/run alone, the same in both trees (make check runs them).
MATRIX_STAGES ?= unit offline kafka kafka3
check-matrix: deps-matrix
	@packaging/build-librdkafka $(RDK_MATRIX)
	@$(MAKE) --no-print-directory B=$(MATRIX_B) LIBRDKAFKA=$(RDK_MATRIX) all units
	@KTK_BUILD_DIR=$(MATRIX_B) KTK_EXPECT_RDKAFKA=$$(sed -n 's/^Version: //p' \
	    $(RDK_MATRIX)/lib/pkgconfig/rdkafka.pc) tests/run $(MATRIX_STAGES)

.PHONY: units
units: $(UNIT_BINS) $(TOOL_BINS)

check-unit: units
	@KTK_BUILD_DIR=$(B) tests/run unit

check-offline: all
	@KTK_BUILD_DIR=$(B) tests/run offline

check-kafka: all
	@KTK_BUILD_DIR=$(B) tests/run kafka

# ---- generated documentation -------------------------------------------

docs: all
	@build-aux/gendocs $(B)/bin .

# ---- install -------------------------------------------------------------

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man7 \
	    $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) $(DESTDIR)$(FISHCOMPDIR)
	install -m 755 $(BINS) $(DESTDIR)$(BINDIR)/
	for n in $(NAMES); do \
	    test ! -f man/$$n.1 || install -m 644 man/$$n.1 $(DESTDIR)$(MANDIR)/man1/; \
	    test ! -f completions/bash/$$n || install -m 644 completions/bash/$$n $(DESTDIR)$(BASHCOMPDIR)/; \
	    test ! -f completions/zsh/_$$n || install -m 644 completions/zsh/_$$n $(DESTDIR)$(ZSHCOMPDIR)/; \
	    test ! -f completions/fish/$$n.fish || install -m 644 completions/fish/$$n.fish $(DESTDIR)$(FISHCOMPDIR)/; \
	done
	test ! -f man/ktk.7 || install -m 644 man/ktk.7 $(DESTDIR)$(MANDIR)/man7/

uninstall:
	for n in $(NAMES); do \
	    rm -f $(DESTDIR)$(BINDIR)/$$n $(DESTDIR)$(MANDIR)/man1/$$n.1 \
	          $(DESTDIR)$(BASHCOMPDIR)/$$n $(DESTDIR)$(ZSHCOMPDIR)/_$$n \
	          $(DESTDIR)$(FISHCOMPDIR)/$$n.fish; \
	done
	rm -f $(DESTDIR)$(MANDIR)/man7/ktk.7

# ---- the rest ---------------------------------------------------------------

bench: all
	@tests/bench/run

# Explore: libFuzzer mutates each target's inputs for FUZZ_SECONDS (default
# 300 s a target); crashes land in tests/fuzz/regress/TARGET/, which make
# check replays (tests/fuzz/run --check, deterministic).
fuzz:
	@tests/fuzz/run $(FUZZ_SECONDS)

deb:
	@packaging/build-deb

rpm:
	@packaging/build-rpm

clean:
	rm -rf $(B)/obj $(B)/san $(B)/bin $(B)/unit $(B)/test-bin $(B)/*.a $(B)/fuzz \
	    $(RDK_STAMP) $(MATRIX_B)
