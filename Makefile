# Mentorboard: a career-mentoring board reached with ssh.
#
#   make          build mentord and mentor here
#   make run      start a board on 127.0.0.1:2222, state in ./var/
#   make test     every test: format, unit, end-to-end, sanitizers, fuzz inputs
#   make bench    benchmarks (figures, not pass/fail)
#   make pot      the message template for translators, po/mentorboard.pot
#   make install  PREFIX=/usr/local DESTDIR=...: programs, man pages,
#                 catalogs, the systemd unit, an example mentord.conf
#   make uninstall  the same files away; the configuration and the state
#                 directory stay
#   make po-check every message of the template translated in each po/*.po
#   make po-update merge the template into each po/*.po (new strings empty)
#
# As root, missing Debian packages are installed first; as another user the
# apt-get line is printed.

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
SBINDIR ?= $(PREFIX)/sbin
MANDIR ?= $(PREFIX)/share/man
LOCALEDIR ?= $(PREFIX)/share/locale
DOCDIR ?= $(PREFIX)/share/doc/mentorboard
# /etc whatever the prefix: where the unit and the operator look.
SYSCONFDIR ?= /etc
# /usr/local/lib/systemd/system is on systemd's path, as /lib/systemd/system.
SYSTEMDUNITDIR ?= $(PREFIX)/lib/systemd/system

VERSION := 0.1.0
# make V=1 shows every command
Q := $(if $(V),,@)
BUILD ?= build
OUT ?= .

DEB_BUILD := gcc make pkg-config gettext libssh-dev libssl-dev libncurses-dev \
	libsqlite3-dev libsodium-dev libjpeg62-turbo-dev libunistring-dev \
	tzdata
DEB_TEST := clang libclang-rt-14-dev clang-format libcmocka-dev \
	openssh-client python3 python3-pytest python3-pexpect python3-pyte \
	python3-icalendar python3-pytest-xdist ncurses-term procps iproute2 \
	putty-tools dropbear-bin python3-paramiko ssh-audit \
	mandoc strace systemd
DEB_BENCH := openssh-server

PKGS := libssh libcrypto ncursesw sqlite3 libsodium libjpeg
# Evaluated when a recipe runs, after the packages are there.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS = $(shell pkg-config --libs $(PKGS)) -lunistring -lm

CFLAGS ?= -O2 -g
WARN := -Wall -Wextra -Werror -Wshadow -Wpointer-arith -Wstrict-prototypes \
	-Wmissing-prototypes -Wformat=2 -Wno-format-nonliteral -Wvla
# The catalogs msgfmt writes into the build tree, as seen from where the
# programs are: a program run from its build tree reads them there, an
# installed one LOCALEDIR (common/i18n.c).
BUILD_LOCALEDIR_REL := $(shell realpath -m --relative-to=$(OUT) $(BUILD)/locale)
ALL_CPPFLAGS = -D_GNU_SOURCE -DWITH_SERVER -DMB_VERSION='"$(VERSION)"' \
	-DLOCALEDIR='"$(LOCALEDIR)"' \
	-DBUILD_LOCALEDIR_REL='"$(BUILD_LOCALEDIR_REL)"' \
	-Icommon -I$(BUILD) $(CPPFLAGS)
ALL_CFLAGS = -std=c11 $(WARN) $(CFLAGS) $(PKG_CFLAGS)

