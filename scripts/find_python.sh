#!/usr/bin/env bash
# Print the path of a working Python interpreter of the given minor version (e.g. 3.12),
# looking at pyenv's versions first (its shims may refuse), then the PATH. Exit 1 if none.
set -u
want="$1"
root=$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")
for candidate in $(ls -d "$root"/versions/"$want"*/bin/python"$want" 2>/dev/null | sort -V -r) \
                 "$(command -v python"$want" 2>/dev/null)"; do
  [ -n "$candidate" ] && [ -x "$candidate" ] || continue
  if "$candidate" -c 'import sys, venv' >/dev/null 2>&1; then
    echo "$candidate"
    exit 0
  fi
done
exit 1
