#!/usr/bin/env python3
"""Where the bytes of the wasm module go: code by family of function, data by segment.
  python3 bench/wasm-size.py MODULE.wasm   (a module linked with --profiling-funcs, so functions keep their names;
                                            needs wasm-objdump from wabt)
Prints the body bytes per family (nlohmann, libc++ strings/streams/locale, printf, malloc, embind, the core by layer
folder via its namespace...), the largest functions, and the data segments with their gzip size."""
import gzip, re, subprocess, sys, collections

path = sys.argv[1]
dump = subprocess.run(['wasm-objdump', '-x', '-j', 'Code', path], capture_output=True, text=True).stdout
funcs = []
for line in dump.splitlines():
    m = re.match(r'\s*- func\[(\d+)\] size=(\d+)(?: <(.*)>)?', line)
    if m: funcs.append((int(m.group(2)), m.group(3) or f'func{m.group(1)}'))

RULES = [  # first match wins
    ('embind', r'emscripten::|_embind_|embind'),
    ('nlohmann ordered_json (basic_json<ordered_map)', r'basic_json<nlohmann::json_abi_v3_11_2::ordered_map'),
    ('nlohmann json (basic_json<std::map)', r'nlohmann::'),
    ('libc++ iostream/locale/streambuf', r'locale|ctype|num_put|num_get|ios_base|basic_ios|streambuf|[io]stream|facet|codecvt|moneypunct|numpunct|time_put|time_get|messages<'),
    ('libc++ regex', r'regex|__match|__state<|__node<'),
    ('std::function / exceptions / typeinfo', r'__cxa|__cxxabiv1|std::exception|bad_|typeinfo|_Unwind|__gxx'),
    ('printf/strtod/number text', r'printf|fmt_|pop_arg|__floatscan|strto|scanf|__intscan|__shgetc|frexp|fmt_fp|wcrtomb|__to_chars|to_chars|from_chars|__d2s|__f2s'),
    ('malloc', r'malloc|free$|^free|dlfree|sbrk|realloc|calloc|memalign|emmalloc'),
    ('libc mem/str', r'^mem|^str|^__stpcpy|^wmem|^wcs'),
    ('std::string', r'basic_string'),
    ('std containers (vector/map/tree/hash)', r'std::__2::(vector|__tree|map|set|__hash|unordered|deque|__split_buffer|pair|optional)'),
    ('ketadose core', r'ketadose::'),
]
by = collections.Counter(); count = collections.Counter()
for size, name in funcs:
    # A function is counted where it is defined (its own qualified name), not by the types it takes: a core function
    # taking a Json counts as core; nlohmann's templates instantiated for the core count as nlohmann.
    own = name.split('(')[0]
    cat = 'ketadose core' if own.startswith('ketadose::') else next((c for c, rx in RULES if re.search(rx, own)), None)
    cat = cat or next((c for c, rx in RULES if re.search(rx, name)), 'other')
    by[cat] += size; count[cat] += 1
total = sum(s for s, _ in funcs)
print(f'code: {len(funcs)} functions, {total} bytes of bodies')
for cat, size in by.most_common():
    print(f'  {size:8d} {100*size/total:5.1f}%  {count[cat]:5d} fns  {cat}')
json_core = sum(s for s, n in funcs if n.split('(')[0].startswith('ketadose::') and 'basic_json' in n)
print(f'  of the core, {json_core} bytes are in functions that take or return a Json (readers, writers, actions)')
print('largest functions:')
for size, name in sorted(funcs, reverse=True)[:25]:
    print(f'  {size:8d}  {name[:150]}')
data = subprocess.run(['wasm-objdump', '-h', path], capture_output=True, text=True).stdout
blob = open(path, 'rb').read()
for line in data.splitlines():
    m = re.search(r'(\w+) start=0x([0-9a-f]+) end=0x([0-9a-f]+)', line)
    if m and m.group(1) in ('Code', 'Data'):
        part = blob[int(m.group(2), 16):int(m.group(3), 16)]
        print(f'section {m.group(1)}: {len(part)} bytes, {len(gzip.compress(part, 9))} gzip')
print(f'module: {len(blob)} bytes, {len(gzip.compress(blob, 9))} gzip (names section included if profiled)')
