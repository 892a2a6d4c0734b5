# The two commands of the README: `make demo` and `make test`. Both install
# missing Debian packages first (scripts/install-deps.sh), then build.
JOBS ?= 2
SHARED ?= $(abspath ../shared)
RELEASE := build/release
CHECK := build/check
CMAKE_COMMON := -DBRIEF_SHARED_DIR=$(SHARED)

.PHONY: all deps build demo test bench model format check-format clean

all: build

deps:
	@bash scripts/install-deps.sh

$(RELEASE)/CMakeCache.txt:
	cmake -S . -B $(RELEASE) -DCMAKE_BUILD_TYPE=Release $(CMAKE_COMMON) >/dev/null

build: deps $(RELEASE)/CMakeCache.txt
	cmake --build $(RELEASE) -j $(JOBS)

demo: build
	./$(RELEASE)/brief summarize --facts examples/harbour-fire
	@echo
	@echo "--- the examples' mixed stream, grouped into stories:"
	./$(RELEASE)/brief stories --jsonl examples/stream.jsonl

test: deps
	cmake -S . -B $(CHECK) -DCMAKE_BUILD_TYPE=Debug -DBRIEF_WERROR=ON \
	  -DBRIEF_SANITIZE=ON $(CMAKE_COMMON) >/dev/null
	cmake --build $(CHECK) -j $(JOBS)
	cd $(CHECK) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --output-on-failure -j $(JOBS)

bench: build
	bash bench/throughput
	bash bench/extraction
	bash bench/serve $(RELEASE)/brief
	bash bench/serve-memory $(RELEASE)/brief
	bash bench/stories
	bash bench/scale

# Re-fits the weigh stage's model on the development sets (../shared/data)
# and rewrites src/pipeline/weigh_model.h; tests/cli/model.sh checks that the
# checked-in header is this fit.
model: build
	./$(RELEASE)/train_weights -o src/pipeline/weigh_model.h \
	  $(SHARED)/data/multinews-dev $(SHARED)/data/duc2002 $(SHARED)/data/duc2003 \
	  $(SHARED)/data/duc2006

format:
	clang-format -i include/*.h src/*/*.[ch] cli/*.[ch] server/*.[ch] tests/*.[ch] bench/*.c tools/*.c

check-format:
	clang-format --dry-run --Werror include/*.h src/*/*.[ch] cli/*.[ch] server/*.[ch] tests/*.[ch] bench/*.c tools/*.c

clean:
	rm -rf build

# The libFuzzer targets (clang, ASan+UBSan: the extractor, JSONL ingest
# with the summary and facts, the server's request handling, brief rouge,
# the story desk's input, the stream entries read back from Redis),
# FUZZ_SECONDS each; crashes land in each target's regressions folder under
# tests/fuzz/, which `make test` replays.
FUZZ_SECONDS ?= 60
.PHONY: fuzz
fuzz: deps
	bash tests/fuzz/run.sh $(FUZZ_SECONDS)