COMMON_SRC := $(sort $(wildcard common/*.c))
DAEMON_SRC := $(sort $(wildcard daemon/*.c))
TUI_SRC := $(sort $(wildcard tui/*.c))

COMMON_OBJ := $(COMMON_SRC:%.c=$(BUILD)/%.o) $(BUILD)/schema.o
DAEMON_OBJ := $(DAEMON_SRC:%.c=$(BUILD)/%.o)
TUI_OBJ := $(TUI_SRC:%.c=$(BUILD)/%.o)

UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_REPLAY := $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/tests/%-replay)

ASAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer

.PHONY: all deps test-deps bench-deps run test check unit e2e asan fuzz pot \
	fuzz-replay bench clean install uninstall po-check po-update

# The translations: po/LANG.po, compiled into $(BUILD)/locale.
PO := $(sort $(wildcard po/*.po))
MO := $(PO:po/%.po=$(BUILD)/locale/%/LC_MESSAGES/mentorboard.mo)

all: $(OUT)/mentord $(OUT)/mentor $(MO)

# ---- Debian packages --------------------------------------------------------

define need_packages
	@missing=$$(for p in $(1); do \
		dpkg-query -W -f='$${Status}\n' "$$p" 2>/dev/null | \
		grep -q '^install ok installed$$' || echo "$$p"; done); \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "installing:" $$missing; \
			apt-get update -q && \
			DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
				--no-install-recommends $$missing || exit 1; \
		else \
			echo "missing Debian packages; as root run:"; \
			echo "  apt-get update && apt-get install -y" $$missing; \
			exit 1; \
		fi; \
	fi
endef

deps:
	$(call need_packages,$(DEB_BUILD))

test-deps: deps
	$(call need_packages,$(DEB_TEST))

bench-deps: deps
	$(call need_packages,$(DEB_BENCH))

# ---- Build ------------------------------------------------------------------

$(BUILD)/schema.c: schema.sql | deps
	@mkdir -p $(@D)
	{ echo '/* Generated from schema.sql by make. */'; \
	  echo 'const char store_schema_sql[] ='; \
	  sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' $<; \
	  echo ';'; } > $@.tmp && mv $@.tmp $@

$(BUILD)/schema.o: $(BUILD)/schema.c
	$(Q)$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/%.o: %.c | deps
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

# The install paths compiled in (LOCALEDIR): a file that
# changes only when they do, so that make install PREFIX=... rebuilds what
# uses them.
PATHS_USED := $(BUILD)/daemon/check.o $(BUILD)/daemon/main.o \
	$(BUILD)/common/i18n.o
$(BUILD)/paths: FORCE
	@mkdir -p $(@D)
	@echo '$(BINDIR)/mentor $(LOCALEDIR)' | cmp -s - $@ || \
		echo '$(BINDIR)/mentor $(LOCALEDIR)' > $@
$(PATHS_USED): $(BUILD)/paths
FORCE:

# msgfmt --check: the header, and that every translation takes the same
# printf arguments as its English original.
$(BUILD)/locale/%/LC_MESSAGES/mentorboard.mo: po/%.po | deps
	@mkdir -p $(@D)
	@$(if $(Q),echo "  MSGFMT  $<")
	$(Q)msgfmt --check -o $@.tmp $< && mv $@.tmp $@

# The common modules as an archive: each program links what it uses.
$(BUILD)/libcommon.a: $(COMMON_OBJ)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

# mentor's code but its main, which mentord links too: a session's mentor
# is a fork of its connection process (daemon/spawn.c), not a new program.
TUI_LIB_OBJ := $(filter-out $(BUILD)/tui/main.o,$(TUI_OBJ))
$(BUILD)/libtui.a: $(TUI_LIB_OBJ)
	$(Q)rm -f $@ && $(AR) rcs $@ $^
$(DAEMON_OBJ): ALL_CPPFLAGS += -Itui

# Each program names only the libraries it calls (--as-needed).  mentord's
# calls into them are bound as it starts (-z now; the libraries bind their
# own so already), once for the listener and once for the mentor factory,
# rather than on first use in every connection process and every mentor,
# which are forks of those two.
MENTORD_LINK := -Wl,--as-needed -Wl,-z,now
$(OUT)/mentord: $(DAEMON_OBJ) $(BUILD)/libtui.a $(BUILD)/libcommon.a
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) $(MENTORD_LINK) $^ $(PKG_LIBS) -o $@

