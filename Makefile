# newsworker: install targets. Builds go through SwiftPM; this file only lays files out.
#   make install                      # swift build -c release, then install under PREFIX=/usr/local
#   make install DESTDIR=/tmp/root    # stage into a root (packaging); nothing outside DESTDIR is touched
#   make install BINARY=path          # install an already-built binary, no build
#   NEWSWORKER_SKIP_BUILD=1 make install   # use the existing release build
#   make uninstall                    # remove what install laid out (edited config and state are kept)
#   make verify-deploy                # systemd-analyze verify + promtool on deploy/
PREFIX ?= /usr/local
DESTDIR ?=
BINARY ?=
UNITDIR ?=

INSTALL_VARS = DESTDIR="$(DESTDIR)" PREFIX="$(PREFIX)" BINARY="$(BINARY)" UNITDIR="$(UNITDIR)"

.PHONY: all build install uninstall verify-deploy

all: build

build:
	swift build -c release --product newsworker --static-swift-stdlib || swift build -c release --product newsworker

install:
	$(INSTALL_VARS) scripts/install

uninstall:
	$(INSTALL_VARS) scripts/uninstall

verify-deploy:
	scripts/verify-deploy
