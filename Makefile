# lfpbms: the two commands a new user needs are `make demo` and `make test`.
BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: demo test deps build bench format lint clean

# The main job: a week of a solar home with the firmware in the loop (docs/twin.md).
demo: build
	$(BUILD)/apps/lfpbms sim

test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

deps:
	@tools/install-deps.sh

build: deps
	cmake -S . -B $(BUILD)
	cmake --build $(BUILD) -j $(JOBS)

# Speed of the twin (simulated seconds per wall second), the host link's time over wire time
# (15 served packs at 9600 baud), one cell step, and the firmware's instructions per 100 ms
# tick (callgrind).
bench: build
	$(BUILD)/bench/twin_bench
	$(BUILD)/bench/host_link_bench
	$(BUILD)/sim/cell/bench_cell
	tools/tick-instructions.sh $(BUILD)/firmware/demo/plant_demo_host

format:
	git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

lint: build
	tools/lint.sh $(BUILD)

clean:
	rm -rf $(BUILD)