$(OUT)/mentor: $(BUILD)/tui/main.o $(BUILD)/libtui.a $(BUILD)/libcommon.a
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -Wl,--as-needed $^ $(PKG_LIBS) -o $@

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

# ---- Run --------------------------------------------------------------------

run: all
	./mentord --listen 127.0.0.1 --port 2222 --state-dir ./var \
		--mail-command 'cat >> ./var/mail.out' \
		--team-address mentoring-team@example.org

# ---- Tests ------------------------------------------------------------------

# Unit tests find the catalogs of this build at TEST_LOCALEDIR.
$(BUILD)/tests/test_%: tests/unit/test_%.c $(BUILD)/libcommon.a $(MO) | test-deps
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CPPFLAGS) -DTEST_LOCALEDIR='"$(abspath $(BUILD)/locale)"' \
		$(ALL_CFLAGS) $< $(BUILD)/libcommon.a $(PKG_LIBS) -lcmocka -o $@

# A unit test that builds a file of tui/ in (the file it tests) names it here.
$(BUILD)/tests/test_ui_input: tui/ui_input.c tui/ui.h

# A fuzz target that drives code outside common/ names its objects here.
FUZZ_OBJ_keys = $(BUILD)/tui/form.o $(BUILD)/tui/editor.o \
	$(BUILD)/tui/ui_draw.o
FUZZ_OBJ_sftp = $(BUILD)/daemon/sftp.o
FUZZ_OBJ_gate = $(BUILD)/daemon/gate.o

.SECONDEXPANSION:
$(BUILD)/tests/fuzz_%-replay: tests/fuzz/fuzz_%.c tests/fuzz/replay.c \
		$$(FUZZ_OBJ_$$*) $(BUILD)/libcommon.a | test-deps
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -Itui -Idaemon -MMD -MP \
		-MF $@.d $< tests/fuzz/replay.c $(FUZZ_OBJ_$*) \
		$(BUILD)/libcommon.a $(PKG_LIBS) -lpthread -o $@
# The headers a replay program includes (daemon.h for the sftp target).
-include $(FUZZ_REPLAY:=.d)

$(BUILD)/tests/sshprobe: tests/e2e/sshprobe.c | test-deps
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $< $(PKG_LIBS) -o $@

$(BUILD)/tests/mkjpeg: tests/e2e/mkjpeg.c | test-deps
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $< $(PKG_LIBS) -o $@

check: test-deps
	@files=$$(git ls-files '*.c' '*.h' 2>/dev/null || \
		find common daemon tui tests bench -name '*.[ch]'); \
	clang-format --dry-run -Werror $$files && echo "format: ok"

unit: $(UNIT_BIN)
	@for t in $(UNIT_BIN); do \
		echo "== $$t"; ./$$t || exit 1; done

