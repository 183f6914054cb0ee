# lfpbms: the two commands a new user needs are `make demo` and `make test`.
BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: demo test deps build format lint clean

demo: build
	$(BUILD)/apps/lfpbms selftest

test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

deps:
	@tools/install-deps.sh

build: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build $(BUILD) -j $(JOBS)

format:
	git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

lint: build
	tools/lint.sh $(BUILD)

clean:
	rm -rf $(BUILD)
