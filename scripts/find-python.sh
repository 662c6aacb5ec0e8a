#!/usr/bin/env bash
# Print the path of a working Python >= 3.12, or explain what to install and exit 1.
# Candidates are *run*, not looked up with `command -v`: pyenv shims exist for versions that are
# not active and fail when called.
set -u
ok() { "$@" -c 'import sys; assert sys.version_info >= (3, 12); print(sys.executable)' 2>/dev/null; }
for c in ${PYTHON:-} python3.12 python3.13 python3 python; do
  [ -n "$c" ] || continue
  if p=$(ok "$c"); then echo "$p"; exit 0; fi
done
if command -v pyenv >/dev/null 2>&1; then
  root=$(pyenv root)
  # prefer 3.12 (the version the stack was verified on), then newer ones
  for v in $(ls -1 "$root/versions" 2>/dev/null | grep -E "^3\.12" | sort -rV) $(ls -1 "$root/versions" 2>/dev/null | sort -rV); do
    for exe in "$root/versions/$v/bin/python3" "$root/versions/$v/bin/python"; do
      if [ -x "$exe" ] && p=$(ok "$exe"); then echo "$p"; exit 0; fi
    done
  done
fi
for exe in /usr/local/bin/python3.1[2-9] /usr/bin/python3.1[2-9] /opt/homebrew/bin/python3.1[2-9]; do
  if [ -x "$exe" ] && p=$(ok "$exe"); then echo "$p"; exit 0; fi
done
cat >&2 <<'MSG'
wijksim needs Python 3.12 or newer (mesa 3.5 requires it), and none was found.
Install one, then run the command again, for example:
  Debian/Ubuntu:  sudo apt-get install python3.12 python3.12-venv
  pyenv:          pyenv install 3.12
  macOS:          brew install python@3.12
Or point to it explicitly:  make test PYTHON=/path/to/python3.12
MSG
exit 1