fuzz-replay: $(FUZZ_REPLAY)
	@for f in $(FUZZ_REPLAY); do \
		name=$$(basename $$f -replay); name=$${name#fuzz_}; \
		./$$f tests/fuzz/corpus/$$name || exit 1; done

# The end-to-end tests run E2E_JOBS at a time (pytest-xdist): most of a
# test's time is a client and a board waiting for each other, so two at
# once on two cores nearly halve the suite.  E2E_JOBS=0: one at a time.
# The slowest E2E_DURATIONS tests are named at the end, with their times.
E2E_JOBS ?= 2
E2E_DURATIONS ?= 15
e2e: all test-deps $(BUILD)/tests/sshprobe $(BUILD)/tests/mkjpeg
	MENTORD=$(abspath $(OUT)/mentord) \
	SSHPROBE=$(abspath $(BUILD)/tests/sshprobe) \
	MKJPEG=$(abspath $(BUILD)/tests/mkjpeg) \
		/usr/bin/python3 -m pytest -q -p no:cacheprovider \
		--durations=$(E2E_DURATIONS) \
		$(if $(filter-out 0,$(E2E_JOBS)),-n $(E2E_JOBS)) tests/e2e

# The same suites under AddressSanitizer and UndefinedBehaviorSanitizer,
# built with clang (the normal build uses the default compiler, gcc).
asan: test-deps
	$(MAKE) BUILD=build/asan OUT=build/asan CC=clang \
		CFLAGS='$(ASAN_FLAGS)' LDFLAGS='-fsanitize=address,undefined' \
		unit fuzz-replay e2e

test: test-deps
	$(MAKE) check
	$(MAKE) po-check
	$(MAKE) all unit fuzz-replay
	$(MAKE) e2e
	$(MAKE) asan
	@echo "make test: all passed"

# Coverage-guided fuzzing with libFuzzer (clang, ASan + UBSan): make fuzz
# runs every target FUZZ_SECONDS each; make fuzz FUZZ=vfs one of them.
# Targets: $(FUZZ_NAMES).  A target starts from its kept inputs in
# tests/fuzz/corpus/NAME/ (what it finds new goes to build/fuzz/corpus-NAME);
# a crash input lands in tests/fuzz/corpus/NAME/ and is replayed by make
# test from then on.
FUZZ_NAMES := $(FUZZ_SRC:tests/fuzz/fuzz_%.c=%)
FUZZ ?= $(FUZZ_NAMES)
FUZZ_SECONDS ?= 60
FUZZ_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer
fuzz: test-deps
	$(MAKE) BUILD=build/fuzz OUT=build/fuzz CC=clang \
		CFLAGS='$(FUZZ_FLAGS) -fsanitize=fuzzer-no-link' \
		build/fuzz/libcommon.a build/fuzz/tui/form.o \
		build/fuzz/tui/editor.o build/fuzz/tui/ui_draw.o \
		build/fuzz/daemon/sftp.o build/fuzz/daemon/gate.o
	@for t in $(FUZZ); do \
		echo "== fuzz $$t for $(FUZZ_SECONDS) s"; \
		objs=; case $$t in \
		keys) objs="build/fuzz/tui/form.o build/fuzz/tui/editor.o \
			build/fuzz/tui/ui_draw.o";; \
		sftp) objs=build/fuzz/daemon/sftp.o;; \
		gate) objs=build/fuzz/daemon/gate.o;; \
		esac; \
		clang $(ALL_CPPFLAGS) -Itui -Idaemon $(FUZZ_FLAGS) \
			-fsanitize=fuzzer tests/fuzz/fuzz_$$t.c $$objs \
			build/fuzz/libcommon.a $(PKG_LIBS) -lpthread \
			-o build/fuzz/fuzz_$$t || exit 1; \
		mkdir -p build/fuzz/corpus-$$t; \
		build/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) \
			-print_final_stats=1 \
			-artifact_prefix=tests/fuzz/corpus/$$t/ \
			build/fuzz/corpus-$$t tests/fuzz/corpus/$$t || exit 1; \
	done

# ---- Benchmarks -------------------------------------------------------------

# Figures, not pass/fail: bench/run starts mentord and, as the baseline,
# OpenSSH's sshd running the same mentor, loads both alike and writes
# bench/results.json.  make bench BENCH_ARGS='--sessions 2000' for more.
BENCH_ARGS ?=
bench: all bench-deps
	bench/run $(BENCH_ARGS)

# ---- Install ----------------------------------------------------------------

