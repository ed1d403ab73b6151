#!/usr/bin/env bash
# `make test-mysql`: the integration suite against Debian's MariaDB on a local socket.
# Root only (it apt-installs the server when missing); the server is started under
# var/mysql with networking off and stopped on exit, whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
if [ "$(id -u)" != "0" ]; then
  echo "test-mysql: skipped (needs root to apt-get install mariadb-server; run it as root or in CI)"
  exit 0
fi
if ! command -v mariadbd >/dev/null || ! command -v mariadb-install-db >/dev/null \
   || ! command -v pkg-config >/dev/null || [ ! -e /usr/include/mariadb/mysql.h ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mariadb-server libmariadb-dev pkg-config >/dev/null
fi
"$PY" -c "import MySQLdb" 2>/dev/null || "$PY" -m pip --disable-pip-version-check -q install mysqlclient

DIR="$PWD/var/mysql"
SOCKET="$DIR/mysqld.sock"
mkdir -p "$DIR"
if [ ! -d "$DIR/data/mysql" ]; then
  rm -rf "$DIR/data"
  mariadb-install-db --no-defaults --user=root --datadir="$DIR/data" --skip-test-db \
    --auth-root-authentication-method=socket >"$DIR/install.log" 2>&1
fi
if [ -S "$SOCKET" ] && mariadb-admin --no-defaults --socket="$SOCKET" -uroot ping >/dev/null 2>&1; then
  mariadb-admin --no-defaults --socket="$SOCKET" -uroot shutdown || true
fi
rm -f "$SOCKET"
# Durability settings off (a throwaway test server); locking and SQL are InnoDB's as in the LMS.
mariadbd --no-defaults --user=root --datadir="$DIR/data" --socket="$SOCKET" --skip-networking \
  --pid-file="$DIR/mysqld.pid" --log-error="$DIR/error.log" --skip-log-bin \
  --innodb-buffer-pool-size=128M --innodb-flush-log-at-trx-commit=0 --innodb-doublewrite=0 \
  --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci &
SERVER=$!
stop() {
  mariadb-admin --no-defaults --socket="$SOCKET" -uroot shutdown >/dev/null 2>&1 || kill "$SERVER" 2>/dev/null || true
  wait "$SERVER" 2>/dev/null || true
}
trap stop EXIT
for _ in $(seq 1 60); do
  mariadb-admin --no-defaults --socket="$SOCKET" -uroot ping >/dev/null 2>&1 && break
  kill -0 "$SERVER" 2>/dev/null || { echo "mariadbd did not start:"; tail -20 "$DIR/error.log"; exit 1; }
  sleep 0.5
done
mariadb --no-defaults --socket="$SOCKET" -uroot -e "SELECT VERSION()" --batch --skip-column-names \
  | sed 's/^/test-mysql: server /'
# The workbench half of the parametrized suite: the platform-runtime half runs on SQLite in
# the main run (its shims keep block state in memory, so MariaDB would add little but time).
# Two workers, each on its own test database (pytest-django names them per worker): the
# server's work is mostly waiting on the client, so this takes a third of the serial time.
ASN_MYSQL_SOCKET="$SOCKET" "$PY" -m pytest tests/integration --ds=tests.settings_mysql \
  -p no:cacheprovider -q -n 2 -k "not platform" "$@"
