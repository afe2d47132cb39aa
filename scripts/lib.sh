# Shared by ./run and ./test: install what is missing, then build. Sourced, not executed.
# Everything installs from Debian's packages and the npm registry; nothing relies on a hand install.

KETADOSE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"   # Debian's emscripten needs acorn from here
JOBS="${JOBS:-$(nproc 2>/dev/null || echo 2)}"

log() { printf '==> %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    log "need root to run: $*"; return 1; fi
}

# ensure_packages PKG...: apt-get install the Debian packages that are not installed yet.
ensure_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Node and npm: the machine's own if present (a Debian npm would conflict with it), else Debian's.
ensure_node() {
  local need=()
  command -v node >/dev/null || need+=(nodejs)
  command -v npm >/dev/null || need+=(npm)
  [ ${#need[@]} -eq 0 ] || ensure_packages "${need[@]}"
}

ensure_build_tools() {
  ensure_packages ca-certificates cmake make g++ nlohmann-json3-dev emscripten
  ensure_node
}

ensure_test_tools() {
  ensure_build_tools
  ensure_packages googletest libgtest-dev libgmock-dev chromium nginx-light libnginx-mod-http-brotli-static
}

# The engines layer: Firefox ESR (driven by npm puppeteer-core, which downloads no browser) and WebKit
# (WebKitWebDriver starting MiniBrowser) under a virtual X display.
ensure_engine_tools() {
  ensure_packages firefox-esr webkit2gtk-driver xvfb xauth
}

# npm ci when node_modules is missing or lacks a package the lock file lists.
ensure_npm_modules() {
  cd "$KETADOSE_ROOT" || return 1
  # Installs when a package the lock file lists (optional ones aside) is missing from node_modules, whatever the
  # files' dates say (a copied node_modules is newer than the lock file and may still lack a package).
  if [ ! -d node_modules ] || ! node -e '
    const fs = require("fs");
    const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8"));
    for (const [where, entry] of Object.entries(lock.packages || {})) {
      if (where && !entry.optional && !fs.existsSync(where + "/package.json")) process.exit(1);
    }' 2>/dev/null; then
    log "npm ci"
    PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >&2
  fi
}

build_native() {
  log "native build (build/native)"
  cmake -S "$KETADOSE_ROOT" -B "$KETADOSE_ROOT/build/native" -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null &&
    cmake --build "$KETADOSE_ROOT/build/native" -j "$JOBS" >/dev/null
}

build_wasm() {
  log "wasm build (build/wasm)"
  # MinSizeRel: the page downloads this module, so size wins over the last few % of speed (CMakeLists: -Oz).
  emcmake cmake -S "$KETADOSE_ROOT" -B "$KETADOSE_ROOT/build/wasm" -DCMAKE_BUILD_TYPE=MinSizeRel >/dev/null &&
    cmake --build "$KETADOSE_ROOT/build/wasm" -j "$JOBS" >/dev/null
}

# clang with its libFuzzer and sanitizer runtimes (Debian only recommends libclang-rt, so name it).
ensure_fuzz_tools() {
  ensure_build_tools && ensure_packages clang libclang-rt-14-dev
}

ensure_bench_tools() {
  ensure_build_tools && ensure_packages libbenchmark-dev chromium
}

# Sanitized builds use -O1 -g1 (line tables for the reports): half the compile time of -O2 -g, which keeps the
# extra build of ./test affordable in CI.
SANITIZE_FLAGS=(-DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1")

# One clang build with AddressSanitizer + UndefinedBehaviorSanitizer serves both the sanitized native suite and
# the libFuzzer targets (build/fuzz): the core is compiled once, with fuzzer coverage, for both.
configure_fuzz() {
  # ccache, when installed, keeps the instrumented rebuild of an unchanged core cheap.
  local launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  CC=clang CXX=clang++ cmake -S "$KETADOSE_ROOT" -B "$KETADOSE_ROOT/build/fuzz" "${SANITIZE_FLAGS[@]}" \
    -DKETADOSE_FUZZ=ON -DKETADOSE_SANITIZE=ON "${launcher[@]}" >/dev/null
}

# The native suite under ASan + UBSan (build/fuzz, target ketadose_tests).
build_sanitize() {
  log "sanitized build (build/fuzz): ketadose_tests"
  configure_fuzz && cmake --build "$KETADOSE_ROOT/build/fuzz" -j "$JOBS" --target ketadose_tests >/dev/null
}

# The options every fuzz run uses (tests/fuzz/run, bench/fuzz-speed.sh). -entropic=0: libFuzzer's default entropic
# scheduler updates a frequency table for every feature of every execution, and the core's ~28,000 features made that
# 30% of the time (perf, issue 13); the classic scheduler measured 1.75x (api_fuzz) to 2x (api_structured_fuzz) the
# executions per CPU second on the same inputs, with the same sanitizers and invariants.
FUZZ_RUN_OPTIONS=(-entropic=0 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1)

# build_fuzz TARGET...: the libFuzzer targets only (build/fuzz).
build_fuzz() {
  log "fuzz build (build/fuzz): $*"
  configure_fuzz && cmake --build "$KETADOSE_ROOT/build/fuzz" -j "$JOBS" --target "$@" >/dev/null
}

# build_bench TARGET...: the Google Benchmark programs (bench/*.cpp) only, Release, build/bench.
build_bench() {
  log "benchmark build (build/bench): $*"
  cmake -S "$KETADOSE_ROOT" -B "$KETADOSE_ROOT/build/bench" -DCMAKE_BUILD_TYPE=Release -DKETADOSE_BENCH=ON >/dev/null &&
    cmake --build "$KETADOSE_ROOT/build/bench" -j "$JOBS" --target "$@" >/dev/null
}

build_site() {
  build_wasm && ensure_npm_modules && node "$KETADOSE_ROOT/scripts/build-site.mjs" "$@"
}