# mentord runs mentor's code itself; $(BINDIR)/mentor is for the host's
# users (mentor --local) and sshd's ForceCommand.
# The example configuration goes to $(DOCDIR), and to
# $(SYSCONFDIR)/mentorboard/mentord.conf only if that does not exist: the
# operator's settings are never overwritten.  Every po/LANG.po is compiled.
install: all
	install -d $(DESTDIR)$(SBINDIR) $(DESTDIR)$(BINDIR) \
		$(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
		$(DESTDIR)$(MANDIR)/man8 $(DESTDIR)$(DOCDIR) \
		$(DESTDIR)$(SYSCONFDIR)/mentorboard $(DESTDIR)$(SYSTEMDUNITDIR)
	install -m 755 $(OUT)/mentord $(DESTDIR)$(SBINDIR)/mentord
	install -m 755 $(OUT)/mentor $(DESTDIR)$(BINDIR)/mentor
	install -m 644 man/mentor.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 644 man/mentord.conf.5 $(DESTDIR)$(MANDIR)/man5/
	install -m 644 man/mentord.8 $(DESTDIR)$(MANDIR)/man8/
	install -m 644 etc/mentord.conf.example $(DESTDIR)$(DOCDIR)/
	@conf=$(DESTDIR)$(SYSCONFDIR)/mentorboard/mentord.conf; \
	if [ -e "$$conf" ]; then \
		echo "kept $$conf; the example is in $(DOCDIR)"; \
	else \
		install -m 644 etc/mentord.conf.example "$$conf" && \
		echo "made $$conf from the example: edit it, then" \
			"mentord -t --config $(SYSCONFDIR)/mentorboard/mentord.conf"; \
	fi
	sed -e 's|@SBINDIR@|$(SBINDIR)|g' -e 's|@SYSCONFDIR@|$(SYSCONFDIR)|g' \
		contrib/mentord.service.in > $(DESTDIR)$(SYSTEMDUNITDIR)/mentord.service
	chmod 644 $(DESTDIR)$(SYSTEMDUNITDIR)/mentord.service
	@for po in $(wildcard po/*.po); do \
		lang=$$(basename $$po .po); \
		install -d $(DESTDIR)$(LOCALEDIR)/$$lang/LC_MESSAGES && \
		msgfmt -c -o $(DESTDIR)$(LOCALEDIR)/$$lang/LC_MESSAGES/mentorboard.mo \
			$$po || exit 1; \
	done

# What install put there, but the configuration (the operator's) and the
# state directory (the board's data).
uninstall:
	rm -f $(DESTDIR)$(SBINDIR)/mentord $(DESTDIR)$(BINDIR)/mentor \
		$(DESTDIR)$(MANDIR)/man1/mentor.1 \
		$(DESTDIR)$(MANDIR)/man5/mentord.conf.5 \
		$(DESTDIR)$(MANDIR)/man8/mentord.8 \
		$(DESTDIR)$(DOCDIR)/mentord.conf.example \
		$(DESTDIR)$(SYSTEMDUNITDIR)/mentord.service \
		$(DESTDIR)$(LOCALEDIR)/*/LC_MESSAGES/mentorboard.mo
	-rmdir $(DESTDIR)$(DOCDIR) 2>/dev/null
	@echo "kept $(SYSCONFDIR)/mentorboard/mentord.conf and the state" \
		"directory (/var/lib/mentorboard): remove them by hand"

# The message template translators start from: po/mentorboard.pot.  A
# language is a po/LANG.po (msginit -i po/mentorboard.pot -l de), compiled
# and installed by make install.
pot: deps
	@mkdir -p po
	xgettext --keyword=_ --keyword=N_ --from-code=UTF-8 --language=C \
		--package-name=mentorboard --package-version=$(VERSION) \
		--add-comments=TRANSLATORS: \
		-o po/mentorboard.pot $(sort $(COMMON_SRC) $(DAEMON_SRC) $(TUI_SRC))

# Each language has every message of the sources translated, none fuzzy,
# each with the printf arguments of the original: po/check lists what is
# missing (and make po-update then brings the new strings in).
po-check: pot
	po/check po/mentorboard.pot $(PO)

po-update: pot
	@for po in $(PO); do \
		msgmerge --quiet --update --backup=none --no-fuzzy-matching \
			$$po po/mentorboard.pot || exit 1; done
	po/check po/mentorboard.pot $(PO) || true

clean:
	rm -rf build mentord mentor
