#!/bin/sh
# Checks the release archive as a user on another machine would use it (make test runs it
# after the Swift tests): unpack it in a scratch folder, run an example with a PATH that holds
# only the unpacked binary and the system's folders, and check the binary needs no library
# beyond a minimal Debian's plus libedit2 (libcurl is loaded only when metrics are queried).
set -eu
archive=$1
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
tar -C "$scratch" -xzf "$archive"
dir=$(find "$scratch" -mindepth 1 -maxdepth 1 -type d)
for f in bin/headroom share/man/man1/headroom.1 share/bash-completion/completions/headroom \
         share/zsh/site-functions/_headroom share/fish/vendor_completions.d/headroom.fish README.md \
         examples/anton.plan examples/anton-snapshot.json; do
  [ -e "$dir/$f" ] || { echo "check-dist: $f is not in the archive" >&2; exit 1; }
done
cd "$dir/examples"
out=$(env -i PATH="$dir/bin:/usr/bin:/bin" HOME="$scratch" headroom anton.plan)
echo "$out" | grep -q "^First to run out: memory" || { echo "check-dist: anton.plan did not run" >&2; exit 1; }
env -i PATH="$dir/bin:/usr/bin:/bin" headroom --version | grep -q "^headroom .* (commit [0-9a-f]\{7,\})$" || {
  echo "check-dist: --version does not name the commit" >&2; exit 1; }
allowed='linux-vdso|ld-linux|libc\.so|libm\.so|libstdc\+\+|libgcc_s|libedit|libtinfo|libbsd|libmd\.so'
extra=$(ldd "$dir/bin/headroom" | grep -Ev "$allowed" || true)
[ -z "$extra" ] || { echo "check-dist: the binary needs more than a minimal Debian and libedit2:" >&2; echo "$extra" >&2; exit 1; }
man --warnings -l "$dir/share/man/man1/headroom.1" > /dev/null 2> "$scratch/man.err"
[ ! -s "$scratch/man.err" ] || { echo "check-dist: the manual page has warnings:" >&2; cat "$scratch/man.err" >&2; exit 1; }
bash -n "$dir/share/bash-completion/completions/headroom"
if command -v zsh > /dev/null; then zsh -n "$dir/share/zsh/site-functions/_headroom"; fi
if command -v fish > /dev/null; then fish -n "$dir/share/fish/vendor_completions.d/headroom.fish"; fi
echo "check-dist: $(basename "$archive") unpacks, runs anton.plan alone, names its commit; the manual page and completions are valid"
